"""Closed word lists the actor rules use: titles, honorifics, cue verbs, group nouns."""

from __future__ import annotations

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
LEADING_DETERMINERS = frozenset({"the", "a", "an"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# Words that open a name but are a title, not part of it ("President Masoud Pezeshkian").
HONORIFICS = frozenset(
    {
        "president",
        "ayatollah",
        "sheikh",
        "sheik",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "general",
        "adm",
        "admiral",
        "sen",
        "senator",
        "rep",
        "secretary",
        "minister",
        "prime",
        "king",
        "queen",
        "prince",
        "emir",
        "chancellor",
        "sayyed",
        "sayyid",
        "imam",
        "pope",
        "lt",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "gov",
        "governor",
        "vice",
        "premier",
        "judge",
        "justice",
        "spokesman",
    }
)
# Capitalised single words NER tags as names that are fragments of titles ("Secretary of State").
# Transcript stage directions ("(Laughter.)", "MR. KIRBY:") are tagged as names too.
NOISE_NAMES = frozenset(
    {
        "defense",
        "defence",
        "state",
        "supreme",
        "congressional",
        "foreign",
        "mr",
        "mrs",
        "ms",
        "q",
        "laughter",
        "laughs",
        "inaudible",
        "applause",
        "crosstalk",
        "cross talk",
        "admiral",
        "vp",
    }
)

# Verbs of saying and reporting: a name that is their subject or addressee is a source.
SOURCE_VERBS = frozenset(
    {
        "report",
        "tell",
        "cite",
        "quote",
        "say",
        "confirm",
        "broadcast",
        "publish",
        "write",
        "add",
        "accord",
        "reveal",
        "learn",
        "obtain",
        "air",
        "disclose",
        "note",
    }
)
# Verbs whose subject is a speaker or decider: a weak metonym ("Beirut said") needs one.
SPEECH_DECISION_VERBS = frozenset(
    {
        "say",
        "announce",
        "warn",
        "vow",
        "threaten",
        "deny",
        "confirm",
        "claim",
        "accuse",
        "blame",
        "condemn",
        "demand",
        "urge",
        "call",
        "reject",
        "accept",
        "agree",
        "decide",
        "order",
        "respond",
        "retaliate",
        "insist",
        "pledge",
        "promise",
        "declare",
        "state",
        "tell",
        "sign",
        "approve",
    }
)
# Verbs whose object is a political actor when it is a place name ("back West Jerusalem").
POLITICAL_OBJECT_VERBS = frozenset(
    {
        "back",
        "support",
        "condemn",
        "warn",
        "urge",
        "accuse",
        "blame",
        "pressure",
        "sanction",
        "criticize",
        "criticise",
        "threaten",
        "defend",
        "help",
        "deter",
        "press",
        "call",
        "ask",
        "fund",
        "arm",
    }
)
# Nouns a metonym possesses as a government ("Tehran's response").
POLITICAL_NOUNS = frozenset(
    {
        "response",
        "retaliation",
        "decision",
        "position",
        "stance",
        "policy",
        "government",
        "regime",
        "leadership",
        "claim",
        "demand",
        "threat",
        "support",
        "ally",
        "proxy",
        "proxies",
        "warning",
        "statement",
        "envoy",
        "diplomat",
        "negotiator",
        "military",
        "army",
        "attack",
        "strike",
        "view",
    }
)
# Participles that make a place an agent: "Tehran-backed groups".
AGENT_PARTICIPLES = frozenset({"back", "support", "sponsor", "fund", "arm", "ally", "align", "lead", "run"})

# Nouns that, as "the militant group", refer back to a group or state.
GROUP_NOUNS = frozenset(
    {"group", "movement", "militia", "organisation", "organization", "faction", "alliance"}
)
STATE_NOUNS = frozenset({"regime", "government", "administration", "republic", "country"})

# Title phrases (lower case) -> role titles in the knowledge base, most specific first.
TITLE_ROLES: dict[str, tuple[str, ...]] = {
    "president": ("president",),
    "vice president": ("vice president",),
    "prime minister": ("prime minister",),
    "premier": ("prime minister",),
    "supreme leader": ("supreme leader",),
    "leader": ("leader", "supreme leader"),
    "top leader": ("leader", "supreme leader"),
    "political leader": ("leader",),
    "chief": ("leader",),
    "political chief": ("leader",),
    "head": ("leader",),
    "political bureau chief": ("leader",),
    "politburo chief": ("leader",),
    "secretary-general": ("secretary-general", "leader"),
    "secretary general": ("secretary-general", "leader"),
    "military commander": ("military commander",),
    "top military commander": ("military commander",),
    "military chief": ("military commander", "chief of staff"),
    "commander": ("commander", "military commander"),
    "foreign minister": ("foreign minister", "secretary of state"),
    "top diplomat": ("secretary of state", "foreign minister"),
    "defense minister": ("defense minister", "defense secretary"),
    "defence minister": ("defense minister", "defense secretary"),
    "defense secretary": ("defense secretary", "defense minister"),
    "defence secretary": ("defense secretary", "defense minister"),
    "secretary of defense": ("defense secretary",),
    "secretary of state": ("secretary of state",),
    "national security adviser": ("national security adviser",),
    "national security advisor": ("national security adviser",),
    "press secretary": ("press secretary",),
    "chancellor": ("chancellor",),
    "emir": ("emir",),
    "king": ("king",),
    "crown prince": ("crown prince",),
    "speaker": ("speaker",),
    "spokesman": ("spokesperson", "military spokesperson", "national security spokesperson"),
    "spokeswoman": ("spokesperson", "deputy spokesperson", "national security spokesperson"),
    "spokesperson": ("spokesperson", "military spokesperson", "national security spokesperson"),
}
TITLE_HEADS = frozenset(phrase.split()[-1] for phrase in TITLE_ROLES) | {"secretary", "minister"}
# Modifier words that belong to a title phrase ("supreme", "prime", "political").
TITLE_MODIFIERS = frozenset(word for phrase in TITLE_ROLES for word in phrase.split()[:-1]) | {"top", "new"}
# Adjectives that change who holds a title: "the former president" is not the incumbent,
# "a senior commander" is one of several.
NOT_THE_HOLDER = frozenset(
    {"former", "late", "ex", "previous", "next", "future", "senior", "deputy", "acting", "last", "first"}
)
# Verbs whose "it" subject is usually a dummy ("it is", "it's going to", "it seems").
DUMMY_IT_VERBS = frozenset({"be", "seem", "appear", "go", "take", "remain", "become", "look", "matter"})

MALE_FEMALE_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})

# Nouns that name a role a person or group has: an appositive headed by one describes it.
ROLE_NOUNS = frozenset(
    {
        "official",
        "commander",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "researcher",
        "analyst",
        "diplomat",
        "envoy",
        "member",
        "founder",
        "negotiator",
        "lawmaker",
        "senator",
        "general",
        "ally",
        "backer",
        "proxy",
        "mediator",
        "expert",
        "professor",
        "lecturer",
        "fellow",
        "director",
        "adviser",
        "advisor",
        "aide",
        "figure",
        "head",
        "chief",
        "leader",
        "deputy",
        "successor",
        "predecessor",
        "candidate",
        "nominee",
        "journalist",
        "correspondent",
        "editor",
        "militant",
        "fighter",
        "operative",
        "mastermind",
        "architect",
        "veteran",
        "hardliner",
        "moderate",
        "reformist",
        "cleric",
        "occupation",
        "enemy",
        "regime",
        "state",
        "country",
        "nation",
        "power",
        "patron",
        "sponsor",
        "arm",
        "wing",
        "force",
    }
)
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")
