"""The apps are layers that point one way (docs/architecture.md, «Layers»): an app
imports only the apps below it, whether at the top of a module or inside a function.
What an app below needs an app above to do, it announces (tenants.events, core's
checklist_items, the demo's demo_draft_added) and the app above answers."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# From the ground up; the apps on one floor import none of each other.
LAYERS = [
    ["tenants"],
    ["themes", "blocks", "analytics"],
    ["operations"],
    ["core"],
    ["citizens"],
]
FLOOR = {app: floor for floor, apps in enumerate(LAYERS) for app in apps}


def imported_apps(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] in FLOOR:
                yield node.lineno, name


def test_every_import_points_down():
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for app, floor in FLOOR.items()
        for path in sorted((ROOT / app).rglob("*.py"))
        for line, name in imported_apps(path)
        if name.split(".")[0] != app and FLOOR[name.split(".")[0]] >= floor
    ]
    assert upward == [], "an app imports one on its own floor or above it"
