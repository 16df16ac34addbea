"""Word choice and labelling on NewsWCL50 (Hamborg, Zhukova and Gipp, JCDL 2019).

NewsWCL50 has ten events, each reported by five outlets (far left to far right), with every
mention of an actor, country or group coded to a concept: "Kim Jong Un", "the North Korean
leader" and "Little Rocket Man" are one concept. Framing needs exactly this: find the
phrases each outlet uses and know they name the same actor.

Data: the Diverse_CDCR parse in ``../shared/eval/newswcl50/cdcr_NewsWCL50.conll`` (tokens
and coreference chains, one chain per concept and event). Each document's text is rebuilt
from its tokens with :func:`newsweave.eval.detokenise.render`, so gold token spans become
character spans, and coded as given by ``newsweave.code_text.coding_pipeline()``; the
``actors-across`` corpus stage then merges unknown actors across each event's five
documents, as it would in a real run.

Protocol:

* **Gold**: chains of the entity concept types ACTOR, ACTOR-I, COUNTRY and GROUP (the
  other types, ACTION, EVENT, MISC and OBJECT, are not actor mentions). A gold mention's
  *head* is the last word before its first post-modifier ("of", "from", ",", "who", ...):
  "Central Intelligence Agency Director" → Director, "Envoys from the South" → Envoys.
* **Our phrases**: every mention with an actor (names, titles, nominals, metonyms,
  pronouns) and every descriptor.
* **Recall** (*head*): a gold mention is found when one of our phrases contains its head;
  (*overlap*): when one shares a character with it. Reported for all gold mentions and for
  *labels* — gold mentions that are not just a name or a pronoun (they hold a lowercase
  word: "the North Korean leader", "Trump's CIA chief"), the word choices framing is about.
* **Linking**: each found gold mention takes the actor of the smallest phrase containing
  its head. B³ precision/recall/F1 of our actors against the gold concepts, per event,
  over found mentions with an actor (*found*), and over all gold mentions with the others
  as singletons (*end to end*). Two baselines cluster all gold mentions by identical
  lowercased text and by identical head word.
* **Different-wording pairs**: pairs of gold mentions of one concept in one event worded
  differently ("Kim" / "the North Korean leader"): the share we link to one actor
  (recall), and of the differently-worded pairs we link, the share that are one concept
  (precision). This is the word-choice question proper; string matching scores 0 recall.

Caveats: NewsWCL50 codes officials acting for their state to the country ("CIA Director"
→ USA when no person is meant, "senators" → USA) while we link "CIA director" to Pompeo,
which costs us precision; Hamborg et al. report F1 ≈ 0.45 for their concept identification
with a different metric, so the numbers are not directly comparable.

The evaluation is a package: :mod:`.gold` reads the labelled set, :mod:`.phrases` runs our
stages and the cross-document actor merge on it, :mod:`.scoring` computes recall and linking,
:mod:`.report` prints the table, and :func:`main` ties them together:
``python -m newsweave.eval.newswcl50 [DATA_DIR] [--events N]`` (or ``newsweave eval newswcl50``)
prints the table in Markdown.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from newsweave.errors import InputError
from newsweave.eval.newswcl50.gold import DEFAULT_DATA
from newsweave.eval.newswcl50.report import render_table
from newsweave.eval.newswcl50.scoring import score_newswcl50


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    events = None
    if "--events" in args:
        at = args.index("--events")
        events = int(args[at + 1])
        del args[at : at + 2]
    data_dir = Path(args[0]) if args else DEFAULT_DATA
    try:
        scores = score_newswcl50(data_dir, events)
    except InputError as err:
        sys.stderr.write(f"{err}\n")
        return 2
    sys.stdout.write(render_table(scores) + "\n")
    return 0
