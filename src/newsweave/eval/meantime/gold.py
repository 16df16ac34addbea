"""The MEANTIME labelled set: documents rebuilt from their tokens, with gold entity and event mentions
as character spans, the Wikinews date line and the end of the fully annotated part."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsweave.errors import InputError
from newsweave.eval.detokenise import Offsets, render
from newsweave.model import Span

DEFAULT_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "eval" / "meantime-en"
ANNOTATED_SENTENCES = 6  # title, date line, four body sentences: annotated in full
GOLD_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "PRODUCT", "FINANCE")
_DATE_FORMAT = "%B %d %Y"  # Wikinews date line, tokenised: "March 01 , 2008"


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
