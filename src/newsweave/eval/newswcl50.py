"""Word choice and labelling on NewsWCL50 (Hamborg, Zhukova and Gipp, JCDL 2019).

NewsWCL50 has ten events, each reported by five outlets (far left to far right), with every
mention of an actor, country or group coded to a concept: "Kim Jong Un", "the North Korean
leader" and "Little Rocket Man" are one concept. Framing needs exactly this: find the
phrases each outlet uses and know they name the same actor.

Data: the Diverse_CDCR parse in ``../shared/eval/newswcl50/cdcr_NewsWCL50.conll`` (tokens
and coreference chains, one chain per concept and event). Each document's text is rebuilt
from its tokens with :func:`newsweave.eval.detokenise.render`, so gold token spans become
character spans, and coded as given by ``newsweave.code_text.coding_pipeline()``; the
``actors-across`` corpus stage then merges unknown actors across each event's five
documents, as it would in a real run.

Protocol:

* **Gold**: chains of the entity concept types ACTOR, ACTOR-I, COUNTRY and GROUP (the
  other types, ACTION, EVENT, MISC and OBJECT, are not actor mentions). A gold mention's
  *head* is the last word before its first post-modifier ("of", "from", ",", "who", ...):
  "Central Intelligence Agency Director" → Director, "Envoys from the South" → Envoys.
* **Our phrases**: every mention with an actor (names, titles, nominals, metonyms,
  pronouns) and every descriptor.
* **Recall** (*head*): a gold mention is found when one of our phrases contains its head;
  (*overlap*): when one shares a character with it. Reported for all gold mentions and for
  *labels* — gold mentions that are not just a name or a pronoun (they hold a lowercase
  word: "the North Korean leader", "Trump's CIA chief"), the word choices framing is about.
* **Linking**: each found gold mention takes the actor of the smallest phrase containing
  its head. B³ precision/recall/F1 of our actors against the gold concepts, per event,
  over found mentions with an actor (*found*), and over all gold mentions with the others
  as singletons (*end to end*). Two baselines cluster all gold mentions by identical
  lowercased text and by identical head word.
* **Different-wording pairs**: pairs of gold mentions of one concept in one event worded
  differently ("Kim" / "the North Korean leader"): the share we link to one actor
  (recall), and of the differently-worded pairs we link, the share that are one concept
  (precision). This is the word-choice question proper; string matching scores 0 recall.

Caveats: NewsWCL50 codes officials acting for their state to the country ("CIA Director"
→ USA when no person is meant, "senators" → USA) while we link "CIA director" to Pompeo,
which costs us precision; Hamborg et al. report F1 ≈ 0.45 for their concept identification
with a different metric, so the numbers are not directly comparable.

``python -m newsweave.eval.newswcl50 [DATA_DIR] [--events N]`` prints the table in Markdown.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import InputError
from newsweave.eval.common import PRF, Counts, ratio
from newsweave.eval.detokenise import render
from newsweave.model import Annotations, Article, Span, article_from_text

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "newswcl50"
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


# --- gold data ------------------------------------------------------------------------------


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


# --- our phrases ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    span: Span
    actor_id: str


def analyse(documents: Sequence[GoldDocument]) -> dict[str, list[Phrase]]:
    """Document key -> our phrases, after merging unknown actors across each event's documents."""
    from newsweave.batch import continue_batch
    from newsweave.code_text import coding_pipeline
    from newsweave.config import Settings
    from newsweave.corpus import CorpusState
    from newsweave.corpus.actors import actors_across_stage
    from newsweave.run import annotations_of

    pipeline = coding_pipeline()
    results = continue_batch(pipeline, [_analysis(d) for d in documents])
    by_event: dict[str, dict[str, Annotations]] = defaultdict(dict)
    articles: dict[str, Article] = {}
    for document, result in zip(documents, results, strict=True):
        if isinstance(result, Annotations) and result.article is not None:
            articles[document.key] = result.article
            by_event[document.event][document.key] = annotations_of(result, pipeline.names)
    phrases: dict[str, list[Phrase]] = {d.key: [] for d in documents}
    for event_annotations in by_event.values():
        state = CorpusState(
            articles=tuple(articles[k] for k in event_annotations), annotations=event_annotations
        )
        merged = actors_across_stage(state, Settings()).annotations
        for key, ann in merged.items():
            phrases[key] = _phrases(ann)
    return phrases


def _analysis(document: GoldDocument) -> Annotations:
    # The key doubles as the article id, so annotations map back to their gold document.
    raw, article = article_from_text(document.text, source=f"newswcl50:{document.key}", id=document.key)
    return Annotations(raw=raw, article=article)


def _phrases(ann: Annotations) -> list[Phrase]:
    found = [Phrase(m.span, m.actor_id) for m in ann.mentions if m.actor_id]
    found += [Phrase(d.span, d.actor_id) for d in ann.descriptors]
    return found


# --- scoring --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Recall:
    found: int
    total: int

    @property
    def value(self) -> float:
        return ratio(self.found, self.total)


@dataclass(frozen=True, slots=True, kw_only=True)
class WclScores:
    documents: int
    recall_head: Recall
    recall_overlap: Recall
    label_recall_head: Recall
    recall_by_type: Mapping[str, Recall]
    linking_found: PRF  # B³ over found mentions with an actor
    linking_end_to_end: PRF  # B³ over all gold mentions, unfound as singletons
    baseline_text: PRF
    baseline_head: PRF
    wording_pairs: PRF  # differently-worded pairs of one concept
    wording_pairs_total: int


def _match(mention: GoldMention, phrases: Sequence[Phrase]) -> Phrase | None:
    """The smallest phrase containing the mention's head."""
    holding = [p for p in phrases if p.span.start <= mention.head.start and mention.head.end <= p.span.end]
    return min(holding, key=lambda p: len(p.span)) if holding else None


def _overlapping(mention: GoldMention, phrases: Sequence[Phrase]) -> bool:
    return any(p.span.start < mention.span.end and mention.span.start < p.span.end for p in phrases)


def b_cubed(gold: Sequence[str], predicted: Sequence[str]) -> PRF:
    """B³ precision and recall of a clustering of items (labels by item) against the gold one."""
    if not gold:
        return PRF(precision=0.0, recall=0.0)
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_size, predicted_size = Counter(gold), Counter(predicted)
    precision = sum(n * n / predicted_size[p] for (_, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in pairs.items()) / len(gold)
    return PRF(precision=precision, recall=recall)


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def wording_pairs(
    gold: Sequence[str], predicted: Sequence[str | None], texts: Sequence[str]
) -> tuple[int, int, int]:
    """(differently-worded gold pairs, of them linked by us, differently-worded pairs we link)."""

    def different(groups: Iterable[tuple[object, str]]) -> int:
        by_group: Counter[object] = Counter()
        by_text: Counter[tuple[object, str]] = Counter()
        for group, text in groups:
            by_group[group] += 1
            by_text[(group, text)] += 1
        return sum(_pairs(n) for n in by_group.values()) - sum(_pairs(n) for n in by_text.values())

    gold_pairs = different(zip(gold, texts, strict=True))
    both = different(((g, p), t) for g, p, t in zip(gold, predicted, texts, strict=True) if p is not None)
    ours = different((p, t) for p, t in zip(predicted, texts, strict=True) if p is not None)
    return gold_pairs, both, ours


def _weighted(parts: Sequence[tuple[PRF, int]]) -> PRF:
    total = sum(n for _, n in parts)
    if not total:
        return PRF(precision=0.0, recall=0.0)
    return PRF(
        precision=sum(s.precision * n for s, n in parts) / total,
        recall=sum(s.recall * n for s, n in parts) / total,
    )


def score(documents: Sequence[GoldDocument], phrases: Mapping[str, Sequence[Phrase]]) -> WclScores:
    head_found = overlap_found = label_found = labels = 0
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    events: dict[str, list[tuple[GoldMention, str | None]]] = defaultdict(list)
    for document in documents:
        ours = phrases.get(document.key, [])
        for mention in document.mentions:
            match = _match(mention, ours)
            head_found += match is not None
            overlap_found += _overlapping(mention, ours)
            by_type[mention.type][0] += match is not None
            by_type[mention.type][1] += 1
            if mention.is_label:
                labels += 1
                label_found += match is not None
            events[document.event].append((mention, match.actor_id if match else None))
    total = sum(len(d.mentions) for d in documents)
    linking = _linking(events)
    return WclScores(
        documents=len(documents),
        recall_head=Recall(found=head_found, total=total),
        recall_overlap=Recall(found=overlap_found, total=total),
        label_recall_head=Recall(found=label_found, total=labels),
        recall_by_type={t: Recall(found=f, total=n) for t, (f, n) in sorted(by_type.items())},
        linking_found=linking.found,
        linking_end_to_end=linking.end_to_end,
        baseline_text=linking.by_text,
        baseline_head=linking.by_head,
        wording_pairs=linking.wording,
        wording_pairs_total=linking.wording_total,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _Linking:
    found: PRF
    end_to_end: PRF
    by_text: PRF
    by_head: PRF
    wording: PRF
    wording_total: int


def _linking(events: Mapping[str, Sequence[tuple[GoldMention, str | None]]]) -> _Linking:
    found, end_to_end, by_text, by_head = [], [], [], []
    gold_pairs = linked = ours = 0
    for items in events.values():
        gold = [m.concept for m, _ in items]
        predicted = [a if a else f"\0{i}" for i, (_, a) in enumerate(items)]
        with_actor = [(m.concept, a) for m, a in items if a]
        found.append((b_cubed([g for g, _ in with_actor], [a for _, a in with_actor]), len(with_actor)))
        end_to_end.append((b_cubed(gold, predicted), len(items)))
        by_text.append((b_cubed(gold, [m.text.casefold() for m, _ in items]), len(items)))
        by_head.append((b_cubed(gold, [m.head_word for m, _ in items]), len(items)))
        g, b, o = wording_pairs(gold, [a for _, a in items], [m.text.casefold() for m, _ in items])
        gold_pairs, linked, ours = gold_pairs + g, linked + b, ours + o
    return _Linking(
        found=_weighted(found),
        end_to_end=_weighted(end_to_end),
        by_text=_weighted(by_text),
        by_head=_weighted(by_head),
        wording=Counts(predicted=ours, gold=gold_pairs, matched=linked).prf,
        wording_total=gold_pairs,
    )


def score_newswcl50(data_dir: Path = DEFAULT_DATA, events: int | None = None) -> WclScores:
    documents = load_documents(data_dir, events)
    return score(documents, analyse(documents))


# --- report ---------------------------------------------------------------------------------


def _prf(name: str, s: PRF) -> str:
    return f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |"


def _recall(name: str, r: Recall) -> str:
    return f"| {name} | {r.found} / {r.total} | {r.value:.3f} |"


def render_table(scores: WclScores) -> str:
    recall_rows = [
        _recall("all entity mentions (head)", scores.recall_head),
        _recall("all entity mentions (overlap)", scores.recall_overlap),
        _recall("labels, not names (head)", scores.label_recall_head),
        *(_recall(f"{t} (head)", r) for t, r in scores.recall_by_type.items()),
    ]
    return "\n".join(
        [
            f"NewsWCL50: {scores.documents} documents",
            "",
            "| gold mentions found by our phrases | found / gold | recall |",
            "|---|---|---|",
            *recall_rows,
            "",
            "| linking to concepts (B³, per event) | precision | recall | F1 |",
            "|---|---|---|---|",
            _prf("ours, found mentions", scores.linking_found),
            _prf("ours, end to end", scores.linking_end_to_end),
            _prf("baseline: same text", scores.baseline_text),
            _prf("baseline: same head word", scores.baseline_head),
            _prf(f"differently-worded pairs ({scores.wording_pairs_total} gold)", scores.wording_pairs),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    events = None
    if "--events" in args:
        at = args.index("--events")
        events = int(args[at + 1])
        del args[at : at + 2]
    data_dir = Path(args[0]) if args else DEFAULT_DATA
    try:
        scores = score_newswcl50(data_dir, events)
    except InputError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    sys.stdout.write(render_table(scores) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
