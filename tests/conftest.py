import fcntl
import os
import shutil
import socket
import sqlite3
import tempfile
import uuid
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from occupations.models import Occupation
from tests.serving import CHROMIUM, CHROMIUM_FLAGS, create_database, drop_database

CSR_SLUG = "customer-service-representatives"
WAITERS_SLUG = "waiters-and-waitresses"
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


# Fixtures that start servers for several tests, and the test modules that use them.
# pytest-xdist runs each group's modules on one worker (SharedSetupScheduling below), so the
# servers start once per run, not once per worker. (The site and PostgreSQL templates are
# shared by all workers instead: see run_folder.)
SHARED_SETUP_GROUPS = {
    "production_site": (
        "test_api_docs_page.py",
        "test_browser.py",
        "test_html_validity.py",
        "test_print.py",
        "test_section_links.py",
        "test_serve.py",
    ),
    "two_nodes": ("test_nodes.py",),
}
# Tests that spend most of their seconds waiting on a timeout, not computing: handed out
# right after the groups above, they run beside the browser tests (which keep both cores
# busy) instead of leaving a core idle at the end of the run.
MOSTLY_WAITING = ("test_slow_clients.py", "test_outage.py")
# A folder for the whole run, shared by the pytest-xdist workers (they inherit the variable).
RUN_FOLDER = "CAREERS_TEST_RUN_FOLDER"
run_folder_key = pytest.StashKey[Path]()


def pytest_configure(config):
    if RUN_FOLDER not in os.environ:  # the main process: with or without xdist workers
        os.environ[RUN_FOLDER] = tempfile.mkdtemp(prefix="careers-test-run-")
        config.stash[run_folder_key] = Path(os.environ[RUN_FOLDER])


def pytest_unconfigure(config):
    folder = config.stash.get(run_folder_key, None)
    if folder is None:
        return  # a worker: the main process cleans up after all of them
    record = folder / "postgres-template"
    if record.exists():
        _drop_postgres(record.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    del os.environ[RUN_FOLDER]


@contextmanager
def built_once(name):
    """Lock `name` in the run folder, for setting up something all workers share: the first
    to need it builds it while the others wait, then all use it."""
    folder = Path(os.environ[RUN_FOLDER])
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder / name


def pytest_collection_modifyitems(config, items):
    """Hand out the long tests first, and mark the tests that use the test database, so CI
    can run just those on PostgreSQL.

    The others (browser, served-site and settings tests) run their own SQLite
    copy of the site whatever DATABASE_URL says, so a second pass adds nothing.
    """
    # Longest first. A test that serves a site or runs a copy of one takes seconds, most
    # others milliseconds: handed out first, the long ones overlap, and the short ones even
    # out the end, so both pytest-xdist workers finish close together. (The sort keeps the
    # order within each kind.)
    grouped = {module for modules in SHARED_SETUP_GROUPS.values() for module in modules}

    def order(item):
        if item.path.name in grouped:
            return 0
        if item.path.name in MOSTLY_WAITING:
            return 1
        if item.get_closest_marker("served") or "prepare_site" in item.fixturenames:
            return 2
        return 3

    items.sort(key=order)
    for item in items:
        if DATABASE_FIXTURES & set(item.fixturenames) or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)
        for fixture, modules in SHARED_SETUP_GROUPS.items():
            if fixture in item.fixturenames and item.path.name not in modules:
                raise pytest.UsageError(
                    f"{item.nodeid} uses {fixture}: add {item.path.name} to its group in "
                    "SHARED_SETUP_GROUPS (tests/conftest.py)"
                )


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadgroup` (pyproject.toml), keep each SHARED_SETUP_GROUPS group on one
    worker and hand out every other test on its own. pytest-xdist's own loadgroup reads
    `xdist_group` marks from node IDs, which pytest 9.2 no longer lets it change
    (pytest-xdist issue #1386), so it would ignore them."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedSetupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0].rsplit("/", 1)[-1]
            for group, modules in SHARED_SETUP_GROUPS.items():
                if module in modules:
                    return group
            return nodeid

    return SharedSetupScheduling(config, log)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real content once; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture
def csr(db):
    return Occupation.objects.get(slug=CSR_SLUG)


@pytest.fixture
def fixtures_dir():
    return Path(settings.BASE_DIR) / "fixtures"


def _shared_folder(name):
    override = os.environ.get("CAREERS_SHARED_DIR")
    base = Path(override) if override else Path(settings.BASE_DIR).parent / "shared"
    return base / name


@pytest.fixture
def seeds_dir():
    """The two source documents; CI sets CAREERS_REQUIRE_SEEDS=1 so absence fails."""
    folder = _shared_folder("seeds")
    if not folder.is_dir():
        skip_or_fail(
            f"source documents not found at {folder}; provenance cannot be checked",
            "CAREERS_REQUIRE_SEEDS",
        )
    return folder


def make_editor(username, password="a-long-Editor-passphrase-42"):
    """A staff account in the Editors group, as `create_editor` makes one."""
    from django.contrib.auth import get_user_model

    from occupations.roles import EDITORS_GROUP

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor(db):
    return make_editor("editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def skip_or_fail(message, flag):
    """Skip when a document, tool or service is missing; `.ci/run` sets `flag`=1 to fail instead."""
    if os.environ.get(flag) == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def production_var_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("production")


@pytest.fixture(scope="session")
def production_site(production_var_dir, site_template):
    """The one site served by `manage.py serve` for the whole run, as the README runs it:
    gunicorn with gunicorn.conf.py, DEBUG off, whitenoise, a fresh SQLite database.

    Its static files start as the site template's, which the same collectstatic made from
    nothing: serve's collectstatic then finds every compressed file current instead of
    compressing them all again (about 8 s of CPU)."""
    from .servers import SERVE, running, site_env

    shutil.copytree(site_template / "staticfiles", production_var_dir / "staticfiles")
    log = production_var_dir / "serve.log"
    with running(SERVE, site_env(production_var_dir), log) as base:
        yield base


@pytest.fixture(scope="session")
def site_template(tmp_path_factory):
    """A var/ folder set up once as `serve` sets one up: migrated, content loaded, static files
    collected. Tests that need a served copy of their own start from it (`prepare_site`)
    instead of running migrate (several seconds), load_content and collectstatic again.
    One for the whole run, shared by the pytest-xdist workers."""
    from .servers import manage, site_env

    with built_once("site-template") as folder:
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            env = site_env(folder)
            manage(env, "migrate", "-v0")
            copy_sqlite(folder / "db.sqlite3", folder / "migrated.sqlite3")
            manage(env, "load_content")
            manage(env, "collectstatic", "--noinput", "-v0")
            (folder / "ready").touch()
    return folder


def copy_sqlite(source, target):
    """A consistent copy of a SQLite database, through SQLite's backup API."""
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


@pytest.fixture(scope="session")
def prepare_site(site_template):
    """Fill a var/ folder from `site_template`: its collected static files, and a SQLite
    database with the content loaded (content=True), only migrated (content=False), or
    none (database=False, for a site on PostgreSQL)."""

    def prepare(var_dir, *, content=True, database=True):
        var_dir.mkdir(parents=True, exist_ok=True)
        shutil.copytree(site_template / "staticfiles", var_dir / "staticfiles")
        if database:
            source = "db.sqlite3" if content else "migrated.sqlite3"
            copy_sqlite(site_template / source, var_dir / "db.sqlite3")
        return var_dir

    return prepare


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(
            f"no Chromium at {CHROMIUM}: install Debian's package `chromium`",
            "CAREERS_REQUIRE_BROWSER",
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        yield chromium
        chromium.close()


REDIS = ("127.0.0.1", 6379)
# Tests keep to a database number of their own, under a key prefix per test.
REDIS_TEST_DB = 9


def require_redis():
    try:
        socket.create_connection(REDIS, timeout=2).close()
    except OSError:
        skip_or_fail("no Redis on 127.0.0.1:6379", "CAREERS_REQUIRE_SERVICES")


@pytest.fixture
def redis_cache(settings):
    """Pages cached in the real Redis; returns a function that points the cache at a port."""
    require_redis()
    prefix = f"careers-test-{uuid.uuid4().hex}"

    def use(port=REDIS[1]):
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "OPTIONS": settings.REDIS_OPTIONS,
                "LOCATION": f"redis://127.0.0.1:{port}/{REDIS_TEST_DB}",
                "KEY_PREFIX": prefix,
            },
        }
        settings.PAGE_CACHE_SECONDS = 86400

    use()
    yield use
    import redis

    client = redis.Redis(*REDIS, db=REDIS_TEST_DB)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


POSTGRES = ("127.0.0.1", 5432)


@pytest.fixture(scope="session")
def postgres_template(tmp_path_factory):
    """The name of a PostgreSQL database migrated and loaded once for the whole run (all
    pytest-xdist workers), which the fixtures below copy. The main process drops it at the
    end (pytest_unconfigure)."""
    from .servers import manage, site_env

    require_postgres()
    with built_once("postgres-template") as record:
        if not record.exists():
            name = _create_postgres()
            env = site_env(
                tmp_path_factory.mktemp("postgres-template"),
                DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}",
            )
            try:
                manage(env, "migrate", "-v0")
                manage(env, "load_content")
            except BaseException:
                _drop_postgres(name)
                raise
            record.write_text(name)
        return record.read_text()


@pytest.fixture(scope="module")
def throwaway_postgres(postgres_template):
    """The name of a new PostgreSQL database, migrated and with the content loaded (a copy of
    `postgres_template`, which takes a fraction of a second), dropped after the module's tests."""
    yield from _throwaway_postgres(template=postgres_template)


@pytest.fixture
def throwaway_postgres_per_test(postgres_template):
    """The same, dropped after the test."""
    yield from _throwaway_postgres(template=postgres_template)


def require_postgres():
    try:
        socket.create_connection(POSTGRES, timeout=2).close()
    except OSError:
        skip_or_fail("no PostgreSQL on 127.0.0.1:5432", "CAREERS_REQUIRE_SERVICES")


POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _create_postgres(template=None):
    name = f"careers_test_{uuid.uuid4().hex[:8]}"
    # A template must have no other connection while it is copied: the commands that
    # filled it have ended, and copies are made one at a time (built_once's lock).
    create_database(POSTGRES_ADMIN_URL, name, template)
    return name


def _drop_postgres(name):
    drop_database(POSTGRES_ADMIN_URL, name)


def _throwaway_postgres(template):
    require_postgres()
    with built_once("postgres-template"):
        name = _create_postgres(template)
    yield name
    _drop_postgres(name)
