"""With the database out of reach, pages answer from the page cache or with a friendly 503."""

import contextlib
import socket
import threading
import uuid

import psycopg
import pytest

from .conftest import skip_or_fail
from .servers import GUNICORN, fetch, free_port, manage, running, site_env

POSTGRES = ("127.0.0.1", 5432)
PROFILE = "/occupations/customer-service-representatives/"


def postgres_listening():
    try:
        socket.create_connection(POSTGRES, timeout=2).close()
        return True
    except OSError:
        return False


def assert_unavailable(base, path):
    status, headers, html = fetch(base + path)
    assert status == 503, path
    assert "temporarily unavailable" in html
    assert "Traceback" not in html
    assert "css/site." in html
    assert headers["Retry-After"] == "60"


def test_closed_database_port_gives_a_friendly_503(tmp_path):
    closed = free_port()
    env = site_env(tmp_path, DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed}/careers")
    manage(env, "collectstatic", "--noinput", "-v0")
    with running(GUNICORN, env, tmp_path / "gunicorn.log") as base:
        for path in ("/", PROFILE, "/about-the-data/", "/compare/"):
            assert_unavailable(base, path)
        status, _, _ = fetch(base + "/robots.txt")
        assert status == 200  # pages that need no data keep working


class Relay:
    """A TCP relay to PostgreSQL that a test can cut and restore, like a network outage."""

    def __init__(self):
        self.port = free_port()
        self.sockets = []
        self.listener = None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        for sock in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(POSTGRES)
            self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass


@pytest.fixture
def outage_database():
    if not postgres_listening():
        skip_or_fail(
            "no PostgreSQL on 127.0.0.1:5432 for the outage test", "CAREERS_REQUIRE_SERVICES"
        )
    name = f"careers_outage_{uuid.uuid4().hex[:8]}"
    admin_url = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_outage_gives_503_and_the_site_recovers_by_itself(tmp_path, outage_database):
    relay = Relay()
    relay.start()
    url = f"postgres://postgres@127.0.0.1:{relay.port}/{outage_database}"
    env = site_env(tmp_path, DATABASE_URL=url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_content")
    manage(env, "collectstatic", "--noinput", "-v0")
    with running(GUNICORN, env, tmp_path / "gunicorn.log") as base:
        assert fetch(base + PROFILE)[0] == 200

        relay.stop()
        # A page fetched before the outage is served from the page cache ...
        status, headers, html = fetch(base + PROFILE)
        assert status == 200
        assert headers["X-Page-Cache"] == "hit"
        assert "$34,710 a year" in html
        # ... and one that was never fetched gets the friendly 503.
        assert_unavailable(base, "/about-the-data/")
        assert_unavailable(base, "/")

        relay.start()
        status, _, html = fetch(base + "/about-the-data/")
        assert status == 200
        assert "About the data" in html
    relay.stop()
