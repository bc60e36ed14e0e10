"""Dependencies run one way: the shared parts import no feature, and no two packages
import each other. Read from the import graph of the code (every import statement,
those inside functions too), not from a grep.

The arrows not yet turned are listed below: the test fails on a new one, and on a
listed one that is gone (strike it from the list), so the list only shrinks.
"""

import ast
from pathlib import Path

from participation.features import FEATURES, SHARED_PARTS

PACKAGE = Path(__file__).resolve().parents[1] / "participation"

# Pairs of packages importing each other, still to be untied.
KNOWN_MUTUAL = {
    ("auth", "core"),
}


def package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py")


def imported_packages(path: Path) -> set[str]:
    """The packages of ours that the module at `path` imports."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
    found = set()
    for name in names:
        parts = name.split(".")
        ours = parts[0] == "participation" and len(parts) > 1
        if ours and (PACKAGE / parts[1]).is_dir():
            found.add(parts[1])
    return found


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        source = package_of(path)
        if (PACKAGE / source).is_dir():
            targets = imported_packages(path) - {source}
            graph.setdefault(source, set()).update(targets)
    return graph


def test_every_package_is_in_the_list_and_has_a_plug():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(SHARED_PARTS) | set(FEATURES)
    assert all((PACKAGE / name / "plug.py").exists() for name in packages)


def test_shared_parts_import_no_feature():
    graph = import_graph()
    arrows = {
        (shared, feature)
        for shared in SHARED_PARTS
        for feature in graph.get(shared, ())
        if feature in FEATURES
    }
    assert arrows == set(), "a shared part imports a feature"


def test_no_two_packages_import_each_other():
    graph = import_graph()
    mutual = {
        (a, b) for a in graph for b in graph[a] if a < b and a in graph.get(b, ())
    }
    assert mutual - KNOWN_MUTUAL == set(), "two packages import each other"
    assert KNOWN_MUTUAL - mutual == set(), "untied: strike from the list"


def test_the_rule_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from participation.issues import models\n")
    assert imported_packages(module) == {"issues"}
