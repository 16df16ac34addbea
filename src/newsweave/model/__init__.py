"""The data model: frozen, slotted, keyword-only records, one namespace (``newsweave.model.X``).

Every span is a half-open ``[start, end)`` character range into ``Article.text``.
Records are written and read by :mod:`newsweave.codec`, from their type hints; the few JSON names
the export contract fixes otherwise are in the fields' metadata (``codec.json(...)``).

The records live in modules by what they hold, and every public name is re-exported here:

- :mod:`~newsweave.model.article`: the raw document, the cleaned article, its outlet, publication
  date and edits, and the span;
- :mod:`~newsweave.model.items`: actors, mentions, descriptors, time expressions and quotes;
- :mod:`~newsweave.model.events`: event reports, their modality and attributes, and events;
- :mod:`~newsweave.model.annotations`: the per-article carrier, ``Annotations``;
- :mod:`~newsweave.model.corpus`: copies, stories, disagreements, framing, the timeline, briefings
  and the corpus carrier, ``CorpusState``;
- :mod:`~newsweave.model.ids`: content hashes, article ids and event report ids.
"""

from newsweave.model.annotations import Annotations
from newsweave.model.article import (
    UNKNOWN_DATE,
    UNKNOWN_OUTLET,
    Article,
    Container,
    DateEvidence,
    DateKind,
    EditKind,
    InputFormat,
    OutletEvidence,
    RawDocument,
    Removal,
    Repair,
    Span,
    article_from_text,
)
from newsweave.model.corpus import (
    Briefing,
    BriefingSentence,
    Citation,
    ClaimStance,
    Copy,
    CorpusState,
    DatedArticle,
    Disagreement,
    Framing,
    FramingDescriptor,
    Story,
    TimelineEntry,
    Variant,
)
from newsweave.model.events import (
    FUTURE_MODALITIES,
    Event,
    EventReport,
    Modality,
    attributes_from_json,
    attributes_to_json,
)
from newsweave.model.ids import article_id_for, content_hash, event_report_id, report_article_id
from newsweave.model.items import (
    Actor,
    ActorKind,
    Descriptor,
    Mention,
    MentionKind,
    Precision,
    Quote,
    Role,
    Source,
    TimeExpr,
)

__all__ = [
    "FUTURE_MODALITIES",
    "UNKNOWN_DATE",
    "UNKNOWN_OUTLET",
    "Actor",
    "ActorKind",
    "Annotations",
    "Article",
    "Briefing",
    "BriefingSentence",
    "Citation",
    "ClaimStance",
    "Container",
    "Copy",
    "CorpusState",
    "DateEvidence",
    "DateKind",
    "DatedArticle",
    "Descriptor",
    "Disagreement",
    "EditKind",
    "Event",
    "EventReport",
    "Framing",
    "FramingDescriptor",
    "InputFormat",
    "Mention",
    "MentionKind",
    "Modality",
    "OutletEvidence",
    "Precision",
    "Quote",
    "RawDocument",
    "Removal",
    "Repair",
    "Role",
    "Source",
    "Span",
    "Story",
    "TimeExpr",
    "TimelineEntry",
    "Variant",
    "article_from_text",
    "article_id_for",
    "attributes_from_json",
    "attributes_to_json",
    "content_hash",
    "event_report_id",
    "report_article_id",
]
