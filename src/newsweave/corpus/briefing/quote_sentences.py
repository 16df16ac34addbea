"""The briefing's main quotes (:func:`quote_sentences`): one quote for each of the most
prominent speakers the knowledge base knows, ranked by how many of the story's articles
mention them; whole direct quotes before cut ones and reported speech, widely carried first."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.corpus import CorpusState
from newsweave.corpus.briefing.citations import within_text
from newsweave.corpus.briefing.context import Context
from newsweave.model import ActorKind, BriefingSentence, Citation, Quote

MAIN_QUOTES = 5
QUOTE_MIN_WORDS = 4
QUOTE_MAX_WORDS = 40
_QUOTE_KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2}


def quote_sentences(
    article_ids: Sequence[str], state: CorpusState, ctx: Context, limit: int = MAIN_QUOTES
) -> list[BriefingSentence]:
    """One quote for each of the most prominent known speakers."""
    mentions: dict[str, set[str]] = {}
    carried: dict[str, list[tuple[str, Quote]]] = {}  # normalised text → (article id, quote)
    for article_id in article_ids:
        ann = state.annotations.get(article_id)
        if ann is None:
            continue
        for mention in ann.mentions:
            if mention.actor_id:
                mentions.setdefault(mention.actor_id, set()).add(article_id)
        for quote in ann.quotes:
            if _quotable(quote, ctx):
                carried.setdefault(_normalise(quote.text), []).append((article_id, quote))
    best: dict[str, list[tuple[str, Quote]]] = {}
    for copies in sorted(carried.values(), key=lambda c: _quote_rank(c, ctx)):
        best.setdefault(copies[0][1].speaker or "", copies)
    speakers = sorted(best, key=lambda s: (-len(mentions.get(s, ())), s))[:limit]
    return [_quote_sentence(best[s], ctx) for s in speakers]


def _quotable(quote: Quote, ctx: Context) -> bool:
    speaker = quote.speaker or ""
    return (
        speaker.startswith("kb:")
        and ctx.kinds.get(speaker) != ActorKind.OUTLET
        and len(quote.text.split()) >= QUOTE_MIN_WORDS
        # "Iran said to seek revenge" does not read: reported speech must be a clause.
        and (quote.kind != "indirect" or quote.text.lower().startswith("that "))
    )


def _quote_rank(copies: Sequence[tuple[str, Quote]], ctx: Context) -> tuple[bool, int, int, int, int]:
    """Whole quotes before cut ones, direct before reported speech, widely carried first."""
    article_id, quote = copies[0]
    too_long = len(quote.text.split()) > QUOTE_MAX_WORDS
    order = ctx.order.get(article_id, 0)
    return (too_long, _QUOTE_KIND_RANK.get(quote.kind, 3), -len(copies), order, quote.span.start)


def _quote_sentence(copies: Sequence[tuple[str, Quote]], ctx: Context) -> BriefingSentence:
    quote = copies[0][1]
    speaker = ctx.name(quote.speaker or "")
    words = quote.text.split()
    body = " ".join(words[:QUOTE_MAX_WORDS]) + ("…" if len(words) > QUOTE_MAX_WORDS else "")
    if quote.kind == "direct":
        body = body.rstrip(",")
        text = f"{speaker} said: “{body}”" + ("" if body[-1:] in ".!?…" else ".")
    else:
        text = f"{speaker} said {body.rstrip(',.')}."
    citations = [Citation(article_id=a, span=q.span) for a, q in copies if within_text(a, q.span.end, ctx)]
    return BriefingSentence(text=text, citations=tuple(citations), section="quotes")


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
