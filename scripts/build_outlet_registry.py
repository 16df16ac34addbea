"""Rebuild ``src/newsweave/data/outlets.json``, the outlet registry shipped in the package.

Sources: the facts (organisation, domains, country, owner, typology) of a curated selection
of outlets from Kagi's ``media_data.json`` (``../shared/eval/kagi-media-data``), plus
hand-written entries for outlets that list lacks (CNN, USA Today, JNS, The Columbian, the
major news agencies, ...), hand-written aliases and wire-service flags. Descriptions are never
copied: only names, domains, countries and (shortened) owners.

``fingerprints`` are observed site identifiers, not published facts: e.g. the Facebook pixel
id that a site embeds on every page (``facebook-pixel:<id>``). They identify the publishing
site when a copied text keeps the tracking tag but not the URL.

Usage (needs the ``test`` extra for pycountry)::

    .venv/bin/python scripts/build_outlet_registry.py [--kagi PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pycountry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_KAGI = REPO.parent / "shared" / "eval" / "kagi-media-data" / "media_data.json"
DEFAULT_OUT = REPO / "src" / "newsweave" / "data" / "outlets.json"

Entry = dict[str, Any]

# Kagi organisation name -> overrides. Only these organisations are taken from the Kagi list;
# an override may rename a media group to its flagship outlet and keep only that outlet's domains.
KAGI_SELECTION: dict[str, Entry] = {
    # France
    "Mediapart": {"owner": "its founding journalists"},
    "Agence France-Presse (AFP)": {
        "id": "afp",
        "name": "AFP",
        "aliases": ["Agence France-Presse", "Agence France Presse", "AFP"],
    },
    "France 24": {"aliases": ["France24", "FRANCE 24"]},
    "France Télévisions": {},
    "Radio France": {"aliases": ["franceinfo"]},
    "RFI": {"aliases": ["Radio France Internationale"]},
    "TV5 Monde": {"owner": "France Télévisions and partner public broadcasters"},
    "L'Express": {},
    "SARL Libération": {"id": "liberation", "name": "Libération"},
    "Groupe Le Monde": {
        "id": "le-monde",
        "name": "Le Monde",
        "domains": ["lemonde.fr"],
        "owner": "Groupe Le Monde",
    },
    "Groupe Figaro": {"id": "le-figaro", "name": "Le Figaro", "domains": ["lefigaro.fr"]},
    "Groupe Les Échos - Le Parisien": {
        "id": "le-parisien",
        "name": "Le Parisien",
        "domains": ["leparisien.fr"],
        "owner": "LVMH (Bernard Arnault)",
    },
    "Groupe Sipa Ouest France": {
        "id": "ouest-france",
        "name": "Ouest-France",
        "domains": ["ouest-france.fr"],
        "owner": "ASPDH (association)",
    },
    "RMC Media": {"id": "bfmtv", "name": "BFMTV", "domains": ["bfmtv.com"]},
    "Artemis": {"id": "le-point", "name": "Le Point", "domains": ["lepoint.fr"]},
    # Belgium
    "De Standaard": {},
    "EU Observer": {"name": "EUobserver"},
    "Euronews": {},
    "La Libre Belgique": {},
    "Le Soir": {},
    "RTBF": {},
    "VRT": {},
    # Canada, China, Hong Kong, Estonia, Finland
    "The Globe and Mail": {},
    "China News Service": {"owner": "United Front Work Department of the CCP Central Committee"},
    "The Paper": {},
    "South China Morning Post": {"aliases": ["SCMP"]},
    "ERR News": {},
    "Helsingin Sanomat": {},
    "Yleisradio (YLE)": {"name": "Yle", "aliases": ["YLE", "Yleisradio"]},
    # Germany
    "Der Spiegel Online": {"id": "der-spiegel", "name": "Der Spiegel", "aliases": ["Spiegel"]},
    "Der Tagesspiegel": {},
    "Die Tageszeitung": {"aliases": ["taz"]},
    "Die Zeit": {"owner": "Holtzbrinck family companies"},
    "Focus": {},
    "Frankfurter Allgemeine Zeitung": {"aliases": ["FAZ"]},
    "Handelsblatt Media Group": {"id": "handelsblatt", "name": "Handelsblatt"},
    "RedaktionsNetzwerk Deutschland": {"aliases": ["RND"], "owner": "Madsack Mediengruppe"},
    "Stern": {},
    "Süddeutsche Zeitung": {},
    "Zweites Deutsches Fernsehen (ZDF)": {"name": "ZDF", "typology": "public-broadcaster"},
    "Deutsche Welle": {"aliases": ["DW"]},
    "Deutschlandfunk": {},
    "Tagesschau": {"aliases": ["ARD"]},
    # India, Israel, Italy, Japan
    "Firstpost": {},
    "New Delhi Television (NDTV)": {"name": "NDTV"},
    "The Hindu": {},
    "The Indian Express": {},
    "The Times of Israel": {"aliases": ["Times of Israel"]},
    "Haaretz": {},
    "Agenzia Giornalistica Italia": {"aliases": ["AGI"]},
    "Avvenire": {"owner": "Italian Episcopal Conference"},
    "Corriere della Sera": {},
    "Il Fatto Quotidiano": {},
    "Il Sole 24 Ore": {},
    "la Repubblica": {},
    "La Stampa": {},
    "Sky TG24": {},
    "Rai News": {"aliases": ["RAI"]},
    # New Zealand, Australia, Singapore
    "The New Zealand Herald": {"aliases": ["NZ Herald"]},
    "Radio New Zealand": {"aliases": ["RNZ"]},
    "Australian Broadcasting Corporation": {"aliases": ["ABC Australia"]},
    "SBS (Australia)": {"domains": ["sbs.com.au"]},
    "The Conversation": {},
    "Nine Publishing": {"domains": ["brisbanetimes.com.au", "smh.com.au", "theage.com.au"]},
    "Channel NewsAsia": {"aliases": ["CNA"]},
    "The Straits Times": {},
    # Pakistan
    "ARY News": {},
    "Dawn": {},
    "Geo News": {},
    "The Express Tribune": {},
    "The News International": {},
    "Associated Press of Pakistan (APP)": {"aliases": ["APP"]},
    # South Korea
    "Chosun Ilbo (조선일보)": {"name": "Chosun Ilbo"},
    "Donga Ilbo (동아일보)": {"name": "Dong-A Ilbo"},
    "JTBC": {},
    "Kyunghyang Shinmun (경향신문)": {"name": "Kyunghyang Shinmun"},
    "SBS (Seoul Broadcasting System)": {"id": "sbs-korea", "name": "SBS"},
    "Yonhap News Agency (연합뉴스)": {"id": "yonhap", "name": "Yonhap News Agency", "aliases": ["Yonhap"]},
    # Spain, Switzerland, Netherlands
    "El País": {},
    "Neue Zürcher Zeitung": {"aliases": ["NZZ"]},
    "Tages-Anzeiger": {},
    "SRG SSR": {},
    "Algemeen Dagblad": {},
    "De Volkskrant": {},
    "NRC": {},
    "Nederlandse Omroep Stichting": {"aliases": ["NOS"]},
    # United Kingdom
    "Financial Times": {"aliases": ["FT"]},
    "Reuters": {"aliases": ["Thomson Reuters"]},
    "Sky": {
        "id": "sky-news",
        "name": "Sky News",
        "domains": ["news.sky.com", "skynews.com"],
        "aliases": ["Sky"],
    },
    "The Economist": {"owner": "Exor, Rothschild and Cadbury families"},
    "The Guardian": {"aliases": ["Guardian"]},
    "The Independent": {"owner": "Evgeny Lebedev and Sultan Muhammad Abuljadayel"},
    "The New Arab": {},
    "BBC News": {"id": "bbc", "aliases": ["BBC", "the BBC", "BBC World Service"]},
    "i (newspaper)": {"id": "i-news", "name": "i", "aliases": ["inews"]},
    "Middle East Eye": {},
    "Middle East Monitor (MEMO)": {
        "name": "Middle East Monitor",
        "aliases": ["MEMO"],
        "domains": ["middleeastmonitor.com"],
    },
    "New Scientist": {},
    "Nature": {},
    # United States
    "ABC News": {"id": "abc-news-us"},
    "Al-Monitor": {},
    "Bloomberg Media": {"id": "bloomberg", "name": "Bloomberg", "aliases": ["Bloomberg News"]},
    "Business Insider": {},
    "CBS News": {},
    "Chicago Tribune": {},
    "CNBC": {},
    "Foreign Policy": {},
    "Los Angeles Times": {"aliases": ["LA Times"]},
    "MarketWatch": {},
    "MSNBC": {},
    "New York Post": {},
    "Newsweek": {},
    "Semafor": {},
    "SFGATE": {},
    "Slate": {},
    "The Associated Press": {"id": "ap", "aliases": ["Associated Press", "AP"]},
    "The Christian Science Monitor": {},
    "The Hill": {},
    "The Intercept": {},
    "The New York Times": {"aliases": ["New York Times", "NYT"]},
    "The New Yorker": {},
    "The Philadelphia Inquirer": {},
    "The Wall Street Journal": {"aliases": ["Wall Street Journal", "WSJ"]},
    "TIME": {"aliases": ["Time magazine"]},
    "National Public Radio": {"id": "npr", "name": "NPR", "aliases": ["National Public Radio"]},
    "Public Broadcasting Service": {"id": "pbs", "name": "PBS", "aliases": ["PBS NewsHour"]},
    "Voice of America": {"aliases": ["VOA"]},
    "Radio Free Europe/Radio Liberty": {"aliases": ["RFE/RL"]},
    "The Washington Post": {"domains": ["washingtonpost.com"], "aliases": ["Washington Post"]},
    "UN News": {},
    "WIRED": {},
    "The Verge": {},
    "TechCrunch": {},
    # Middle East, Turkey, Russia
    "Al Jazeera Media Network": {
        "id": "al-jazeera",
        "name": "Al Jazeera",
        "aliases": ["Al Jazeera English", "Al Jazeera Arabic", "Aljazeera"],
        "owner": "Qatar Media Corporation",
    },
    "RT": {"aliases": ["Russia Today"]},
    "TASS": {},
    "Asharq Al-Awsat": {},
    "Al Arabiya / Al Hadath": {"id": "al-arabiya", "name": "Al Arabiya", "aliases": ["Al Hadath"]},
    "Al-Masry Al-Youm": {},
    "Al Mayadeen": {},
    "An-Nahar": {},
    "Arab News": {},
    "Daily Sabah": {},
    "Islamic Republic News Agency (IRNA)": {
        "id": "irna",
        "name": "IRNA",
        "aliases": ["Islamic Republic News Agency"],
    },
    "Al-Ahram": {},
    "WAFA": {},
    "Gulf Times": {},
    "Hürriyet Daily News": {},
    "Iraqi News Agency (INA)": {"name": "Iraqi News Agency", "aliases": ["INA"]},
    "The Jordan Times": {},
    "Khaleej Times": {},
    "Kuwait News Agency (KUNA)": {"name": "Kuwait News Agency", "aliases": ["KUNA"]},
    "Kurdistan 24": {},
    "Mada Masr": {},
    "Naharnet": {},
    "National News Agency (NNA)": {"id": "nna-lebanon", "name": "National News Agency", "aliases": ["NNA"]},
    "Jordan News Agency (Petra)": {"name": "Petra", "aliases": ["Jordan News Agency"]},
    "Qatar News Agency (QNA)": {"name": "Qatar News Agency", "aliases": ["QNA"]},
    "Rudaw": {},
    "Syrian Arab News Agency (SANA)": {"name": "SANA", "aliases": ["Syrian Arab News Agency"]},
    "Saudi Gazette": {},
    "Sky News Arabia": {},
    "Saudi Press Agency (SPA)": {"name": "Saudi Press Agency", "aliases": ["SPA"]},
    "The National": {"id": "the-national-uae"},
    "The Peninsula": {},
    "L'Orient Today": {},
    "TRT World / Anadolu": {
        "id": "trt-world",
        "name": "TRT World",
        "domains": ["trtworld.com"],
        "owner": "TRT",
    },
    "Emirates News Agency (WAM)": {"name": "WAM", "aliases": ["Emirates News Agency"]},
    "Youm7": {},
    "Al Bawaba": {},
    "Bahrain News Agency (BNA)": {"name": "Bahrain News Agency", "aliases": ["BNA"]},
    "Oman News Agency (ONA)": {"name": "Oman News Agency"},
}


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def manual(
    name: str,
    domains: list[str],
    country: str,
    owner: str,
    typology: str = "private",
    *,
    key: str | None = None,
    aliases: list[str] | None = None,
    fingerprints: list[str] | None = None,
) -> Entry:
    return {
        "id": key or slugify(name),
        "name": name,
        "aliases": aliases or [],
        "domains": domains,
        "country": country,
        "owner": owner,
        "typology": typology,
        "fingerprints": fingerprints or [],
    }


# Outlets the Kagi list lacks: those of ../shared/seeds and ../shared/corpus first.
MANUAL: list[Entry] = [
    manual("CNN", ["cnn.com"], "USA", "Warner Bros. Discovery", aliases=["Cable News Network"]),
    manual("USA Today", ["usatoday.com"], "USA", "Gannett", aliases=["USA TODAY"]),
    manual(
        "The White House",
        ["whitehouse.gov", "bidenwhitehouse.archives.gov"],
        "USA",
        "U.S. federal government",
        "government",
        key="white-house",
        aliases=["White House"],
    ),
    manual("JNS", ["jns.org"], "USA", "Jewish News Syndicate", aliases=["Jewish News Syndicate", "JNS.org"]),
    # The pixel id is the one the site embeds on its pages (seen in seed 004).
    manual(
        "The Columbian",
        ["columbian.com"],
        "USA",
        "The Columbian Publishing Co.",
        aliases=["Columbian"],
        fingerprints=["facebook-pixel:192888919167017"],
    ),
    manual("Axios", ["axios.com"], "USA", "Cox Enterprises"),
    manual("Fox News", ["foxnews.com", "foxbusiness.com"], "USA", "Fox Corporation"),
    manual("NBC News", ["nbcnews.com"], "USA", "NBCUniversal (Comcast)"),
    manual("Politico", ["politico.com", "politico.eu"], "USA", "Axel Springer", aliases=["POLITICO"]),
    manual("Forbes", ["forbes.com"], "USA", "Integrated Whale Media"),
    manual("Vox", ["vox.com"], "USA", "Vox Media"),
    manual("The Atlantic", ["theatlantic.com"], "USA", "Emerson Collective"),
    manual("Washington Examiner", ["washingtonexaminer.com"], "USA", "Clarity Media Group"),
    manual("The Detroit News", ["detroitnews.com"], "USA", "MediaNews Group"),
    manual("PolitiFact", ["politifact.com"], "USA", "Poynter Institute", "non-profit"),
    manual("ProPublica", ["propublica.org"], "USA", "ProPublica", "non-profit"),
    manual("The Daily Beast", ["thedailybeast.com"], "USA", "IAC"),
    manual(
        "CBC News",
        ["cbc.ca"],
        "CAN",
        "Canadian Broadcasting Corporation",
        "public-broadcaster",
        aliases=["CBC"],
    ),
    manual("CTV News", ["ctvnews.ca"], "CAN", "Bell Media"),
    manual("The Telegraph", ["telegraph.co.uk"], "GBR", "Telegraph Media Group", aliases=["Daily Telegraph"]),
    manual("Daily Mail", ["dailymail.co.uk"], "GBR", "Daily Mail and General Trust", aliases=["MailOnline"]),
    manual("The Times", ["thetimes.co.uk", "thetimes.com"], "GBR", "News UK", key="the-times-uk"),
    manual("The Sun", ["thesun.co.uk"], "GBR", "News UK", key="the-sun-uk"),
    manual("Daily Express", ["express.co.uk"], "GBR", "Reach plc"),
    manual(
        "Channel 4 News", ["channel4.com"], "GBR", "Channel Four Television Corporation", "public-broadcaster"
    ),
    manual("The Jerusalem Post", ["jpost.com"], "ISR", "Eli Azur", aliases=["Jerusalem Post"]),
    manual("Ynet", ["ynetnews.com", "ynet.co.il"], "ISR", "Yedioth Ahronoth Group", aliases=["Ynetnews"]),
    manual("i24NEWS", ["i24news.tv"], "ISR", "Altice"),
    manual("Kan", ["kan.org.il"], "ISR", "Israeli Public Broadcasting Corporation", "public-broadcaster"),
    manual("Press TV", ["presstv.ir"], "IRN", "IRIB", "state-funded", aliases=["PressTV"]),
    manual(
        "Tasnim News Agency", ["tasnimnews.com"], "IRN", "IRGC-affiliated", "state-funded", aliases=["Tasnim"]
    ),
    manual("Fars News Agency", ["farsnews.ir"], "IRN", "IRGC-affiliated", "state-funded", aliases=["Fars"]),
    manual("Mehr News Agency", ["mehrnews.com"], "IRN", "Islamic Development Organization", "state-funded"),
    manual("Sputnik", ["sputnikglobe.com", "sputniknews.com"], "RUS", "Rossiya Segodnya", "state-funded"),
    manual("Interfax", ["interfax.ru", "interfax.com"], "RUS", "Interfax Group"),
    manual("Meduza", ["meduza.io"], "LVA", "Meduza Project", "independent"),
    manual("The Kyiv Independent", ["kyivindependent.com"], "UKR", "its journalists", "independent"),
    manual("Ukrainska Pravda", ["pravda.com.ua"], "UKR", "Dragon Capital"),
    manual(
        "Xinhua",
        ["news.cn", "xinhuanet.com"],
        "CHN",
        "State Council of China",
        "state-funded",
        aliases=["Xinhua News Agency"],
    ),
    manual("China Daily", ["chinadaily.com.cn"], "CHN", "Publicity Department of the CCP", "state-funded"),
    manual("Global Times", ["globaltimes.cn"], "CHN", "People's Daily", "state-funded"),
    manual("CGTN", ["cgtn.com"], "CHN", "China Media Group", "state-funded"),
    manual("People's Daily", ["people.com.cn"], "CHN", "Central Committee of the CCP", "state-funded"),
    manual(
        "Kyodo News", ["kyodonews.net", "kyodonews.jp"], "JPN", "Kyodo News cooperative", aliases=["Kyodo"]
    ),
    manual("NHK", ["nhk.or.jp"], "JPN", "Japan Broadcasting Corporation", "public-broadcaster"),
    manual("The Japan Times", ["japantimes.co.jp"], "JPN", "News2u Holdings"),
    manual("Nikkei Asia", ["asia.nikkei.com", "nikkei.com"], "JPN", "Nikkei Inc.", aliases=["Nikkei"]),
    manual("The Asahi Shimbun", ["asahi.com"], "JPN", "Asahi Shimbun Company", aliases=["Asahi Shimbun"]),
    manual(
        "The Times of India",
        ["timesofindia.indiatimes.com", "indiatimes.com"],
        "IND",
        "Bennett, Coleman & Co.",
        aliases=["Times of India"],
    ),
    manual("Hindustan Times", ["hindustantimes.com"], "IND", "HT Media"),
    manual(
        "Press Trust of India", ["ptinews.com"], "IND", "Press Trust of India cooperative", aliases=["PTI"]
    ),
    manual(
        "dpa",
        ["dpa.com", "dpa-international.com"],
        "DEU",
        "German media cooperative",
        aliases=["Deutsche Presse-Agentur", "DPA"],
    ),
    manual("Die Welt", ["welt.de"], "DEU", "Axel Springer", aliases=["WELT"]),
    manual("Bild", ["bild.de"], "DEU", "Axel Springer"),
    manual(
        "EFE", ["efe.com"], "ESP", "SEPI (Spanish state holding)", "state-funded", aliases=["Agencia EFE"]
    ),
    manual("El Mundo", ["elmundo.es"], "ESP", "Unidad Editorial"),
    manual(
        "ANSA",
        ["ansa.it"],
        "ITA",
        "Italian newspaper publishers cooperative",
        aliases=["Agenzia Nazionale Stampa Associata"],
    ),
    manual(
        "ANA",
        ["amna.gr"],
        "GRC",
        "Greek state",
        "state-funded",
        key="ana-mpa",
        aliases=["Athens News Agency", "ANA-MPA"],
    ),
    manual("PA Media", ["pamediagroup.com"], "GBR", "PA Media Group", aliases=["Press Association", "PA"]),
    manual("UPI", ["upi.com"], "USA", "News World Communications", aliases=["United Press International"]),
    manual(
        "Anadolu Agency",
        ["aa.com.tr"],
        "TUR",
        "Turkish government",
        "state-funded",
        aliases=["Anadolu", "AA"],
    ),
    manual("Al-Quds Al-Arabi", ["alquds.co.uk"], "GBR", "Al-Quds Al-Arabi Publishing"),
]

# News agencies and syndication services: their copy is republished by other outlets.
WIRES = {
    "ap", "afp", "reuters", "jns", "xinhua", "ana-mpa", "dpa", "efe", "ansa", "pa-media", "upi",
    "kyodo-news", "yonhap", "tass", "anadolu-agency", "press-trust-of-india",
    "associated-press-of-pakistan-app",
    "irna", "iraqi-news-agency", "kuwait-news-agency", "nna-lebanon", "petra", "qatar-news-agency", "sana",
    "saudi-press-agency", "wam", "bahrain-news-agency", "oman-news-agency", "wafa", "interfax",
    "tasnim-news-agency", "fars-news-agency", "mehr-news-agency", "agenzia-giornalistica-italia",
    "china-news-service",
}  # fmt: skip

TYPOLOGY = {
    "Private Media": "private",
    "Private Enterprise": "private",
    "Print Media": "private",
    "Private Independent Media": "independent",
    "Independent Media": "independent",
    "Non-Profit": "non-profit",
    "State Funded Media": "state-funded",
    "State Media / Digital": "state-funded",
    "Public Media": "public-broadcaster",
    "Public Broadcaster": "public-broadcaster",
    "Public agency (statutory, editorially independent)": "public-agency",
}
STATE_FUNDED = {"state-funded", "public-broadcaster", "public-agency", "government"}

COUNTRY_ALIASES = {
    "The Netherlands": "NLD",
    "Turkey": "TUR",
    "Russia": "RUS",
    "Iran": "IRN",
    "Palestine": "PSE",
}


def alpha3(country_name: str) -> str:
    if country_name in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[country_name]
    return str(pycountry.countries.lookup(country_name).alpha_3)


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise ValueError(f"not an ISO 3166 alpha-3 code: {code}")
    return str(getattr(country, "common_name", country.name))


def short_owner(owner: str) -> str:
    # Kagi's owner field sometimes holds a paragraph; keep the first clause only.
    first = re.split(r"(?<=[a-z)])\. ", owner.strip())[0].rstrip(".")
    return first if len(first) <= 80 else first.split(",")[0]


def bare_domain(domain: str) -> str:
    domain = domain.strip().lower()
    return domain.removeprefix("www.")


def from_kagi(record: Entry, override: Entry) -> Entry:
    name = str(override.get("name", record["organization"]))
    typology = override.get("typology", TYPOLOGY[record["typology"]])
    return {
        "id": override.get("id", slugify(name)),
        "name": name,
        "aliases": override.get("aliases", []),
        "domains": override.get("domains", record["domains"]),
        "country": alpha3(record["country"]),
        "owner": override.get("owner", short_owner(record["owner"])),
        "typology": typology,
        "fingerprints": override.get("fingerprints", []),
    }


def finish(entry: Entry) -> Entry:
    domains = sorted({bare_domain(d) for d in entry["domains"]})
    aliases = sorted({a for a in entry["aliases"] if a != entry["name"]})
    return {
        "id": entry["id"],
        "name": entry["name"],
        "aliases": aliases,
        "domains": domains,
        "country": entry["country"],
        "country_name": country_name(entry["country"]),
        "owner": entry["owner"],
        "state_funded": entry["typology"] in STATE_FUNDED,
        "wire": entry["id"] in WIRES,
        "typology": entry["typology"],
        "fingerprints": entry["fingerprints"],
    }


def build(kagi: list[Entry]) -> list[Entry]:
    by_org = {record["organization"]: record for record in kagi}
    missing = sorted(set(KAGI_SELECTION) - set(by_org))
    if missing:
        raise SystemExit(f"not in the Kagi list: {', '.join(missing)}")
    entries = [from_kagi(by_org[org], override) for org, override in KAGI_SELECTION.items()]
    entries += MANUAL
    outlets = [finish(e) for e in entries]
    ids = [o["id"] for o in outlets]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise SystemExit(f"duplicate outlet ids: {', '.join(duplicates)}")
    unknown_wires = sorted(WIRES - set(ids))
    if unknown_wires:
        raise SystemExit(f"wire ids not in the registry: {', '.join(unknown_wires)}")
    return sorted(outlets, key=lambda o: o["id"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kagi", type=Path, default=DEFAULT_KAGI)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    outlets = build(json.loads(args.kagi.read_text(encoding="utf-8")))
    document = {
        "about": "newsweave outlet registry; rebuilt by scripts/build_outlet_registry.py. Facts from "
        "Kagi media_data.json (kagisearch/kite-public, MIT) plus hand-written entries. "
        "fingerprints are observed site identifiers (e.g. an embedded Facebook pixel id).",
        "outlets": outlets,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {len(outlets)} outlets to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
