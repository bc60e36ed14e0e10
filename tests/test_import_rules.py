"""Dependencies run one way: the shared parts import no feature, each shared part only
those below it (SHARED_PARTS lists them bottom up, core first), no two packages import
each other, no module takes part in an import circle, and the pure cores import
neither Flask nor SQLAlchemy. Read from the import graph of the code (every import
statement, those inside functions too, those for type annotations only left out), not
from a grep. No exception is listed: every rule holds for the whole code.
"""

import ast
import graphlib
from pathlib import Path

from participation.features import FEATURES, SHARED_PARTS

PACKAGE = Path(__file__).resolve().parents[1] / "participation"


def package_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py")


def imported_packages(path: Path) -> set[str]:
    """The packages of ours that the module at `path` imports."""
    found = set()
    for name in imported_names(path):
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
    assert mutual == set(), "two packages import each other"


def test_the_rule_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from participation.issues import models\n")
    assert imported_packages(module) == {"issues"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _typing_only(tree: ast.AST) -> set[ast.AST]:
    """The import statements under `if TYPE_CHECKING:` (annotations, not run)."""
    return {
        inner
        for node in ast.walk(tree)
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
        for statement in node.body
        for inner in ast.walk(statement)
    }


def imported_names(path: Path) -> set[str]:
    """Every module name `path` imports when run (for `from a import b`: a.b and a);
    imports for type annotations only are left out."""
    names: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _typing_only(tree)
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return names


def module_graph() -> dict[str, set[str]]:
    """Our modules and the modules of ours each imports."""
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        # `from participation.x import y` imports x, and the module x.y if there is one.
        # The root package (the app factory) is where every module lives: not an arrow.
        graph[name] = {
            t
            for t in imported_names(path)
            if t in paths and t not in (name, "participation")
        }
    return graph


def test_no_module_takes_part_in_an_import_circle():
    graph = module_graph()
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        raise AssertionError(
            f"an import circle: {' -> '.join(error.args[1])}"
        ) from None


def test_each_shared_part_imports_only_those_below_it():
    graph = import_graph()
    rank = {name: n for n, name in enumerate(SHARED_PARTS)}
    upward = {
        (part, other)
        for part in SHARED_PARTS
        for other in graph.get(part, ())
        if other in rank and rank[other] > rank[part]
    }
    assert upward == set(), "a shared part imports one above it"


# The pure cores (ARCHITECTURE.md, and `make lint` types them strictly) and what they
# import of ours: plain values in, plain results out.
PURE = (
    "participation.budgeting.rules",
    "participation.core.rungs",
    "participation.issues.workflow",
    "participation.ladder.assessment",
    "participation.ladder.caps",
    "participation.ladder.conditions",
    "participation.ladder.consistency",
    "participation.ladder.facts",
    "participation.ladder.figures",
    "participation.ladder.indicators",
    "participation.ladder.rubric",
    "participation.ladder.summary",
    "participation.ladder.timing",
    "participation.markers",
)


def test_the_pure_cores_import_no_framework_and_nothing_impure():
    paths = [
        path
        for path in PACKAGE.rglob("*.py")
        if any(
            module_name(path) == pure or module_name(path).startswith(pure + ".")
            for pure in PURE
        )
    ]
    assert len(paths) > len(PURE)
    frameworks = ("flask", "flask_babel", "flask_sqlalchemy", "sqlalchemy")
    for path in paths:
        for name in imported_names(path):
            assert name.split(".")[0] not in frameworks, f"{path.name} imports {name}"
            if name.startswith("participation."):
                # A pure module, or a package on the way to one (`from a import b`).
                assert any(
                    name == pure or name.startswith(pure + ".") or pure.startswith(name)
                    for pure in PURE
                ), f"{module_name(path)} imports {name}"
