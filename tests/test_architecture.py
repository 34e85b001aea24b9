"""The import order between the apps (docs/decisions.md, "Apps import downwards only"): an app
imports only apps below it, so the graph has no cycle. Every import counts, function-level ones
included; migrations are history and do not."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "taiex"

# Lower first. Apps on the same level do not import each other either.
LEVELS = [
    {"core"},
    {"reference"},
    {"accounts"},
    {"applications", "experts"},
    {"events"},
    {"evaluations"},
    {"staffing"},
    {"portal"},
    {"demo"},
]
LEVEL_OF = {app: level for level, apps in enumerate(LEVELS) for app in apps}


def apps():
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def imported_apps(app):
    """{(imported app, file)} for every `taiex.<other app>` import in `app`'s code."""
    found = set()
    for path in (PACKAGE / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                parts = name.split(".")
                is_other_app = len(parts) > 1 and parts[0] == "taiex" and parts[1] != app
                if is_other_app and parts[1] in LEVEL_OF:
                    found.add((parts[1], str(path.relative_to(PACKAGE))))
    return found


def test_every_app_has_a_level():
    assert [app for app in apps() if app not in LEVEL_OF] == []


@pytest.mark.parametrize("app", [app for app in apps() if app in LEVEL_OF])
def test_app_imports_only_apps_below_it(app):
    upward = sorted(
        f"{where} imports taiex.{other}"
        for other, where in imported_apps(app)
        if LEVEL_OF[other] >= LEVEL_OF[app]
    )
    assert upward == []


def test_imports_between_apps_have_no_cycle():
    edges = {
        app: {other for other, _ in imported_apps(app)}
        for app in LEVEL_OF
        if (PACKAGE / app).exists()
    }
    seen, on_path = set(), []

    def visit(app):
        if app in on_path:
            return [*on_path[on_path.index(app) :], app]
        if app in seen:
            return None
        seen.add(app)
        on_path.append(app)
        for other in sorted(edges.get(app, ())):
            cycle = visit(other)
            if cycle:
                return cycle
        on_path.pop()
        return None

    cycles = [cycle for app in sorted(edges) if (cycle := visit(app))]
    assert cycles == []
