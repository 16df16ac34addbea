"""Story clustering on ECB+ topics 1–35 (Cybulska & Vossen, LREC 2014), and the ECB+ loader.

The copy in ``../shared/eval/ecbplus`` holds the CROMER XML of 772 documents in 33 topics
(15 and 17 are absent). Each topic holds two different seminal events of the same kind:
the ECB documents (``1_1ecb.xml``) and the ECB+ documents (``1_10ecbplus.xml``). The gold
story of a document is ``(topic, subtopic)``, so a clustering must separate the two halves
of a topic (Tara Reid's rehab vs Lindsay Lohan's) as well as keep topics apart.

Texts are rebuilt from the tokens, one paragraph per sentence, keeping every token's
character range, so gold mentions become spans. ECB+ files carry the page's URL as
sentence 0; it is left out of the text (its words name the event: that would be a leak).

Scoring: every document goes through our per-article stages (``coding_pipeline()``: the
text as given, parse, actors, time, quotes, events; no dates, since ECB+ states none
reliably), then the ``copies`` and ``stories`` corpus stages over all 772 documents at
once. B³ precision and recall (Bagga & Baldwin 1998) are averaged over documents.

``python -m newsweave.eval.ecbplus [DATA_DIR]`` prints the tables in Markdown.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from newsweave.errors import InputError
from newsweave.eval.common import PRF, run_evaluation
from newsweave.model import Annotations, Article, Span, article_from_text

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "ecbplus"
TOPICS = range(1, 36)
_FILE_NAME = re.compile(r"(?P<topic>\d+)_(?P<number>\d+)(?P<half>ecbplus|ecb)\.xml")
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "n't", "''", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "`"})
_QUOTE_FORMS = {"``": '"', "''": '"'}


# --- Loading ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldMention:
    """A CROMER markable: an action, time, location or participant mention."""

    id: str  # m_id, unique within its document
    tag: str  # ACTION_OCCURRENCE, HUMAN_PART_PER, TIME_DATE, LOC_GEO, NEG_ACTION_..., ...
    span: Span  # first to last anchored token
    tokens: tuple[int, ...]  # t_id values
    sentence: int
    instance: str | None  # coreference chain: CROSS_DOC_COREF instance id, or an intra-document chain id
    cross_document: bool = False  # True when ``instance`` is a cross-document chain

    @property
    def is_event(self) -> bool:
        return self.tag.startswith(("ACTION", "NEG_ACTION"))


@dataclass(frozen=True, slots=True, kw_only=True)
class EcbDocument:
    id: str  # "1_10ecbplus"
    topic: int
    subtopic: str  # "ecb" or "ecbplus": the two events of the topic
    text: str
    token_spans: Mapping[int, Span]  # t_id -> its characters in ``text`` (tokens left out: absent)
    sentences: Mapping[int, Span]  # sentence number -> its characters
    mentions: tuple[GoldMention, ...]  # markables anchored in the text
    annotated_sentences: frozenset[int]  # ECBplus_coreference_sentences.csv: selected for coreference

    @property
    def gold_story(self) -> str:
        return f"{self.topic}{self.subtopic}"

    @property
    def event_mentions(self) -> tuple[GoldMention, ...]:
        return tuple(m for m in self.mentions if m.is_event)


def load_ecbplus(topics: Iterable[int] = TOPICS, data_dir: Path = DEFAULT_DATA) -> list[EcbDocument]:
    """Every document of ``topics`` present in the copy, ordered by topic, half and number."""
    root = data_dir / "ECB+"
    if not root.is_dir():
        raise InputError("ECB+ XML folder not found", source=str(root))
    selected = _selected_sentences(data_dir / "ECBplus_coreference_sentences.csv")
    documents = []
    for topic in topics:
        folder = root / str(topic)
        if folder.is_dir():
            paths = [p for p in folder.iterdir() if _FILE_NAME.fullmatch(p.name)]
            documents += [_load(path, selected) for path in sorted(paths, key=_order)]
    if not documents:
        raise InputError("no ECB+ documents for the topics asked", source=str(root))
    return documents


def _order(path: Path) -> tuple[int, str, int]:
    match = _FILE_NAME.fullmatch(path.name)
    assert match is not None
    return int(match["topic"]), match["half"], int(match["number"])


def _selected_sentences(path: Path) -> dict[str, frozenset[int]]:
    """Document id -> the sentences selected for coreference annotation."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError as err:
        raise InputError(f"cannot read the sentence selection: {err.strerror}", source=str(path)) from err
    selected: dict[str, set[int]] = defaultdict(set)
    for line in lines:
        fields = line.strip().split(",")
        if len(fields) == 3 and fields[2].isdigit():
            selected[f"{fields[0]}_{fields[1]}"].add(int(fields[2]))
    return {key: frozenset(value) for key, value in selected.items()}


def _load(path: Path, selected: Mapping[str, frozenset[int]]) -> EcbDocument:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise InputError(f"cannot read ECB+ XML: {err}", source=str(path)) from err
    match = _FILE_NAME.fullmatch(path.name)
    assert match is not None
    tokens = [
        (int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    if match["half"] == "ecbplus":  # sentence 0 is the page URL
        tokens = [t for t in tokens if t[1] != 0]
    text, token_spans, sentences = render(tokens)
    doc_id = path.name.removesuffix(".xml")
    return EcbDocument(
        id=doc_id,
        topic=int(match["topic"]),
        subtopic=match["half"],
        text=text,
        token_spans=token_spans,
        sentences=sentences,
        mentions=_mentions(root, token_spans, dict((t, s) for t, s, _ in tokens)),
        annotated_sentences=selected.get(doc_id, frozenset()),
    )


def render(tokens: Sequence[tuple[int, int, str]]) -> tuple[str, dict[int, Span], dict[int, Span]]:
    """Text from ``(t_id, sentence, token)`` triples: one paragraph per sentence, spaces
    where English puts them; every token's and sentence's character range."""
    parts: list[str] = []
    spans: dict[int, Span] = {}
    sentence_start: dict[int, int] = {}
    sentence_end: dict[int, int] = {}
    length, previous, attach = 0, None, True
    for t_id, sentence, token in tokens:
        form = _QUOTE_FORMS.get(token, token)
        if sentence != previous:
            if previous is not None:
                parts.append("\n\n")
                length += 2
            sentence_start[sentence], previous, attach = length, sentence, True
        elif not attach and token not in _NO_SPACE_BEFORE:
            parts.append(" ")
            length += 1
        parts.append(form)
        spans[t_id] = Span(start=length, end=length + len(form))
        length += len(form)
        sentence_end[sentence] = length
        attach = token in _NO_SPACE_AFTER
    sentences = {s: Span(start=start, end=sentence_end[s]) for s, start in sentence_start.items()}
    return "".join(parts), spans, sentences


def _mentions(
    root: ET.Element, spans: Mapping[int, Span], sentence_of: Mapping[int, int]
) -> tuple[GoldMention, ...]:
    chains = _chains(root)
    mentions = []
    markables = root.find("Markables")
    for element in markables if markables is not None else ():
        anchors = [int(a.get("t_id", "0")) for a in element.iter("token_anchor")]
        anchored = [t for t in anchors if t in spans]
        if not anchored:  # instance descriptors (TAG_DESCRIPTOR) have no tokens
            continue
        m_id = element.get("m_id", "")
        instance, cross = chains.get(m_id, (None, False))
        mentions.append(
            GoldMention(
                id=m_id,
                tag=element.tag,
                span=Span(start=spans[min(anchored)].start, end=spans[max(anchored)].end),
                tokens=tuple(anchored),
                sentence=sentence_of[anchored[0]],
                instance=instance,
                cross_document=cross,
            )
        )
    return tuple(mentions)


def _chains(root: ET.Element) -> dict[str, tuple[str, bool]]:
    """Mention id -> (chain id, cross-document?), from the coreference relations."""
    chains: dict[str, tuple[str, bool]] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        cross = relation.tag == "CROSS_DOC_COREF"
        if relation.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            continue
        chain = relation.get("note") if cross else None
        chain = chain or f"intra:{relation.get('r_id', '')}"
        for source in relation.iter("source"):
            chains[source.get("m_id", "")] = (chain, cross)
    return chains


# --- Running our stages -----------------------------------------------------------------


def _analysis(document: EcbDocument) -> Annotations:
    raw, article = article_from_text(document.text, source=f"ecbplus:{document.id}")
    return Annotations(raw=raw, article=article)


def analyse(documents: Sequence[EcbDocument], processes: int = 2) -> list[Annotations | None]:
    """Our per-article stages on each document's text as given; None where a document failed."""
    return [a for a in analyse_texts([_analysis(d) for d in documents], processes=processes)]


def analyse_texts(
    analyses: Sequence[Annotations], processes: int = 2, chunk: int = 64
) -> list[Annotations | None]:
    """``coding_pipeline()`` over analyses holding an article, in ``processes`` worker processes."""
    chunks = [list(analyses[i : i + chunk]) for i in range(0, len(analyses), chunk)]
    if processes <= 1:
        return [r for c in chunks for r in _code_chunk(c)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        return [r for rs in pool.map(_code_chunk, chunks) for r in rs]


def _code_chunk(analyses: list[Annotations]) -> list[Annotations | None]:
    from newsweave.batch import continue_batch
    from newsweave.code_text import coding_pipeline

    return [r if isinstance(r, Annotations) else None for r in continue_batch(coding_pipeline(), analyses)]


def cluster(analyses: Sequence[Annotations | None], documents: Sequence[EcbDocument]) -> dict[str, str]:
    """Document id -> our story id, from the ``copies`` and ``stories`` corpus stages."""
    from newsweave.corpus import CorpusState, build_corpus_pipeline
    from newsweave.run import annotations_of

    articles: list[Article] = []
    annotations: dict[str, Annotations] = {}
    doc_of: dict[str, str] = {}
    for document, analysis in zip(documents, analyses, strict=True):
        article = analysis.article if analysis is not None else _analysis(document).article
        assert article is not None
        articles.append(article)
        doc_of[article.id] = document.id
        if analysis is not None:
            annotations[article.id] = annotations_of(analysis, ("actors", "time", "events"))
    state = build_corpus_pipeline(["copies", "stories"]).run(
        CorpusState(articles=tuple(articles), annotations=annotations)
    )
    return {doc_of[a]: story.id for story in state.stories for a in story.article_ids}


# --- B³ ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class B3(PRF):
    items: int


def b_cubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> B3:
    """B³ over the items of ``gold`` (an item missing from ``predicted`` is a singleton)."""
    pred = {item: predicted.get(item, f"\0{item}") for item in gold}
    sizes = Counter((pred[i], gold[i]) for i in gold)
    pred_sizes, gold_sizes = Counter(pred.values()), Counter(gold.values())
    precision = sum(sizes[(pred[i], gold[i])] / pred_sizes[pred[i]] for i in gold)
    recall = sum(sizes[(pred[i], gold[i])] / gold_sizes[gold[i]] for i in gold)
    n = len(gold)
    return B3(precision=precision / n if n else 0.0, recall=recall / n if n else 0.0, items=n)


def splits(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[int, int]:
    """(gold stories spread over two or more of ours, our stories mixing two or more gold)."""
    ours_of_gold: dict[str, set[str]] = defaultdict(set)
    gold_of_ours: dict[str, set[str]] = defaultdict(set)
    for item, story in gold.items():
        ours = predicted.get(item, f"\0{item}")
        ours_of_gold[story].add(ours)
        gold_of_ours[ours].add(story)
    return (
        sum(1 for s in ours_of_gold.values() if len(s) > 1),
        sum(1 for s in gold_of_ours.values() if len(s) > 1),
    )


# --- Report -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class EcbStoryScores:
    documents: int
    gold_stories: int
    our_stories: int
    failed: tuple[str, ...]
    b3: B3
    b3_topic: B3  # against topics only (the two halves merged): how well topics are kept apart
    split_gold: int  # gold stories over-split into two or more of ours
    mixed_ours: int  # our stories holding two or more gold stories
    seconds: float


def score_ecbplus(
    topics: Iterable[int] = TOPICS, data_dir: Path = DEFAULT_DATA, processes: int = 2
) -> EcbStoryScores:
    """Run our stages over ECB+ and score the story clustering against (topic, subtopic)."""
    started = time.perf_counter()
    documents = load_ecbplus(topics, data_dir)
    analyses = analyse(documents, processes=processes)
    predicted = cluster(analyses, documents)
    gold = {d.id: d.gold_story for d in documents}
    split_gold, mixed = splits(predicted, gold)
    return EcbStoryScores(
        documents=len(documents),
        gold_stories=len(set(gold.values())),
        our_stories=len(set(predicted.values())),
        failed=tuple(d.id for d, a in zip(documents, analyses, strict=True) if a is None),
        b3=b_cubed(predicted, gold),
        b3_topic=b_cubed(predicted, {d.id: str(d.topic) for d in documents}),
        split_gold=split_gold,
        mixed_ours=mixed,
        seconds=time.perf_counter() - started,
    )


def render_table(scores: EcbStoryScores) -> str:
    failed = ", ".join(scores.failed) or "none"
    return "\n".join(
        [
            f"ECB+ topics 1–35: {scores.documents} documents, {scores.gold_stories} gold stories "
            f"(topic × ECB/ECB+ half), {scores.our_stories} of ours; failed: {failed}; "
            f"{scores.seconds:.0f} s.",
            "",
            "| gold | B³ P | B³ R | B³ F1 | gold stories split | our stories mixing gold |",
            "|---|---:|---:|---:|---:|---:|",
            f"| topic + half (events) | {_cells(scores.b3)} | {scores.split_gold} | {scores.mixed_ours} |",
            f"| topic only | {_cells(scores.b3_topic)} | – | – |",
        ]
    )


def _cells(b3: B3) -> str:
    return f"{b3.precision:.3f} | {b3.recall:.3f} | {b3.f1:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_DATA, lambda data: score_ecbplus(data_dir=data), render_table)


if __name__ == "__main__":
    raise SystemExit(main())
