"""A cached page is answered early, compressed once, and with the headers of a full answer.

These tests cache pages in the real Redis, under a key prefix of their own.
"""

import gzip
import threading
import uuid

import brotli
import pytest
import redis
from django.test import Client
from django.urls import reverse

from careers.cache import _key, _recent
from occupations.cache import VERSION_KEY

from .conftest import CSR_SLUG, REDIS, REDIS_TEST_DB
from .pages import get_html

PROFILE = reverse("careers:occupation", args=[CSR_SLUG])

pytestmark = [pytest.mark.django_db, pytest.mark.services]

# Headers that differ from one response to the next, or that only the cache sets.
PER_RESPONSE = {"Content-Length", "X-Page-Cache", "Content-Encoding", "Vary", "ETag"}


@pytest.fixture(autouse=True)
def _pages_in_redis(redis_cache):
    """Every test here caches pages in the real Redis."""


def early(response):
    """Answered before SessionMiddleware ran: the request never got a session."""
    return not hasattr(response.wsgi_request, "session")


def test_a_cached_page_is_answered_before_sessions_csrf_and_auth(client):
    first = client.get(PROFILE)
    assert first["X-Page-Cache"] == "miss"
    assert not early(first)
    second = client.get(PROFILE)
    assert second["X-Page-Cache"] == "hit"
    assert early(second)
    assert second.content == first.content


def test_an_early_answer_carries_the_same_headers_as_a_full_one(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    full = client.get(PROFILE, secure=True)
    cached = client.get(PROFILE, secure=True)
    assert early(cached)
    assert "Strict-Transport-Security" in cached
    for header in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Frame-Options",
    ):
        assert header in cached, header
    full_headers = {k: v for k, v in full.headers.items() if k not in PER_RESPONSE}
    cached_headers = {k: v for k, v in cached.headers.items() if k not in PER_RESPONSE}
    assert cached_headers == full_headers


def test_editors_admin_and_writes_never_take_the_early_path(editor_client):
    visitor = Client()
    visitor.get(PROFILE)
    assert early(visitor.get(PROFILE))
    assert not early(editor_client.get(PROFILE)), "a signed-in editor goes the long way"
    assert visitor.post(PROFILE).status_code == 405
    assert not early(visitor.get(reverse("admin:index")))


def test_the_page_is_kept_in_brotli_and_gzip_and_sent_as_the_client_asks(client):
    plain = get_html(client, PROFILE)
    for accept, encoding, decode in (
        ("br, gzip", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ):
        response = client.get(PROFILE, headers={"Accept-Encoding": accept})
        assert response["Content-Encoding"] == encoding, accept
        assert "Accept-Encoding" in response["Vary"]
        assert decode(response.content).decode() == plain
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) < len(plain) / 3
    identity = client.get(PROFILE, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in identity
    assert identity.content.decode() == plain


def test_each_encoding_revalidates_with_its_own_etag(client):
    client.get(PROFILE)
    br = client.get(PROFILE, headers={"Accept-Encoding": "br"})
    plain = client.get(PROFILE, headers={"Accept-Encoding": "identity"})
    assert br["ETag"] != plain["ETag"]
    again = client.get(PROFILE, headers={"Accept-Encoding": "br", "If-None-Match": br["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(PROFILE, headers={"Accept-Encoding": "br", "If-None-Match": plain["ETag"]})
    assert other.status_code == 200


def test_pages_that_miss_the_cache_are_gzipped_but_never_the_admin(editor_client):
    missing = Client().get("/occupations/no-such-job/", headers={"Accept-Encoding": "gzip"})
    assert missing.status_code == 404
    assert missing["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(missing.content)
    admin = editor_client.get(reverse("admin:index"), headers={"Accept-Encoding": "gzip"})
    assert admin.status_code == 200
    assert "Content-Encoding" not in admin


def test_a_cached_answer_costs_one_cache_round_trip(client, settings):
    """A hit is one command (MGET) of the version key alone: the page itself comes from the
    worker's memory, and the version check still sees an edit made anywhere."""
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    client.get(PROFILE)
    client.get(PROFILE)  # warm, and past any first-request version write
    seen = []
    ready = threading.Event()
    monitor_client = redis.Redis("127.0.0.1", 6379, db=REDIS_TEST_DB)

    def watch():
        with monitor_client.monitor() as monitor:
            ready.set()
            for command in monitor.listen():
                text = command["command"]
                if prefix in text:
                    seen.append(text)
                if text.startswith("ECHO stop-watching"):
                    return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    ready.wait(5)
    response = client.get(PROFILE)
    redis.Redis("127.0.0.1", 6379, db=REDIS_TEST_DB).echo("stop-watching")
    watcher.join(5)
    assert response["X-Page-Cache"] == "hit"
    assert len(seen) == 1, seen
    command, *keys = seen[0].split()
    assert command.upper() == "MGET"
    assert [key.rsplit(":", 1)[-1] for key in keys] == [VERSION_KEY], seen


def test_a_hit_from_memory_still_sees_an_edit_on_the_next_request(
    client, csr, django_capture_on_commit_callbacks
):
    client.get(PROFILE)
    assert client.get(PROFILE)["X-Page-Cache"] == "hit"
    duty = csr.duty_set.first()
    duty.text = "Answers questions sent by carrier pigeon"
    with django_capture_on_commit_callbacks(execute=True):
        duty.save()
    after = client.get(PROFILE)
    assert after["X-Page-Cache"] == "miss"
    assert "carrier pigeon" in get_html(client, PROFILE)


def test_a_different_cache_starts_without_the_pages_kept_in_memory(client, settings):
    client.get(PROFILE)
    assert client.get(PROFILE)["X-Page-Cache"] == "hit"
    other = f"careers-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": other}}
    try:
        assert client.get(PROFILE)["X-Page-Cache"] == "miss"
    finally:
        store = redis.Redis(*REDIS, db=REDIS_TEST_DB)
        for key in store.scan_iter(f"{other}:*"):
            store.delete(key)
        store.close()


def test_after_an_edit_a_page_another_worker_rendered_is_used_not_rendered_again(
    client, csr, django_capture_on_commit_callbacks
):
    """One render after an edit serves every worker: a worker whose own copy is from
    before the edit reads the shared entry before it renders the page itself."""
    client.get(PROFILE)
    before = _recent.get(_key(PROFILE))
    duty = csr.duty_set.first()
    duty.text = "Answers questions sent by carrier pigeon"
    with django_capture_on_commit_callbacks(execute=True):
        duty.save()
    assert client.get(PROFILE)["X-Page-Cache"] == "miss"  # "another worker" renders it
    _recent.put(_key(PROFILE), before)  # this worker still holds the copy from before
    again = client.get(PROFILE)
    assert again["X-Page-Cache"] == "hit"
    assert "carrier pigeon" in get_html(client, PROFILE)
