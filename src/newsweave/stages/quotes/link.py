"""Pairing quotation marks with attributions, and turning both into :class:`Quote` records.

A quoted stretch belongs to the attribution whose content it overlaps, else to the
nearest cue in the sentences around it ("…,” Austin said."; "Patel said: “…”"), else,
when it opens a paragraph right after an attributed quote, to that quote's speaker (a
quote continued over paragraphs). What is left is unattributed; if it is one or two
words it is a scare quote, not a quote.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsweave.model import Actor, Mention, Quote, Source, Span
from newsweave.stages.quotes.attribution import Attribution, attributions
from newsweave.stages.quotes.marks import QuoteMark, paragraphs, quote_marks
from newsweave.stages.quotes.sources import (
    MentionIndex,
    Phrase,
    actor_of,
    document_owner,
    name_as_written,
    phrase_span,
    source_kind,
)

# A content this much covered by quotation marks is a direct quote, not a paraphrase.
DIRECT_COVERAGE = 0.8
SCARE_WORDS = 2
# How far back a pronoun speaker ("she said") may find the quote it continues.
PRONOUN_REACH = 1500
PERSON_PRONOUNS = frozenset({"he", "she"})
THING_PRONOUNS = frozenset({"it"})


@dataclass(slots=True)
class _Pairing:
    """Which attribution each mark belongs to (index into the attribution list, or None)."""

    owner: list[int | None]
    continued: dict[int, int] = field(default_factory=dict)  # mark -> mark it continues


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _inside(marks: Sequence[QuoteMark], starts: Sequence[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and marks[i].span.start <= pos < marks[i].span.end


class _Sentences:
    """Attributions grouped by sentence, with lookups by character position."""

    def __init__(self, doc: Doc, found: Sequence[Attribution]) -> None:
        self.spans = [Span(start=s.start_char, end=s.end_char) for s in doc.sents] if len(doc) else []
        self.starts = [s.start for s in self.spans]
        self.by_sentence: dict[int, list[int]] = defaultdict(list)
        for i, att in enumerate(found):
            self.by_sentence[att.sentence.start].append(i)

    def around(self, start: int, end: int) -> list[int]:
        """Attributions in the sentences overlapping ``[start, end)``."""
        lo = max(0, bisect.bisect_right(self.starts, start) - 1)
        hi = bisect.bisect_left(self.starts, end)
        return [i for s in self.spans[lo : hi + 1] for i in self.by_sentence.get(s.start, [])]


def _candidates(text: str, mark: QuoteMark, sentences: _Sentences) -> list[int]:
    found = sentences.around(mark.outer.start, mark.outer.end)
    after = text[mark.outer.end : mark.outer.end + 2].lstrip()
    if mark.text.endswith(",") or after[:1] == "," or after[:1].islower():
        # "“…,” Austin said": the parser may have put the cue in a sentence of its own.
        found += sentences.around(mark.outer.end, mark.outer.end + 1)
    before = text[: mark.outer.start].rstrip()
    if before.endswith(":"):
        # "X said in a statement:" then the quote, often in the next paragraph.
        found += sentences.around(len(before) - 1, len(before))
    return found


def _rank(mark: QuoteMark, att: Attribution) -> tuple[int, int, int, int]:
    overlap = _overlap(mark.span, att.content) if att.content else 0
    if att.cue.start >= mark.outer.end:
        distance = att.cue.start - mark.outer.end
    else:
        distance = max(0, mark.outer.start - att.cue.end)
    size = len(att.content) if att.content else 0
    # Content overlap first (innermost content on ties), then a named speaker, then nearness.
    return (-overlap, size if overlap else 0, 0 if att.chain else 1, distance)


def _pair(
    text: str, marks: Sequence[QuoteMark], found: Sequence[Attribution], sentences: _Sentences
) -> _Pairing:
    pairing = _Pairing(owner=[None] * len(marks))
    paras = [p.start for p in paragraphs(text)]
    for m, mark in enumerate(marks):
        options = sorted(set(_candidates(text, mark, sentences)), key=lambda i: _rank(mark, found[i]))
        if options and mark.words <= SCARE_WORDS and _rank(mark, found[options[0]])[0] == 0:
            # A word or two in quotes merely near a cue is a title or a scare quote
            # ("the song “American Skin”"), unless it is part of what was said.
            options = []
        if options:
            pairing.owner[m] = options[0]
            continue
        previous = m - 1
        if previous >= 0 and mark.words > SCARE_WORDS and _continues(text, paras, marks[previous], mark):
            pairing.continued[m] = previous
    return pairing


def _continues(text: str, paras: Sequence[int], before: QuoteMark, mark: QuoteMark) -> bool:
    """``mark`` opens the paragraph right after the one where ``before`` ends."""
    here = bisect.bisect_right(paras, mark.outer.start) - 1
    if here <= 0 or text[paras[here] : mark.outer.start].strip():
        return False
    return bisect.bisect_right(paras, max(before.outer.end - 1, 0)) - 1 == here - 1


class _Builder:
    """Turns attributions into quotes: chains of sources, speakers, kinds."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], actors: Mapping[str, Actor]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.index = MentionIndex(mentions)
        self.actors = actors
        self.recent: list[Quote] = []

    def sources(self, chain: Sequence[Phrase]) -> tuple[Source, ...]:
        links = list(chain)
        if links and (owner := document_owner(self.doc, links[-1])) is not None:
            links.append(owner)
        return tuple(self._source(ph) for ph in links)

    def _source(self, ph: Phrase) -> Source:
        actor = actor_of(self.doc, ph, self.index, self.actors)
        return Source(
            name=self.doc[ph.start : ph.end].text,
            span=phrase_span(self.doc, ph),
            actor_id=actor.id if actor else None,
            kind=source_kind(self.doc, ph, actor),
        )

    def speaker(self, via: tuple[Source, ...], chain: Sequence[Phrase], at: int) -> str | None:
        if not via:
            return None
        last = via[-1]
        if last.actor_id:
            return last.actor_id
        ph = chain[-1] if len(via) == len(chain) else None
        head = self.doc[ph.head] if ph else None
        if head is not None and head.pos_ == "PRON":
            return self._antecedent(head.lower_, at)
        return name_as_written(self.doc, ph) if ph else last.name

    def _antecedent(self, pronoun: str, at: int) -> str | None:
        """The speaker of the nearest earlier quote a pronoun can refer to ("…,” she said)."""
        wanted = {"person"} if pronoun in PERSON_PRONOUNS else set()
        if pronoun in THING_PRONOUNS:
            wanted = {"organisation", "outlet", "document", "source"}
        for quote in reversed(self.recent):
            if at - quote.span.end > PRONOUN_REACH:
                break
            named = quote.speaker_text and quote.speaker_text.lower() not in PERSON_PRONOUNS | THING_PRONOUNS
            if named and quote.speaker and quote.via and (not wanted or quote.via[-1].kind in wanted):
                return quote.speaker
        return pronoun

    def quote(self, span: Span, kind: str, att: Attribution | None, prefix: Sequence[Phrase] = ()) -> Quote:
        text = self.text
        if att is None:
            made = Quote(span=span, text=span.of(text), kind=kind, speaker=None)
        else:
            chain = [*prefix, *att.chain]
            via = self.sources(chain)
            speaker_ph = att.chain[-1] if att.chain else None
            made = Quote(
                span=span,
                text=span.of(text),
                kind=kind,
                speaker=self.speaker(via, chain, span.start),
                speaker_text=via[-1].name if via else None,
                speaker_span=phrase_span(self.doc, speaker_ph) if speaker_ph else None,
                cue=att.cue_text,
                cue_span=att.cue,
                via=via,
            )
        self.recent.append(made)
        return made


def _coverage(text: str, content: Span, marks: Sequence[QuoteMark]) -> float:
    covered = [False] * len(content)
    for mark in marks:
        for pos in range(max(mark.span.start, content.start), min(mark.span.end, content.end)):
            covered[pos - content.start] = True
    letters = [covered[i] for i, ch in enumerate(content.of(text)) if ch.isalnum()]
    return sum(letters) / len(letters) if letters else 0.0


def _marks_within(starts: Sequence[int], marks: Sequence[QuoteMark], span: Span) -> range:
    """Indices of the marks overlapping ``span`` (marks are sorted and do not overlap)."""
    lo = max(0, bisect.bisect_right(starts, span.start) - 1)
    hi = bisect.bisect_left(starts, span.end)
    return range(lo, hi) if lo < len(marks) and _overlap(marks[lo].span, span) else range(lo + 1, hi)


def _containers(found: Sequence[Attribution], sentences: _Sentences) -> list[list[Phrase]]:
    """For each attribution, the chains of the attributions whose content holds its cue
    ("Biden reaffirmed that …, according to the readout": the readout relays Biden)."""
    prefixes: list[list[Phrase]] = []
    for att in found:
        outer = [
            found[j]
            for j in sentences.by_sentence.get(att.sentence.start, [])
            if found[j] is not att and found[j].content and _overlap(found[j].content, att.cue)  # type: ignore[arg-type]
        ]
        outer.sort(key=lambda a: -len(a.content) if a.content else 0)
        chain = [ph for a in outer for ph in a.chain]
        prefixes.append([ph for i, ph in enumerate(chain) if ph not in chain[:i] and ph not in att.chain])
    return prefixes


def build_quotes(
    doc: Doc, mentions: Sequence[Mention] = (), actors: Mapping[str, Actor] | None = None
) -> tuple[list[Quote], list[QuoteMark]]:
    """Quotes of ``doc`` in text order, and the scare quotes left over."""
    text = doc.text
    marks = quote_marks(text)
    starts = [m.span.start for m in marks]
    found = [a for a in attributions(doc) if not _inside(marks, starts, a.cue.start)]
    sentences = _Sentences(doc, found)
    pairing = _pair(text, marks, found, sentences)
    prefixes = _containers(found, sentences)
    builder = _Builder(doc, mentions, actors or {})

    owned: dict[int, list[int]] = defaultdict(list)
    for m, owner in enumerate(pairing.owner):
        if owner is not None:
            owned[owner].append(m)
    pending: list[_Pending] = []
    absorbed: set[int] = set()
    for a, att in enumerate(found):
        if att.content is None:
            continue
        mine = owned.get(a, [])
        near = [marks[m] for m in _marks_within(starts, marks, att.content)]
        coverage = _coverage(text, att.content, near)
        if coverage >= DIRECT_COVERAGE and mine:
            continue
        absorbed.update(m for m in mine if 2 * _overlap(att.content, marks[m].span) >= len(marks[m].span))
        pending.append(
            _Pending(span=att.content, kind="mixed" if coverage > 0 else "indirect", attribution=a)
        )

    scare: list[QuoteMark] = []
    for m, mark in enumerate(marks):
        owner = pairing.owner[m]
        if m in absorbed:
            continue
        if owner is None and m in pairing.continued:
            pending.append(_Pending(span=mark.span, kind="direct", continues=pairing.continued[m]))
        elif owner is None and mark.words <= SCARE_WORDS:
            scare.append(mark)
        else:
            pending.append(_Pending(span=mark.span, kind="direct", attribution=owner))
    return _made(builder, pending, found, prefixes, marks), scare


@dataclass(frozen=True, slots=True, kw_only=True)
class _Pending:
    """A quote to make: its content, kind, and the attribution or quote it takes its speaker from."""

    span: Span
    kind: str
    attribution: int | None = None
    continues: int | None = None  # index of the mark this one continues


def _made(
    builder: _Builder,
    pending: Sequence[_Pending],
    found: Sequence[Attribution],
    prefixes: Sequence[Sequence[Phrase]],
    marks: Sequence[QuoteMark],
) -> list[Quote]:
    quotes: list[Quote] = []
    mark_at = {mark.span: m for m, mark in enumerate(marks)}
    by_mark: dict[int, Quote] = {}
    for item in sorted(pending, key=lambda p: (p.span.start, p.span.end)):
        earlier = by_mark.get(item.continues) if item.continues is not None else None
        if earlier is not None:
            # A quote continued over paragraphs keeps the speaker of its first part.
            made = _continued(earlier, item.span, builder.text)
            builder.recent.append(made)
        else:
            a = item.attribution
            att = found[a] if a is not None else None
            made = builder.quote(item.span, item.kind, att, prefixes[a] if a is not None else ())
        quotes.append(made)
        if item.span in mark_at:
            by_mark[mark_at[item.span]] = made
    return quotes


def _continued(source: Quote, span: Span, text: str) -> Quote:
    return Quote(
        span=span,
        text=span.of(text),
        kind="direct",
        speaker=source.speaker,
        speaker_text=source.speaker_text,
        speaker_span=source.speaker_span,
        cue=source.cue,
        cue_span=source.cue_span,
        via=source.via,
    )
