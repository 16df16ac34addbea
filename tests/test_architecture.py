"""The import rules of docs/architecture.md: the pure middle never imports the edges, the store
depends on the model only, the report reads no stage code.

Every module's imports are read with ``ast``, inside functions and ``TYPE_CHECKING`` blocks too:
an import put off until call time, or kept for the type checker, is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsweave"
ARCHITECTURE_DOC = PACKAGE.parents[1] / "docs" / "architecture.md"

# Each top-level module or package of newsweave, in its layer; a new one must be placed here
# (and in docs/architecture.md) before its imports are checked. ``newsweave`` is the package's
# own __init__: the public face, an edge; only its ``__version__`` may be imported from anywhere.
LAYERS: dict[str, frozenset[str]] = {
    "foundation": frozenset({"model", "errors", "config", "codec", "records", "reference"}),
    "framework": frozenset({"pipeline", "registry"}),
    "stages": frozenset({"stages"}),
    "corpus": frozenset({"corpus"}),
    "edges": frozenset(
        {
            "newsweave",
            "api",
            "ingest",
            "store",
            "export",
            "report",
            "web",
            "cli",
            "eval",
            "run",
            "batch",
            "code_text",
            "terminal",
            "__main__",
        }
    ),
}

# (importer, imported): a layer or a top-level name on either side. Imports within one
# top-level package are never checked.
FORBIDDEN: tuple[tuple[str, str], ...] = (
    # The bottom knows nothing above it.
    *(("foundation", upper) for upper in ("framework", "stages", "corpus", "edges")),
    *(("framework", upper) for upper in ("stages", "corpus", "edges")),
    # The middle is pure: no stage reads files, the network, the store or the clock's outputs.
    ("stages", "corpus"),
    ("stages", "edges"),
    ("corpus", "edges"),
    # The store depends on the model only.
    *(("store", other) for other in ("framework", "stages", "corpus", "edges")),
    # The report and the app present results; they compute nothing a stage computes.
    *((front, "stages") for front in ("report", "web", "export")),
    *(("report", edge) for edge in ("ingest", "store", "web", "cli", "eval", "run", "batch")),
    *(("export", edge) for edge in ("ingest", "store", "report", "web", "cli", "eval", "run", "batch")),
    ("ingest", "store"),
    ("ingest", "corpus"),
    # The command line is the outermost shell: nothing but ``python -m newsweave`` imports it.
    *((edge, "cli") for edge in LAYERS["edges"] - {"cli", "__main__"}),
)


@dataclass(frozen=True, slots=True)
class Violation:
    module: str  # the importing module, dotted
    line: int
    imported: str  # the imported module, dotted
    rule: tuple[str, str]

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported} ({self.rule[0]} -> {self.rule[1]})"


def top_level(module: str) -> str:
    """The top-level name of a newsweave module: ``newsweave.store.sqlite`` -> ``store``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_of(name: str) -> str | None:
    return next((layer for layer, names in LAYERS.items() if name in names), None)


def imported_modules(module: str, source: str, *, is_package: bool = False) -> Iterator[tuple[str, int]]:
    """Every module ``source`` imports, anywhere in it, with its line.

    ``from newsweave import codec`` names the module ``newsweave.codec`` when there is one;
    relative imports are resolved against ``module``. ``from newsweave import __version__`` is
    no dependency on the package's face (its names load lazily) and is not yielded.
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if base == "newsweave" and alias.name == "__version__":
                    continue
                yield (candidate if _is_module(candidate) else base), node.lineno


def _is_module(dotted: str) -> bool:
    if not dotted.startswith("newsweave."):
        return False
    path = PACKAGE.joinpath(*dotted.split(".")[1:])
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _matches(side: str, name: str) -> bool:
    return name == side or name in LAYERS.get(side, ())


def violations(module: str, source: str, *, is_package: bool = False) -> list[Violation]:
    """The imports of ``module`` (dotted, e.g. ``newsweave.store.sqlite``) that a rule forbids."""
    importer = top_level(module)
    found = []
    for imported, line in dict.fromkeys(imported_modules(module, source, is_package=is_package)):
        if imported != "newsweave" and not imported.startswith("newsweave."):
            continue
        target = top_level(imported)
        if target == importer:
            continue
        for rule in FORBIDDEN:
            if _matches(rule[0], importer) and _matches(rule[1], target):
                found.append(Violation(module, line, imported, rule))
                break
    return found


def package_modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        dotted = ".".join(["newsweave", *parts])
        yield dotted.removesuffix(".__init__"), path


def package_violations() -> list[Violation]:
    return [
        v
        for module, path in package_modules()
        for v in violations(module, path.read_text(encoding="utf-8"), is_package=path.name == "__init__.py")
    ]


def test_every_module_is_placed_in_a_layer() -> None:
    unplaced = {top_level(m) for m, _ in package_modules()} - set().union(*LAYERS.values())
    assert not unplaced, f"add {sorted(unplaced)} to LAYERS and to docs/architecture.md"


def test_no_module_imports_what_its_layer_may_not() -> None:
    found = package_violations()
    assert not found, "forbidden imports (see docs/architecture.md):\n" + "\n".join(map(str, found))


def test_the_architecture_doc_places_every_top_level_name() -> None:
    doc = ARCHITECTURE_DOC.read_text(encoding="utf-8")
    missing = sorted(n for names in LAYERS.values() for n in names if f"`{n}" not in doc)
    assert not missing, f"docs/architecture.md does not name {missing}"


@pytest.mark.parametrize(
    ("module", "source", "imported"),
    [
        ("newsweave.stages.events.stage", "from newsweave.store import Store", "newsweave.store"),
        # inside a function
        ("newsweave.stages.nlp", "def f():\n    import newsweave.web.app", "newsweave.web.app"),
        (
            "newsweave.web.app",
            "class A:\n    def m(self):\n        from newsweave.cli import main",
            "newsweave.cli",
        ),
        # kept for the type checker only
        (
            "newsweave.stages.quotes.link",
            "if TYPE_CHECKING:\n    from newsweave.report.context import View",
            "newsweave.report.context",
        ),
        ("newsweave.store.sqlite", "from newsweave.corpus import analyse_corpus", "newsweave.corpus"),
        (
            "newsweave.store.sqlite",
            "from newsweave.export import json_export",
            "newsweave.export.json_export",
        ),
        (
            "newsweave.report.context",
            "from newsweave.stages.actors.resolve import actor_at",
            "newsweave.stages.actors.resolve",
        ),
        ("newsweave.model", "from newsweave import pipeline", "newsweave.pipeline"),
        ("newsweave.config", "from newsweave import analyze", "newsweave"),
        # relative, from a module and from a package's __init__
        (
            "newsweave.stages.clean.stage",
            "from ...ingest.markdown import parse_header",
            "newsweave.ingest.markdown",
        ),
        ("newsweave.corpus", "from .. import run", "newsweave.run"),
    ],
)
def test_a_forbidden_import_is_found(module: str, source: str, imported: str) -> None:
    found = violations(module, source, is_package=module == "newsweave.corpus")
    assert [v.imported for v in found] == [imported]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("newsweave.report.context", "from newsweave.model import Event\nfrom newsweave.corpus import x\n"),
        ("newsweave.web.app", "from newsweave.store import Store\nfrom newsweave.report import context\n"),
        ("newsweave.store.sqlite", "from newsweave import model\nfrom newsweave.errors import StoreError\n"),
        (
            "newsweave.stages.quotes.link",
            "from newsweave.stages.actors import resolve\nfrom . import marks\nimport json\n",
        ),
        ("newsweave.cli", "from newsweave.web.app import create_app\nfrom newsweave import __version__\n"),
        ("newsweave.config", "from newsweave import __version__\n"),
    ],
)
def test_an_allowed_import_passes(module: str, source: str) -> None:
    assert violations(module, source) == []


MAX_MODULE_LINES = 400


def test_no_module_outgrows_one_concern() -> None:
    """A module past ~400 lines holds more than one thing: split it by what it does (docs/architecture.md)."""
    long = {
        str(path.relative_to(PACKAGE)): n
        for _, path in package_modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"
