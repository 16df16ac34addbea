"""An event's readable label (:func:`event_label`): a noun from its CAMEO codes ("Killing",
"Call", "Threat"), then its participants and its place: "Killing of Ismail Haniyeh in Tehran"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsweave.model import ActorKind, Event, EventReport
from newsweave.reference.actors import ActorKB

_NOUNS: tuple[tuple[str, str], ...] = (
    ("18", "Killing"),
    ("19", "Attack"),
    ("041", "Call"),
    ("042", "Visit"),
    ("043", "Visit"),
    ("04", "Meeting"),
    ("13", "Threat"),
    ("11", "Accusation"),
    ("01", "Statement"),
    ("0", "Cooperation"),
    ("1", "Action"),
)


def event_label(
    event: Event, members: Sequence[EventReport], kb: ActorKB, kinds: Mapping[str, ActorKind]
) -> str:
    """A short readable description: "Killing of Ismail Haniyeh in Tehran"."""
    cameos = [r.cameo for r in members if r.cameo]
    noun = event.event_type.title() if event.event_type else "Event"
    for prefix, word in _NOUNS:
        if any(c.startswith(prefix) for c in cameos):
            noun = word
            break
    if noun in ("Killing", "Attack") and not any(kinds.get(r) is ActorKind.PERSON for r in event.recipient):
        noun = "Attack" if noun == "Killing" else noun
    label = noun
    actors = [a for a in event.actor if kinds.get(a) is not ActorKind.LOCATION][:2]
    recipients = [a for a in event.recipient if kinds.get(a) is not ActorKind.LOCATION][:1]
    if noun in ("Call", "Meeting", "Visit") and len(actors) >= 2:
        label += f" between {_name(actors[0], kb, members)} and {_name(actors[1], kb, members)}"
    elif recipients:
        label += (
            f" of {_name(recipients[0], kb, members)}"
            if noun == "Killing"
            else f" on {_name(recipients[0], kb, members)}"
        )
        if actors and noun != "Killing":
            label = f"{_name(actors[0], kb, members)}: {label}"
    elif actors:
        label += f" by {_name(actors[0], kb, members)}"
    if event.where:
        label += f" in {_name(event.where, kb, members)}"
    if label == noun:
        label = f"{noun} ({members[0].trigger_text})"
    return label


def _name(actor_id: str, kb: ActorKB, members: Sequence[EventReport]) -> str:
    actor = kb.get(actor_id)
    if actor is not None:
        return actor.name
    return actor_id.split(":", 1)[-1].replace("-", " ").title()
