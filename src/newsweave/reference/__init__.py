"""Reference tables shipped with the package (``newsweave/data/``): the outlet registry, the
CAMEO code table and the actor knowledge base.

Read once per process and never written, they sit beside the model at the bottom of the
layers: stages, corpus stages, the report and the app all look things up here, so none of them
needs another's code to name an outlet, an actor or a CAMEO code (see docs/architecture.md).
"""
