"""The publication date of an article, with its evidence and a confidence.

Evidence, strongest first: a "Published: ..." line in the page (STATED), the publisher's
metadata (METADATA; lower when the container says it is a scrape time), a dated dateline
(DATELINE). A page-header date or a crawl date is never a publication date, only an upper
bound. With no stated date, the date is ESTIMATED from the absolute dates the text reports
as past; with nothing to support an estimate it stays UNKNOWN, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsweave.model import Article, DateEvidence, DateKind, EditKind
from newsweave.stages.meta.dates import DateMention, find_mentions, parse_date, resolve_all
from newsweave.stages.meta.furniture import dateline_texts, page_date_lines, published_lines

PUBLISHED_HINTS = frozenset(
    {"published", "publish_date", "date_published", "published_time", "published_at", "pubdate", "date"}
)
CRAWL_HINTS = frozenset({"crawled", "fetched", "fetched_at", "warc_date", "retrieved", "search_time"})
NOTE_HINT = "published_note"

METADATA_CONFIDENCE = 0.9
SCRAPE_TIME_CONFIDENCE = 0.6
STATED_CONFIDENCE = 0.95
DATELINE_CONFIDENCE = 0.8
ESTIMATE_CONFIDENCE = 0.5
ESTIMATE_SPAN = dt.timedelta(days=3)  # an article reports events of the last few days
CLUSTER = dt.timedelta(days=7)

_PUBLISHED_PREFIX = re.compile(r"^\s*(?:published|posted|first published)\b\s*(?:on)?\s*:?\s*", re.IGNORECASE)
# Texts published alongside the body that may date past events too (captions, the title).
_MENTION_REMOVALS = frozenset({EditKind.PHOTO, EditKind.TITLE, EditKind.DUPLICATE})


@dataclass(frozen=True, slots=True)
class _Bound:
    """A date the article cannot be later than (page header, crawl), and where it came from."""

    date: dt.date
    what: str


def _hint_values(hints: Sequence[tuple[str, str]], names: frozenset[str]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in hints if k.casefold() in names and v.strip()]


def _is_scrape_time(hints: Sequence[tuple[str, str]]) -> bool:
    notes = " ".join(v for k, v in hints if k == NOTE_HINT).casefold()
    return "scrape" in notes or "crawl" in notes


def _from_metadata(hints: Sequence[tuple[str, str]]) -> list[DateEvidence]:
    scraped = _is_scrape_time(hints)
    found = []
    for key, value in _hint_values(hints, PUBLISHED_HINTS):
        date = parse_date(value)
        if date is None:
            continue
        note = "container date is the scrape time, not the publisher's" if scraped else ""
        confidence = SCRAPE_TIME_CONFIDENCE if scraped else METADATA_CONFIDENCE
        found.append(
            DateEvidence(
                value=date,
                kind=DateKind.METADATA,
                confidence=confidence,
                evidence=f"{key}: {value}",
                note=note,
            )
        )
    return found


def _from_published_lines(article: Article) -> list[DateEvidence]:
    found = []
    for line in published_lines(article):
        date = parse_date(_PUBLISHED_PREFIX.sub("", line))
        if date is not None:
            found.append(
                DateEvidence(value=date, kind=DateKind.STATED, confidence=STATED_CONFIDENCE, evidence=line)
            )
    return found


def _from_dateline(article: Article) -> list[DateEvidence]:
    found = []
    for line in dateline_texts(article):
        for mention in find_mentions(line):
            if mention.date is not None:
                found.append(
                    DateEvidence(
                        value=mention.date,
                        kind=DateKind.DATELINE,
                        confidence=DATELINE_CONFIDENCE,
                        evidence=line.strip(),
                    )
                )
    return found


def _upper_bounds(article: Article, hints: Sequence[tuple[str, str]]) -> list[_Bound]:
    bounds = []
    for line in page_date_lines(article):
        if (date := parse_date(line)) is not None:
            bounds.append(_Bound(date, "page header date"))
    for _key, value in _hint_values(hints, CRAWL_HINTS):
        if (date := parse_date(value)) is not None:
            bounds.append(_Bound(date, "crawl date"))
    return bounds


def _ignored_note(bounds: Iterable[_Bound]) -> list[str]:
    return [f"{b.what} {b.date.isoformat()} ignored: page/crawl date, not a publication date" for b in bounds]


def _past_mentions(article: Article, anchors: Sequence[dt.date]) -> list[DateMention]:
    mentions = find_mentions(article.text)
    for removal in article.removed:
        if removal.kind in _MENTION_REMOVALS:
            mentions += find_mentions(removal.text)
    return [m for m in resolve_all(mentions, anchors) if m.date is not None and not m.future]


def estimate(article: Article, bounds: Sequence[_Bound] = ()) -> DateEvidence:
    """Estimate from the latest past date the text mentions, if other mentions corroborate it.

    An article is published no earlier than the latest past event it reports; it usually
    reports events of the last few days. A lone dated mention is only a lower bound.
    """
    ceiling = min((b.date for b in bounds), default=None)
    past = _past_mentions(article, [b.date for b in bounds])
    dates = sorted(m.date for m in past if m.date is not None and (ceiling is None or m.date <= ceiling))
    if not dates:
        return DateEvidence(
            value=None,
            kind=DateKind.UNKNOWN,
            confidence=0.0,
            note="no absolute date of a past event in the text",
        )
    latest_event = dates[-1]
    cluster = [d for d in dates if latest_event - d <= CLUSTER]
    supporting = sorted(
        (m.date, m.text) for m in past if m.date is not None and latest_event - m.date <= CLUSTER
    )
    evidence = ", ".join(dict.fromkeys(text for _date, text in supporting))
    if len(cluster) < 2:
        return DateEvidence(
            value=None,
            kind=DateKind.UNKNOWN,
            confidence=0.0,
            evidence=evidence,
            note=f"one dated mention ({latest_event.isoformat()}) gives only a lower bound",
            earliest=latest_event,
        )
    latest = latest_event + ESTIMATE_SPAN
    if ceiling is not None:
        latest = min(latest, ceiling)
    return DateEvidence(
        value=latest_event,
        kind=DateKind.ESTIMATED,
        confidence=ESTIMATE_CONFIDENCE,
        evidence=evidence,
        note=f"latest of {len(dates)} mentions of past dates in the text",
        earliest=latest_event,
        latest=latest,
    )


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def published_date(article: Article, hints: Sequence[tuple[str, str]] = ()) -> DateEvidence:
    """The publication date of ``article``, from its removals, text and metadata ``hints``."""
    bounds = _upper_bounds(article, hints)
    ceiling = min((b.date for b in bounds), default=None)
    notes = _ignored_note(bounds)
    candidates = []
    for candidate in [*_from_published_lines(article), *_from_metadata(hints), *_from_dateline(article)]:
        if ceiling is not None and candidate.value is not None and candidate.value > ceiling:
            notes.append(
                f"{candidate.kind} date {candidate.value.isoformat()} rejected: later than {ceiling}"
            )
        else:
            candidates.append(candidate)
    if not candidates:
        found = estimate(article, bounds)
        return replace(found, note=_join(found.note, *notes))
    best = max(candidates, key=lambda c: c.confidence)
    disagreeing = sorted({str(c.value) for c in candidates if c.value != best.value})
    if disagreeing:
        notes.append(f"other evidence gives {', '.join(disagreeing)}")
    return replace(best, note=_join(best.note, *notes))
