"""The per-article carrier, :class:`Annotations`: what the per-article stages pass from stage to
stage, and what the store keeps beside each article."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from newsweave import codec
from newsweave.errors import PipelineError
from newsweave.model.article import Article, RawDocument
from newsweave.model.events import EventReport
from newsweave.model.items import Actor, Descriptor, Mention, Quote, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotations:
    """Everything the per-article stages found in one article: what they pass from stage to stage,
    and (without the working state at the end) what is stored beside the article.

    A stage reads and writes these fields by name (``pipeline.stage(reads=..., writes=...)``). A
    new kind of item is one new field here: the store, the JSON export and the app's JSON carry it
    through :mod:`newsweave.codec` without further code.
    """

    # "" until the clean stage has built the article (then its id)
    article_id: str = field(default="", metadata=codec.json(name="article_id"))
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    descriptors: tuple[Descriptor, ...] = ()
    timexes: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()
    reports: tuple[EventReport, ...] = ()
    stages: tuple[str, ...] = ()  # the pipeline that produced them
    version: str = ""  # newsweave version that produced them
    # The pipeline's working state: never stored, sent between processes without ``doc``, and not
    # part of equality (two records of one article's findings are equal whatever they were built from).
    raw: RawDocument | None = field(default=None, compare=False, metadata=codec.json(skip=True))
    article: Article | None = field(default=None, compare=False, metadata=codec.json(skip=True))
    # Metadata found while cleaning (raw.hints plus what HTML extraction read from the page:
    # title, author, date, sitename, url): evidence for the metadata stage.
    meta_hints: tuple[tuple[str, str], ...] = field(default=(), compare=False, metadata=codec.json(skip=True))
    # The spaCy parse of article.text (a ``spacy.tokens.Doc``; typed Any so the model needs no spaCy).
    doc: Any = field(default=None, compare=False, repr=False, metadata=codec.json(skip=True))

    def __post_init__(self) -> None:
        if not self.article_id and self.article is not None:
            object.__setattr__(self, "article_id", self.article.id)

    def require_raw(self) -> RawDocument:
        if self.raw is None:
            raise PipelineError("stage needs the raw document, but this analysis began from an article")
        return self.raw

    def require_article(self) -> Article:
        if self.article is None:
            raise PipelineError("stage needs an article but none was built; is 'clean' first?")
        return self.article

    def require_doc(self) -> Doc:
        if self.doc is None:
            raise PipelineError("stage needs a parse but none was made; is 'nlp' before it?")
        doc: Doc = self.doc
        return doc

    def findings(self, stages: tuple[str, ...], version: str) -> Annotations:
        """What is stored: the findings, named by the pipeline and version that made them."""
        return replace(self, stages=stages, version=version, raw=None, article=None, meta_hints=(), doc=None)
