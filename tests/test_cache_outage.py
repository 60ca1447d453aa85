"""A Redis outage degrades the page cache; it never fails a page or loses an edit.

Redis is the real server on 127.0.0.1:6379, reached through a relay the test cuts
(a closed port) or hangs (a listener that never answers).
"""

import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from occupations.models import Figure

from .admin_forms import admin_post_data, form_errors
from .content import CSR_SLUG
from .needs import REDIS, REDIS_TEST_DB
from .network import Relay
from .serving import free_port, site_env

pytestmark = pytest.mark.services

PAGES = [
    reverse("careers:home"),
    reverse("careers:occupation", args=[CSR_SLUG]),
    reverse("careers:occupation-faq", args=[CSR_SLUG]),
    reverse("careers:about-data"),
]
PROFILE = PAGES[1]
MAY_2020 = "median-annual-wage-may-2020"


@pytest.fixture
def relay(redis_cache, settings):
    relay = Relay(REDIS)
    relay.start()
    redis_cache(port=relay.port)
    # Short, so the test can see the cache come back without waiting long.
    settings.CACHE_RETRY_SECONDS = 0.5
    yield relay
    relay.stop()


def shared_keys():
    """The keys of the pages kept in Redis, under the test's prefix."""
    import redis

    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    with redis.Redis(*REDIS, db=REDIS_TEST_DB) as client:
        return [key.decode() for key in client.scan_iter(f"{prefix}:*page:*")]


def timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def save_figure(client, value):
    figure = Figure.objects.get(slug=MAY_2020)
    url = reverse("admin:occupations_figure_change", args=[figure.pk])
    return client.post(url, admin_post_data(client.get(url), value=value, passage_checked="on"))


@pytest.mark.parametrize("outage", ["stop", "hang"], ids=["closed port", "never answers"])
def test_pages_and_edits_survive_a_redis_outage(
    editor_client, relay, outage, django_capture_on_commit_callbacks
):
    for path in PAGES:
        editor_client.get(path)
    assert editor_client.get(PROFILE)["X-Page-Cache"] == "hit"

    getattr(relay, outage)()
    for path in PAGES:
        response, seconds = timed_get(editor_client, path)
        assert response.status_code == 200, path
        assert seconds < 1, f"{path} took {seconds:.2f} s"

    with django_capture_on_commit_callbacks(execute=True):
        response = save_figure(editor_client, "36100")
    assert response.status_code == 302, form_errors(response)
    response, seconds = timed_get(editor_client, PROFILE)
    assert "$36,100 a year" in response.content.decode()
    assert seconds < 1

    relay.start()
    time.sleep(0.6)  # past CACHE_RETRY_SECONDS: the process uses the cache again
    # The page rendered after the edit, during the outage, kept in this worker's memory.
    response = editor_client.get(PROFILE)
    assert response["X-Page-Cache"] == "hit"
    assert "$36,100 a year" in response.content.decode()
    # And a page not rendered since the edit is kept in the shared cache again.
    home = PAGES[0]
    before = [key for key in shared_keys() if key.endswith(":" + home)]
    assert editor_client.get(home)["X-Page-Cache"] == "miss"
    assert len([key for key in shared_keys() if key.endswith(":" + home)]) == len(before) + 1


def test_a_cache_outage_is_logged_once_not_per_request(client, db, relay, caplog):
    relay.stop()
    for _ in range(5):
        for path in PAGES:
            assert client.get(path).status_code == 200
    warnings = [r for r in caplog.records if "Cache unavailable" in r.getMessage()]
    assert len(warnings) == 1


def test_load_content_commits_and_succeeds_while_redis_is_down(tmp_path, prepare_site):
    closed = free_port()
    env = site_env(
        prepare_site(tmp_path, content=False),  # migrated, no content yet
        REDIS_URL=f"redis://127.0.0.1:{closed}/{REDIS_TEST_DB}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "load_content"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Added" in result.stdout
    database = sqlite3.connect(tmp_path / "db.sqlite3")
    (titles,) = database.execute("SELECT count(*) FROM occupations_jobtitle").fetchone()
    (versions,) = database.execute("SELECT count(*) FROM occupations_contentversion").fetchone()
    database.close()
    assert titles > 0
    assert versions == 1


def test_a_version_left_by_an_older_release_is_not_an_error(client, db, redis_cache):
    from occupations.content_version import VERSION_KEY

    cache.set(VERSION_KEY, "0123456789abcdef", None)  # the bare token an older release wrote
    response = client.get(PROFILE)
    assert response.status_code == 200
    assert client.get(PROFILE)["X-Page-Cache"] == "hit"


def test_during_an_outage_each_worker_keeps_the_pages_it_rendered(client, db, relay, monkeypatch):
    """With Redis out of reach, a page is rendered and compressed once in a worker, not on every
    request: the probe saw the profile fall to 24-41 requests a second, each one a render."""
    from careers.pagecache import decorators

    made = []
    real_make_entry = decorators.make_entry
    monkeypatch.setattr(
        decorators, "make_entry", lambda *args: made.append(args) or real_make_entry(*args)
    )
    relay.stop()
    answers = [client.get(PROFILE) for _ in range(5)]
    assert [response.status_code for response in answers] == [200] * 5
    assert [response["X-Page-Cache"] for response in answers] == ["miss"] + ["hit"] * 4
    assert len(made) == 1
    assert answers[-1].content == answers[0].content


@pytest.mark.parametrize(
    ("cache_up", "editor"),
    [(False, "this worker"), (True, "this worker"), (True, "another worker")],
    ids=["cache down", "cache up", "edit in another worker"],
)
def test_an_edit_is_not_undone_by_a_version_read_that_began_before_it(
    db, relay, monkeypatch, cache_up, editor
):
    """A worker serves the version it knows and reads the row in the background. A read that
    began before an edit committed ends with the older token; it must not put that token back,
    in this worker or in the cache, or pages from before the edit would be served again."""
    import threading

    from occupations import content_version as versions

    if not cache_up:
        relay.stop()
    before = versions.content_version()
    reading, go_on = threading.Event(), threading.Event()
    real_row = versions._version_row

    def slow_row():
        row = real_row()
        reading.set()
        go_on.wait(5)
        return row

    monkeypatch.setattr(versions, "_version_row", slow_row)
    monkeypatch.setattr(settings, "VERSION_RECHECK_SECONDS", 0)
    assert versions.content_version() == before  # at once, and starts the background read
    assert reading.wait(5)
    if editor == "this worker":
        versions._publish("edited")  # the edit commits while the read is under way
    else:
        cache.set(versions.VERSION_KEY, ("edited", time.time()), None)
    go_on.set()
    while versions._rechecking.locked():
        time.sleep(0.01)
    monkeypatch.setattr(settings, "VERSION_RECHECK_SECONDS", 60)
    assert versions.content_version() == "edited"
    if cache_up:
        assert cache.get(versions.VERSION_KEY)[0] == "edited"


def test_a_database_that_fails_at_once_is_not_asked_on_every_request(db, relay, monkeypatch):
    """With the cached version due for a recheck and every read failing, the requests of the
    next few seconds start one background read, not one each."""
    from django.db import OperationalError

    from occupations import content_version as versions

    versions.content_version()  # the version, in the cache
    reads = []

    def failing_row():
        reads.append(1)
        raise OperationalError("connection refused")

    monkeypatch.setattr(versions, "_version_row", failing_row)
    monkeypatch.setattr(settings, "VERSION_RECHECK_SECONDS", 0)
    for _ in range(50):
        assert versions.content_version() is not None
        time.sleep(0.005)
    assert len(reads) == 1
