"""Entity and event mentions on MEANTIME English (Minard et al., LREC 2016).

The copy in ``../shared/eval/meantime-en`` is the Diverse_CDCR_datasets parse: tokens in
``meantime.conll`` (document, sentence, token id, token) and gold mentions in
``entities_mentions.json`` / ``event_mentions.json`` (sentence id, token ids, head token,
type). Each document's text is rebuilt from its tokens — title, date line and body as three
paragraphs, spaces where English puts them — keeping every token's character offsets, so
gold token spans become character spans into the text we analyse. The text is coded as
given (no cleaning) by ``newsweave.code_text.coding_pipeline()``; the Wikinews date line
("March 01 , 2008") is the publication date.

Scoring, per document, summed over the corpus:

* **exact**: the predicted span equals the gold span;
* **head**: the predicted span contains the gold head token;
* **overlap**: the spans share at least one character.

Head and overlap matching are one-to-one (a maximum matching), so a prediction never
counts for two gold mentions. Precision is matched predictions over predictions,
recall matched gold over gold. Discontinuous gold mentions (7 entity, 4 event) are scored
as the range from their first to their last token.

Gold entity types map to our labels as in ``TYPE_OF_LABEL``: PERSON <- PERSON,
ORGANIZATION <- ORG, LOCATION <- GPE/LOC/FAC. Pronoun, title and nominal mentions take the
type of the actor they resolve to (``TYPE_OF_KIND``). We do not extract PRODUCT or FINANCE
mentions (nor NORP as a type: MEANTIME has no nationality class), so those gold types get
recall 0 and count against overall recall.

Events: our reports' trigger spans against gold event mentions. Our event stage codes
political events only, while MEANTIME annotates every event, so recall is low; this copy
also holds event mentions for only 60 of the 120 documents (455 in all), so precision is
a low bound too. We also report recall on the gold events whose head lemma (verb or noun)
has a trigger rule in our lexicon. This copy has no TIMEX3 gold, so time expressions are
not scored.

MEANTIME annotates the title and the first sentences of each article in full (here: the
first six sentences, the date line included) and later sentences only for mentions in
coreference chains, so the main scores count gold and predictions in that part only; the
whole-text scores are given beside them. Scored documents: those with at least one gold
mention of the layer (entities: 106, events: 60), so unannotated documents do not count
our mentions as false positives.

The evaluation is a package: :mod:`.gold` reads the labelled set, :mod:`.predictions` runs our
stages on it, :mod:`.scoring` matches and counts, :mod:`.report` prints the tables, and
:func:`main` (``python -m newsweave.eval.meantime [DATA_DIR]``, ``newsweave eval meantime``) ties
them together.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.eval.common import run_evaluation
from newsweave.eval.meantime.gold import DEFAULT_DATA
from newsweave.eval.meantime.report import render_table
from newsweave.eval.meantime.scoring import score_meantime


def main(argv: Sequence[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_DATA, score_meantime, render_table)
