"""The run loop: unchanged inputs are not analysed again and keep their stored analysis; no document
and no bug in a reader, the analysis or the store can end a run."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from warcio.warcwriter import WARCWriter

import newsweave.ingest as ingest_module
import newsweave.run as run_module
from newsweave.config import Settings
from newsweave.errors import InputError, InternalError
from newsweave.model import RawDocument
from newsweave.run import run
from newsweave.store import Store

from .conftest import SEEDS, SHARED


def test_unchanged_inputs_are_not_analysed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    analysed: list[str] = []
    real = run_module.analyse

    def counting(raws: Iterable[RawDocument], *args: Any, **kwargs: Any) -> Iterator[Any]:
        def seen() -> Iterator[RawDocument]:
            for raw in raws:
                analysed.append(raw.source)
                yield raw

        return real(seen(), *args, **kwargs)

    monkeypatch.setattr(run_module, "analyse", counting)
    with Store.open(":memory:") as store:
        first = run([str(SEEDS)], Settings(), store)
        assert first.counts["new"] == 5 and len(analysed) == 5
        analysed.clear()
        second = run([str(SEEDS)], Settings(), store)
    assert analysed == []
    assert second.counts["duplicate"] == 5
    assert {a.id for a in second.articles} == {a.id for a in first.articles}
    assert second.annotations.keys() == first.annotations.keys()
    haniyeh = "kb:ismail-haniyeh"
    assert all(any(m.actor_id == haniyeh for m in ann.mentions) for ann in second.annotations.values())


def test_another_pipeline_analyses_again() -> None:
    with Store.open(":memory:") as store:
        run([str(SEEDS)], Settings(stages=("clean", "metadata")), store)
        again = run([str(SEEDS)], Settings(), store)
        assert again.counts["duplicate"] == 5
        assert all(ann.reports for ann in again.annotations.values())  # refreshed by the full pipeline


# --- no document can end a run: bugs are injected where no real input reaches them yet ----

LIGHT = Settings(stages=("clean", "metadata"))  # the guards sit around the stages, not in them


def seed_folder_with(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / name).write_bytes(content)
    return folder


def usatoday_jsonl(records: int) -> bytes:
    lines = (SHARED / "corpus" / "usatoday-2024q3" / "articles_2024-07_to_09.jsonl").read_bytes().splitlines()
    return b"\n".join(lines[:records])


def test_a_reader_that_raises_fails_its_input_and_the_next_inputs_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = seed_folder_with(tmp_path, "000-broken.jsonl", usatoday_jsonl(3))  # sorted before the seeds
    real = ingest_module.iter_file_documents

    def breaks_after_one(
        path: Path, settings: Settings, **options: Any
    ) -> Iterator[RawDocument | InputError]:
        documents = real(path, settings, **options)
        if path.name == "000-broken.jsonl":
            yield next(documents)
            raise RuntimeError("reader bug")
        yield from documents

    monkeypatch.setattr(ingest_module, "iter_file_documents", breaks_after_one)
    outcomes = []
    with Store.open(":memory:") as store:
        summary = run([str(folder)], LIGHT, store, outcomes.append)
    (failed,) = [o for o in outcomes if o.status == "failed"]
    assert failed.source == str(folder / "000-broken.jsonl")
    assert isinstance(failed.error, InternalError) and "reader bug" in failed.error.message
    assert "RuntimeError" in failed.detail  # the traceback, for --verbose
    assert summary.counts["new"] == 1 + 5  # the record read before the bug, and every seed


def test_a_source_whose_listing_raises_fails_and_the_next_source_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = ingest_module.iter_paths

    def walk(root: Path, **options: Any) -> Iterator[Path | InputError]:
        if root.name == "broken":
            raise OSError("listing bug")
        yield from real(root, **options)

    monkeypatch.setattr(ingest_module, "iter_paths", walk)
    with Store.open(":memory:") as store:
        summary = run([str(tmp_path / "broken"), str(SEEDS)], LIGHT, store)
    assert (summary.counts["failed"], summary.counts["new"]) == (1, 5)


def test_a_bug_while_storing_one_document_fails_only_that_document(monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = []
    with Store.open(":memory:") as store:
        real_add = store.add

        def add(raw: RawDocument, *args: Any, **kwargs: Any) -> Any:
            if raw.source.startswith(str(SEEDS / "002_")):
                raise TypeError("store bug")
            return real_add(raw, *args, **kwargs)

        monkeypatch.setattr(store, "add", add)
        summary = run([str(SEEDS)], LIGHT, store, outcomes.append)
        assert store.count() == 4
    (failed,) = [o for o in outcomes if o.status == "failed"]
    assert isinstance(failed.error, InternalError) and "while storing" in failed.error.message
    assert summary.counts["new"] == 4


def test_an_analysis_that_breaks_fails_the_documents_it_held_and_a_fresh_one_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = run_module.analyse
    calls = 0

    def breaks_once(raws: Iterable[RawDocument], *args: Any, **kwargs: Any) -> Iterator[Any]:
        nonlocal calls
        calls += 1
        results = real(raws, *args, **kwargs)
        if calls == 1:  # as a dead worker pool would: one result, then an exception
            yield next(results)
            raise RuntimeError("pool broke")
        yield from results

    monkeypatch.setattr(run_module, "analyse", breaks_once)
    outcomes = []
    with Store.open(":memory:") as store:
        summary = run([str(SEEDS)], replace(LIGHT, batch_size=2), store, outcomes.append)
    assert calls == 2
    (failed,) = [o for o in outcomes if o.status == "failed"]  # the second document of the first batch
    assert failed.source.startswith(str(SEEDS / "001_"))
    assert isinstance(failed.error, InternalError) and "pool broke" in failed.error.message
    assert summary.counts["new"] == 4


def test_an_input_with_nothing_in_it_is_still_counted(tmp_path: Path) -> None:
    with (tmp_path / "info-only.warc").open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warcinfo_record("info-only.warc", {"software": "test"}))
    outcomes = []
    with Store.open(":memory:") as store:
        summary = run([str(tmp_path / "info-only.warc")], LIGHT, store, outcomes.append)
    assert summary.total == 1 and summary.failed == 1
    (outcome,) = outcomes
    assert outcome.source == str(tmp_path / "info-only.warc")
