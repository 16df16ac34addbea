"""Text rebuilt from tokenised sentences, with every token's character range in it.

The labelled sets parsed into CoNLL tokens (MEANTIME, NewsWCL50) give tokens, not text; their gold
token spans become character spans into the text :func:`render` builds, spaced where English puts
spaces, so our stages read ordinary prose.
"""

from __future__ import annotations

from collections.abc import Sequence

# Detokenisation: which tokens attach to their left or right neighbour.
_CLOSING = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "”", "’", "'"})
_CLITICS = frozenset({"'s", "'re", "'ve", "'ll", "'d", "'m", "n't"})
_NO_SPACE_BEFORE = _CLOSING | _CLITICS
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "¥", "#", "``", "“", "`"})
_QUOTE_FORMS = {"``": '"', "''": '"', "“": '"', "”": '"'}


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
