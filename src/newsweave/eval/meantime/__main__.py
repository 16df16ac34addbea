"""``python -m newsweave.eval.meantime [DATA_DIR]``: the MEANTIME tables in Markdown."""

from newsweave.eval.meantime import main

raise SystemExit(main())
