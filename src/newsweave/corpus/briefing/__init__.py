"""The briefing: a sourced summary of each story, every sentence citing the text it rests on.

Sections, in order: the key events (the story's asserted or reported events, ranked by how
many independent outlets report them), corroborated facts (a place, date, method or blame
carried by two or more independent outlets and disputed by none), disputed facts (who says
what, from the disagreements stage, when it ran), the main quotes (speakers the knowledge
base knows, ranked by how many of the story's articles mention them) and what is expected
next (expected and threatened events).

Sentences are generated from templates over the events' fields, never copied from an
article, and each carries ``Citation``s: the evidence-sentence span of a report or the span
of a quote. A sentence without a valid citation is dropped, so nothing in a briefing lacks
a source. Outlets are named by ``Article.outlet.name``, else by the source file name; a
wire copy counts once, under the outlet of its original. Output is deterministic: every
ranking ends on an id or an offset. The modules:

- :mod:`~newsweave.corpus.briefing.stage`: the stage, registered as ``briefing``, and the
  briefing of one story.
- :mod:`~newsweave.corpus.briefing.context`: what every section looks up, built once per corpus.
- :mod:`~newsweave.corpus.briefing.wording`: how the templates speak of an event (verbs,
  clauses, names, places, dates).
- :mod:`~newsweave.corpus.briefing.citations`: the spans a sentence cites.
- :mod:`~newsweave.corpus.briefing.event_sentences`: the key events and what is expected next.
- :mod:`~newsweave.corpus.briefing.fact_sentences`: the corroborated and the disputed facts.
- :mod:`~newsweave.corpus.briefing.quote_sentences`: the main quotes.
"""
