"""The import map of ducha/ (tests and migrations aside): no module imports itself round
a circle, the areas import only the areas below them, and nothing but the URL roots
(pages and API) imports the dashboard, which reads down into every area."""

import ast
import collections
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2] / "ducha"
# the areas from the bottom up: each may import those before it, never those after
AREAS = [
    "notifications",
    "inspections",
    "places",
    "zoning",
    "complaints",
    "rectification",
    "supervision",
    "enforcement",
    "dashboard",
]


def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "migrations" in parts or "tests" in parts:
            continue
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = path
    return found


def import_map() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(imports at module level, every import including those inside functions)."""
    mods = modules()

    def resolve(name: str) -> str:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name

    top, every = collections.defaultdict(set), collections.defaultdict(set)
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        first_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for target in targets:
                module = resolve(target) if target.startswith("ducha") else ""
                if module and module != name:
                    every[name].add(module)
                    if id(node) in first_level:
                        top[name].add(module)
    return top, every


def area(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


class ImportMapTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top, cls.every = import_map()

    def test_no_module_imports_itself_round_a_circle(self):
        seen, on_path, circles = set(), [], []

        def visit(module):
            if module in on_path:
                circles.append(on_path[on_path.index(module) :] + [module])
                return
            if module in seen:
                return
            seen.add(module)
            on_path.append(module)
            for target in sorted(self.top[module]):
                visit(target)
            on_path.pop()

        for module in sorted(modules()):
            visit(module)
        self.assertEqual(circles, [])

    def test_only_the_url_root_imports_the_dashboard(self):
        importers = sorted(
            m
            for m, targets in self.every.items()
            if area(m) != "dashboard" and any(area(t) == "dashboard" for t in targets)
        )
        # ducha.api is the API's URL root: it mounts each area's router, the dashboard's too
        self.assertEqual(importers, ["ducha.api", "ducha.urls"])

    def test_an_area_imports_only_the_areas_below_it(self):
        upward = sorted(
            (m, t)
            for m, targets in self.every.items()
            if area(m) in AREAS
            for t in targets
            if area(t) in AREAS and AREAS.index(area(t)) > AREAS.index(area(m))
        )
        self.assertEqual(upward, [])
