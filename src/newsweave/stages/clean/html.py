"""HTML to article text with trafilatura, keeping paragraphs and the page's metadata.

Decisions, measured on ``../shared/corpus/scrapinghub-extraction`` (181 pages, see
``docs/evaluation.md`` and :mod:`newsweave.eval.extraction`):

- Comments are never part of the article. ``favor_precision`` is on: it drops most
  related-links and teaser furniture and scored best of the settings tried.
- Precision mode sometimes keeps only a fragment of the body (a lead, a caption). When it
  yields less than half the words of trafilatura's balanced mode, the balanced text is used.
- Tables are kept (tables in news pages are mostly data the article is about).
- Paragraphs are separated by a blank line (``"\\n\\n"``), as in the Markdown and plain-text
  inputs, so a paragraph is always a maximal run of non-blank lines.
- Every character of the body is the page's own. trafilatura drops each character that is
  neither printable nor whitespace: the zero-width joiner and non-joiner Bengali, Hindi and
  Persian words are spelt with, soft hyphens, bidi marks, characters newer than Python's
  Unicode tables, and stray NULs and escapes; lxml drops the other C0 controls. The clean
  stage removes control characters itself, recorded. So :func:`extract_html` hands
  trafilatura the page with each such character swapped for a printable stand-in the page
  does not hold, and swaps them back in what it returns. (trafilatura's ``extract`` also
  applies NFC; ``bare_extraction``, used here, does not.) HTML whitespace is still laid out
  by trafilatura, as a browser would; a form feed is HTML whitespace, so it is read as a space.

Truncated HTML is normal input: lxml repairs what it can, and whatever body survives is
returned. Only a page with no body at all raises :class:`~newsweave.errors.ExtractionError`.

Hostile HTML is normal input too. Before anything parses a page, :func:`check_budget`
counts, in one linear scan, what makes lxml and trafilatura slow, and refuses a page
past any limit with :class:`~newsweave.errors.InputTooLarge`. The limits are far above
the largest values on the 181 real pages of the scrapinghub benchmark (1.49 M characters,
689 character references, 866 block elements, 133 attributes on one tag; measured by
``bench/bench_long.py --html-stats``): lxml took over 300 s on one tag with 200,000
attributes, and trafilatura 22 s on 50,000 paragraphs. Nesting needs no limit of ours:
lxml caps the tree's depth itself and the page is then read as far as it goes.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import trafilatura

from newsweave.errors import ExtractionError, InputTooLarge
from newsweave.stages.clean.text import without_controls

# Below this share of the balanced extraction's words, the precision extraction is a fragment.
_FRAGMENT_RATIO = 0.5
_WORD = re.compile(r"\w+")
_LINE_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*")

# trafilatura Document attribute -> hint name (the names Annotations.meta_hints uses)
_METADATA_HINTS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("author", "byline"),
    ("date", "published"),
    ("sitename", "site_name"),
    ("hostname", "hostname"),
    ("url", "url"),
    ("description", "description"),
)

# trafilatura and htmldate log every page they find hard; that is not ours to print.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlBudget:
    """The most of each costly thing one page may hold before it is parsed."""

    chars: int = 10_000_000
    char_refs: int = 100_000  # &amp; &#8217; ...
    blocks: int = 20_000  # block-level elements: paragraphs, divs, list items, rows, cells
    attributes: int = 1_000  # on any one tag


DEFAULT_BUDGET = HtmlBudget()
_CHAR_REF = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_BLOCK = re.compile(r"<(?:p|div|li|br|tr|td|th|h[1-6]|section|article|blockquote|dd|dt)[\s/>]", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z][^<>]*>?")
_ATTRIBUTE = re.compile(r"\s[^\s=<>/\"']+\s*=")


def check_budget(html: str, *, source: str, budget: HtmlBudget = DEFAULT_BUDGET) -> None:
    """Refuse ``html`` if it holds more of anything than ``budget`` allows; linear time."""
    over = _over_budget(html, budget)
    if over is not None:
        found, limit, what = over
        raise InputTooLarge(
            f"HTML too large to parse: {found:,} {what}, over the limit of {limit:,}", source=source
        )


def _over_budget(html: str, budget: HtmlBudget) -> tuple[int, int, str] | None:
    if len(html) > budget.chars:
        return len(html), budget.chars, "characters"
    refs = _count(_CHAR_REF, html, budget.char_refs)
    if refs > budget.char_refs:
        return refs, budget.char_refs, "character references"
    blocks = _count(_BLOCK, html, budget.blocks)
    if blocks > budget.blocks:
        return blocks, budget.blocks, "block elements"
    for tag in _TAG.finditer(html):
        # a tag shorter than the limit times the shortest attribute (' a=') cannot be over it
        if tag.end() - tag.start() > 3 * budget.attributes:
            attributes = _count(_ATTRIBUTE, tag.group(), budget.attributes)
            if attributes > budget.attributes:
                return attributes, budget.attributes, "attributes on one tag"
    return None


def _count(pattern: re.Pattern[str], text: str, limit: int) -> int:
    """Matches of ``pattern`` in ``text``, counting no further than one past ``limit``."""
    count = 0
    for _ in pattern.finditer(text):
        count += 1
        if count > limit:
            break
    return count


@dataclass(frozen=True, slots=True, kw_only=True)
class Extracted:
    """The article body of a page and the metadata the page states."""

    text: str  # paragraphs separated by one blank line
    hints: tuple[
        tuple[str, str], ...
    ] = ()  # (title|byline|published|site_name|hostname|url|description, value)

    def hint(self, name: str) -> str | None:
        """The value of hint ``name``, or None."""
        return next((value for key, value in self.hints if key == name), None)


def extract_html(html: str | bytes, *, url: str | None, source: str) -> Extracted:
    """The article body of ``html`` as plain text, with the page's metadata as hints.

    Raises :class:`InputTooLarge` for a page past :data:`DEFAULT_BUDGET`. Only for ``html``
    given as text is every character kept (bytes are decoded by trafilatura, as it sees fit).
    """
    check_budget(html if isinstance(html, str) else html.decode("latin-1"), source=source)
    stand_ins = _StandIns.for_page(html) if isinstance(html, str) else _StandIns()
    page = stand_ins.hide(html) if isinstance(html, str) else html
    precise = _extract(page, url=url, favor_precision=True, with_metadata=True)
    balanced = _extract(page, url=url, favor_precision=False, with_metadata=False)
    text = stand_ins.restore(_choose_body(_body(precise), _body(balanced)))
    if not text:
        raise ExtractionError("no article body found in the HTML", source=source)
    metadata = precise if precise is not None else _extract(page, url=url, with_metadata=True)
    return Extracted(text=text, hints=_hints(metadata, stand_ins))


# Stand-ins: symbols (category So) of blocks no news page uses, Byzantine musical symbols
# and playing tiles and cards. Printable and not \w, so trafilatura keeps them as text and
# no word count changes.
_STAND_IN_BLOCKS = ((0x1D000, 0x1D0F5), (0x1D300, 0x1D356), (0x1F000, 0x1F0F5))
_NUMERIC_REF = re.compile(r"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,8})")


@cache
def _stand_in_pool() -> tuple[str, ...]:
    return tuple(
        chr(code)
        for first, last in _STAND_IN_BLOCKS
        for code in range(first, last + 1)
        if unicodedata.category(chr(code)) == "So"
    )


def _dropped_in_extraction(char: str) -> bool:
    # trafilatura.utils.return_printables_and_spaces keeps exactly the printables and spaces;
    # lxml drops the C0 controls XML cannot hold, some of which Python counts as spaces.
    return not (char.isprintable() or char.isspace()) or (char < " " and char not in "\t\n\r\f")


@dataclass(frozen=True, slots=True)
class _StandIns:
    """A printable stand-in for each character of a page that trafilatura would drop."""

    hidden: dict[str, str] | None = None  # original -> stand-in (a form feed -> a space)
    shown: dict[str, str] | None = None  # stand-in -> original

    @classmethod
    def for_page(cls, html: str) -> _StandIns:
        chars = set(html)
        dropped = sorted(c for c in chars if _dropped_in_extraction(c))
        if not dropped and "\f" not in chars:
            return cls()
        # A stand-in must not be in the page, not even as a character reference.
        referenced = {_referenced(m) for m in _NUMERIC_REF.finditer(html)}
        free = [c for c in _stand_in_pool() if c not in chars and c not in referenced]
        # More distinct such characters than stand-ins (never seen): the rest is dropped as before.
        pairs = dict(zip(dropped, free, strict=False))
        shown = {stand_in: original for original, stand_in in pairs.items()}
        if "\f" in chars:
            pairs["\f"] = " "  # lxml would drop it and join the words it separates
        return cls(pairs, shown)

    def hide(self, html: str) -> str:
        return html if not self.hidden else _swap(html, self.hidden)

    def restore(self, text: str) -> str:
        return text if not self.shown else _swap(text, self.shown)


def _referenced(ref: re.Match[str]) -> str:
    code = int(ref[1][1:], 16) if ref[1][0] in "xX" else int(ref[1])
    return chr(code) if code <= 0x10FFFF else ""


def _swap(text: str, table: dict[str, str]) -> str:
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]")
    return pattern.sub(lambda m: table[m.group()], text)


def _extract(
    html: str | bytes, *, url: str | None, favor_precision: bool = False, with_metadata: bool = False
) -> Any:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            favor_precision=favor_precision,
            with_metadata=with_metadata,
        )
    except (ValueError, TypeError, AttributeError, RecursionError):
        # trafilatura raises these on pathological trees; treat as "nothing extracted".
        return None


def _body(document: Any) -> str:
    text = getattr(document, "text", None) if document is not None else None
    if not isinstance(text, str):
        return ""
    return _LINE_BREAKS.sub("\n\n", text.strip())


def _choose_body(precise: str, balanced: str) -> str:
    if len(_WORD.findall(precise)) < _FRAGMENT_RATIO * len(_WORD.findall(balanced)):
        return balanced
    return precise


def _hints(document: Any, stand_ins: _StandIns) -> tuple[tuple[str, str], ...]:
    if document is None:
        return ()
    hints: list[tuple[str, str]] = []
    for attribute, name in _METADATA_HINTS:
        value = getattr(document, attribute, None)
        if isinstance(value, str):
            # Hints are metadata: control characters and terminal escapes go, no record kept.
            value = " ".join(without_controls(stand_ins.restore(value)).split())
            if value:
                hints.append((name, value))
    return tuple(hints)
