"""Copies: revisions of one article, and wire stories republished by other outlets.

Two kinds of repeat are found, and later stages count each repeated report once:

* **versions** — articles sharing a ``version_key`` (URL or slug) are revisions of one
  article. The newest version is the canonical one (``Copy.original_id``); the others are
  recorded as ``kind="version"``. :func:`latest_versions` keeps only the newest.
* **wire copies** — near-identical texts under different keys. MinHash signatures of word
  shingles go into an LSH index (datasketch), so candidate pairs come from shared hash
  bands, never from comparing all pairs. Texts from different outlets are ``"wire-copy"``:
  the original is the wire outlet's own article if present, else the earliest published.
  Texts from one outlet under two keys, or where an outlet is unknown, are
  ``"near-duplicate"``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace

from datasketch import MinHash, MinHashLSH

from newsweave.config import Settings
from newsweave.corpus import CorpusState, corpus_stage
from newsweave.model import Article, Copy

NUM_PERM = 128
SHINGLE_WORDS = 5
COPY_THRESHOLD = 0.8  # estimated Jaccard of shingles: wire copies keep ~all sentences
_WORD = re.compile(r"\w+")
# Soft hyphen, zero-width (non-)joiner, bidi marks and embeddings, word joiner, stray BOM.
_INVISIBLE = re.compile("[\u00ad\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_STAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T_](\d{2})[:-](\d{2})(?:[:-](\d{2}))?")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word ``size``-grams; a text shorter than that is one shingle.

    Article text keeps the code points of its input, so two copies of one story may spell
    "café" composed and decomposed, or one may carry soft hyphens: the words are compared in
    NFC with invisible format characters left out.
    """
    words = _WORD.findall(_INVISIBLE.sub("", unicodedata.normalize("NFC", text)).lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch([s.encode("utf-8") for s in shingles(text)])
    return signature


def unique(articles: Iterable[Article]) -> Iterator[Article]:
    """Each article once: byte-identical files (one text saved under two names) share an id."""
    seen: set[str] = set()
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            yield article


def version_time(article: Article) -> tuple[dt.date, str, str]:
    """A sort key: later versions sort later.

    The revision time is the scrape or commit stamp where one is known (the source name
    ``__commit_2024-07-31T10-00-00`` or the published line's ``2024-07-31 10:00:00``), else
    the publication date; the source name breaks ties.
    """
    stamps = [
        m.group(0) for text in (article.source, article.published.evidence) if (m := _STAMP.search(text))
    ]
    stamp = max(_normal_stamp(s) for s in stamps) if stamps else ""
    return (article.published.value or dt.date.min, stamp, article.source)


def _normal_stamp(stamp: str) -> str:
    match = _STAMP.match(stamp)
    assert match is not None
    return "".join(g or "00" for g in match.groups())


def version_groups(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Articles by ``version_key`` (keys with two or more articles), oldest version first."""
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.version_key:
            groups[article.version_key].append(article)
    return {key: sorted(group, key=version_time) for key, group in groups.items() if len(group) > 1}


def _jaccard(a: MinHash, b: MinHash) -> float:
    return round(float(a.jaccard(b)), 3)


def version_copies(
    articles: Sequence[Article], signatures: Mapping[str, MinHash] | None = None
) -> list[Copy]:
    """A ``"version"`` record for every older version, pointing at the newest."""
    signatures = signatures if signatures is not None else {}
    copies = []
    for group in version_groups(articles).values():
        newest = group[-1]
        for older in group[:-1]:
            a, b = signatures.get(older.id), signatures.get(newest.id)
            similarity = _jaccard(a, b) if a is not None and b is not None else _exact_jaccard(older, newest)
            copies.append(
                Copy(article_id=older.id, original_id=newest.id, kind="version", similarity=similarity)
            )
    return copies


def _exact_jaccard(a: Article, b: Article) -> float:
    x, y = shingles(a.text), shingles(b.text)
    return round(len(x & y) / len(x | y), 3) if x | y else 1.0


def representatives(articles: Sequence[Article]) -> list[Article]:
    """One article per version key (the newest) plus every article without a key."""
    newest: dict[str, Article] = {}
    for article in articles:
        key = article.version_key
        if key and (key not in newest or version_time(article) > version_time(newest[key])):
            newest[key] = article
    return [a for a in articles if not a.version_key or newest[a.version_key] is a]


def _groups(ids: Sequence[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    members: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        members[find(i)].append(i)
    return [group for group in members.values() if len(group) > 1]


def _outlet(article: Article) -> str | None:
    return article.outlet.name.casefold() if article.outlet.name else None


def _original(group: Sequence[Article]) -> Article:
    """The wire outlet's own article if the group holds one, else the earliest published."""
    wires = {a.outlet.wire.casefold() for a in group if a.outlet.wire}
    own = [a for a in group if _outlet(a) in wires and not a.outlet.republished_by]
    return min(own or group, key=lambda a: (a.published.value or dt.date.max, a.source))


def text_copies(
    articles: Sequence[Article], signatures: Mapping[str, MinHash], threshold: float = COPY_THRESHOLD
) -> list[Copy]:
    """Wire copies and near-duplicates among ``articles`` (one per version key), by MinHash LSH."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    pairs: list[tuple[str, str]] = []
    for article in articles:
        signature = signatures[article.id]
        pairs += [(article.id, other) for other in lsh.query(signature)]
        lsh.insert(article.id, signature)
    by_id = {a.id: a for a in articles}
    copies = []
    for ids in _groups([a.id for a in articles], pairs):
        group = [by_id[i] for i in ids]
        original = _original(group)
        for article in group:
            if article is not original:
                kind = "near-duplicate" if _same_outlet(article, original) else "wire-copy"
                similarity = _jaccard(signatures[article.id], signatures[original.id])
                copies.append(
                    Copy(article_id=article.id, original_id=original.id, kind=kind, similarity=similarity)
                )
    return copies


def _same_outlet(a: Article, b: Article) -> bool:
    # An unknown outlet is not evidence of another outlet: a re-slugged page of one site
    # (CNN saves one article under two headlines) must not count as a republication.
    return _outlet(a) is None or _outlet(b) is None or _outlet(a) == _outlet(b)


def find_copies(articles: Sequence[Article], threshold: float = COPY_THRESHOLD) -> tuple[Copy, ...]:
    """Every version and text copy among ``articles``, in article order."""
    articles = list(unique(articles))
    signatures = {a.id: minhash(a.text) for a in articles}
    found = version_copies(articles, signatures) + text_copies(
        representatives(articles), signatures, threshold
    )
    order = {a.id: n for n, a in enumerate(articles)}
    return tuple(sorted(found, key=lambda c: order[c.article_id]))


@corpus_stage("copies", provides=["copies"])
def copies_stage(state: CorpusState, settings: Settings) -> CorpusState:
    """Find revisions (same version key) and wire copies (near-identical text, other outlet)."""
    return replace(state, copies=find_copies(state.articles))


def latest_versions(state: CorpusState) -> CorpusState:
    """Keep the newest version of each article; older versions stay listed as ``"version"`` copies.

    Annotations of dropped versions are dropped; text copies that involved them are kept
    only when both ends survive.
    """
    kept = representatives(list(unique(state.articles)))
    kept_ids = {a.id for a in kept}
    versions = version_copies(state.articles) if not state.copies else []
    copies = [c for c in state.copies if c.kind == "version" or {c.article_id, c.original_id} <= kept_ids]
    return replace(
        state,
        articles=tuple(kept),
        annotations={k: v for k, v in state.annotations.items() if k in kept_ids},
        copies=tuple(copies + versions),
    )


def versions_of(article_id: str, copies: Iterable[Copy]) -> tuple[str, ...]:
    """The older versions of ``article_id``, as recorded in ``copies``."""
    return tuple(c.article_id for c in copies if c.kind == "version" and c.original_id == article_id)


def canonical(copies: Iterable[Copy]) -> dict[str, str]:
    """Article id -> the id of the report it repeats (following version and copy links to the root)."""
    parent = {c.article_id: c.original_id for c in copies}
    roots: dict[str, str] = {}
    for start in parent:
        seen = [start]
        node = parent[start]
        while node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        roots[start] = node
    return roots


def independent_outlets(
    article_ids: Iterable[str], copies: Iterable[Copy], outlets: Mapping[str, str | None] | None = None
) -> int:
    """How many independent reports ``article_ids`` hold: a wire story and its republications,
    or the versions of one article, count once.

    With ``outlets`` (article id -> outlet name, e.g. from :func:`outlet_names`) reports are
    also counted once per outlet; an article of unknown outlet counts on its own.
    """
    roots = canonical(copies)
    reports = {roots.get(i, i) for i in article_ids}
    if outlets is None:
        return len(reports)
    named = {outlets.get(r) or f"\0{r}" for r in reports}
    return len(named)


def outlet_names(articles: Iterable[Article]) -> dict[str, str | None]:
    """Article id -> the outlet that stands behind its text: the wire service if it is a wire
    story (AP text in The Columbian counts as AP), else the outlet."""
    return {a.id: (a.outlet.wire or a.outlet.name) for a in articles}
