"""Story purity and splitting on the CNN (July 2024) and USA Today (Q3 2024) corpora.

There is no full gold for these corpora; two partial, noisy ones are used.

* **CNN on-story files** (``cnn-2024-07/onstory_versions`` names them): 21 files, 15 slugs
  about the killings of Fuad Shukr (30 Jul) and Ismail Haniyeh (31 Jul) and what followed.
  Three slugs are about other events and touch the story only at its edge: two files of
  23/24 Jul ("dozens killed … humanitarian zone in Gaza") mention Haniyeh in passing, and
  on 1 Aug Israel's statement that it killed Mohammed Deif in Gaza in July and the killing
  of two Al Jazeera journalists in Gaza. The other 12 slugs are the core. Splitting: how
  many of our stories hold the core; intrusion: how many other articles sit in those
  stories (some rightly: the Golan Heights attack that led to the Shukr strike, other
  outlets' reports). Where the three edge slugs go is reported beside.
* **USA Today question groups**: each article was retrieved by RealTimeQA for one or more
  weekly quiz questions (``retrieved_for``); the 47 questions with three or more articles
  are topical groups. An article in several groups is labelled with the question it ranked
  best for. Caveats: two questions can be about one story (two Olympics questions), so
  merging them costs precision here without being wrong; a question's results can span
  stories (a retrieval is not a story), so some "splits" are right. The numbers are a
  guide, not a score to maximise.

The corpus goes through ``clean`` and ``metadata`` (every file), :func:`latest_versions`
(one article per slug or URL), the per-article coding stages on what is left, then the
``copies`` and ``stories`` corpus stages.

``python -m newsweave.eval.stories [SHARED_DIR] [--onstory-only]`` prints Markdown tables.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.batch import Failed, analyse
from newsweave.config import Settings
from newsweave.corpus import CorpusState, build_corpus_pipeline
from newsweave.corpus.copies import latest_versions
from newsweave.errors import InputError
from newsweave.eval.ecbplus import B3, analyse_texts, b_cubed, splits
from newsweave.ingest import iter_documents
from newsweave.ingest.markdown import version_slug
from newsweave.model import Annotations, Article, RawDocument, Story
from newsweave.pipeline import build

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
CNN = Path("corpus/cnn-2024-07")
USAT = Path("corpus/usatoday-2024q3/articles_2024-07_to_09.jsonl")
PERIPHERAL = frozenset(
    {
        "slug:dozens-killed-and-thousands-flee-as-israel-shrinks-humanitarian-zone-in-gaza",
        "slug:israeli-military-says-it-killed-hamas-chief-mohammed-deif-in-gaza-last-month",
        "slug:al-jazeera-journalists-killed-in-reported-israeli-airstrike-in-gaza-network-says",
    }
)
MIN_GROUP = 3


# --- Corpus -----------------------------------------------------------------------------


def onstory_slugs(shared: Path = DEFAULT_SHARED) -> frozenset[str]:
    """Version keys (``slug:...``) of the CNN on-story files."""
    folder = shared / CNN / "onstory_versions"
    if not folder.is_dir():
        raise InputError("CNN on-story folder not found", source=str(folder))
    return frozenset(s for p in folder.glob("*.md") if (s := version_slug(p.name)))


def onstory_files(shared: Path = DEFAULT_SHARED) -> list[Path]:
    """The 21 on-story files of ``cnn-2024-07/2024`` (dated folder + slug named in onstory_versions)."""
    names = {p.name.split("__commit_")[0] for p in (shared / CNN / "onstory_versions").glob("*.md")}
    return sorted(
        p for p in (shared / CNN / "2024").rglob("*.md") if f"{'_'.join(p.parts[-4:-1])}_{p.stem}" in names
    )


def usatoday_groups(shared: Path = DEFAULT_SHARED) -> dict[str, str]:
    """Article URL -> the question (of those with >= 3 articles) it was retrieved best for."""
    path = shared / USAT
    try:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as err:
        raise InputError(f"cannot read USA Today records: {err}", source=str(path)) from err
    sizes = Counter(
        q["question_id"] for r in records for q in {q["question_id"]: q for q in r["retrieved_for"]}.values()
    )
    groups = {}
    for record in records:
        asked = [q for q in record["retrieved_for"] if sizes[q["question_id"]] >= MIN_GROUP]
        if asked:
            best = min(asked, key=lambda q: (int(q.get("rank", 99)), str(q["question_id"])))
            groups[record["url"]] = str(best["question_id"])
    return groups


def prepare(raws: Iterable[RawDocument], processes: int = 2) -> tuple[CorpusState, int, int]:
    """Clean every document, keep the latest version per key, code those: (state, files, failed)."""
    settings = Settings()
    cleaned = [r for r in analyse(raws, build(["clean", "metadata"], settings), processes=processes)]
    ok = [r for r in cleaned if isinstance(r, Annotations)]
    latest = latest_versions(CorpusState(articles=tuple(r.require_article() for r in ok)))
    keep = {a.id for a in latest.articles}
    seen: set[str] = set()
    chosen = [r for r in ok if r.require_article().id in keep and not _seen(r.require_article().id, seen)]
    coded = analyse_texts(chosen, processes=processes)
    annotations = {a.require_article().id: _annotations(a) for a in coded if a is not None}
    state = CorpusState(articles=latest.articles, annotations=annotations, copies=latest.copies)
    failed = sum(1 for r in cleaned if isinstance(r, Failed)) + sum(1 for a in coded if a is None)
    return state, len(cleaned), failed


def _seen(article_id: str, seen: set[str]) -> bool:
    # Byte-identical files (a slug re-saved unchanged) share an article id: code it once.
    if article_id in seen:
        return True
    seen.add(article_id)
    return False


def _annotations(analysis: Annotations) -> Annotations:
    from newsweave.run import annotations_of

    return annotations_of(analysis, ("nlp", "actors", "time", "quotes", "events"))


def cluster(state: CorpusState) -> CorpusState:
    """The ``copies`` and ``stories`` corpus stages (copies again: versions are recorded already)."""
    stories = build_corpus_pipeline(["copies", "stories"]).run(state)
    return CorpusState(
        articles=stories.articles,
        annotations=stories.annotations,
        copies=state.copies + tuple(c for c in stories.copies if c.kind != "version"),
        stories=stories.stories,
    )


def corpus_raws(shared: Path = DEFAULT_SHARED, *, onstory_only: bool = False) -> list[RawDocument]:
    """The CNN + USA Today documents (or the on-story CNN files and the USA Today ones)."""
    paths = onstory_files(shared) if onstory_only else [shared / CNN / "2024"]
    raws = []
    for item in iter_documents([str(p) for p in (*paths, shared / USAT)], Settings()):
        if isinstance(item, RawDocument) and not item.source.endswith("readme.md"):
            raws.append(item)
    return raws


# --- Scores -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class OnStory:
    core: int  # core on-story slugs
    found: int  # of them in the corpus after cleaning (one article per slug)
    stories: int  # our stories holding them
    largest_share: float  # share of them in the story holding most
    intruders: int  # other articles in the stories holding them
    largest_story: str  # title of the story holding most
    peripheral_joined: int  # edge slugs (of 3) in that story


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryCorpusScores:
    files: int
    articles: int
    failed: int
    stories: int
    singletons: int
    largest: int
    onstory: OnStory
    usat_articles: int
    usat_groups: int
    usat_b3: B3
    usat_purity: float  # articles in the majority group of their story, over labelled articles
    usat_split: int  # question groups spread over two or more stories
    usat_mixed: int  # our stories holding two or more question groups
    seconds: float


def score_onstory(stories: Sequence[Story], articles: Sequence[Article], slugs: frozenset[str]) -> OnStory:
    core = {a.id for a in articles if a.version_key in slugs - PERIPHERAL}
    edge = {a.id for a in articles if a.version_key in PERIPHERAL}
    holding = [s for s in stories if core & set(s.article_ids)]
    best = max(holding, key=lambda s: len(core & set(s.article_ids)), default=None)
    members = {a for s in holding for a in s.article_ids}
    return OnStory(
        core=len(slugs - PERIPHERAL),
        found=len(core),
        stories=len(holding),
        largest_share=len(core & set(best.article_ids)) / len(core) if best and core else 0.0,
        intruders=len(members - core - edge),
        largest_story=best.title if best else "",
        peripheral_joined=len(edge & set(best.article_ids)) if best else 0,
    )


def purity(predicted: Mapping[str, str], gold: Mapping[str, str]) -> float:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item, label in gold.items():
        counts[predicted.get(item, f"\0{item}")][label] += 1
    return sum(c.most_common(1)[0][1] for c in counts.values()) / len(gold) if gold else 0.0


def score(state: CorpusState, shared: Path, files: int, failed: int, seconds: float) -> StoryCorpusScores:
    predicted = {a: s.id for s in state.stories for a in s.article_ids}
    groups = usatoday_groups(shared)
    gold = {a.id: groups[a.url] for a in state.articles if a.url in groups}
    split_groups, mixed = splits(predicted, gold)
    sizes = [len(s.article_ids) for s in state.stories]
    return StoryCorpusScores(
        files=files,
        articles=len(state.articles),
        failed=failed,
        stories=len(state.stories),
        singletons=sum(1 for n in sizes if n == 1),
        largest=max(sizes, default=0),
        onstory=score_onstory(state.stories, state.articles, onstory_slugs(shared)),
        usat_articles=len(gold),
        usat_groups=len(set(gold.values())),
        usat_b3=b_cubed(predicted, gold),
        usat_purity=purity(predicted, gold),
        usat_split=split_groups,
        usat_mixed=mixed,
        seconds=seconds,
    )


def evaluate(
    shared: Path = DEFAULT_SHARED, *, onstory_only: bool = False, processes: int = 2
) -> StoryCorpusScores:
    started = time.perf_counter()
    state, files, failed = prepare(corpus_raws(shared, onstory_only=onstory_only), processes=processes)
    clustered = cluster(state)
    return score(clustered, shared, files, failed, time.perf_counter() - started)


def render_table(scores: StoryCorpusScores) -> str:
    o, b = scores.onstory, scores.usat_b3
    return "\n".join(
        [
            f"CNN + USA Today: {scores.files} files, {scores.articles} articles after keeping the latest "
            f"version, {scores.failed} failed; {scores.stories} stories ({scores.singletons} of one article, "
            f"largest {scores.largest}); {scores.seconds:.0f} s.",
            "",
            "| CNN on-story (Haniyeh / Shukr) | value |",
            "|---|---:|",
            f"| core on-story articles (one per slug) found | {o.found} of {o.core} |",
            f"| stories holding them | {o.stories} |",
            f"| share in the largest of those | {o.largest_share:.3f} |",
            f"| other articles in those stories | {o.intruders} |",
            f"| edge articles (Gaza passing mention, Deif, Al Jazeera) joined | {o.peripheral_joined} of 3 |",
            "",
            f"Largest on-story story: “{o.largest_story}”.",
            "",
            f"| USA Today questions ({scores.usat_groups} groups, {scores.usat_articles} articles) | value |",
            "|---|---:|",
            f"| B³ precision | {b.precision:.3f} |",
            f"| B³ recall | {b.recall:.3f} |",
            f"| B³ F1 | {b.f1:.3f} |",
            f"| purity | {scores.usat_purity:.3f} |",
            f"| groups split over two or more stories | {scores.usat_split} |",
            f"| stories mixing two or more groups | {scores.usat_mixed} |",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    onstory_only = "--onstory-only" in args
    paths = [a for a in args if not a.startswith("--")]
    shared = Path(paths[0]) if paths else DEFAULT_SHARED
    try:
        scores = evaluate(shared, onstory_only=onstory_only)
    except InputError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    sys.stdout.write(render_table(scores) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
