"""``python -m newsweave.eval.newswcl50 [DATA_DIR] [--events N]``: the NewsWCL50 table in Markdown."""

from newsweave.eval.newswcl50 import main

raise SystemExit(main())
