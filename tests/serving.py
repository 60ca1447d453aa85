"""Start a served copy of the site in a child process and wait until it answers.

One place for what `benchmark` and the tests both need: a free port, an
environment with none of the caller's site settings, a start-and-wait loop, and PostgreSQL
databases of their own.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent

# The production command, as the README runs it, on a port filled in by running().
SERVE = [sys.executable, "manage.py", "serve", "--bind", "{bind}"]
# Plain gunicorn (it reads gunicorn.conf.py from BASE_DIR), for a site set up beforehand.
GUNICORN = [sys.executable, "-m", "gunicorn", "careers.wsgi:application", "--bind", "{bind}"]


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
