"""Two load_content runs at once: the second waits for the first, then succeeds.

The run takes a lock: a PostgreSQL advisory lock, or on SQLite a file lock beside
the database file. These tests hold that lock themselves, start a real
`manage.py load_content`, and watch it wait.
"""

import fcntl
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import connection

from occupations.loading import LOAD_LOCK_KEY

from .serving import site_env

WAITING = "Another load is running; waiting for it to finish."


@contextmanager
def held_file_lock(path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def held_advisory_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOAD_LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOAD_LOCK_KEY])


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


@pytest.fixture
def other_site(db, tmp_path, request):
    """Environment for a second process on the database these tests use, and its lock."""
    if connection.vendor == "postgresql":
        database = connection.settings_dict
        url = (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        )
        return site_env(tmp_path, DATABASE_URL=url), held_advisory_lock()
    # The test database is in memory: give the second process a migrated file of its own.
    env = site_env(request.getfixturevalue("prepare_site")(tmp_path, content=False))
    return env, held_file_lock(tmp_path / "db.sqlite3.load-lock")


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
