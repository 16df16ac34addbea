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

``python -m newsweave.eval.meantime [DATA_DIR]`` prints the tables in Markdown.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.eval.common import Counts, run_evaluation
from newsweave.model import (
    Actor,
    ActorKind,
    Annotations,
    DateEvidence,
    DateKind,
    Mention,
    Span,
    article_from_text,
)
from newsweave.stages.events.lexicon import BLOCK, TriggerRule, load_lexicon

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "meantime-en"
ANNOTATED_SENTENCES = 6  # title, date line, four body sentences: annotated in full
GOLD_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "PRODUCT", "FINANCE")
TYPE_OF_LABEL = {
    "PERSON": "PERSON",
    "ORG": "ORGANIZATION",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
}
TYPE_OF_KIND = {
    ActorKind.PERSON: "PERSON",
    ActorKind.ORGANISATION: "ORGANIZATION",
    ActorKind.GROUP: "ORGANIZATION",
    ActorKind.OUTLET: "ORGANIZATION",
    ActorKind.COUNTRY: "LOCATION",
    ActorKind.LOCATION: "LOCATION",
}
_POS_CODES = {"VERB": "V", "NOUN": "N"}
_DATE_FORMAT = "%B %d %Y"  # Wikinews date line, tokenised: "March 01 , 2008"

# Detokenisation: which tokens attach to their left or right neighbour.
_CLOSING = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "”", "’", "'"})
_CLITICS = frozenset({"'s", "'re", "'ve", "'ll", "'d", "'m", "n't"})
_NO_SPACE_BEFORE = _CLOSING | _CLITICS
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "¥", "#", "``", "“", "`"})
_QUOTE_FORMS = {"``": '"', "''": '"', "“": '"', "”": '"'}


# --- Gold data --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldMention:
    span: Span
    head: Span
    type: str  # MEANTIME type: PERSON, ORGANIZATION, ... or OTHER / SPEECH_COGNITIVE for events
    lemma: str  # head lemma
    pos: str  # head part of speech (VERB, NOUN, ...)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldDocument:
    key: str  # "corpus_airbus/100911"
    text: str
    date: dt.date | None
    annotated_end: int  # end of the fully annotated part: title and first four body sentences
    entities: tuple[GoldMention, ...]
    events: tuple[GoldMention, ...]


Offsets = list[list[tuple[int, int]]]  # sentence -> token -> (start, end)


def render(sentences: Sequence[Sequence[str]]) -> tuple[str, Offsets]:
    """Text from tokenised sentences and every token's character range in it.

    Sentence 0 (the title) and 1 (the date line) are paragraphs of their own; the body is
    one paragraph, since the parse does not keep paragraph breaks.
    """
    parts: list[str] = []
    offsets: Offsets = []
    length = 0
    for number, tokens in enumerate(sentences):
        if number:
            separator = "\n\n" if number <= 2 else " "
            parts.append(separator)
            length += len(separator)
        sentence_offsets, length = _render_sentence(tokens, parts, length)
        offsets.append(sentence_offsets)
    return "".join(parts), offsets


def _render_sentence(
    tokens: Sequence[str], parts: list[str], length: int
) -> tuple[list[tuple[int, int]], int]:
    offsets: list[tuple[int, int]] = []
    quote_open = False
    attach = True  # no space before the sentence's first token
    for token in tokens:
        form = _QUOTE_FORMS.get(token, token)
        closing = token in _NO_SPACE_BEFORE or (token == '"' and quote_open)
        if not attach and not closing:
            parts.append(" ")
            length += 1
        parts.append(form)
        offsets.append((length, length + len(form)))
        length += len(form)
        if token == '"':
            quote_open = not quote_open
        attach = token in _NO_SPACE_AFTER or (token == '"' and quote_open)
    return offsets, length


def read_tokens(path: Path) -> dict[str, list[list[str]]]:
    """Document key -> sentences -> tokens, from the CoNLL file."""
    documents: dict[str, dict[int, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 4 and not line.startswith("#"):
                    documents[fields[0]][int(fields[1])][int(fields[2])] = fields[3]
    except (OSError, ValueError) as err:
        raise InputError(f"cannot read MEANTIME tokens: {err}", source=str(path)) from err
    return {key: _sentences(key, sents, path) for key, sents in documents.items()}


def _sentences(key: str, sentences: Mapping[int, Mapping[int, str]], path: Path) -> list[list[str]]:
    if sorted(sentences) != list(range(len(sentences))):
        raise InputError(f"sentence ids of {key} are not consecutive", source=str(path))
    if any(sorted(tokens) != list(range(len(tokens))) for tokens in sentences.values()):
        raise InputError(f"token ids of {key} are not consecutive", source=str(path))
    return [[sentences[s][t] for t in range(len(sentences[s]))] for s in range(len(sentences))]


def read_mentions(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Document key -> the gold mention records of one JSON file."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"cannot read MEANTIME mentions: {err}", source=str(path)) from err
    if not isinstance(records, list):
        raise InputError("MEANTIME mention file is not a JSON array", source=str(path))
    by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if not isinstance(record, dict) or "conll_doc_key" not in record:
            raise InputError(f"MEANTIME mention without a document key: {record!r:.80}", source=str(path))
        by_document[str(record["conll_doc_key"])].append(record)
    return by_document


def gold_mention(record: Mapping[str, Any], offsets: Offsets, words: Sequence[str]) -> GoldMention:
    """A gold record as character spans; a discontinuous mention spans first to last token."""
    sentence = offsets[int(record["sent_id"])]
    tokens = [int(t) for t in record["tokens_number"]]
    head = sentence[_head_token(record, tokens, words)]
    return GoldMention(
        span=Span(start=sentence[min(tokens)][0], end=sentence[max(tokens)][1]),
        head=Span(start=head[0], end=head[1]),
        type=str(record["mention_full_type"]),
        lemma=str(record["mention_head_lemma"]).lower(),
        pos=str(record["mention_head_pos"]),
    )


def _head_token(record: Mapping[str, Any], tokens: Sequence[int], words: Sequence[str]) -> int:
    """The head's token id. The parse's ``mention_head_id`` counts tokens of its own
    re-tokenisation ("EADS-led" is three tokens there), so the head word is looked up inside
    the mention: the token equal to it (nearest that id), else one containing it."""
    given = int(record["mention_head_id"])
    head = str(record["mention_head"])
    for found in ([t for t in tokens if words[t] == head], [t for t in tokens if head in words[t]]):
        if found:
            return min(found, key=lambda t: abs(t - given))
    return given if given in tokens else tokens[-1]


def _date_line(tokens: Sequence[str]) -> dt.date | None:
    try:
        return dt.datetime.strptime(" ".join(t for t in tokens if t != ","), _DATE_FORMAT).date()
    except ValueError:
        return None


def load_documents(data_dir: Path = DEFAULT_DATA) -> list[GoldDocument]:
    """Every MEANTIME document with its text and gold entity and event mentions, by key."""
    tokens = read_tokens(data_dir / "meantime.conll")
    entities = read_mentions(data_dir / "entities_mentions.json")
    events = read_mentions(data_dir / "event_mentions.json")
    documents = []
    for key, sentences in sorted(tokens.items()):
        text, offsets = render(sentences)
        try:
            ents = tuple(gold_mention(r, offsets, sentences[r["sent_id"]]) for r in entities.get(key, []))
            evs = tuple(gold_mention(r, offsets, sentences[r["sent_id"]]) for r in events.get(key, []))
        except (IndexError, KeyError, TypeError, ValueError) as err:
            raise InputError(f"gold mention outside document {key}: {err}", source=str(data_dir)) from err
        date = _date_line(sentences[1]) if len(sentences) > 1 else None
        end = offsets[ANNOTATED_SENTENCES - 1][-1][1] if len(offsets) >= ANNOTATED_SENTENCES else len(text)
        documents.append(
            GoldDocument(key=key, text=text, date=date, annotated_end=end, entities=ents, events=evs)
        )
    return documents


# --- Matching and scores ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchScores:
    exact: Counts = field(default_factory=Counts)
    head: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)

    def __add__(self, other: MatchScores) -> MatchScores:
        return MatchScores(self.exact + other.exact, self.head + other.head, self.overlap + other.overlap)


@dataclass(frozen=True, slots=True, kw_only=True)
class LayerScores:
    entities: MatchScores
    entity_types: tuple[tuple[str, MatchScores], ...]  # per gold type
    events: MatchScores
    lexicon_events: Counts  # overlap matches of gold events whose head lemma is in our lexicon


@dataclass(frozen=True, slots=True, kw_only=True)
class MeantimeScores:
    entity_documents: int
    event_documents: int
    failed: tuple[str, ...]  # documents the pipeline could not analyse (their gold still counts)
    annotated: LayerScores  # title and first four body sentences, annotated in full
    whole: LayerScores  # whole documents: later sentences carry only chain mentions


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _one_to_one(predicted: Sequence[Span], gold: Sequence[Span], score: Callable[[Span, Span], int]) -> int:
    """Size of a maximum one-to-one matching of predicted to gold spans (pairs with score > 0).

    Augmenting paths (Kuhn's algorithm), trying each prediction's best-scoring gold first; a
    greedy pass undercounts where mentions nest ("Airbus parent EADS" holds two heads).
    """
    candidates = [_ranked(p, gold, score) for p in predicted]
    owner: dict[int, int] = {}  # gold index -> predicted index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(predicted)))


def _ranked(predicted: Span, gold: Sequence[Span], score: Callable[[Span, Span], int]) -> list[int]:
    scored = [(score(predicted, g), j) for j, g in enumerate(gold)]
    return [j for value, j in sorted(scored, key=lambda pair: (-pair[0], pair[1])) if value > 0]


def _head_score(predicted: Span, head: Span) -> int:
    return len(head) if predicted.start <= head.start and head.end <= predicted.end else 0


def match(predicted: Iterable[Span], gold: Iterable[GoldMention]) -> MatchScores:
    """Exact, head and overlap matches of one document's predicted spans against its gold."""
    preds = sorted(set(predicted), key=lambda s: (s.start, s.end))
    # The same span can sit in two coreference chains; it is one mention.
    unique = list({g.span: g for g in gold}.values())
    spans = [g.span for g in unique]
    heads = [g.head for g in unique]
    n_pred, n_gold = len(preds), len(unique)
    return MatchScores(
        exact=Counts(n_pred, n_gold, len(set(preds) & set(spans))),
        head=Counts(n_pred, n_gold, _one_to_one(preds, heads, _head_score)),
        overlap=Counts(n_pred, n_gold, _one_to_one(preds, spans, _overlap)),
    )


def mention_type(mention: Mention, actors: Mapping[str, Actor]) -> str | None:
    """The MEANTIME type of one of our mentions: by label, else by the actor it resolves to."""
    if mention.label in TYPE_OF_LABEL:
        return TYPE_OF_LABEL[mention.label]
    actor = actors.get(mention.actor_id) if mention.actor_id else None
    return TYPE_OF_KIND.get(actor.kind) if actor else None


def in_lexicon(event: GoldMention, rules: Mapping[str, Sequence[TriggerRule]]) -> bool:
    """Whether our trigger lexicon has a rule for the gold event's head lemma and part of speech."""
    pos = _POS_CODES.get(event.pos)
    return pos is not None and any(
        r.pos in (pos, "*") and r.event != BLOCK for r in rules.get(event.lemma, ())
    )


# --- Running the pipeline ---------------------------------------------------------------


def _analysis(document: GoldDocument) -> Annotations:
    published = DateEvidence(
        value=document.date, kind=DateKind.METADATA, confidence=1.0, evidence="Wikinews date line"
    )
    raw, article = article_from_text(document.text, source=f"meantime:{document.key}", published=published)
    return Annotations(raw=raw, article=article)


def analyse(documents: Sequence[GoldDocument]) -> list[Annotations | None]:
    """Our per-article stages on each document's text, as given; None where a document failed."""
    from newsweave.batch import continue_batch
    from newsweave.code_text import coding_pipeline

    results = continue_batch(coding_pipeline(), [_analysis(d) for d in documents])
    return [r if isinstance(r, Annotations) else None for r in results]


@dataclass(frozen=True, slots=True, kw_only=True)
class Predicted:
    """Our spans for one document: typed entity mentions and event triggers."""

    mentions: tuple[tuple[Span, str | None], ...]
    triggers: tuple[Span, ...]

    @classmethod
    def of(cls, analysis: Annotations | None) -> Predicted:
        if analysis is None:
            return cls(mentions=(), triggers=())
        actors = {a.id: a for a in analysis.actors}
        return cls(
            mentions=tuple((m.span, mention_type(m, actors)) for m in analysis.mentions),
            triggers=tuple(r.trigger for r in analysis.reports),
        )


def score_layers(
    documents: Sequence[GoldDocument], predictions: Sequence[Predicted], *, annotated_only: bool
) -> LayerScores:
    """Entity layers on documents with entity gold, events on those with event gold."""
    rules = load_lexicon().rules
    entities = events = MatchScores()
    types = {t: MatchScores() for t in GOLD_TYPES}
    lexicon = Counts()
    for document, predicted in zip(documents, predictions, strict=True):
        limit = document.annotated_end if annotated_only else len(document.text)
        mentions = [(s, t) for s, t in predicted.mentions if s.start < limit]
        gold = [g for g in document.entities if g.span.start < limit]
        if document.entities:
            entities += match([s for s, _ in mentions], gold)
            for name in GOLD_TYPES:
                typed = match([s for s, t in mentions if t == name], [g for g in gold if g.type == name])
                types[name] += typed
        if document.events:
            triggers = [s for s in predicted.triggers if s.start < limit]
            gold_events = [g for g in document.events if g.span.start < limit]
            events += match(triggers, gold_events)
            lexicon += match(triggers, [g for g in gold_events if in_lexicon(g, rules)]).overlap
    return LayerScores(
        entities=entities, entity_types=tuple(types.items()), events=events, lexicon_events=lexicon
    )


def score(documents: Sequence[GoldDocument], analyses: Sequence[Annotations | None]) -> MeantimeScores:
    predictions = [Predicted.of(a) for a in analyses]
    return MeantimeScores(
        entity_documents=sum(1 for d in documents if d.entities),
        event_documents=sum(1 for d in documents if d.events),
        failed=tuple(d.key for d, a in zip(documents, analyses, strict=True) if a is None),
        annotated=score_layers(documents, predictions, annotated_only=True),
        whole=score_layers(documents, predictions, annotated_only=False),
    )


def score_meantime(data_dir: Path = DEFAULT_DATA) -> MeantimeScores:
    """Score our entity mentions and event triggers on every annotated MEANTIME document."""
    documents = [d for d in load_documents(data_dir) if d.entities or d.events]
    return score(documents, analyse(documents))


# --- Report -----------------------------------------------------------------------------


def _cells(counts: Counts) -> str:
    return f"{counts.precision:.3f} | {counts.recall:.3f} | {counts.f1:.3f}"


def _row(name: str, scores: MatchScores) -> str:
    e = scores.exact
    return (
        f"| {name} | {e.gold} | {e.predicted} | {_cells(scores.exact)} | {_cells(scores.head)} "
        f"| {_cells(scores.overlap)} |"
    )


_HEADER = (
    "| layer | gold | ours | exact P | exact R | exact F1 | head P | head R | head F1 "
    "| overlap P | overlap R | overlap F1 |\n|---|---:|---:" + "|---:" * 9 + "|"
)


def _layer_rows(layers: LayerScores, suffix: str) -> list[str]:
    return [
        _row(f"entities, all types{suffix}", layers.entities),
        *(_row(f"entities: {t}{suffix}", s) for t, s in layers.entity_types),
        _row(f"events (trigger){suffix}", layers.events),
    ]


def render_table(scores: MeantimeScores) -> str:
    lexicon = scores.annotated.lexicon_events
    failed = ", ".join(scores.failed) or "none"
    return "\n".join(
        [
            f"MEANTIME English: entity mentions on {scores.entity_documents} documents, event mentions on "
            f"{scores.event_documents}; documents that failed: {failed}.",
            "",
            _HEADER,
            *_layer_rows(scores.annotated, ""),
            *_layer_rows(scores.whole, " (whole text)"),
            "",
            "Rows without a suffix score the fully annotated part of each document (title and first four "
            "body sentences); whole-text rows also count later sentences, where MEANTIME annotates only "
            "mentions in coreference chains.",
            f"Event recall (overlap) on the {lexicon.gold} annotated-part gold events whose head lemma is in "
            f"our trigger lexicon: {lexicon.recall:.3f}. This copy has no TIMEX3 gold: time expressions are "
            "not scored.",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_DATA, score_meantime, render_table)


if __name__ == "__main__":
    raise SystemExit(main())
