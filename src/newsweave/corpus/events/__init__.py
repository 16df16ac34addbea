"""The 'events-across' corpus stage: every report of one real-world event becomes one Event.

Reports are clustered greedily, strongest first: a report joins an event when nothing rules
it out and enough evidence ties them. An event's date is the agreed range of its reports'
dates, and it is the event's only date. The modules, in the order a run uses them:

- :mod:`~newsweave.corpus.events.stage`: the stage, registered as ``events-across``.
- :mod:`~newsweave.corpus.events.features`: what the matching reads off one report
  (participants, place, stated day, role cues, argument words, its story).
- :mod:`~newsweave.corpus.events.matching`: the event a cluster of reports gathers, what rules
  a report out of it and the evidence that ties a report to it.
- :mod:`~newsweave.corpus.events.clustering`: grouping the reports into events, through an
  inverted index of candidates, and resolving definite mentions ("the strike").
- :mod:`~newsweave.corpus.events.building`: an :class:`~newsweave.model.Event` from its
  reports (participants, modality, background), and stories linked to their events.
- :mod:`~newsweave.corpus.events.dating`: the one date of an event, with the reports it rests on.
- :mod:`~newsweave.corpus.events.labels`: an event's readable label.
"""
