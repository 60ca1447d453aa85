"""Run the site as production does (gunicorn, DEBUG off, whitenoise) in a child process."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from django.conf import settings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def site_env(var_dir, **overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    # Each site gets its own database and its own page cache (a file cache in var_dir).
    for key in ("DATABASE_URL", "REDIS_URL", "CAREERS_PAGE_CACHE_SECONDS"):
        env.pop(key, None)
    env["DJANGO_VAR_DIR"] = str(var_dir)
    env.update(overrides)
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


@contextmanager
def running(command, env, log_path, ready_path="/robots.txt", timeout=90):
    """Start `command` (which must bind the given port), wait until it answers, stop it after."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [part.format(bind=f"127.0.0.1:{port}") for part in command],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited early:\n{log_path.read_text()}")
                try:
                    fetch(base + ready_path, timeout=2)
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        raise RuntimeError("server did not answer in time") from None
                    time.sleep(0.3)
            yield base
        finally:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


SERVE = [sys.executable, "manage.py", "serve", "--bind", "{bind}", "--workers", "2"]
# As the README runs it: workers and threads come from gunicorn.conf.py.
SERVE_AS_CONFIGURED = [sys.executable, "manage.py", "serve", "--bind", "{bind}"]
GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "careers.wsgi:application",
    "--bind",
    "{bind}",
    "--workers",
    "1",
]
