"""Clients that connect and send nothing, or send their request slowly, cannot take the site down.

The site runs as `uv run manage.py serve` runs it: gunicorn with gunicorn.conf.py. While 20
idle, 20 slow-header and 10 slow-body connections are open, every page answers within a
second; and the server closes all of them by itself (the slow ones through the deadlines in
gunicorn.conf.py). Everything stays on 127.0.0.1.

The body deadline is set to 10 s rather than 20 s: every slow connection is still held for
the whole ten rounds, and the test waits 10 s less for the server to close them.
"""

import contextlib
import runpy
import socket
import threading
import time
import urllib.error
import urllib.parse

import pytest
from django.conf import settings
from gunicorn.workers.gthread import DEFAULT_WORKER_DATA_TIMEOUT

from .serving import GUNICORN, fetch, running, site_env

pytestmark = pytest.mark.served

IDLE_CLIENTS = 20
SLOW_HEADER_CLIENTS = 20
SLOW_BODY_CLIENTS = 10
# A POST whose body never arrives. With a CSRF cookie, CSRF protection reads the body to
# find the form's token, so the thread waits on it.
SLOW_BODY_REQUEST = (
    b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: csrftoken=" + b"a" * 32 + b"\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\na=1"
)
PAGES = ("/", "/occupations/customer-service-representatives/", "/about-the-data/")
ROUNDS = 10  # of one request per page, a second apart: through gthread's 5 s wait and beyond
ANSWER_WITHIN = 1.0  # seconds
# At least ROUNDS seconds, so that slow-body connections stay open through every round.
SERVER_SETTINGS = {"GUNICORN_REQUEST_BODY_TIMEOUT": "10"}
CONFIG = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
CONFIG["REQUEST_BODY_TIMEOUT"] = int(SERVER_SETTINGS["GUNICORN_REQUEST_BODY_TIMEOUT"])
# The server closes idle connections after gthread's wait for a first byte plus `keepalive`,
# slow-header ones after REQUEST_HEADER_TIMEOUT and slow-body ones after REQUEST_BODY_TIMEOUT
# more; its main loop checks once a second.
CLOSED_WITHIN = (
    max(
        DEFAULT_WORKER_DATA_TIMEOUT + CONFIG["keepalive"],
        CONFIG["REQUEST_HEADER_TIMEOUT"] + CONFIG["REQUEST_BODY_TIMEOUT"],
    )
    + 3
)


@pytest.fixture
def served_site(tmp_path, prepare_site):
    """gunicorn with gunicorn.conf.py on a copy of the site, with SERVER_SETTINGS."""
    env = site_env(prepare_site(tmp_path), **SERVER_SETTINGS)
    with running(GUNICORN, env, tmp_path / "gunicorn.log") as base:
        yield base


def timed_get(url):
    started = time.monotonic()
    try:
        status, _, _ = fetch(url, timeout=5)
    except (urllib.error.URLError, OSError) as error:
        status = repr(error)
    return status, time.monotonic() - started


def closed_by_server(sock, deadline):
    """Whether the server closes `sock` before `deadline` (time.monotonic())."""
    while (remaining := deadline - time.monotonic()) > 0:
        sock.settimeout(remaining)
        try:
            if not sock.recv(4096):
                return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except TimeoutError:
            return False
    return False


def trickle(sockets, stop):
    """Send one more header byte on each socket every second, never ending the headers."""
    while not stop.wait(1.0):
        for sock in sockets:
            with contextlib.suppress(OSError):  # the server may have closed it
                sock.send(b"X")


def test_pages_answer_within_a_second_while_idle_and_slow_clients_hold_connections(
    served_site,
):
    base = served_site
    address = ("127.0.0.1", urllib.parse.urlsplit(base).port)
    for path in PAGES:  # render each page once: this test is about connections, not rendering
        assert timed_get(base + path)[0] == 200

    stop = threading.Event()
    with contextlib.ExitStack() as cleanup:
        idle, slow, slow_body = [], [], []
        for _ in range(IDLE_CLIENTS):
            idle.append(cleanup.enter_context(socket.create_connection(address, timeout=5)))
        for _ in range(SLOW_HEADER_CLIENTS):
            sock = cleanup.enter_context(socket.create_connection(address, timeout=5))
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            slow.append(sock)
        for _ in range(SLOW_BODY_CLIENTS):
            sock = cleanup.enter_context(socket.create_connection(address, timeout=5))
            sock.sendall(SLOW_BODY_REQUEST)
            slow_body.append(sock)
        opened = time.monotonic()
        trickler = threading.Thread(target=trickle, args=(slow, stop), daemon=True)
        trickler.start()
        cleanup.callback(trickler.join, 5)
        cleanup.callback(stop.set)

        answers = []
        for round_number in range(ROUNDS):
            time.sleep(max(0.0, opened + round_number - time.monotonic()))
            for path in PAGES:
                status, seconds = timed_get(base + path)
                answers.append((round(time.monotonic() - opened, 1), path, status, seconds))
                assert status == 200, answers[-1]
                assert seconds < ANSWER_WITHIN, answers[-1]

        slowest = max(answers, key=lambda answer: answer[3])
        print(f"{len(answers)} pages answered, slowest {slowest[3]:.3f} s: {slowest}")

        stop.set()
        deadline = opened + CLOSED_WITHIN
        still_open = [
            kind
            for kind, sockets in (("idle", idle), ("slow-header", slow), ("slow-body", slow_body))
            for sock in sockets
            if not closed_by_server(sock, deadline)
        ]
        assert not still_open, f"{len(still_open)} connections still open: {still_open}"


def test_a_kept_alive_connection_is_closed_by_one_thread_however_many_requests_it_served(
    monkeypatch,
):
    started = []

    class CountedThread(threading.Thread):
        def start(self):
            started.append(self)
            super().start()

    monkeypatch.setattr(threading, "Thread", CountedThread)
    closed = threading.Event()

    class Connection:
        def close(self, graceful=False):
            closed.set()

    connection = Connection()
    for _ in range(100):  # the worker's finish_request, after each request on the connection
        CONFIG["_linger_off_main_thread"](connection)
    connection.close(graceful=True)
    assert closed.wait(5)
    assert len(started) == 1
