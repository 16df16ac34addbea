"""Places and buildings that stand for a government ("Tehran vowed", "the Pentagon said").

A capital is a metonym only in a political role: the subject of a verb, the object of a
political verb ("back West Jerusalem"), the possessor of a political noun ("Tehran's
response") or the agent of "-backed". Capitals that are often places of events
(Beirut, Baghdad, ...) need a speech or decision verb. A place use stays a location.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsweave.reference.actors import Metonymy
from newsweave.stages.actors import lexicon


def _governing(token: Token) -> Token:
    # "Iran and Washington said": the conjunct takes the role of the first conjunct.
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return token


def is_political_use(token: Token, metonymy: Metonymy) -> bool:
    """Whether the place name at ``token`` (its root) stands for its government here."""
    if metonymy.strength == "body":
        return True
    role = _governing(token)
    head = role.head
    verb = head.lemma_.lower()
    if role.dep_ in ("nsubj", "nsubjpass"):
        if metonymy.strength == "weak":
            return verb in lexicon.SPEECH_DECISION_VERBS
        return verb != "be" or any(child.dep_ == "acomp" for child in head.children)
    if metonymy.strength == "weak":
        return False
    if role.dep_ == "poss":
        return head.lemma_.lower() in lexicon.POLITICAL_NOUNS
    if role.dep_ == "dobj":
        return verb in lexicon.POLITICAL_OBJECT_VERBS
    if role.dep_ == "npadvmod":
        return verb in lexicon.AGENT_PARTICIPLES
    return bool(role.dep_ == "pobj" and head.dep_ == "agent")
