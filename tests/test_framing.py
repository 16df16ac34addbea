"""Framing across the five seeds, and the loaded-terms lexicon against BABE (real data)."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.corpus import CorpusState, analyse_corpus
from newsweave.corpus.framing import framing_stage, labels_by_outlet, load_lexicon
from newsweave.model import Framing, Modality
from tests.test_compare import analyse_seeds

HANIYEH = "kb:ismail-haniyeh"


@pytest.fixture(scope="module")
def framed(shared: Path) -> CorpusState:
    seeds = analyse_seeds(shared)
    return analyse_corpus(seeds.articles, seeds.annotations)


def _framing(state: CorpusState, actor_id: str) -> Framing:
    (found,) = [f for f in state.framing if f.actor_id == actor_id]
    return found


def test_haniyeh_is_a_political_chief_to_some_and_a_terror_chief_to_jns(framed: CorpusState) -> None:
    labels = labels_by_outlet(_framing(framed, HANIYEH))
    assert "Hamas political chief" in labels["The Associated Press"]
    assert "Hamas political leader" in labels["The Associated Press"]
    assert "political leader" in labels["CNN"]
    assert "Hamas political chief" in labels["unknown outlet"]
    assert {"Hamas terror chief", "Palestinian Hamas terror leader"} <= set(labels["JNS"])
    assert not any("terror" in text for outlet, texts in labels.items() if outlet != "JNS" for text in texts)


def test_loaded_terms_scare_quotes_and_metonyms(framed: CorpusState) -> None:
    haniyeh = _framing(framed, HANIYEH)
    loaded = {d.text for d in haniyeh.descriptors if d.loaded}
    assert "Hamas terror chief" in loaded
    assert "Hamas political chief" not in loaded
    (scare,) = [d for d in haniyeh.descriptors if d.kind == "scare-quote"]
    assert (scare.outlet, scare.text) == ("JNS", "“political”")
    israel = _framing(framed, "kb:israel")
    (west,) = [d for d in israel.descriptors if d.text == "West Jerusalem"]
    assert west.kind == "metonym" and west.loaded and west.quoted_from is None
    # "the occupation" is Hamas's word in a quote CNN carries, not CNN's.
    (occupation,) = [d for d in israel.descriptors if d.text == "the occupation"]
    assert occupation.outlet == "CNN" and occupation.quoted_from == "Hamas"


def test_who_states_and_who_attributes_the_method(framed: CorpusState) -> None:
    stances = {(c.outlet, c.value): c for c in _framing(framed, HANIYEH).claims if c.attribute == "method"}
    planted = stances[("France 24", "explosive device")]
    assert planted.hedged and planted.attributed_to == ("Axios", "two sources with knowledge of the issue")
    assert planted.modality is Modality.REPORTED
    assert stances[("JNS", "missile strike")].modality is Modality.ASSERTED
    assert stances[("The Associated Press", "airstrike")].modality is Modality.ASSERTED
    assert stances[(None, "missile strike")].attributed_to == ("the latter",)  # Hamas, in 000


def test_framing_without_stories_has_no_story(framed: CorpusState) -> None:
    bare = CorpusState(articles=framed.articles, annotations=framed.annotations, events=framed.events)
    framing = framing_stage(bare, Settings()).framing
    assert framing and all(f.story_id is None for f in framing)
    assert labels_by_outlet(_framing(framed, HANIYEH)) == labels_by_outlet(
        next(f for f in framing if f.actor_id == HANIYEH)
    )


def test_lexicon_matches_forms_on_word_boundaries() -> None:
    lexicon = load_lexicon()
    assert [t.term for t in lexicon.find("the terror chief of the regime")] == ["terror", "regime"]
    assert [t.category for t in lexicon.find("Israel's so-called Zionist entity")] == [
        "illegitimacy-label",
        "metonym",
    ]
    assert not lexicon.find("a terrific regimen")  # no match inside words
    assert lexicon.find("the militant group") and not lexicon.is_loaded("the militant group")


def test_lexicon_against_babe_labels(shared: Path) -> None:
    """Sentences using a loaded term are mostly labelled biased by BABE's experts.

    Measured on SG2 (3,674 sentences): precision 0.731 against a base rate of 0.493,
    sentence recall 0.343, biased-word coverage 0.131 (BABE is US politics, the lexicon is
    written for conflict news).
    """
    path = shared / "eval" / "babe-mbic" / "final_labels_SG2.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    lexicon = load_lexicon()
    hits = [r for r in rows if lexicon.is_loaded(r["text"])]
    biased = [r for r in rows if r["label_bias"] == "Biased"]
    precision = sum(r["label_bias"] == "Biased" for r in hits) / len(hits)
    recall = sum(r["label_bias"] == "Biased" for r in hits) / len(biased)
    words = [w for r in biased for w in ast.literal_eval(r["biased_words"] or "[]")]
    coverage = sum(lexicon.is_loaded(w) for w in words) / len(words)
    assert precision >= 0.73
    assert recall >= 0.34
    assert coverage >= 0.13
