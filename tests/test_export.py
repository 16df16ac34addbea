"""The JSON export of the five seeds: every contract key, and the cross-outlet picture the issue asks for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsweave.export.json_export import validate_export

from .conftest import SEEDS

CONTRACT = ("articles", "actors", "events", "quotes", "stories", "disagreements", "framing", "timeline")


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("export")
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "newsweave", "analyze", str(SEEDS), "--store", str(folder / "nw.db"),
               "--json", str(folder / "seeds.json")]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads((folder / "seeds.json").read_text(encoding="utf-8"))
    return document


def seed_ids(document: dict[str, Any]) -> dict[str, str]:
    """Seed prefix ("000".."004") -> article id."""
    return {Path(a["source"]).name[:3]: a["id"] for a in document["articles"]}


def test_every_contract_key_is_there_and_valid(export: dict[str, Any]) -> None:
    validate_export(export)
    for key in CONTRACT:
        assert export[key], key


def test_one_story_holds_the_five_seeds(export: dict[str, Any]) -> None:
    (story,) = export["stories"]
    assert sorted(story["articles"]) == sorted(seed_ids(export).values())


def test_haniyeh_killing_is_one_event_reported_by_all_five(export: dict[str, Any]) -> None:
    killings = [
        e for e in export["events"] if e["type"] == "ASSAULT" and "kb:ismail-haniyeh" in e["recipient"]
    ]
    assert len(killings) == 1
    (killing,) = killings
    assert {r["article"] for r in killing["reports"]} == set(seed_ids(export).values())
    assert killing["when"]["start"] == "2024-07-31"
    texts = {a["id"]: a["text"] for a in export["articles"]}
    for report in killing["reports"]:  # every report points at its sentence
        assert 0 <= report["start"] < report["end"] <= len(texts[report["article"]])


def test_method_disagreement_names_its_articles(export: dict[str, Any]) -> None:
    ids = seed_ids(export)
    killing = next(
        e for e in export["events"] if e["type"] == "ASSAULT" and "kb:ismail-haniyeh" in e["recipient"]
    )
    method = next(
        d for d in export["disagreements"] if d["event"] == killing["id"] and d["attribute"] == "method"
    )
    variants = {v["value"]: set(v["articles"]) for v in method["variants"]}
    assert {"missile strike", "airstrike", "explosive device"} <= set(variants)
    assert {ids["000"], ids["002"]} <= variants["missile strike"]
    assert ids["004"] in variants["airstrike"]
    assert ids["001"] in variants["explosive device"]


def test_undated_seeds_are_dated_across_articles(export: dict[str, Any]) -> None:
    ids = seed_ids(export)
    published = {a["id"]: a["published_detail"] for a in export["articles"]}
    for prefix in ("000", "001"):
        detail = published[ids[prefix]]
        assert detail["kind"] == "cross-article"
        assert "2024-08-01" <= detail["value"] <= "2024-08-02"


def test_timeline_orders_the_killings_and_the_call(export: dict[str, Any]) -> None:
    def event_of(kind: str, participant: str) -> str:
        return next(
            e["id"]
            for e in export["events"]
            if e["type"] == kind and participant in e["recipient"] + e["actor"]
        )

    dates = {t["event"]: t["date"] for t in export["timeline"]}
    shukr = dates[event_of("ASSAULT", "kb:fuad-shukr")]
    haniyeh = dates[event_of("ASSAULT", "kb:ismail-haniyeh")]
    call = dates[event_of("CONSULT", "kb:benjamin-netanyahu")]
    assert (shukr, haniyeh, call) == ("2024-07-30", "2024-07-31", "2024-08-01")
