"""The 'disagreements' corpus stage: where reports of one event agree and where they differ.

For each event, every report's attributes (method, place, date, casualty figures, who is
said to be responsible, who confirmed or denied it) become claims; claims with one value
form a :class:`~newsweave.model.Variant` naming its articles, outlets and attribution
chains. Two variants are compared attribute by attribute: a *contradiction* when both cannot
be true, *possible* when they could both be, an *update* when a figure grew because it was
reported later. The work per event is linear in its reports, so the stage is linear in the
corpus. The modules:

- :mod:`~newsweave.corpus.compare.stage`: the stage, registered as ``disagreements``, and
  the disagreements of one event.
- :mod:`~newsweave.corpus.compare.context`: the look-ups built once per run.
- :mod:`~newsweave.corpus.compare.claims`: each report's claims about its event.
- :mod:`~newsweave.corpus.compare.attribution`: who a claim is attributed to.
- :mod:`~newsweave.corpus.compare.variants`: claims grouped by value into variants.
- :mod:`~newsweave.corpus.compare.relations`: how two variants relate.
- :mod:`~newsweave.corpus.compare.facts`: the values independent outlets agree on, for the briefing.
"""
