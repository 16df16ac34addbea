"""Stories: articles about one news development, clustered incrementally.

Each article becomes one sparse vector with three weighted parts, so the similarity of two
articles is one dot product:

* its words (TF-IDF over title and text, sublinear, English stop words dropped);
* its actors: the knowledge-base or ``new:`` ids its mentions resolve to, and its events'
  participants and places (IDF-weighted, so ``kb:united-states`` says little and
  ``kb:ismail-haniyeh`` much). Outlets named as sources are left out: "told CNN" links
  nothing;
* its specific terms: names as written, event places, numbers and day-precise dates.

Candidates come from nearest neighbours on the word vectors (cosine), never from all
pairs, and a candidate pair links only if both publication dates are known and within
``window_days`` of each other, or one is unknown. Clusters are then merged by **average
linkage** over the candidate graph: two clusters joined by a candidate edge merge while the
mean similarity of all their cross pairs is at least ``threshold``. Because the vectors are
normalised parts, that mean is exact and cheap: ``sum(A) · sum(B) / (|A| |B|)``. Average
rather than single linkage, so one shared quote does not chain two stories together.

Incremental: :func:`assign_stories` starts from existing stories as fixed clusters (never
split, never merged with each other); new articles may join one of them or form new
stories. Vectors are recomputed for the members given, the clustering of existing stories
is not.

Titles: the title of the story's most central article (highest mean similarity to the
others); where no member has a title, that article's first sentence, shortened.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import NearestNeighbors

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.corpus.copies import unique
from newsweave.model import ActorKind, Annotations, Article, MentionKind, Precision, Story

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_UNLINKED_KINDS = frozenset({ActorKind.OUTLET})
TITLE_CHARS = 90


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryParams:
    """How stories are formed; the defaults are tuned on ECB+ and the CNN corpus (docs/evaluation.md)."""

    threshold: float = 0.15  # mean combined similarity at which two clusters merge
    neighbours: int = 15  # nearest neighbours per article: the candidate pairs
    window_days: int = 7  # publication dates further apart never link directly
    actor_weight: float = 0.5  # weight of shared actors relative to words (1.0)
    term_weight: float = 0.5  # weight of shared names, places, numbers, dates
    max_df: float = 0.5  # words in more than this share of articles are ignored


@dataclass(frozen=True, slots=True, kw_only=True)
class _Features:
    words: list[str] = field(default_factory=list)  # title + text per article
    actors: list[list[str]] = field(default_factory=list)
    terms: list[list[str]] = field(default_factory=list)


def actor_ids(annotations: Annotations | None) -> list[str]:
    """The actors an article names or whose events it reports (outlets cited as sources left out)."""
    if annotations is None:
        return []
    unlinked = {a.id for a in annotations.actors if a.kind in _UNLINKED_KINDS}
    ids = {m.actor_id for m in annotations.mentions if m.actor_id}
    for report in annotations.reports:
        ids.update(report.actor + report.recipient)
        if report.where:
            ids.add(report.where)
    return sorted(ids - unlinked)


def specific_terms(article: Article, annotations: Annotations | None) -> list[str]:
    """Names as written, event places, numbers and day-precise dates: the details that tell
    two events of one kind apart (two rehab stays, two earthquakes)."""
    terms = {f"n:{m.group(0).replace(',', '')}" for m in _NUMBER.finditer(article.text)}
    if annotations is not None:
        terms.update(f"name:{m.text.casefold()}" for m in annotations.mentions if m.kind is MentionKind.NAME)
        terms.update(f"place:{r.where_text.casefold()}" for r in annotations.reports if r.where_text)
        terms.update(
            f"date:{t.start.isoformat()}"
            for t in annotations.timexes
            if t.start and t.precision in (Precision.DAY, Precision.PART_OF_DAY)
        )
    return sorted(terms)


def _features(articles: Sequence[Article], annotations: Mapping[str, Annotations]) -> _Features:
    features = _Features()
    for article in articles:
        notes = annotations.get(article.id)
        features.words.append(f"{article.title or ''}\n{article.text}")
        features.actors.append(actor_ids(notes))
        features.terms.append(specific_terms(article, notes))
    return features


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _weighted(tokens: list[list[str]], weight: float) -> sp.csr_matrix:
    """IDF-weighted binary vectors, L2-normalised, scaled so their dot products weigh ``weight``."""
    if weight <= 0 or not any(tokens):
        return sp.csr_matrix((len(tokens), 0), dtype=np.float32)
    vectorizer = TfidfVectorizer(analyzer=_identity, binary=True, dtype=np.float32)
    return sp.csr_matrix(vectorizer.fit_transform(tokens) * np.float32(np.sqrt(weight)))


def vectors(
    articles: Sequence[Article], annotations: Mapping[str, Annotations], params: StoryParams
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(word vectors for neighbour search, combined vectors whose dot product is the similarity)."""
    features = _features(articles, annotations)
    max_df = params.max_df if len(articles) >= 10 else 1.0  # tiny batches: every word may be shared
    words = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=max_df, dtype=np.float32)
    try:
        x = sp.csr_matrix(words.fit_transform(features.words))
    except ValueError:  # no word survives (empty or stop-word-only texts)
        x = sp.csr_matrix((len(articles), 0), dtype=np.float32)
    parts = [
        x,
        _weighted(features.actors, params.actor_weight),
        _weighted(features.terms, params.term_weight),
    ]
    scale = np.float32(1 / np.sqrt(1 + params.actor_weight + params.term_weight))
    return x, sp.csr_matrix(sp.hstack(parts, format="csr") * scale)


def candidate_pairs(x: sp.csr_matrix, neighbours: int) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, where one is among the other's nearest neighbours by cosine."""
    n = x.shape[0]
    if n < 2 or x.shape[1] == 0:
        return set()
    k = min(neighbours + 1, n)
    index = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(x)
    distances, indices = index.kneighbors(x)
    pairs = set()
    for i, (row, dist) in enumerate(zip(indices, distances, strict=True)):
        for j, d in zip(row, dist, strict=True):
            if j != i and d < 1.0:  # distance 1: nothing in common
                pairs.add((min(i, int(j)), max(i, int(j))))
    return pairs


def within_window(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    """Whether two publication dates may belong to one story; an unknown date never gates."""
    return a is None or b is None or abs((a - b).days) <= days


@dataclass(slots=True)
class _Cluster:
    members: list[int]
    total: sp.csr_matrix  # sum of the members' combined vectors
    story: Story | None = None  # the existing story this cluster continues
    version: int = 0


def _mean_similarity(a: _Cluster, b: _Cluster) -> float:
    return float(a.total.multiply(b.total).sum()) / (len(a.members) * len(b.members))


def average_linkage(
    z: sp.csr_matrix, pairs: Iterable[tuple[int, int]], clusters: list[_Cluster], threshold: float
) -> list[_Cluster]:
    """Merge clusters joined by a candidate pair, best mean similarity first, down to ``threshold``.

    Two clusters continuing different existing stories never merge.
    """
    owner = {i: c for c, cluster in enumerate(clusters) for i in cluster.members}
    adjacent: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        a, b = owner[i], owner[j]
        if a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    alive = dict(enumerate(clusters))
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        ca, cb = alive[a], alive[b]
        if ca.story is not None and cb.story is not None:
            return
        score = _mean_similarity(ca, cb)
        if score >= threshold:
            heapq.heappush(heap, (-score, a, b, ca.version, cb.version))

    for a in list(adjacent):
        for b in adjacent[a]:
            if a < b:
                push(a, b)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in alive or b not in alive or alive[a].version != va or alive[b].version != vb:
            continue  # stale: one side has merged since
        keep, gone = alive[a], alive.pop(b)
        keep.members += gone.members
        keep.total = keep.total + gone.total
        keep.story = keep.story or gone.story
        keep.version += 1
        adjacent[a] = (adjacent[a] | adjacent.pop(b, set())) - {a, b}
        for c in adjacent[a]:
            adjacent[c].discard(b)
            adjacent[c].add(a)
            push(a, c)
    return list(alive.values())


def story_title(members: Sequence[int], z: sp.csr_matrix, articles: Sequence[Article]) -> str:
    """The title of the most central member, else its first sentence, shortened."""
    rows = z[list(members)]
    total = sp.csr_matrix(rows.sum(axis=0))
    centrality = np.asarray(rows @ total.T.toarray()).ravel()
    order = [members[k] for k in np.argsort(-centrality, kind="stable")]
    titled = [i for i in order if articles[i].title]
    if titled:
        return str(articles[titled[0]].title)
    first = _SENTENCE_END.split(articles[order[0]].text.strip(), maxsplit=1)[0]
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _story_id(article_ids: Iterable[str]) -> str:
    return "story:" + hashlib.sha256(min(article_ids).encode("utf-8")).hexdigest()[:12]


def _dates(members: Iterable[Article]) -> tuple[dt.date | None, dt.date | None]:
    dates = [a.published.value for a in members if a.published.value]
    return (min(dates), max(dates)) if dates else (None, None)


def assign_stories(
    existing: Sequence[Story],
    new_articles: Sequence[Article],
    *,
    known: Sequence[Article] = (),
    annotations: Mapping[str, Annotations] | None = None,
    params: StoryParams | None = None,
) -> tuple[Story, ...]:
    """Stories after ``new_articles`` arrive: each joins an existing story or starts a new one.

    ``known`` holds the articles of ``existing`` stories (those not given cannot attract new
    articles; their stories are returned unchanged). Existing stories keep their ids and
    members; one that gains articles gets a new title and dates.
    """
    params = params or StoryParams()
    annotations = annotations or {}
    new_ids = {a.id for a in new_articles}
    members_of = {a: s for s in existing for a in s.article_ids}
    old = [a for a in known if a.id in members_of and a.id not in new_ids]
    articles = list(new_articles) + old
    if not articles:
        return tuple(existing)
    x, z = vectors(articles, annotations, params)
    pairs = {
        (i, j)
        for i, j in candidate_pairs(x, params.neighbours)
        if within_window(articles[i].published.value, articles[j].published.value, params.window_days)
    }
    clusters = _initial_clusters(articles, members_of, z, len(new_articles))
    merged = average_linkage(z, pairs, clusters, params.threshold)
    return _stories(merged, existing, articles, z)


def _initial_clusters(
    articles: Sequence[Article], members_of: Mapping[str, Story], z: sp.csr_matrix, n_new: int
) -> list[_Cluster]:
    clusters = [_Cluster(members=[i], total=z[i]) for i in range(n_new)]
    by_story: dict[str, list[int]] = defaultdict(list)
    for i in range(n_new, len(articles)):
        by_story[members_of[articles[i].id].id].append(i)
    stories = {s.id: s for s in members_of.values()}
    for story_id, members in by_story.items():
        total = sp.csr_matrix(z[members].sum(axis=0))
        clusters.append(_Cluster(members=members, total=total, story=stories[story_id]))
    return clusters


def _stories(
    clusters: Sequence[_Cluster], existing: Sequence[Story], articles: Sequence[Article], z: sp.csr_matrix
) -> tuple[Story, ...]:
    grown = {c.story.id: c for c in clusters if c.story is not None}
    stories = []
    for story in existing:
        cluster = grown.get(story.id)
        if cluster is None or all(articles[i].id in story.article_ids for i in cluster.members):
            stories.append(story)
            continue
        added = tuple(articles[i].id for i in cluster.members if articles[i].id not in story.article_ids)
        stories.append(_story(story.id, story.article_ids + added, cluster.members, articles, z))
    for cluster in clusters:
        if cluster.story is None:
            ids = tuple(articles[i].id for i in sorted(cluster.members))
            stories.append(_story(_story_id(ids), ids, cluster.members, articles, z))
    return tuple(stories)


def _story(
    story_id: str, ids: tuple[str, ...], members: Sequence[int], articles: Sequence[Article], z: sp.csr_matrix
) -> Story:
    start, end = _dates(articles[i] for i in members)
    return Story(id=story_id, title=story_title(members, z, articles), article_ids=ids, start=start, end=end)


@corpus_stage("stories", requires=["copies"], provides=["stories"])
def stories_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Cluster every article into stories (no earlier stories: one batch)."""
    stories = assign_stories((), list(unique(state.articles)), annotations=state.annotations)
    return replace(state, stories=tuple(sorted(stories, key=lambda s: (-len(s.article_ids), s.id))))
