"""Event reports: PLOVER/CAMEO coding of verbs and nominalisations, with participants,
time, place, modality and attributes. ``code_sentence`` codes text without the pipeline."""

from newsweave.stages.events.coding import Coding, code_sentence, main_event

__all__ = ["Coding", "code_sentence", "main_event"]
