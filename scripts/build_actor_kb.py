"""Rebuild ``src/newsweave/data/actors.json``, the actor knowledge base shipped in the package.

Countries come from pycountry (every ISO 3166-1 alpha-3 code and its names); everything
else is written here by hand: short names, demonyms and capitals of the countries news
mentions most, international organisations, armed and political groups, government bodies
that stand for their government ("the Pentagon", "the Kremlin"), and officials with their
roles and validity dates.

Sector codes are CAMEO agent codes. Decisions worth knowing:

* Hamas, Hezbollah, the Houthis, Palestinian Islamic Jihad and the Iraqi militias are ``REB``
  (armed non-state groups), as are their leaders; CAMEO has no separate code for a group's
  political wing, and Hamas's political bureau speaks for the armed group too.
* The IRGC, the Quds Force and Iraq's Popular Mobilization Forces are state forces: ``MIL``.
* Defence ministers and secretaries are ``MIL`` (CAMEO codes defence ministries as military);
  intelligence services are ``SPY``; legislatures ``LEG``; former officials and candidates out
  of office ``ELI``; academics and think-tank analysts ``EDU``; journalists ``MED``.
* A country actor stands for the state; a capital or seat of government used as a metonym
  ("Tehran said") resolves to the country actor with mention kind ``metonym``.

Usage (needs the ``test`` extra for pycountry)::

    .venv/bin/python scripts/build_actor_kb.py [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pycountry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "src" / "newsweave" / "data" / "actors.json"

Entry = dict[str, Any]

# alpha-3: short name | other names | demonyms and plural nouns | capitals (metonyms)
COUNTRY_LINES = """
AFG|Afghanistan||Afghan,Afghans|Kabul
ALB|Albania||Albanian,Albanians|Tirana
DZA|Algeria||Algerian,Algerians|Algiers
ARG|Argentina||Argentine,Argentinian,Argentines|Buenos Aires
ARM|Armenia||Armenian,Armenians|Yerevan
AUS|Australia||Australian,Australians|Canberra
AUT|Austria||Austrian,Austrians|Vienna
AZE|Azerbaijan||Azerbaijani,Azeri,Azerbaijanis|Baku
BHR|Bahrain||Bahraini,Bahrainis|Manama
BGD|Bangladesh||Bangladeshi,Bangladeshis|Dhaka
BLR|Belarus||Belarusian,Belarusians|Minsk
BEL|Belgium||Belgian,Belgians|Brussels
BRA|Brazil||Brazilian,Brazilians|Brasília,Brasilia
BGR|Bulgaria||Bulgarian,Bulgarians|Sofia
CAN|Canada||Canadian,Canadians|Ottawa
CHL|Chile||Chilean,Chileans|Santiago
CHN|China|People's Republic of China,PRC,mainland China|Chinese|Beijing
COL|Colombia||Colombian,Colombians|Bogotá,Bogota
HRV|Croatia||Croatian,Croats|Zagreb
CUB|Cuba||Cuban,Cubans|Havana
CYP|Cyprus||Cypriot,Cypriots|Nicosia
CZE|Czech Republic|Czechia|Czech,Czechs|Prague
DNK|Denmark||Danish,Danes|Copenhagen
EGY|Egypt||Egyptian,Egyptians|Cairo
EST|Estonia||Estonian,Estonians|Tallinn
ETH|Ethiopia||Ethiopian,Ethiopians|Addis Ababa
FIN|Finland||Finnish,Finns|Helsinki
FRA|France||French|Paris
GEO|Georgia||Georgian,Georgians|Tbilisi
DEU|Germany||German,Germans|Berlin
GRC|Greece||Greek,Greeks|Athens
HUN|Hungary||Hungarian,Hungarians|Budapest
IND|India||Indian,Indians|New Delhi
IDN|Indonesia||Indonesian,Indonesians|Jakarta
IRN|Iran|Islamic Republic,Islamic Republic of Iran,Persia|Iranian,Iranians,Persian|Tehran,Teheran
IRQ|Iraq||Iraqi,Iraqis|Baghdad
IRL|Ireland||Irish|Dublin
ISR|Israel|State of Israel,Jewish state,the Jewish state|Israeli,Israelis|Jerusalem,West Jerusalem
ITA|Italy||Italian,Italians|Rome
JPN|Japan||Japanese|Tokyo
JOR|Jordan||Jordanian,Jordanians|Amman
KAZ|Kazakhstan||Kazakh,Kazakhstani|Astana
KEN|Kenya||Kenyan,Kenyans|Nairobi
KWT|Kuwait||Kuwaiti,Kuwaitis|Kuwait City
LVA|Latvia||Latvian,Latvians|Riga
LBN|Lebanon||Lebanese|Beirut
LBY|Libya||Libyan,Libyans|Tripoli
LTU|Lithuania||Lithuanian,Lithuanians|Vilnius
MYS|Malaysia||Malaysian,Malaysians|Kuala Lumpur
MEX|Mexico||Mexican,Mexicans|Mexico City
MDA|Moldova||Moldovan,Moldovans|Chisinau
MAR|Morocco||Moroccan,Moroccans|Rabat
NLD|Netherlands|Holland,the Netherlands|Dutch|The Hague,Amsterdam
NZL|New Zealand||New Zealander,New Zealanders|Wellington
NGA|Nigeria||Nigerian,Nigerians|Abuja
PRK|North Korea|DPRK|North Korean,North Koreans|Pyongyang
NOR|Norway||Norwegian,Norwegians|Oslo
OMN|Oman||Omani,Omanis|Muscat
PAK|Pakistan||Pakistani,Pakistanis|Islamabad
PSE|Palestine|Palestinian territories,State of Palestine|Palestinian,Palestinians|Ramallah
PHL|Philippines|the Philippines|Filipino,Filipinos,Philippine|Manila
POL|Poland||Polish,Poles|Warsaw
PRT|Portugal||Portuguese|Lisbon
QAT|Qatar||Qatari,Qataris|Doha
ROU|Romania||Romanian,Romanians|Bucharest
RUS|Russia|Russian Federation|Russian,Russians|Moscow
SAU|Saudi Arabia|Kingdom of Saudi Arabia,KSA|Saudi,Saudis|Riyadh
SRB|Serbia||Serbian,Serbs|Belgrade
SGP|Singapore||Singaporean,Singaporeans|
SVK|Slovakia||Slovak,Slovaks|Bratislava
SVN|Slovenia||Slovenian,Slovenians|Ljubljana
SOM|Somalia||Somali,Somalis|Mogadishu
ZAF|South Africa||South African,South Africans|Pretoria
KOR|South Korea|Republic of Korea,ROK|South Korean,South Koreans|Seoul
ESP|Spain||Spanish,Spaniards|Madrid
SDN|Sudan||Sudanese|Khartoum
SWE|Sweden||Swedish,Swedes|Stockholm
CHE|Switzerland||Swiss|Bern
SYR|Syria|Syrian Arab Republic|Syrian,Syrians|Damascus
TWN|Taiwan||Taiwanese|Taipei
THA|Thailand||Thai|Bangkok
TUN|Tunisia||Tunisian,Tunisians|Tunis
TUR|Turkey|Türkiye,Turkiye|Turkish,Turks|Ankara
UKR|Ukraine||Ukrainian,Ukrainians|Kyiv,Kiev
ARE|United Arab Emirates|UAE,U.A.E.,Emirates|Emirati,Emiratis|Abu Dhabi
GBR|United Kingdom|UK,U.K.,Britain,Great Britain|British,Britons,Brits|London
USA|United States|US,U.S.,USA,U.S.A.,America,United States of America|American,Americans,U.S.,US|Washington
VEN|Venezuela||Venezuelan,Venezuelans|Caracas
VNM|Vietnam|Viet Nam|Vietnamese|Hanoi
YEM|Yemen||Yemeni,Yemenis|Sanaa,Sana'a
"""

# Capitals that are also ordinary places in most news (strikes on them, visits to them):
# they stand for the government only as the subject of a speech or decision verb.
WEAK_METONYMS = frozenset({"Beirut", "Baghdad", "Damascus", "Sanaa", "Sana'a", "Cairo", "Doha", "Amman"})

# Places news names often that are not capitals: (name, country, aliases).
PLACES = [
    ("Gaza", "PSE", ["Gaza Strip", "the Gaza Strip", "Strip"]),
    ("Gaza City", "PSE", []),
    ("West Bank", "PSE", ["the West Bank", "occupied West Bank"]),
    ("Rafah", "PSE", []),
    ("Khan Younis", "PSE", ["Khan Yunis"]),
    ("Tel Aviv", "ISR", []),
    ("Haifa", "ISR", []),
    ("Golan Heights", "SYR", ["the Golan Heights", "Golan", "Majdal Shams"]),
    ("Sidon", "LBN", []),
    ("Tyre", "LBN", []),
    ("Dahiyeh", "LBN", ["Dahieh", "Dahiya"]),
    ("Hodeidah", "YEM", ["Hodeida"]),
    ("Isfahan", "IRN", []),
    ("Red Sea", None, ["the Red Sea"]),
    ("Middle East", None, ["the Middle East", "Mideast"]),
    ("Asia", None, []),
    ("Europe", None, []),
    ("Africa", None, []),
    ("Latin America", None, []),
    ("North America", None, []),
    ("Persian Gulf", None, ["the Persian Gulf", "Gulf"]),
]

# Seats of government and state bodies: id slug, name, country, sector, aliases, used as a metonym.
BODIES: list[tuple[str, str, str, str, list[str], bool]] = [
    ("white-house", "White House", "USA", "GOV", ["the White House"], True),
    (
        "pentagon",
        "Pentagon",
        "USA",
        "MIL",
        ["the Pentagon", "Department of Defense", "Defense Department", "U.S. Department of Defense", "DoD"],
        True,
    ),
    (
        "us-state-department",
        "State Department",
        "USA",
        "GOV",
        ["Department of State", "U.S. State Department", "US State Department", "State Dept."],
        True,
    ),
    (
        "us-national-security-council",
        "National Security Council",
        "USA",
        "GOV",
        ["U.S. National Security Council", "US National Security Council", "NSC"],
        False,
    ),
    ("us-congress", "Congress", "USA", "LEG", ["U.S. Congress", "US Congress"], False),
    ("us-senate", "Senate", "USA", "LEG", ["U.S. Senate", "US Senate"], False),
    ("us-house", "House of Representatives", "USA", "LEG", ["U.S. House", "House"], False),
    (
        "us-military",
        "U.S. military",
        "USA",
        "MIL",
        ["US military", "American military", "U.S. forces", "US forces", "U.S. troops", "US troops"],
        False,
    ),
    (
        "centcom",
        "U.S. Central Command",
        "USA",
        "MIL",
        ["CENTCOM", "Central Command", "US Central Command"],
        False,
    ),
    ("cia", "CIA", "USA", "SPY", ["Central Intelligence Agency"], False),
    ("fbi", "FBI", "USA", "COP", ["Federal Bureau of Investigation"], False),
    ("secret-service", "Secret Service", "USA", "COP", ["U.S. Secret Service", "US Secret Service"], False),
    ("kremlin", "Kremlin", "RUS", "GOV", ["the Kremlin"], True),
    (
        "russian-foreign-ministry",
        "Russian Foreign Ministry",
        "RUS",
        "GOV",
        ["Russia's Foreign Ministry"],
        False,
    ),
    ("downing-street", "Downing Street", "GBR", "GOV", ["No. 10", "Number 10", "10 Downing Street"], True),
    (
        "uk-foreign-office",
        "Foreign Office",
        "GBR",
        "GOV",
        ["Foreign, Commonwealth and Development Office", "FCDO"],
        False,
    ),
    ("elysee", "Élysée", "FRA", "GOV", ["Elysee", "Élysée Palace", "Elysee Palace", "the Élysée"], True),
    (
        "idf",
        "Israel Defense Forces",
        "ISR",
        "MIL",
        ["IDF", "Israeli military", "Israeli army", "Israel Defence Forces", "Israeli Defense Forces"],
        False,
    ),
    ("mossad", "Mossad", "ISR", "SPY", ["Israeli Mossad", "the Mossad"], False),
    ("shin-bet", "Shin Bet", "ISR", "SPY", ["Israel Security Agency", "ISA", "Shabak"], False),
    (
        "israel-defense-ministry",
        "Israeli Defense Ministry",
        "ISR",
        "MIL",
        ["Israel's Defense Ministry", "Israel’s Defense Ministry", "Defense Ministry of Israel"],
        False,
    ),
    ("knesset", "Knesset", "ISR", "LEG", [], False),
    (
        "iran-foreign-ministry",
        "Iranian Foreign Ministry",
        "IRN",
        "GOV",
        ["Iran's Foreign Ministry", "Iran’s Foreign Ministry", "Foreign Ministry of Iran"],
        False,
    ),
    (
        "iran-snsc",
        "Supreme National Security Council",
        "IRN",
        "GOV",
        ["Iran's Supreme National Security Council", "SNSC"],
        False,
    ),
    ("iran-army", "Iranian army", "IRN", "MIL", ["Artesh", "Iran's army", "Iranian armed forces"], False),
    ("lebanese-army", "Lebanese Armed Forces", "LBN", "MIL", ["Lebanese army", "LAF"], False),
    ("palestinian-authority", "Palestinian Authority", "PSE", "GOV", ["PA"], False),
    (
        "gaza-health-ministry",
        "Gaza Health Ministry",
        "PSE",
        "GOV",
        ["Gaza's Health Ministry", "Hamas-run Health Ministry", "Health Ministry in Gaza"],
        False,
    ),
    (
        "ukraine-armed-forces",
        "Armed Forces of Ukraine",
        "UKR",
        "MIL",
        ["Ukrainian military", "Ukrainian army"],
        False,
    ),
    ("russian-military", "Russian military", "RUS", "MIL", ["Russian army", "Russian forces"], False),
]

# International and non-governmental organisations: slug, name, sector, aliases.
ORGANISATIONS: list[tuple[str, str, str, list[str]]] = [
    ("un", "United Nations", "IGO", ["UN", "U.N.", "the UN", "the United Nations"]),
    (
        "un-security-council",
        "UN Security Council",
        "IGO",
        ["U.N. Security Council", "United Nations Security Council", "Security Council", "UNSC"],
    ),
    ("un-general-assembly", "UN General Assembly", "IGO", ["U.N. General Assembly", "General Assembly"]),
    ("unrwa", "UNRWA", "IGO", ["UN Relief and Works Agency", "U.N. Relief and Works Agency"]),
    ("unicef", "UNICEF", "IGO", ["U.N. Children's Fund"]),
    ("unhcr", "UNHCR", "IGO", ["UN Refugee Agency", "U.N. refugee agency"]),
    ("wfp", "World Food Programme", "IGO", ["WFP", "World Food Program"]),
    ("ocha", "OCHA", "IGO", ["UN Office for the Coordination of Humanitarian Affairs"]),
    ("unifil", "UNIFIL", "IGO", ["UN Interim Force in Lebanon", "U.N. peacekeepers in Lebanon"]),
    ("eu", "European Union", "IGO", ["EU", "E.U.", "the EU"]),
    ("european-commission", "European Commission", "IGO", ["EU Commission"]),
    ("nato", "NATO", "IGO", ["North Atlantic Treaty Organization", "Nato"]),
    ("iaea", "IAEA", "IGO", ["International Atomic Energy Agency", "UN nuclear watchdog"]),
    ("who", "World Health Organization", "IGO", ["WHO", "World Health Organisation"]),
    ("arab-league", "Arab League", "IGO", ["League of Arab States"]),
    ("icc", "International Criminal Court", "IGO", ["ICC"]),
    ("icj", "International Court of Justice", "IGO", ["ICJ", "World Court"]),
    ("imf", "International Monetary Fund", "IGO", ["IMF"]),
    ("world-bank", "World Bank", "IGO", []),
    ("opec", "OPEC", "IGO", ["Organization of the Petroleum Exporting Countries"]),
    ("african-union", "African Union", "IGO", ["AU"]),
    ("asean", "ASEAN", "IGO", ["Association of Southeast Asian Nations"]),
    ("gcc", "Gulf Cooperation Council", "IGO", ["GCC"]),
    ("oic", "Organisation of Islamic Cooperation", "IGO", ["OIC", "Organization of Islamic Cooperation"]),
    ("g7", "G7", "IGO", ["Group of Seven", "G-7"]),
    ("g20", "G20", "IGO", ["Group of 20", "G-20"]),
    ("brics", "BRICS", "IGO", []),
    (
        "icrc",
        "International Committee of the Red Cross",
        "NGO",
        ["ICRC", "Red Cross", "the Red Cross", "Red Crescent"],
    ),
    ("amnesty", "Amnesty International", "NGO", ["Amnesty"]),
    ("hrw", "Human Rights Watch", "NGO", ["HRW"]),
    ("msf", "Doctors Without Borders", "NGO", ["MSF", "Médecins Sans Frontières"]),
]

# Armed and political groups: slug, name, country, sector, aliases.
GROUPS: list[tuple[str, str, str | None, str, list[str]]] = [
    ("hamas", "Hamas", "PSE", "REB", ["Islamic Resistance Movement", "HAMAS"]),
    (
        "qassam-brigades",
        "Izz ad-Din al-Qassam Brigades",
        "PSE",
        "REB",
        ["Qassam Brigades", "al-Qassam Brigades", "Al-Qassam Brigades", "Ezzedine al-Qassam Brigades"],
    ),
    ("palestinian-islamic-jihad", "Palestinian Islamic Jihad", "PSE", "REB", ["Islamic Jihad", "PIJ"]),
    ("fatah", "Fatah", "PSE", "PTY", []),
    ("plo", "Palestine Liberation Organization", "PSE", "GOV", ["PLO", "Palestine Liberation Organisation"]),
    ("hezbollah", "Hezbollah", "LBN", "REB", ["Hizbollah", "Hizballah", "Hizbullah", "Hezbolla"]),
    ("amal-movement", "Amal Movement", "LBN", "PTY", ["Amal"]),
    (
        "houthis",
        "Houthis",
        "YEM",
        "REB",
        [
            "Ansar Allah",
            "Ansarallah",
            "Houthi",
            "Huthis",
            "Huthi",
            "Houthi rebels",
            "Huthi rebels",
            "the Houthis",
        ],
    ),
    (
        "irgc",
        "Islamic Revolutionary Guard Corps",
        "IRN",
        "MIL",
        [
            "IRGC",
            "Revolutionary Guards",
            "Revolutionary Guard",
            "Revolutionary Guard Corps",
            "Iranian Revolutionary Guard Corps",
            "Islamic Revolutionary Guards Corps",
            "Corps",
            "Guards",
        ],
    ),
    ("quds-force", "Quds Force", "IRN", "MIL", ["IRGC Quds Force", "al-Quds Force", "Qods Force"]),
    ("basij", "Basij", "IRN", "MIL", []),
    (
        "islamic-resistance-in-iraq",
        "Islamic Resistance in Iraq",
        "IRQ",
        "REB",
        ["Islamic Resistance of Iraq"],
    ),
    (
        "kataib-hezbollah",
        "Kataib Hezbollah",
        "IRQ",
        "REB",
        ["Kata'ib Hezbollah", "Kataeb Hezbollah", "Kata’ib Hezbollah"],
    ),
    (
        "popular-mobilization-forces",
        "Popular Mobilization Forces",
        "IRQ",
        "MIL",
        [
            "PMF",
            "Popular Mobilisation Forces",
            "Hashed al-Shaabi",
            "Hashd al-Shaabi",
            "al-Hashd al-Shaabi",
            "Popular Mobilization Units",
        ],
    ),
    ("axis-of-resistance", "Axis of Resistance", None, "REB", ["axis of resistance"]),
    ("isis", "Islamic State", None, "REB", ["ISIS", "ISIL", "IS", "Daesh", "Islamic State group"]),
    ("al-qaeda", "al-Qaeda", None, "REB", ["Al-Qaeda", "al Qaeda", "Al Qaeda", "al-Qaida"]),
    ("taliban", "Taliban", "AFG", "GOV", ["the Taliban"]),
    ("wagner", "Wagner Group", "RUS", "MIL", ["Wagner", "Wagner PMC"]),
    ("hts", "Hayat Tahrir al-Sham", "SYR", "REB", ["HTS"]),
    ("al-shabaab", "al-Shabaab", "SOM", "REB", ["Al-Shabaab", "al-Shabab"]),
    ("boko-haram", "Boko Haram", "NGA", "REB", []),
    ("muslim-brotherhood", "Muslim Brotherhood", "EGY", "OPP", []),
    (
        "democratic-party",
        "Democratic Party",
        "USA",
        "PTY",
        ["Democratic", "Democrats", "the Democrats", "DNC"],
    ),
    ("republican-party", "Republican Party", "USA", "PTY", ["Republican", "Republicans", "GOP", "the GOP"]),
    ("likud", "Likud", "ISR", "PTY", []),
]

# People: slug, name, country, sector, aliases, roles [(title, of, start, end)].
# Roles use a small vocabulary of titles (see newsweave.stages.actors.titles); dates are ISO, "" = open.
PEOPLE: list[tuple[str, str, str | None, str, list[str], list[tuple[str, str, str, str]]]] = [
    # Hamas
    (
        "ismail-haniyeh",
        "Ismail Haniyeh",
        "PSE",
        "REB",
        [
            "Haniyeh",
            "Haniya",
            "Haniyah",
            "Hanieh",
            "Ismail Haniya",
            "Ismail Haniyah",
            "Ismael Haniyeh",
            "Esmail Haniyeh",
        ],
        [
            ("leader", "hamas", "2017-05-06", "2024-07-31"),
            ("prime minister", "palestine", "2006-03-29", "2014-06-02"),
        ],
    ),
    (
        "yahya-sinwar",
        "Yahya Sinwar",
        "PSE",
        "REB",
        ["Sinwar", "Yehya Sinwar", "Yehia Sinwar"],
        [
            ("leader in gaza", "hamas", "2017-02-13", "2024-10-16"),
            ("leader", "hamas", "2024-08-06", "2024-10-16"),
        ],
    ),
    (
        "mohammed-deif",
        "Mohammed Deif",
        "PSE",
        "REB",
        ["Deif", "Mohammed Dief", "Muhammad Deif", "Mohammad Deif"],
        [("military commander", "hamas", "2002-09-26", "2024-07-13")],
    ),
    (
        "khalil-al-hayya",
        "Khalil al-Hayya",
        "PSE",
        "REB",
        ["al-Hayya", "Khalil al-Hayyah"],
        [("deputy leader in gaza", "hamas", "2017-02-13", "")],
    ),
    ("osama-hamdan", "Osama Hamdan", "PSE", "REB", ["Hamdan"], [("spokesperson", "hamas", "", "")]),
    (
        "mahmoud-abbas",
        "Mahmoud Abbas",
        "PSE",
        "GOV",
        ["Abu Mazen"],
        [("president", "palestine", "2005-01-15", "")],
    ),
    # Hezbollah
    (
        "hassan-nasrallah",
        "Hassan Nasrallah",
        "LBN",
        "REB",
        ["Nasrallah", "Nasrullah", "Hasan Nasrallah", "Hassan Nasrullah", "Sayyed Hassan Nasrallah"],
        [("leader", "hezbollah", "1992-02-16", "2024-09-27")],
    ),
    (
        "fuad-shukr",
        "Fuad Shukr",
        "LBN",
        "REB",
        ["Shukr", "Fu'ad Shukr", "Fu’ad Shukr", "Fouad Shukr", "Fuad Shukur", "Mohsen Shukr"],
        [("military commander", "hezbollah", "", "2024-07-30")],
    ),
    (
        "naim-qassem",
        "Naim Qassem",
        "LBN",
        "REB",
        ["Qassem", "Naim Kassem"],
        [
            ("deputy leader", "hezbollah", "1991-01-01", "2024-10-29"),
            ("leader", "hezbollah", "2024-10-29", ""),
        ],
    ),
    (
        "najib-mikati",
        "Najib Mikati",
        "LBN",
        "GOV",
        ["Mikati"],
        [("prime minister", "lebanon", "2021-09-10", "2025-02-08")],
    ),
    # Houthis
    (
        "abdul-malik-al-houthi",
        "Abdel-Malik al-Houthi",
        "YEM",
        "REB",
        ["Abdul-Malik al-Houthi", "Abdulmalik al-Houthi", "Abdel Malik al-Houthi", "Abdul Malik al-Houthi"],
        [("leader", "houthis", "2004-09-10", "")],
    ),
    (
        "yahya-saree",
        "Yahya Saree",
        "YEM",
        "REB",
        ["Saree", "Yahya Sarea"],
        [("military spokesperson", "houthis", "", "")],
    ),
    # Iran
    (
        "ali-khamenei",
        "Ali Khamenei",
        "IRN",
        "GOV",
        ["Khamenei", "Ayatollah Ali Khamenei", "Ayatollah Khamenei", "Ali Hosseini Khamenei"],
        [("supreme leader", "iran", "1989-06-04", "")],
    ),
    (
        "masoud-pezeshkian",
        "Masoud Pezeshkian",
        "IRN",
        "GOV",
        ["Pezeshkian", "Massoud Pezeshkian"],
        [("president", "iran", "2024-07-28", "")],
    ),
    (
        "ebrahim-raisi",
        "Ebrahim Raisi",
        "IRN",
        "GOV",
        ["Raisi", "Ebrahim Raeisi", "Ibrahim Raisi"],
        [("president", "iran", "2021-08-03", "2024-05-19")],
    ),
    (
        "mohammad-mokhber",
        "Mohammad Mokhber",
        "IRN",
        "GOV",
        ["Mokhber"],
        [
            ("president", "iran", "2024-05-19", "2024-07-28"),
            ("vice president", "iran", "2021-08-08", "2024-07-28"),
        ],
    ),
    (
        "hossein-amir-abdollahian",
        "Hossein Amir-Abdollahian",
        "IRN",
        "GOV",
        ["Amir-Abdollahian", "Amirabdollahian"],
        [("foreign minister", "iran", "2021-08-25", "2024-05-19")],
    ),
    (
        "ali-bagheri-kani",
        "Ali Bagheri Kani",
        "IRN",
        "GOV",
        ["Bagheri Kani", "Ali Bagheri"],
        [("foreign minister", "iran", "2024-05-20", "2024-08-21")],
    ),
    (
        "abbas-araghchi",
        "Abbas Araghchi",
        "IRN",
        "GOV",
        ["Araghchi", "Araqchi", "Abbas Araqchi"],
        [("foreign minister", "iran", "2024-08-21", "")],
    ),
    (
        "nasser-kanaani",
        "Nasser Kanaani",
        "IRN",
        "GOV",
        ["Kanaani", "Nasser Kanani", "Naser Kanaani"],
        [("spokesperson", "iran-foreign-ministry", "2022-12-01", "2024-12-31")],
    ),
    (
        "esmail-ghaani",
        "Esmail Ghaani",
        "IRN",
        "MIL",
        ["Ghaani", "Qaani", "Esmail Qaani", "Ismail Qaani", "Esmail Qaani", "Ismail Ghaani"],
        [("commander", "quds-force", "2020-01-03", "")],
    ),
    ("hossein-salami", "Hossein Salami", "IRN", "MIL", ["Salami"], [("commander", "irgc", "2019-04-21", "")]),
    (
        "mohammad-bagher-ghalibaf",
        "Mohammad Bagher Ghalibaf",
        "IRN",
        "LEG",
        ["Ghalibaf", "Qalibaf"],
        [("speaker", "iran", "2020-05-28", "")],
    ),
    # Israel
    (
        "benjamin-netanyahu",
        "Benjamin Netanyahu",
        "ISR",
        "GOV",
        ["Netanyahu", "Bibi", "Binyamin Netanyahu"],
        [
            ("prime minister", "israel", "2022-12-29", ""),
            ("prime minister", "israel", "2009-03-31", "2021-06-13"),
        ],
    ),
    (
        "yoav-gallant",
        "Yoav Gallant",
        "ISR",
        "MIL",
        ["Gallant"],
        [("defense minister", "israel", "2022-12-29", "2024-11-05")],
    ),
    (
        "isaac-herzog",
        "Isaac Herzog",
        "ISR",
        "GOV",
        ["Herzog", "Yitzhak Herzog"],
        [("president", "israel", "2021-07-07", "")],
    ),
    (
        "israel-katz",
        "Israel Katz",
        "ISR",
        "GOV",
        [],
        [
            ("foreign minister", "israel", "2024-01-01", "2024-11-05"),
            ("defense minister", "israel", "2024-11-05", ""),
        ],
    ),
    (
        "herzi-halevi",
        "Herzi Halevi",
        "ISR",
        "MIL",
        ["Halevi"],
        [("chief of staff", "idf", "2023-01-16", "2025-03-05")],
    ),
    (
        "daniel-hagari",
        "Daniel Hagari",
        "ISR",
        "MIL",
        ["Hagari"],
        [("military spokesperson", "idf", "2023-03-01", "2025-03-31")],
    ),
    ("ronen-bar", "Ronen Bar", "ISR", "SPY", [], [("director", "shin-bet", "2021-10-13", "")]),
    ("benny-gantz", "Benny Gantz", "ISR", "OPP", ["Gantz"], []),
    (
        "itamar-ben-gvir",
        "Itamar Ben-Gvir",
        "ISR",
        "GOV",
        ["Ben-Gvir", "Ben Gvir"],
        [("national security minister", "israel", "2022-12-29", "")],
    ),
    (
        "bezalel-smotrich",
        "Bezalel Smotrich",
        "ISR",
        "GOV",
        ["Smotrich"],
        [("finance minister", "israel", "2022-12-29", "")],
    ),
    # United States
    (
        "joe-biden",
        "Joe Biden",
        "USA",
        "GOV",
        ["Biden", "Joseph Biden", "Joseph R. Biden", "Joseph R. Biden Jr."],
        [("president", "united-states", "2021-01-20", "2025-01-20")],
    ),
    (
        "kamala-harris",
        "Kamala Harris",
        "USA",
        "GOV",
        ["Harris"],
        [("vice president", "united-states", "2021-01-20", "2025-01-20")],
    ),
    (
        "donald-trump",
        "Donald Trump",
        "USA",
        "ELI",
        ["Trump", "Donald J. Trump"],
        [
            ("president", "united-states", "2017-01-20", "2021-01-20"),
            ("president", "united-states", "2025-01-20", ""),
        ],
    ),
    (
        "jd-vance",
        "J.D. Vance",
        "USA",
        "LEG",
        ["JD Vance", "Vance", "James David Vance", "J. D. Vance"],
        [
            ("senator", "united-states", "2023-01-03", "2025-01-10"),
            ("vice president", "united-states", "2025-01-20", ""),
        ],
    ),
    ("tim-walz", "Tim Walz", "USA", "GOV", ["Walz"], [("governor", "united-states", "2019-01-07", "")]),
    (
        "antony-blinken",
        "Antony Blinken",
        "USA",
        "GOV",
        ["Blinken", "Tony Blinken", "Antony J. Blinken"],
        [("secretary of state", "united-states", "2021-01-26", "2025-01-20")],
    ),
    (
        "lloyd-austin",
        "Lloyd Austin",
        "USA",
        "MIL",
        ["Lloyd J. Austin", "Lloyd J. Austin III", "Lloyd Austin III"],
        [("defense secretary", "united-states", "2021-01-22", "2025-01-20")],
    ),
    (
        "john-kirby",
        "John Kirby",
        "USA",
        "GOV",
        ["Kirby", "John F. Kirby"],
        [("national security spokesperson", "united-states", "2022-05-01", "2025-01-20")],
    ),
    (
        "jake-sullivan",
        "Jake Sullivan",
        "USA",
        "GOV",
        [],
        [("national security adviser", "united-states", "2021-01-20", "2025-01-20")],
    ),
    (
        "karine-jean-pierre",
        "Karine Jean-Pierre",
        "USA",
        "GOV",
        ["Jean-Pierre"],
        [("press secretary", "white-house", "2022-05-13", "2025-01-20")],
    ),
    (
        "vedant-patel",
        "Vedant Patel",
        "USA",
        "GOV",
        [],
        [("deputy spokesperson", "us-state-department", "2021-01-20", "2025-01-20")],
    ),
    (
        "matthew-miller",
        "Matthew Miller",
        "USA",
        "GOV",
        [],
        [("spokesperson", "us-state-department", "2023-03-01", "2025-01-20")],
    ),
    (
        "pat-ryder",
        "Pat Ryder",
        "USA",
        "MIL",
        ["Patrick Ryder"],
        [("press secretary", "pentagon", "2022-08-01", "")],
    ),
    (
        "sabrina-singh",
        "Sabrina Singh",
        "USA",
        "MIL",
        [],
        [("deputy press secretary", "pentagon", "2022-08-01", "")],
    ),
    (
        "linda-thomas-greenfield",
        "Linda Thomas-Greenfield",
        "USA",
        "GOV",
        ["Thomas-Greenfield"],
        [("ambassador to the un", "united-states", "2021-02-25", "2025-01-20")],
    ),
    (
        "william-burns",
        "William Burns",
        "USA",
        "SPY",
        ["Bill Burns"],
        [("director", "cia", "2021-03-19", "2025-01-20")],
    ),
    (
        "amos-hochstein",
        "Amos Hochstein",
        "USA",
        "GOV",
        ["Hochstein"],
        [("envoy", "united-states", "2021-08-01", "2025-01-20")],
    ),
    ("mike-johnson", "Mike Johnson", "USA", "LEG", [], [("speaker", "us-house", "2023-10-25", "")]),
    (
        "chuck-schumer",
        "Chuck Schumer",
        "USA",
        "LEG",
        ["Schumer"],
        [("majority leader", "us-senate", "2021-01-20", "2025-01-03")],
    ),
    # Russia, Ukraine, Europe, region
    (
        "vladimir-putin",
        "Vladimir Putin",
        "RUS",
        "GOV",
        ["Putin"],
        [("president", "russia", "2012-05-07", "")],
    ),
    (
        "sergey-lavrov",
        "Sergey Lavrov",
        "RUS",
        "GOV",
        ["Lavrov", "Sergei Lavrov"],
        [("foreign minister", "russia", "2004-03-09", "")],
    ),
    (
        "dmitry-peskov",
        "Dmitry Peskov",
        "RUS",
        "GOV",
        ["Peskov"],
        [("spokesperson", "kremlin", "2012-05-22", "")],
    ),
    (
        "volodymyr-zelensky",
        "Volodymyr Zelensky",
        "UKR",
        "GOV",
        ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"],
        [("president", "ukraine", "2019-05-20", "")],
    ),
    (
        "emmanuel-macron",
        "Emmanuel Macron",
        "FRA",
        "GOV",
        ["Macron"],
        [("president", "france", "2017-05-14", "")],
    ),
    (
        "keir-starmer",
        "Keir Starmer",
        "GBR",
        "GOV",
        ["Starmer"],
        [("prime minister", "united-kingdom", "2024-07-05", "")],
    ),
    (
        "rishi-sunak",
        "Rishi Sunak",
        "GBR",
        "GOV",
        ["Sunak"],
        [("prime minister", "united-kingdom", "2022-10-25", "2024-07-05")],
    ),
    (
        "david-lammy",
        "David Lammy",
        "GBR",
        "GOV",
        ["Lammy"],
        [("foreign minister", "united-kingdom", "2024-07-05", "")],
    ),
    (
        "olaf-scholz",
        "Olaf Scholz",
        "DEU",
        "GOV",
        ["Scholz"],
        [("chancellor", "germany", "2021-12-08", "2025-05-06")],
    ),
    (
        "giorgia-meloni",
        "Giorgia Meloni",
        "ITA",
        "GOV",
        ["Meloni"],
        [("prime minister", "italy", "2022-10-22", "")],
    ),
    (
        "josep-borrell",
        "Josep Borrell",
        "ESP",
        "IGO",
        ["Borrell"],
        [("foreign policy chief", "eu", "2019-12-01", "2024-11-30")],
    ),
    (
        "ursula-von-der-leyen",
        "Ursula von der Leyen",
        "DEU",
        "IGO",
        ["von der Leyen"],
        [("president", "european-commission", "2019-12-01", "")],
    ),
    (
        "antonio-guterres",
        "António Guterres",
        "PRT",
        "IGO",
        ["Antonio Guterres", "Guterres"],
        [("secretary-general", "un", "2017-01-01", "")],
    ),
    (
        "rafael-grossi",
        "Rafael Grossi",
        "ARG",
        "IGO",
        ["Grossi"],
        [("director general", "iaea", "2019-12-03", "")],
    ),
    (
        "tedros-adhanom-ghebreyesus",
        "Tedros Adhanom Ghebreyesus",
        "ETH",
        "IGO",
        ["Tedros"],
        [("director general", "who", "2017-07-01", "")],
    ),
    ("xi-jinping", "Xi Jinping", "CHN", "GOV", ["Xi"], [("president", "china", "2013-03-14", "")]),
    ("wang-yi", "Wang Yi", "CHN", "GOV", [], [("foreign minister", "china", "2023-07-25", "")]),
    (
        "recep-tayyip-erdogan",
        "Recep Tayyip Erdogan",
        "TUR",
        "GOV",
        ["Erdogan", "Erdoğan", "Recep Tayyip Erdoğan"],
        [("president", "turkey", "2014-08-28", "")],
    ),
    (
        "abdel-fattah-el-sisi",
        "Abdel Fattah el-Sisi",
        "EGY",
        "GOV",
        ["el-Sisi", "Sisi", "al-Sisi", "Abdel Fattah al-Sisi"],
        [("president", "egypt", "2014-06-08", "")],
    ),
    (
        "tamim-bin-hamad-al-thani",
        "Tamim bin Hamad Al Thani",
        "QAT",
        "GOV",
        ["Sheikh Tamim", "Tamim bin Hamad"],
        [("emir", "qatar", "2013-06-25", "")],
    ),
    (
        "mohammed-bin-abdulrahman-al-thani",
        "Mohammed bin Abdulrahman Al Thani",
        "QAT",
        "GOV",
        ["Sheikh Mohammed bin Abdulrahman Al Thani", "Mohammed bin Abdulrahman"],
        [("prime minister", "qatar", "2023-03-07", "")],
    ),
    (
        "mohammed-bin-salman",
        "Mohammed bin Salman",
        "SAU",
        "GOV",
        ["MBS"],
        [("crown prince", "saudi-arabia", "2017-06-21", "")],
    ),
    (
        "king-abdullah-ii",
        "King Abdullah II",
        "JOR",
        "GOV",
        ["Abdullah II"],
        [("king", "jordan", "1999-02-07", "")],
    ),
    (
        "ayman-safadi",
        "Ayman Safadi",
        "JOR",
        "GOV",
        ["Safadi"],
        [("foreign minister", "jordan", "2017-01-15", "")],
    ),
    (
        "bashar-al-assad",
        "Bashar al-Assad",
        "SYR",
        "GOV",
        ["Assad", "al-Assad", "Bashar Assad"],
        [("president", "syria", "2000-07-17", "2024-12-08")],
    ),
    # Analysts and journalists quoted in the seeds
    ("amal-saad", "Amal Saad", "LBN", "EDU", ["Amal Saad-Ghorayeb"], []),
    ("vali-nasr", "Vali Nasr", "USA", "EDU", [], []),
    ("farnaz-fassihi", "Farnaz Fassihi", "USA", "MED", ["Fassihi"], []),
]


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _split(field: str) -> list[str]:
    # Washington, D.C. holds a comma: a ", " inside an item is kept.
    return [item.strip() for item in re.split(r",(?! )", field) if item.strip()]


def countries() -> tuple[list[Entry], dict[str, str]]:
    """Every ISO country, enriched by COUNTRY_LINES; and alpha-3 -> actor id."""
    extras = {}
    for line in COUNTRY_LINES.strip().splitlines():
        code, short, others, demonyms, capitals = line.split("|")
        extras[code] = (short, _split(others), _split(demonyms), _split(capitals))
    entries: list[Entry] = []
    ids: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        short, others, demonyms, capitals = extras.get(code, ("", [], [], []))
        name = short or getattr(country, "common_name", None) or country.name
        names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        aliases = [n for n in dict.fromkeys([*others, *filter(None, names)]) if n != name]
        actor_id = f"kb:{slug(name)}"
        ids[code] = actor_id
        entries.append(
            {
                "id": actor_id,
                "name": name,
                "kind": "country",
                "country": code,
                "aliases": aliases,
                "demonyms": demonyms,
            }
        )
        for capital in capitals:
            entries.append(
                {
                    "id": f"kb:{slug(capital)}",
                    "name": capital,
                    "kind": "location",
                    "country": code,
                    "metonym_of": actor_id,
                    "metonym": "weak" if capital in WEAK_METONYMS else "strong",
                }
            )
    return entries, ids


def _merge_capital_aliases(entries: list[Entry]) -> list[Entry]:
    # "West Jerusalem" and "Jerusalem" are one place here; keep one entry with an alias.
    merged: dict[str, Entry] = {}
    for entry in entries:
        key = entry["id"]
        if entry["name"] == "West Jerusalem":
            merged["kb:jerusalem"].setdefault("aliases", []).append("West Jerusalem")
            continue
        if entry["name"] in {
            "Teheran",
            "Kiev",
            "Bogota",
            "Brasilia",
            "Sana'a",
            "Washington D.C.",
            "Washington, D.C.",
        }:
            target = {
                "Teheran": "kb:tehran",
                "Kiev": "kb:kyiv",
                "Bogota": "kb:bogota",
                "Brasilia": "kb:brasilia",
                "Sana'a": "kb:sanaa",
                "Washington D.C.": "kb:washington",
                "Washington, D.C.": "kb:washington",
            }[entry["name"]]
            if target in merged and target != key:
                merged[target].setdefault("aliases", []).append(entry["name"])
                continue
        merged.setdefault(key, entry)
    return list(merged.values())


def build() -> dict[str, Any]:
    country_entries, country_ids = countries()
    by_slug = {e["id"].removeprefix("kb:"): e["id"] for e in country_entries}
    entries = _merge_capital_aliases(country_entries)
    for name, code, aliases in PLACES:
        entries.append(
            {"id": f"kb:{slug(name)}", "name": name, "kind": "location", "country": code, "aliases": aliases}
        )
    for key, name, code, sector, aliases, metonym in BODIES:
        entry: Entry = {
            "id": f"kb:{key}",
            "name": name,
            "kind": "organisation",
            "country": code,
            "sector": sector,
            "aliases": aliases,
        }
        if metonym:
            entry["metonym"] = "body"
        entries.append(entry)
        by_slug[key] = entry["id"]
    for key, name, sector, aliases in ORGANISATIONS:
        entries.append(
            {"id": f"kb:{key}", "name": name, "kind": "organisation", "sector": sector, "aliases": aliases}
        )
        by_slug[key] = f"kb:{key}"
    for key, name, code, sector, aliases in GROUPS:
        entries.append(
            {
                "id": f"kb:{key}",
                "name": name,
                "kind": "group",
                "country": code,
                "sector": sector,
                "aliases": aliases,
            }
        )
        by_slug[key] = f"kb:{key}"
    for key, name, code, sector, aliases, roles in PEOPLE:
        entries.append(
            {
                "id": f"kb:{key}",
                "name": name,
                "kind": "person",
                "country": code,
                "sector": sector,
                "aliases": aliases,
                "roles": [
                    {"title": title, "of": by_slug[of], "start": start or None, "end": end or None}
                    for title, of, start, end in roles
                ],
            }
        )
    ids = [e["id"] for e in entries]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise SystemExit(f"duplicate actor ids: {sorted(duplicates)}")
    return {"version": 1, "country_ids": country_ids, "actors": entries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    document = build()
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
