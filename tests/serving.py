"""Copies of the site in child processes: served with gunicorn, or run once as a probe.

One place for what `benchmark` (tests/benchmark.py) and the tests both need: a free port, an
environment with none of the caller's site settings, a start-and-wait loop, a probe script's
answer, and databases of their own (a SQLite copy, or a PostgreSQL database).
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent

# The production command, as the README runs it, on a port filled in by running().
SERVE = [sys.executable, "manage.py", "serve", "--bind", "{bind}"]
# Plain gunicorn (it reads gunicorn.conf.py from BASE_DIR), for a site set up beforehand.
GUNICORN = [sys.executable, "-m", "gunicorn", "careers.wsgi:application", "--bind", "{bind}"]
# For a served copy whose test is about the database, the cache or other nodes, not about
# gunicorn's processes: one worker (still with gunicorn.conf.py's threads) instead of one
# per core. Each worker loads Django and compiles the templates again, about 0.6 s of CPU.
ONE_WORKER = {"GUNICORN_WORKERS": "1"}


# Debian's Chromium, with the flags this machine's guide sets (no sandbox, no network of its
# own): the browser tests drive it with Playwright, and `benchmark` runs Lighthouse in it.
CHROMIUM = os.environ.get("CAREERS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


# Besides every DJANGO_* variable: what would point a served copy at the caller's data,
# and what would change gunicorn.conf.py's shipped defaults.
SITE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "CAREERS_PAGE_CACHE_SECONDS", "CAREERS_SITE_URL")
GUNICORN_VARIABLES = (
    "GUNICORN_WORKERS",
    "GUNICORN_THREADS",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10, headers=None):
    """(status, headers, text) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def site_env(var_dir, **overrides):
    """The caller's environment without its site settings, with its own var/ folder.

    Each served copy gets its own SQLite database, secret key and file cache in
    var_dir unless `overrides` say otherwise.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    for key in (*SITE_VARIABLES, *GUNICORN_VARIABLES):
        env.pop(key, None)
    env["DJANGO_SETTINGS_MODULE"] = "careers.settings"
    env["DJANGO_VAR_DIR"] = str(var_dir)
    env.update(overrides)
    return env


def manage(env, *args):
    """Run a management command in a child process; its output goes to the exception on failure."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def probe(code, env):
    """Run `code` in a child process with `env` after django.setup(), and return what its last
    line of output says as JSON. A failure shows the end of the child's error output."""
    result = subprocess.run(
        [sys.executable, "-c", f"import django\ndjango.setup()\n{code}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@contextmanager
def running(command, env, log_path, ready_path="/robots.txt", timeout=90):
    """Start `command` with "{bind}" filled in; yield its base URL once it answers; stop it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [part.format(bind=f"127.0.0.1:{port}") for part in command],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited early:\n{Path(log_path).read_text()}")
                try:
                    fetch(base + ready_path, timeout=2)
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        raise RuntimeError("server did not answer in time") from None
                    time.sleep(0.3)
            yield base
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def create_database(server_url, name, template=None):
    """Create the database `name` (a copy of `template`, if given) on the PostgreSQL server
    that `server_url` names, and return its URL."""
    import psycopg  # only for a site on PostgreSQL

    with psycopg.connect(server_url, autocommit=True, connect_timeout=5) as connection:
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def drop_database(server_url, name):
    """Drop the database `name`, and any connection to it left open, if it exists."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def copy_sqlite(source, target):
    """A consistent copy of a SQLite database file, through SQLite's backup API."""
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(target)) as copy:
        original.backup(copy)


def write_sqlite(connection, target):
    """The database of an open sqlite3 connection, such as the test database in memory, as a
    file: as that connection sees it, even inside a test's transaction (where the backup API
    would wait for the transaction to end)."""
    Path(target).write_bytes(connection.serialize())
