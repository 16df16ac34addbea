"""The per-article stages: the pure middle of newsweave.

Each subpackage turns one article's text into annotations and nothing else: no files, no network,
no store, no clock (see docs/architecture.md). In pipeline order: ``clean`` (raw input to clean
text with its edit log), ``meta`` (outlet, byline, publication date), ``nlp`` (spaCy's parse),
``actors``, ``timex`` (time expressions), ``quotes`` and ``events``. What reads inputs and writes
results — ``ingest``, ``store``, ``export``, ``report``, ``web``, the command line — lives
outside, at the edges; what compares articles with each other is ``newsweave.corpus``.
"""
