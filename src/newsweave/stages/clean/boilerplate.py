"""Page furniture left in texts that are already text: small, named line classifiers.

A scraped or copy-pasted article keeps bits of the page around it: a tracking ``<img>``
tag, "Linkedin Pinterest" share buttons, "News / Politics" crumbs, "2 Photos", captions
that are printed twice, "Loading...", "Tags", a trailing "France24/AFP". Each rule below
recognises one kind of furniture and proposes removal edits (or, for HTML entities, a
repair); :func:`find_furniture` also returns what the removed lines tell about the
article (headline, byline, dateline) so it can be kept as metadata.

Precision matters more than recall: a missed "Share:" line costs little, a lost body
sentence costs a fact. So every rule matches a whole line against a narrow pattern, and
the rules that could mistake prose for furniture (bylines, dates, crumbs, credit lines,
the headline) apply only at the *edges* of the text: before the first body paragraph
(the header) or after the last one (the tail). A body paragraph is a line of prose:
it ends like a sentence, or it is long.

Headline rule (plain text only; Markdown and HTML state their title): the first line of the
header that is not furniture is the headline when it is short and does not end like a
sentence, and at most two such lines (the dek, or standfirst) follow it before the body.
The headline becomes ``Article.title``; headline and dek are both recorded as TITLE
removals. The dek is removed, not kept as a first paragraph, so that cleaning is
idempotent: a dek left at the top would look like a headline to the next cleaning.
"""

from __future__ import annotations

import collections
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsweave.model import EditKind
from newsweave.stages.clean.edits import Edit

LineRule = Callable[[str], bool]

_MAX_TITLE_WORDS = 30  # some outlets' headlines are whole clauses (seed 000: 22 words)
_MAX_TITLE_CHARS = 220
_MAX_DEK_LINES = 2
_PROSE_WORDS = 25  # a line this long is prose even without final punctuation
_MIN_DUPLICATE_WORDS = 10
_LEAD_LINES = 3  # a caption repeated in the body is printed among the first lines
_MIN_TITLE_WORDS = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- patterns --------------------------------------------------------------------------

_TAG_NAMES = (
    "a|abbr|address|article|aside|audio|b|base|blockquote|body|br|button|canvas|caption|center|cite|code|"
    "col|colgroup|dd|details|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|"
    "html|i|iframe|img|input|label|li|link|main|mark|meta|nav|noscript|object|ol|option|p|picture|pre|"
    "section|select|small|source|span|strong|sub|summary|sup|svg|table|tbody|td|template|tfoot|th|thead|"
    "time|title|tr|u|ul|video|wbr"
)
_MARKUP = re.compile(
    rf"<(script|style)\b[^>]{{0,4000}}>.{{0,20000}}?</\1\s*>|<!--.{{0,20000}}?-->|</?(?:{_TAG_NAMES})\b[^<>]{{0,4000}}>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|td|th|tr|h[1-6]|figure|section|blockquote|hr)\b", re.IGNORECASE)
# "&amp;rsquo;" (escaped twice) is one repair, not two.
_ENTITY = re.compile(r"&(?:amp;)*(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

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
_CAPTION_CREDIT = re.compile(
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

_BYLINE = re.compile(r"[Bb][Yy]\s+(?P<name>\S.{0,120})")
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

_DATELINE = re.compile(
    r"(?P<dateline>\((?P<agency>[A-Z][A-Za-z&.]{1,15})\)"
    r"|[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,3}(?:,\s[A-Z][A-Za-z.'’-]+(?:\s[A-Z][A-Za-z.'’-]+){0,2})?"
    r"(?:\s\([A-Z][A-Za-z&.]{1,15}\))?)"
    r"\s+(?:—|–|--?)\s+(?=\S)"
)

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|St|Mr|Mrs|Ms|Dr|Co|Inc|Ltd|Corp)\.)$")


# --- line classifiers ------------------------------------------------------------------


def is_markup_only(line: str) -> bool:
    """Nothing but HTML tags (a tracking pixel, an embed)."""
    return bool(line) and not _MARKUP.sub("", line).strip()


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
        or _CAPTION_CREDIT.search(line)
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
    match = _BYLINE.fullmatch(line)
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


# --- the text as lines -----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    start: int  # offset of the line's first character
    end: int  # offset after its last character, before the newline
    stop: int  # offset after the newline (== end on the last line)
    text: str  # the line with surrounding whitespace stripped
    lead: int  # how many whitespace characters precede ``text`` on the line

    @property
    def norm(self) -> str:
        """The line as compared for duplicates: entities decoded, whitespace collapsed."""
        return " ".join(html.unescape(self.text).split())


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    start = 0
    while start <= len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        stop = end if newline < 0 else end + 1
        raw = text[start:end]
        stripped = raw.lstrip()
        lines.append(
            Line(start=start, end=end, stop=stop, text=stripped.rstrip(), lead=len(raw) - len(stripped))
        )
        if newline < 0:
            break
        start = stop
    return lines


# --- putting the rules together --------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Furniture:
    """Edits that remove the page furniture of a text, and what it told about the article."""

    edits: tuple[Edit, ...]
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None


def boilerplate_edits(text: str, *, title: str | None = None) -> list[Edit]:
    """Edits removing page furniture from ``text`` (and repairing HTML entities left in it)."""
    return list(find_furniture(text, title=title).edits)


def find_furniture(text: str, *, title: str | None = None) -> Furniture:
    """Classify the lines of ``text``; ``title``, when the input states one, replaces the headline rule."""
    lines = split_lines(text)
    kinds: dict[int, EditKind] = {}
    for i, line in enumerate(lines):
        if line.text and (kind := _first_match(ANYWHERE_RULES, line.text)):
            kinds[i] = kind
    _mark_duplicates(lines, kinds)
    body = [i for i, line in enumerate(lines) if line.text and i not in kinds and is_prose(line.text)]
    if title is None and len(body) > 1 and _is_leading_headline(lines, kinds, body[0]):
        body = body[1:]  # a long headline is not the first paragraph
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else len(lines)
    for i in range(first_body):
        if lines[i].text and i not in kinds and (kind := _first_match(HEADER_RULES, lines[i].text)):
            kinds[i] = kind
    for i in range(last_body + 1, len(lines)):
        if lines[i].text and i not in kinds and (kind := _first_match(TAIL_RULES, lines[i].text)):
            kinds[i] = kind
    headline = _mark_headline(lines, kinds, first_body, title)
    _mark_dates(lines, kinds, first_body)
    edits = []
    for i, k in kinds.items():
        credit = _caption_credit(lines[i]) if k is EditKind.PHOTO else None
        if credit is not None:
            edits.append(credit)
            continue
        edits.append(Edit(start=lines[i].start, end=_removal_end(lines, i), replacement="", kind=k))
    kinds = {i: k for i, k in kinds.items() if not (k is EditKind.PHOTO and _caption_credit(lines[i]))}
    dateline = _dateline_edit(lines[first_body]) if body else None
    if dateline:
        edits.append(dateline[0])
    edits += _inline_edits(text, lines, kinds)
    byline = next(
        (_byline_name(lines[i].text) for i, k in sorted(kinds.items()) if k is EditKind.BYLINE), None
    )
    return Furniture(
        edits=tuple(sorted(edits, key=lambda e: e.start)),
        title=headline,
        byline=byline,
        dateline=dateline[1] if dateline else None,
    )


def _caption_credit(line: Line) -> Edit | None:
    """The photo credit at the end of a real caption, which is removed while the caption stays.

    A caption is the outlet's own text and can carry facts the body does not (seed 004's
    caption is where AP says Haniyeh "was killed in an airstrike"); its credit and gallery
    link are furniture. Only its verbatim twin is removed, as a duplicate.
    """
    match = _CAPTION_CREDIT.search(line.text)
    if match is None or len(line.text[: match.start()].split()) < _MIN_DUPLICATE_WORDS:
        return None
    prefix = line.text[: match.start()].rstrip()
    start = line.start + line.lead + len(prefix)
    return Edit(start=start, end=line.start + line.lead + len(line.text), replacement="", kind=EditKind.PHOTO)


def _removal_end(lines: list[Line], i: int) -> int:
    """A removed line takes the blank lines after it along, so no gap is left behind.

    Whitespace cleaning later would otherwise remove those gaps and merge the separate
    removals around them into one record of one kind.
    """
    j = i + 1
    while j < len(lines) and not lines[j].text:
        j += 1
    return lines[j].start if j < len(lines) else lines[-1].stop


def _first_match(rules: tuple[tuple[EditKind, LineRule], ...], line: str) -> EditKind | None:
    return next((kind for kind, rule in rules if rule(line)), None)


def _mark_duplicates(lines: list[Line], kinds: dict[int, EditKind]) -> None:
    """Captions printed twice: the twin of a caption line, or a lead paragraph the body repeats.

    Only the top of the text is looked at: speeches and schedules repeat lines on purpose.
    """
    captions = [lines[i].norm for i, k in kinds.items() if k is EditKind.PHOTO]
    content = [i for i, line in enumerate(lines) if line.text and i not in kinds]
    later = collections.Counter(lines[i].norm for i in content[_LEAD_LINES:])
    for rank, i in enumerate(content):
        line = lines[i]
        if len(line.text.split()) < _MIN_DUPLICATE_WORDS:
            continue
        norm = line.norm
        caption_twin = any(c != norm and c.startswith(norm) for c in captions)
        if caption_twin or (rank < _LEAD_LINES and later[norm]):
            kinds[i] = EditKind.DUPLICATE


def _is_leading_headline(lines: list[Line], kinds: dict[int, EditKind], index: int) -> bool:
    """The first content line of the text, shaped like a headline (no closing punctuation)."""
    first_content = next((i for i, line in enumerate(lines) if line.text and i not in kinds), None)
    return index == first_content and is_headline(lines[index].text)


def _mark_headline(
    lines: list[Line], kinds: dict[int, EditKind], first_body: int, title: str | None
) -> str | None:
    content = [
        i for i in range(first_body) if lines[i].text and i not in kinds and not is_date_only(lines[i].text)
    ]
    if not content or first_body == len(lines):
        return None
    first = content[0]
    if title is not None:
        if lines[first].norm.casefold() == " ".join(title.split()).casefold():
            kinds[first] = EditKind.TITLE
        return None
    if len(content) > 1 + _MAX_DEK_LINES or not all(is_headline(lines[i].text) for i in content):
        return None
    for i in content:
        kinds[i] = EditKind.TITLE
    return lines[first].text


def _mark_dates(lines: list[Line], kinds: dict[int, EditKind], first_body: int) -> None:
    """A date line above the headline is the page's (often the crawl) date; below it, the article's."""
    seen_content = False
    for i in range(first_body):
        text = lines[i].text
        if i not in kinds and text and is_date_only(text):
            kinds[i] = EditKind.PUBLISHED_LINE if seen_content else EditKind.PAGE_DATE
        elif text and kinds.get(i) in (None, EditKind.TITLE, EditKind.BYLINE):
            seen_content = True


def _dateline_edit(line: Line) -> tuple[Edit, str] | None:
    match = _DATELINE.match(line.text)
    if not match:
        return None
    start = line.start + line.lead
    edit = Edit(start=start, end=start + match.end(), replacement="", kind=EditKind.DATELINE)
    return edit, match.group("agency") or match.group("dateline")


def _inline_edits(text: str, lines: list[Line], kinds: dict[int, EditKind]) -> Iterator[Edit]:
    """Tags and entities inside the lines that are kept."""
    for i, line in enumerate(lines):
        if i in kinds or not line.text:
            continue
        raw = text[line.start : line.end]
        taken: list[tuple[int, int]] = []
        for match in _MARKUP.finditer(raw):
            taken.append(match.span())
            yield Edit(
                start=line.start + match.start(),
                end=line.start + match.end(),
                replacement=" " if _separates_words(raw, match) else "",
                kind=EditKind.MARKUP,
            )
        for match in _ENTITY.finditer(raw):
            if any(a <= match.start() < b for a, b in taken):
                continue
            fixed = _unescape_fully(match.group())
            if fixed != match.group():
                yield Edit(
                    start=line.start + match.start(),
                    end=line.start + match.end(),
                    replacement=fixed,
                    kind=EditKind.HTML_ENTITY,
                )


def _separates_words(raw: str, match: re.Match[str]) -> bool:
    """A block-level tag (``<br>``, ``</p>``) between two words was their separator."""
    if not _BLOCK_TAG.match(match.group()) or match.start() == 0 or match.end() == len(raw):
        return False
    return not raw[match.start() - 1].isspace() and not raw[match.end()].isspace()


def _unescape_fully(entity: str) -> str:
    fixed = html.unescape(entity)
    while fixed != entity and _ENTITY.fullmatch(fixed):
        entity, fixed = fixed, html.unescape(fixed)
    return fixed


def _byline_name(line: str) -> str:
    match = _BYLINE.fullmatch(line)
    return match.group("name").strip() if match else line
