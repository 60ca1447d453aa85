"""Clients that connect and send nothing, or send their request slowly, cannot take the site down.

The site runs as a public deployment runs it: gunicorn with gunicorn.conf.py, behind nginx with
the shipped careers/deploy/nginx.conf, adapted as little as it can be (tests/nginx.py). While 20
idle, 20 slow-header and 10 slow-body connections are open to nginx, every page answers within a
second; and nginx closes all of them by itself, within its client timeouts. A flood from one
address is turned away by nginx's own rate limits.
"""

import contextlib
import http.client
import re
import socket
import threading
import time
import urllib.error
import urllib.parse

import pytest

from .nginx import HOST, NGINX_CONF, nginx_in_front
from .serving import GUNICORN, fetch, running, site_env

pytestmark = pytest.mark.served

IDLE_CLIENTS = 20
SLOW_HEADER_CLIENTS = 20
SLOW_BODY_CLIENTS = 10
# A POST whose body never arrives.
SLOW_BODY_REQUEST = (
    f"POST / HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    "Content-Length: 100000\r\n\r\na=1"
).encode()
PAGES = ("/", "/occupations/customer-service-representatives/", "/about-the-data/")
ROUNDS = 10  # of one request per page, a second apart
ANSWER_WITHIN = 1.0  # seconds
# nginx closes a connection whose headers are not complete within client_header_timeout, and
# one whose body stops arriving for client_body_timeout.
CLOSED_WITHIN = (
    max(
        int(re.search(rf"{name} (\d+)s;", NGINX_CONF.read_text())[1])
        for name in ("client_header_timeout", "client_body_timeout")
    )
    + 3
)


@pytest.fixture
def site_behind_nginx(tmp_path, prepare_site):
    """gunicorn with gunicorn.conf.py on a copy of the site, behind nginx on 127.0.0.1."""
    env = site_env(
        prepare_site(tmp_path / "var"),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_TRUSTED_PROXIES="127.0.0.1",
    )
    with (
        running(GUNICORN, env, tmp_path / "gunicorn.log") as upstream,
        nginx_in_front(tmp_path / "nginx", urllib.parse.urlsplit(upstream).port) as base,
    ):
        yield base


def timed_get(url):
    started = time.monotonic()
    try:
        status, _, _ = fetch(url, timeout=5, headers={"Host": HOST})
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
    site_behind_nginx,
):
    base = site_behind_nginx
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
            sock.sendall(f"GET / HTTP/1.1\r\nHost: {HOST}\r\n".encode())
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


def get_from(base, path, source):
    """(status, Retry-After) of a GET sent from the address `source` on 127.0.0.0/8."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=5, source_address=(source, 0)
    )
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Retry-After")
    finally:
        connection.close()


def test_nginx_turns_a_flood_from_one_address_away_and_not_the_others(site_behind_nginx):
    """The shipped limit_req zones: past its burst, one address's searches get 429 with
    Retry-After from nginx itself; another address is served meanwhile."""
    answers = [get_from(site_behind_nginx, f"/search/?q=n{n}", "127.0.0.1") for n in range(45)]
    statuses = [status for status, _ in answers]
    assert statuses.count(200) >= 30  # the burst
    assert statuses[-1] == 429
    assert {retry for status, retry in answers if status == 429} == {"5"}
    assert get_from(site_behind_nginx, "/search/?q=other", "127.0.0.2") == (200, None)


def test_nginx_limits_the_admin_sign_in_page_per_address(site_behind_nginx):
    """Each sign-in hashes a password: nginx's own zone turns a burst away before gunicorn."""
    answers = [get_from(site_behind_nginx, "/admin/login/", "127.0.0.3") for _ in range(14)]
    statuses = [status for status, _ in answers]
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429
    assert get_from(site_behind_nginx, "/admin/login/", "127.0.0.4") == (200, None)
