"""The NewsWCL50 labelled set: documents rebuilt from their tokens, with the gold mentions of each
actor, country and group concept as character spans and their head words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import InputError
from newsweave.eval.detokenise import render
from newsweave.model import Span

DEFAULT_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "eval" / "newswcl50"
CONLL = "cdcr_NewsWCL50.conll"
ENTITY_TYPES = ("ACTOR", "ACTOR-I", "COUNTRY", "GROUP")
OUTLETS = ("LL", "L", "M", "R", "RR")
# Words that end a noun phrase's pre-head part: its head is the word before them.
_POSTMODIFIERS = frozenset(
    {
        "of",
        "from",
        "in",
        "at",
        "for",
        "with",
        "on",
        "to",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        ",",
        "(",
        "-",
        "—",
    }
)
_PRONOUNS = frozenset(
    {
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
    }
    | {"i", "me", "my", "you", "your", "himself", "herself", "itself", "themselves"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldMention:
    span: Span
    head: Span
    concept: str  # chain id: "0_PRK_Jong_Un_ACTOR"
    type: str  # ACTOR, ACTOR-I, COUNTRY, GROUP
    text: str
    head_word: str

    @property
    def is_label(self) -> bool:
        """Not a bare name or pronoun: a phrase with a lowercase word ("the North Korean leader")."""
        words = [w for w in self.text.split() if w[:1].isalpha()]
        if len(words) == 1 and words[0].casefold() in _PRONOUNS:
            return False
        return any(w[0].islower() and w.casefold() not in ("the", "a", "an") for w in words)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldDocument:
    key: str  # "0_LL": event 0, far-left outlet
    event: str
    text: str
    mentions: tuple[GoldMention, ...]


def read_conll(path: Path) -> dict[str, list[list[tuple[str, str]]]]:
    """Document key -> sentences -> (token, chain column)."""
    documents: dict[str, dict[int, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    try:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 5 or line.startswith("#"):
                    continue
                key = parts[0].split("/")[-1]
                documents[key][int(parts[1])].append((parts[3], parts[4].strip()))
    except OSError as err:
        raise InputError(f"cannot read NewsWCL50: {err.strerror}", source=str(path)) from err
    if not documents:
        raise InputError("no NewsWCL50 tokens found", source=str(path))
    return {key: [sentences[n] for n in sorted(sentences)] for key, sentences in documents.items()}


def _chains(sentence: Sequence[tuple[str, str]]) -> Iterable[tuple[str, int, int]]:
    """(chain id, first token, last token) for the chains opened and closed in a sentence."""
    open_at: dict[str, list[int]] = defaultdict(list)
    for index, (_, column) in enumerate(sentence):
        for item in (c.strip() for c in column.split("|")):
            if not item or item == "-":
                continue
            chain = item.strip("()")
            if item.startswith("("):
                open_at[chain].append(index)
            if item.endswith(")") and open_at[chain]:
                yield chain, open_at[chain].pop(), index


def _head(tokens: Sequence[str], first: int, last: int) -> int:
    for index in range(first + 1, last + 1):
        if tokens[index].casefold() in _POSTMODIFIERS:
            last = index - 1
            break
    while last > first and not tokens[last][:1].isalnum():
        last -= 1
    return last


def gold_document(key: str, sentences: Sequence[Sequence[tuple[str, str]]]) -> GoldDocument:
    words = [[token for token, _ in sentence] for sentence in sentences]
    text, offsets = render(words)
    mentions = []
    for s, sentence in enumerate(sentences):
        for chain, first, last in _chains(sentence):
            kind = chain.rsplit("_", 1)[-1]
            if kind not in ENTITY_TYPES:
                continue
            head = _head(words[s], first, last)
            span = Span(start=offsets[s][first][0], end=offsets[s][last][1])
            mentions.append(
                GoldMention(
                    span=span,
                    head=Span(start=offsets[s][head][0], end=offsets[s][head][1]),
                    concept=chain,
                    type=kind,
                    text=span.of(text),
                    head_word=words[s][head].casefold(),
                )
            )
    return GoldDocument(key=key, event=key.split("_")[0], text=text, mentions=tuple(mentions))


def load_documents(data_dir: Path = DEFAULT_DATA, events: int | None = None) -> list[GoldDocument]:
    """The gold documents, ordered by event and outlet; the first ``events`` events only if given."""
    documents = [gold_document(k, s) for k, s in read_conll(data_dir / CONLL).items()]
    documents.sort(key=lambda d: (int(d.event), OUTLETS.index(d.key.split("_")[1])))
    if events is not None:
        keep = sorted({int(d.event) for d in documents})[:events]
        documents = [d for d in documents if int(d.event) in keep]
    return documents
