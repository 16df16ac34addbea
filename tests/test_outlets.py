"""The outlet registry and outlet detection, on the real seeds and corpora in ../shared."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pycountry
import pytest

from newsweave.ingest.markdown import markdown_document
from newsweave.model import Article, EditKind, InputFormat, RawDocument, Removal
from newsweave.pipeline import build
from newsweave.reference.outlets import load_registry
from newsweave.stages.meta.detection import detect_outlet, fingerprints, self_references

from .conftest import REPO, SHARED, seed_path

CORPUS = SHARED / "corpus"


def cleaned(prefix: str) -> Article:
    path = seed_path(prefix)
    raw = RawDocument(source=str(path), content=path.read_bytes(), format=InputFormat.TEXT)
    article = build(["clean", "metadata"]).run(raw).article
    assert article is not None
    return article


# -- the registry ---------------------------------------------------------------------------


def test_registry_size_and_unique_ids() -> None:
    registry = load_registry()
    ids = [o.id for o in registry]
    assert len(ids) >= 100
    assert len(set(ids)) == len(ids)


def test_registry_countries_are_iso_alpha3() -> None:
    for outlet in load_registry():
        country = pycountry.countries.get(alpha_3=outlet.country)
        assert country is not None, outlet.id
        assert outlet.country_name


def test_registry_domains_are_bare_lower_case_hosts() -> None:
    for outlet in load_registry():
        assert outlet.domains, outlet.id
        for domain in outlet.domains:
            assert domain == domain.lower().strip(), domain
            assert "/" not in domain and not domain.startswith("www."), domain


@pytest.mark.parametrize(
    "outlet_id", ["ap", "afp", "reuters", "jns", "xinhua", "dpa", "efe", "ansa", "upi", "tass"]
)
def test_wire_services_are_flagged(outlet_id: str) -> None:
    outlet = load_registry().get(outlet_id)
    assert outlet is not None and outlet.wire


@pytest.mark.parametrize(
    "name",
    [
        "CNN", "USA Today", "White House", "Al Jazeera", "BBC", "The New York Times", "Sky News",
        "Washington Post", "France 24", "AFP", "Associated Press", "Reuters", "JNS", "The Columbian",
        "Axios", "RT", "Times of Israel", "Agence France-Presse", "Jewish News Syndicate", "France24",
    ],
)  # fmt: skip
def test_seed_and_corpus_outlets_are_registered(name: str) -> None:
    assert load_registry().by_name(name) is not None, name


def test_registry_facts() -> None:
    registry = load_registry()
    rt, bbc, cnn, white_house = (registry.get(i) for i in ("rt", "bbc", "cnn", "white-house"))
    assert rt is not None and rt.state_funded and rt.country == "RUS"
    assert bbc is not None and bbc.state_funded and bbc.country == "GBR"
    assert cnn is not None and not cnn.state_funded and not cnn.wire
    assert white_house is not None and white_house.typology == "government"


def test_registry_domain_lookup_includes_subdomains() -> None:
    registry = load_registry()
    usatoday = registry.by_domain("https://www.usatoday.com/story/news/world/2024/07/31/x/1/")
    sky = registry.by_domain("https://news.sky.com/story/x")
    ap = registry.by_domain("hosted.ap.org")
    assert (usatoday and usatoday.id, sky and sky.id, ap and ap.id) == ("usa-today", "sky-news", "ap")
    assert registry.by_domain("https://example.org/") is None


def test_the_columbian_has_its_pixel_fingerprint() -> None:
    outlet = load_registry().by_fingerprint("facebook-pixel:192888919167017")
    assert outlet is not None and outlet.id == "the-columbian"


def test_every_rss_sample_outlet_resolves() -> None:
    lines = (CORPUS / "rss-2024-08-02" / "rss_2024-08-02_five_outlets.jsonl").read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    resolved = {e["outlet"]: load_registry().by_name(e["outlet"]) for e in entries}
    assert {k: v.id for k, v in resolved.items() if v} == {
        "Al Jazeera English": "al-jazeera",
        "BBC News": "bbc",
        "The New York Times (World)": "the-new-york-times",
        "The Washington Post (World)": "the-washington-post",
        "Sky News (World)": "sky-news",
    }


def test_build_script_reproduces_the_shipped_registry(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "build_outlet_registry", REPO / "scripts/build_outlet_registry.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "outlets.json"
    assert script.main(["--out", str(out)]) == 0
    shipped = REPO / "src" / "newsweave" / "data" / "outlets.json"
    assert json.loads(out.read_text()) == json.loads(shipped.read_text())


# -- detection on the seeds -----------------------------------------------------------------


def test_seed_001_is_france24_with_afp_wire() -> None:
    outlet = cleaned("001").outlet
    assert (outlet.name, outlet.registry_id, outlet.wire, outlet.via) == (
        "France 24",
        "france-24",
        "AFP",
        "credit-line",
    )


def test_seed_002_is_jns_from_its_dateline() -> None:
    outlet = cleaned("002").outlet
    assert (outlet.registry_id, outlet.via) == ("jns", "dateline")
    assert outlet.republished_by is None


def test_seed_004_is_ap_republished_by_the_columbian() -> None:
    outlet = cleaned("004").outlet
    assert outlet.registry_id == "ap"
    assert outlet.wire == "The Associated Press"
    assert outlet.republished_by == "The Columbian"
    assert "facebook-pixel:192888919167017" in outlet.evidence


def test_seed_000_names_no_outlet_of_its_own() -> None:
    # It cites Axios three times ("Axios reported", "According to Axios"): sources, not a signature.
    assert cleaned("000").outlet.name is None


def test_seed_003_is_cnn_only_by_its_self_references() -> None:
    outlet = cleaned("003").outlet
    assert (outlet.registry_id, outlet.via) == ("cnn", "text")
    assert outlet.confidence < 0.6


def test_usatoday_record_outlet_from_its_url_and_outlet_field() -> None:
    path = CORPUS / "usatoday-2024q3" / "articles_2024-07_to_09.jsonl"
    record = json.loads(path.read_text().splitlines()[0])
    article = Article(id="u", source=str(path), text=record["text"])
    by_field = detect_outlet(article, [("outlet", record["outlet"])])
    by_url = detect_outlet(article, [("url", record["url"])])
    assert (by_field.registry_id, by_field.via) == ("usa-today", "site-name")
    assert (by_url.registry_id, by_url.via) == ("usa-today", "domain")


def test_cnn_markdown_is_cnn_when_the_text_says_so() -> None:
    files = sorted((CORPUS / "cnn-2024-07" / "2024").glob("*/*/*.md"))
    assert len(files) > 2900
    names = [detect_outlet(Article(id=f.name, source=str(f), text=f.read_text())).name for f in files]
    cnn = names.count("CNN") / len(files)
    wrong = sum(1 for n in names if n not in (None, "CNN")) / len(files)
    # Measured: 819 of 2,960 files (27.7%) are CNN; 8 files (3 stories) name another outlet.
    assert cnn > 0.25
    assert wrong < 0.005


# -- detection rules on small synthetic texts -----------------------------------------------


def test_reported_by_is_a_source_but_told_is_a_self_reference() -> None:
    cited = "Axios reported the move. The New York Times reported it too. Axios reported more."
    own = "A diplomat told the BBC on Monday. An official told the BBC that talks go on."
    assert not self_references(cited)
    assert self_references(own)["bbc"] == 2
    assert detect_outlet(Article(id="c", source="c", text=cited)).name is None
    assert detect_outlet(Article(id="o", source="o", text=own)).registry_id == "bbc"


def test_domain_beats_the_text() -> None:
    text = "A source told CNN. Another source told CNN."
    article = Article(id="d", source="d", text=text, url="https://www.aljazeera.com/news/2024/8/2/x")
    assert detect_outlet(article).registry_id == "al-jazeera"


def test_credit_line_in_a_merged_removal_is_still_found() -> None:
    # Cleaning may merge adjacent removals into one record of another kind.
    removal = Removal(at=10, text="\n\nFrance24/AFP\n\nShare:", kind=EditKind.WHITESPACE)
    outlet = detect_outlet(Article(id="m", source="m", text="Body text.", removed=(removal,)))
    assert (outlet.registry_id, outlet.wire) == ("france-24", "AFP")


def test_facebook_pixel_fingerprint_is_read_from_markup() -> None:
    tag = '<img src="https://www.facebook.com/tr?id=123&amp;ev=PageView">'
    assert fingerprints([tag]) == ["facebook-pixel:123"]


def test_white_house_documents_are_a_government_source() -> None:
    path = next((CORPUS / "whitehouse-2024-07-08" / "statements-releases").glob("*/*.md"))
    raw = markdown_document(path.read_bytes(), source=str(path), name=path.name)
    outlet = detect_outlet(Article(id="w", source=str(path), text="Statement."), raw.hints)
    assert (outlet.registry_id, outlet.via) == ("white-house", "domain")
