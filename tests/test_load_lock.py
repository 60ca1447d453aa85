"""Two load_content runs at once: the second waits for the first, then succeeds.

The run takes a lock: a PostgreSQL advisory lock, or on SQLite a file lock beside
the database file. These tests take that lock with the loader's own code, start a real
`manage.py load_content` on the same database, and watch it wait.
"""

import subprocess
import sys
import time
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection

from occupations.loading import one_load_at_a_time

from .serving import site_env, write_sqlite

WAITING = "Another load is running; waiting for it to finish."


def wait_for_text(path, text, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = path.read_text()
        if text in output:
            return output
        if process.poll() is not None:
            pytest.fail(f"load_content ended without waiting:\n{output}")
        time.sleep(0.2)
    pytest.fail(f"load_content never said {text!r}:\n{path.read_text()}")


def nobody_else_loads():
    pytest.fail("the load lock was taken before the test took it")


@contextmanager
def load_lock(database_file=None):
    """The loader's own lock (occupations.loading.one_load_at_a_time) on the test database, or
    on `database_file`: the loader finds its lock file beside the connection's database, so
    the connection names that file meanwhile (the test makes no query while it does)."""
    name = str(database_file or connection.settings_dict["NAME"])
    with (
        mock.patch.dict(connection.settings_dict, NAME=name),
        one_load_at_a_time(on_wait=nobody_else_loads),
    ):
        yield


@pytest.fixture
def other_site(db, tmp_path):
    """Environment for a second process on the database these tests use, and its lock."""
    if connection.vendor == "postgresql":
        database = connection.settings_dict
        url = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        )
        return site_env(tmp_path, DATABASE_URL=url), load_lock()
    # The test database is in memory: give the second process a copy of it in a file.
    write_sqlite(connection.connection, tmp_path / "db.sqlite3")
    return site_env(tmp_path), load_lock(tmp_path / "db.sqlite3")


@pytest.mark.served
def test_a_second_load_waits_for_the_running_one_then_succeeds(other_site, tmp_path):
    env, lock = other_site
    log_path = tmp_path / "load.log"
    with lock, open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "load_content"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_text(log_path, WAITING, process)
            time.sleep(1)
            assert process.poll() is None, "the second load went ahead while the lock was held"
        except BaseException:
            process.kill()
            raise
    assert process.wait(timeout=120) == 0, log_path.read_text()
    output = log_path.read_text()
    assert output.index(WAITING) < output.index("Added")
    assert "Error" not in output
