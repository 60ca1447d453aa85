"""The rooms depend one way: occupations (the data) <- careers.edge <- careers.pagecache <-
careers.pages and careers.api, and production code never imports the tests' tooling.

docs/architecture.md draws the same picture; this keeps it true.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)

# (package, packages it must never import)
FORBIDDEN = [
    ("occupations", ("careers", "tests")),
    ("careers", ("tests",)),
    ("careers/edge", ("careers.pagecache", "careers.pages", "careers.api")),
    ("careers/pagecache", ("careers.pages", "careers.api")),
    ("careers/pages", ("careers.api",)),
    ("careers/api", ("careers.pages",)),
]

# Django internals a module may not lean on: the framework's private state.
PRIVATE_DJANGO = re.compile(
    r"_result_cache|_prefetch_done|_prefetched_objects_cache|\bQuery\(|run_on_commit|execute_sql\("
)


def modules(package):
    return sorted(path for path in (BASE / package).rglob("*.py") if "migrations" not in path.parts)


def imported(path):
    """Every module name a file imports, relative imports resolved."""
    package = ".".join(path.relative_to(BASE).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize(("package", "forbidden"), FORBIDDEN, ids=[p for p, _ in FORBIDDEN])
def test_each_room_imports_only_the_rooms_below_it(package, forbidden):
    wrong = {
        f"{path.relative_to(BASE)} imports {name}"
        for path in modules(package)
        for name in imported(path)
        if name.split(".")[0] != "" and name.startswith(forbidden)
    }
    assert not wrong, sorted(wrong)


def test_the_site_package_keeps_few_modules_at_its_root():
    """Settings, URLs, WSGI, checks and the app itself: the rest lives in its room."""
    root = sorted(path.name for path in (BASE / "careers").glob("*.py"))
    assert len(root) <= 8, root


def test_no_module_leans_on_djangos_private_state():
    leaning = [
        f"{path.relative_to(BASE)}: {word}"
        for package in ("careers", "occupations")
        for path in modules(package)
        for word in PRIVATE_DJANGO.findall(path.read_text())
    ]
    assert not leaning, leaning


def test_the_migrations_are_one_chain_that_replaces_nothing(settings):
    """A branch, or a squash kept beside its originals, shows here. (When the chain grows
    long, docs/layout.md says how it was last folded into one 0001_initial, and why.)"""
    from django.db.migrations.loader import MigrationLoader

    # The suite builds its database without migrations (--no-migrations) by hiding them.
    settings.MIGRATION_MODULES = {}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {key: value for key, value in loader.disk_migrations.items() if key[0] == "occupations"}
    assert loader.graph.leaf_nodes("occupations") == [max(ours)]
    assert [name for (_, name), migration in ours.items() if migration.replaces] == []
    assert [name for (_, name), migration in ours.items() if migration.initial] == ["0001_initial"]
