"""Evaluations of newsweave against labelled data (run as ``python -m newsweave.eval.<name>``)."""
