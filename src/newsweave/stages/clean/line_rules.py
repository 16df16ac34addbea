"""The line classifiers of text-level boilerplate: one narrow pattern per kind of page furniture.

Each ``is_...`` function takes one line, stripped, and says whether it is that kind of furniture
("Linkedin Pinterest", "Loading...", "Tags", "News / Politics", "France24/AFP") or, for
:func:`is_prose` and :func:`is_headline`, a body paragraph or a headline. The rule tables say where
in the text each classifier holds: anywhere, only in the header (before the first body paragraph) or
only in the tail (after the last); :mod:`~newsweave.stages.clean.boilerplate` applies them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsweave.model import EditKind
from newsweave.stages.clean.inline_markup import MARKUP

LineRule = Callable[[str], bool]

_MAX_TITLE_WORDS = 30  # some outlets' headlines are whole clauses (seed 000: 22 words)
_MAX_TITLE_CHARS = 220
_PROSE_WORDS = 25  # a line this long is prose even without final punctuation
_MIN_TITLE_WORDS = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- patterns --------------------------------------------------------------------------

_SHARE_WORDS = _words(
    "share sharing facebook twitter email e-mail linkedin pinterest whatsapp reddit tweet flipboard "
    "telegram messenger tumblr threads bluesky mastodon print copy link copied sms save comments "
    "comment x this article story on"
)
_STRONG_SHARE_WORDS = _words(
    "share facebook twitter email e-mail linkedin pinterest whatsapp reddit tweet flipboard telegram"
)
_SHARE_SPLIT = re.compile(r"[\s|·•,/]+")

_LOADING = re.compile(
    r"(?:loading(?:\.{3}|…)?|advertisement|ad feedback|scroll to continue|"
    r"story continues below(?: this)?(?: advertisement)?|continue reading(?: below)?)",
    re.IGNORECASE,
)
_TAGS = re.compile(r"(?:tags|topics|related topics)(?:\s*:(?:\s+[^.!?]{1,300})?)?", re.IGNORECASE)
_PHOTO_COUNT = re.compile(r"\d{1,3}\s+(?:photos?|images?|pictures?|videos?)", re.IGNORECASE)
_GALLERY = re.compile(
    r"(?:photo|image|video)\s+gallery|(?:view|open|see)\s+(?:the\s+)?(?:photo\s+)?gallery", re.I
)
CAPTION_CREDIT = re.compile(
    r"(?:\((?:AP|AFP|EPA|Reuters|Getty)\b[^()]{0,12}\bPhoto\b[^()]{0,80}\)"
    r"|\((?:Photo|Image|Credit)s?:[^()]{1,80}\)"
    r"|\bPhoto(?:graph)?s?\s+(?:by|courtesy\s+of)\s+\S.{0,100}"
    r"|\bvia Getty Images\.?)"
    r"(?:\s*\([^()]{1,80}\))*(?:\s*Photo Gallery)?$"
)
_GLUED_GALLERY = re.compile(r"\S\s+Photo Gallery$")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?"
_TIME = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}|\d{{1,2}}\s+{_MONTH}\s*,?\s*\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_DATE_ONLY = re.compile(rf"(?:{_WEEKDAY},?\s+)?{_DATE}(?:\s*[,|]?\s*(?:at\s+)?{_TIME})?", re.IGNORECASE)
_PUBLISHED = re.compile(r"(?:first\s+)?(?:published|posted)(?:\s+on)?\s*:?\s+\S.{0,70}", re.IGNORECASE)
_UPDATED = re.compile(r"(?:last\s+)?(?:updated|modified)(?:\s+on)?\s*:?\s+\S.{0,70}", re.IGNORECASE)
_HAS_DATE_WORD = re.compile(rf"\d|\b{_MONTH}", re.IGNORECASE)

BYLINE = re.compile(r"[Bb][Yy]\s+(?P<name>\S.{0,120})")
_BYLINE_CONNECTORS = _words("and of the for in de da del van von der bin al el la le y e &")

_CRUMB_PART = r"[A-Z][\w&'’.-]*(?:\s[A-Za-z&][\w&'’.-]*){0,2}"
_CRUMBS = re.compile(
    rf"{_CRUMB_PART}(?:\s+[/>»›|]\s+{_CRUMB_PART}){{1,4}}|{_CRUMB_PART}(?:\s*[>»›]\s*{_CRUMB_PART}){{1,4}}"
)
_WIRES = (
    r"(?:AFP|AP|Reuters|dpa|DPA|ANI|PTI|IANS|Xinhua|EFE|ANSA|TASS|UPI|Bloomberg|"
    r"Associated Press|Agence France-Presse|Agence France Presse)"
)
_CREDIT = re.compile(
    rf"[(—–-]*\s*{_WIRES}\s*\)?|{_CRUMB_PART}(?:\s?/\s?{_CRUMB_PART}){{1,3}}|(?:[—–-]\s*|with\s+){_WIRES}.{{0,20}}"
)

_WIRE = re.compile(rf"(?<![^\W_]){_WIRES}(?![^\W_])")

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|St|Mr|Mrs|Ms|Dr|Co|Inc|Ltd|Corp)\.)$")


# --- line classifiers ------------------------------------------------------------------


def is_markup_only(line: str) -> bool:
    """Nothing but HTML tags (a tracking pixel, an embed)."""
    return bool(line) and not MARKUP.sub("", line).strip()


def is_share_line(line: str) -> bool:
    """Share buttons: "Share:", "Linkedin Pinterest", "Facebook Twitter Email"."""
    words = [w.strip(":").casefold() for w in _SHARE_SPLIT.split(line) if w.strip(":")]
    return (
        bool(words) and all(w in _SHARE_WORDS for w in words) and any(w in _STRONG_SHARE_WORDS for w in words)
    )


def is_loading_line(line: str) -> bool:
    """Placeholders of scripts and ads: "Loading...", "Advertisement"."""
    return bool(_LOADING.fullmatch(line))


def is_tags_line(line: str) -> bool:
    """A tag list heading or list: "Tags", "Topics: Iran, Israel"."""
    return bool(_TAGS.fullmatch(line))


def is_photo_line(line: str) -> bool:
    """Photo counts, gallery links and captions ending in a photo credit."""
    return bool(
        _PHOTO_COUNT.fullmatch(line)
        or _GALLERY.fullmatch(line)
        or CAPTION_CREDIT.search(line)
        or (_GLUED_GALLERY.search(line) and len(line.split()) >= 5)
    )


def is_date_only(line: str) -> bool:
    """A line that is only a date: "Wednesday, November 13 , 2024"."""
    return bool(_DATE_ONLY.fullmatch(line))


def is_published_line(line: str) -> bool:
    """ "Published: July 31, 2024, 4:31pm"."""
    return bool(_PUBLISHED.fullmatch(line)) and bool(_HAS_DATE_WORD.search(line))


def is_updated_line(line: str) -> bool:
    """ "Updated 3:04 PM EDT, July 31, 2024": a revision time, not the publication date."""
    return bool(_UPDATED.fullmatch(line)) and bool(_HAS_DATE_WORD.search(line))


def is_byline(line: str) -> bool:
    """ "By ELLEN KNICKMEYER, Associated Press", "by Joshua Marks" (not "By the time ...")."""
    match = BYLINE.fullmatch(line)
    if not match or (_SENTENCE_END.search(line) and not _ABBREVIATION_END.search(line)):
        return False
    words = [w.strip(",;()") for w in match.group("name").split()]
    return 0 < len(words) <= 12 and all(
        w[:1].isupper() or w.casefold() in _BYLINE_CONNECTORS for w in words if w
    )


def is_crumbs(line: str) -> bool:
    """Section breadcrumbs: "News / Politics", "Home > World > Middle East"."""
    return bool(_CRUMBS.fullmatch(line))


def is_credit_line(line: str) -> bool:
    """A trailing source credit: "France24/AFP", "(AFP)", "— Reuters"."""
    return bool(_CREDIT.fullmatch(line)) and len(line) <= 60 and bool(_WIRE.search(line))


def is_prose(line: str) -> bool:
    """A body paragraph: a line of at least four words ending like a sentence, or a long line."""
    words = len(line.split())
    return words >= _PROSE_WORDS or (words >= 4 and ends_sentence(line))


def ends_sentence(line: str) -> bool:
    """Final punctuation that closes a sentence ("U.S." at the end of a headline does not)."""
    bare = line.rstrip("\"'”’)]")
    return bool(_SENTENCE_END.search(line)) and not _ABBREVIATION_END.search(bare)


def is_headline(line: str) -> bool:
    """Short, starting with a capital, with some lowercase words, and not ending like a sentence."""
    first = line[:1]
    words = line.split()
    return (
        len(line) <= _MAX_TITLE_CHARS
        and _MIN_TITLE_WORDS <= len(words) <= _MAX_TITLE_WORDS
        # a line of capitalised words is more often a list of names than a headline
        and any(w[:1].islower() and w not in _BYLINE_CONNECTORS for w in words)
        and (first.isupper() or first.isdigit() or first in "\"'“‘")
        and not ends_sentence(line)
        and not line.endswith((":", ";", ","))
    )


# Rules that hold anywhere in the text, in the order they are tried.
ANYWHERE_RULES: tuple[tuple[EditKind, LineRule], ...] = (
    (EditKind.MARKUP, is_markup_only),
    (EditKind.SHARE, is_share_line),
    (EditKind.LOADING, is_loading_line),
    (EditKind.TAGS, is_tags_line),
    (EditKind.PHOTO, is_photo_line),
)
# Rules that hold only in the header, before the first body paragraph.
HEADER_RULES: tuple[tuple[EditKind, LineRule], ...] = (
    (EditKind.PUBLISHED_LINE, is_published_line),
    (EditKind.BOILERPLATE, is_updated_line),
    (EditKind.BYLINE, is_byline),
    (EditKind.CRUMBS, is_crumbs),
)
# Rules that hold only in the tail, after the last body paragraph.
TAIL_RULES: tuple[tuple[EditKind, LineRule], ...] = (
    (EditKind.CREDIT, is_credit_line),
    (EditKind.PUBLISHED_LINE, is_published_line),
    (EditKind.BOILERPLATE, is_updated_line),
)
