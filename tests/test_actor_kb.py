"""The shipped actor knowledge base: complete ISO countries, groups and dated roles."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pycountry
import pytest

from newsweave.model import ActorKind
from newsweave.reference.actors import holds_on, load_kb, name_key


def test_every_iso_country_is_an_actor_with_its_code() -> None:
    kb = load_kb()
    for country in pycountry.countries:
        actor = kb.country(country.alpha_3)
        assert actor is not None, country.alpha_3
        assert actor.kind is ActorKind.COUNTRY
        assert actor.country == country.alpha_3


def test_ids_are_unique_and_roles_point_at_actors() -> None:
    text = (resources.files("newsweave") / "data" / "actors.json").read_text(encoding="utf-8")
    records = json.loads(text)["actors"]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    kb = load_kb()
    for actor in kb.actors.values():
        assert actor.id.startswith("kb:")
        for role in actor.roles:
            assert role.of in kb.actors, (actor.id, role)
            assert role.start is None or role.end is None or role.start <= role.end


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Haniya", "kb:ismail-haniyeh"),
        ("Haniyah", "kb:ismail-haniyeh"),
        ("Nasrullah", "kb:hassan-nasrallah"),
        ("Qaani", "kb:esmail-ghaani"),
        ("Ansar Allah", "kb:houthis"),
        ("the Houthis", "kb:houthis"),
        ("Islamic Revolutionary Guard Corps", "kb:irgc"),
        ("U.S.", "kb:united-states"),
        ("Kata’ib Hezbollah", "kb:kataib-hezbollah"),
        ("the Pentagon", "kb:pentagon"),
    ],
)
def test_aliases_and_spelling_variants(name: str, actor_id: str) -> None:
    assert actor_id in {a.id for a in load_kb().lookup(name)}


def test_demonyms_and_sectors() -> None:
    kb = load_kb()
    assert kb.demonym("Iranian") is kb.get("kb:iran")
    assert kb.demonym("American") is kb.get("kb:united-states")
    assert kb.demonym("Israeli") is kb.get("kb:israel")
    hamas, irgc, pentagon = kb.get("kb:hamas"), kb.get("kb:irgc"), kb.get("kb:pentagon")
    assert hamas is not None and (hamas.country, hamas.sector) == ("PSE", "REB")
    assert irgc is not None and (irgc.country, irgc.sector) == ("IRN", "MIL")
    assert pentagon is not None and (pentagon.country, pentagon.sector) == ("USA", "MIL")
    assert kb.metonyms["kb:tehran"].target == "kb:iran"
    assert kb.metonyms["kb:jerusalem"].target == "kb:israel"


def test_role_dates_from_the_issue() -> None:
    kb = load_kb()
    presidents = {h.actor_id: h.role for h in kb.holders("president", "kb:iran")}
    assert holds_on(presidents["kb:masoud-pezeshkian"], dt.date(2024, 7, 28))
    assert not holds_on(presidents["kb:masoud-pezeshkian"], dt.date(2024, 7, 27))
    assert not holds_on(presidents["kb:ebrahim-raisi"], dt.date(2024, 5, 20))
    leaders = {h.actor_id: h.role for h in kb.holders("leader", "kb:hamas")}
    assert holds_on(leaders["kb:yahya-sinwar"], dt.date(2024, 8, 6))
    assert not holds_on(leaders["kb:yahya-sinwar"], dt.date(2024, 8, 5))


def test_name_key_ignores_case_dots_quotes_and_the() -> None:
    assert name_key("The U.S.") == name_key("us")
    assert name_key("Fu’ad Shukr") == name_key("Fu'ad shukr")
    assert name_key("Élysée") == name_key("Elysee")
