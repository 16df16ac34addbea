"""Cross-document event coreference on ECB+ topics 1–35: our events against gold chains.

Protocol:

* Documents are analysed as in :mod:`newsweave.eval.ecbplus` (per-article coding stages
  on the text as given), then the corpus stages ``copies``, ``actors-across``,
  ``stories`` and ``events-across`` run over all documents at once, as they would on a
  news archive: nothing tells them the topics.
* Gold items: the action mentions (``ACTION_*``, ``NEG_ACTION_*``) in the sentences ECB+
  selected for coreference (``ECBplus_coreference_sentences.csv``). A mention's gold
  cluster is its cross-document chain, else its intra-document chain, else itself.
* Each gold mention is matched to the first of our event reports whose trigger span
  overlaps it; its predicted cluster is that report's event. An unmatched gold mention is
  a singleton (it costs recall, never precision). Our reports that match no gold mention
  are not scored (gold-mention evaluation).
* Scores: B³ (Bagga & Baldwin 1998, averaged over gold mentions) and MUC (Vilain et al.
  1995), with their mean as a summary; mention recall says how many gold mentions we found
  at all. Reference rows: every mention a singleton, and the classic same-trigger-word-
  within-topic baseline (which knows the gold topics). The "matched mentions" rows score
  coreference alone, over the gold mentions our triggers found.

``python -m newsweave.eval.ecbplus_events [DATA_DIR]`` prints the table in Markdown.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.eval.common import PRF, ratio, run_evaluation
from newsweave.eval.ecbplus import (
    B3,
    DEFAULT_DATA,
    TOPICS,
    EcbDocument,
    analyse,
    b_cubed,
    load_ecbplus,
)
from newsweave.model import Annotations, Article, Event, EventReport

CORPUS_STAGES = ("copies", "actors-across", "stories", "events-across")
OURS = "newsweave events"
OURS_MATCHED = "newsweave events, matched mentions"


MUC = PRF  # MUC link-based precision and recall


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    name: str
    b3: B3
    muc: MUC

    @property
    def mean_f1(self) -> float:
        return (self.b3.f1 + self.muc.f1) / 2


@dataclass(frozen=True, slots=True, kw_only=True)
class EventCorefScores:
    documents: int
    gold_mentions: int
    matched: int
    gold_chains: int
    our_events: int
    rows: tuple[Row, ...]
    seconds: float

    @property
    def mention_recall(self) -> float:
        return ratio(self.matched, self.gold_mentions)

    def row(self, name: str) -> Row:
        return next(r for r in self.rows if r.name == name)


def muc(predicted: Mapping[str, str], gold: Mapping[str, str]) -> MUC:
    """MUC link-based precision and recall over the items of ``gold``."""
    pred = {item: predicted.get(item, f"\0{item}") for item in gold}
    return MUC(precision=_muc_side(pred, gold), recall=_muc_side(gold, pred))


def _muc_side(key: Mapping[str, str], response: Mapping[str, str]) -> float:
    """Σ(|K| − |partitions of K by response|) / Σ(|K| − 1) over the clusters K of ``key``."""
    clusters: dict[str, set[str]] = defaultdict(set)
    for item, cluster in key.items():
        clusters[cluster].add(item)
    numerator = denominator = 0
    for members in clusters.values():
        numerator += len(members) - len({response[i] for i in members})
        denominator += len(members) - 1
    return numerator / denominator if denominator else 0.0


def gold_clusters(documents: Iterable[EcbDocument]) -> dict[str, str]:
    """Gold mention key ("<doc>#<m_id>") → its chain, for selected-sentence action mentions."""
    gold: dict[str, str] = {}
    for document in documents:
        for mention in document.event_mentions:
            if mention.sentence not in document.annotated_sentences:
                continue
            key = f"{document.id}#{mention.id}"
            if mention.instance is None:
                gold[key] = key
            elif mention.cross_document:
                gold[key] = mention.instance
            else:
                gold[key] = f"{document.id}#{mention.instance}"
    return gold


def match_reports(
    documents: Sequence[EcbDocument], reports_of: Mapping[str, Sequence[EventReport]]
) -> dict[str, EventReport]:
    """Gold mention key → the first of our reports (in its document) whose trigger overlaps it."""
    matched: dict[str, EventReport] = {}
    for document in documents:
        reports = sorted(reports_of.get(document.id, ()), key=lambda r: r.trigger.start)
        for mention in document.event_mentions:
            for report in reports:
                if report.trigger.start < mention.span.end and mention.span.start < report.trigger.end:
                    matched[f"{document.id}#{mention.id}"] = report
                    break
    return matched


def _corpus_events(
    analyses: Sequence[Annotations | None], documents: Sequence[EcbDocument]
) -> tuple[dict[str, list[EventReport]], tuple[Event, ...]]:
    from newsweave.corpus import CorpusState, build_corpus_pipeline
    from newsweave.run import annotations_of

    articles: list[Article] = []
    annotations: dict[str, Annotations] = {}
    doc_of: dict[str, str] = {}
    for document, analysis in zip(documents, analyses, strict=True):
        article = analysis.article if analysis is not None else None
        if article is None:  # a failed document still counts: all its gold mentions go unmatched
            article = Article(
                id=f"ecbplus:{document.id}", source=f"ecbplus:{document.id}", text=document.text
            )
        articles.append(article)
        doc_of[article.id] = document.id
        if analysis is not None:
            annotations[article.id] = annotations_of(analysis, ("actors", "time", "events"))
    state = build_corpus_pipeline(list(CORPUS_STAGES)).run(
        CorpusState(articles=tuple(articles), annotations=annotations)
    )
    reports_of = {doc_of[key]: list(ann.reports) for key, ann in state.annotations.items()}
    return reports_of, state.events


def score_rows(
    documents: Sequence[EcbDocument],
    reports_of: Mapping[str, Sequence[EventReport]],
    events: Sequence[Event],
) -> tuple[dict[str, str], dict[str, EventReport], tuple[Row, ...]]:
    """Gold clusters, matches, and the scored rows (ours, singletons, same trigger word)."""
    gold = gold_clusters(documents)
    matched = {k: r for k, r in match_reports(documents, reports_of).items() if k in gold}
    event_of = {r: e.id for e in events for r in e.report_ids}
    ours = {k: event_of.get(r.id, r.id) for k, r in matched.items()}
    topic_of = {d.id: d.topic for d in documents}
    lemma = {k: f"{topic_of[k.split('#')[0]]}|{r.trigger_text.casefold()}" for k, r in matched.items()}
    singletons = {k: k for k in gold}
    found = {k: gold[k] for k in matched}  # coreference alone, on the mentions we detected
    rows = (
        Row(name=OURS, b3=b_cubed(ours, gold), muc=muc(ours, gold)),
        Row(name="all singletons", b3=b_cubed(singletons, gold), muc=muc(singletons, gold)),
        Row(name="same trigger word in topic", b3=b_cubed(lemma, gold), muc=muc(lemma, gold)),
        Row(name=OURS_MATCHED, b3=b_cubed(ours, found), muc=muc(ours, found)),
        Row(
            name="same trigger word in topic, matched mentions",
            b3=b_cubed(lemma, found),
            muc=muc(lemma, found),
        ),
    )
    return gold, matched, rows


def score_event_coref(
    topics: Iterable[int] = TOPICS, data_dir: Path = DEFAULT_DATA, processes: int = 2
) -> EventCorefScores:
    """Run our stages over ECB+ and score cross-document event coreference."""
    started = time.perf_counter()
    documents = load_ecbplus(topics, data_dir)
    analyses = analyse(documents, processes=processes)
    reports_of, events = _corpus_events(analyses, documents)
    gold, matched, rows = score_rows(documents, reports_of, events)
    return EventCorefScores(
        documents=len(documents),
        gold_mentions=len(gold),
        matched=len(matched),
        gold_chains=len(set(gold.values())),
        our_events=len(events),
        rows=rows,
        seconds=time.perf_counter() - started,
    )


def render_table(scores: EventCorefScores) -> str:
    lines = [
        f"ECB+ topics 1–35, cross-document event coreference: {scores.documents} documents, "
        f"{scores.gold_mentions} gold action mentions in {scores.gold_chains} chains; "
        f"{scores.matched} matched by our triggers (mention recall {scores.mention_recall:.3f}); "
        f"{scores.our_events} events of ours; {scores.seconds:.0f} s.",
        "",
        "| clustering | B³ P | B³ R | B³ F1 | MUC P | MUC R | MUC F1 | mean F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in scores.rows:
        lines.append(
            f"| {row.name} | {row.b3.precision:.3f} | {row.b3.recall:.3f} | {row.b3.f1:.3f} | "
            f"{row.muc.precision:.3f} | {row.muc.recall:.3f} | {row.muc.f1:.3f} | {row.mean_f1:.3f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    return run_evaluation(argv, DEFAULT_DATA, lambda data: score_event_coref(data_dir=data), render_table)


if __name__ == "__main__":
    raise SystemExit(main())
