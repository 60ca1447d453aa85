"""The suite's fixtures and hooks, in plugin modules with one job each (docs/testing.md).

Tests use fixtures by name; what they import comes from plain modules (tests/serving.py,
tests/needs.py, tests/content.py, tests/factories.py, ...), never from here.
"""

pytest_plugins = [
    "tests.fixtures.run",  # the folder workers share, test order, scheduling
    "tests.fixtures.database",  # content loaded once; csr, occupation, editor
    "tests.fixtures.documents",  # fixtures_dir, seeds_dir
    "tests.fixtures.served",  # site_template, prepare_site, production_site
    "tests.fixtures.browser",  # Chromium
    "tests.fixtures.services",  # Redis and PostgreSQL
]
