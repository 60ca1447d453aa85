"""A cached page is answered early, compressed once, and with the headers of a full answer.

These tests cache pages in the real Redis, under a key prefix of their own.
"""

import datetime
import gzip
import threading
import uuid

import brotli
import pytest
import redis
from django.core.cache import CacheKeyWarning, caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from careers.pagecache import entries as page_entries
from careers.pagecache import store
from occupations.content_version import VERSION_KEY

from .content import CSR_SLUG
from .needs import REDIS, REDIS_TEST_DB
from .pages import get_html, soup

PROFILE = reverse("careers:occupation", args=[CSR_SLUG])

pytestmark = [pytest.mark.django_db, pytest.mark.services]

# The header that says whether the cache had the page; every other header is the same.
PER_RESPONSE = {"X-Page-Cache"}


@pytest.fixture(autouse=True)
def _pages_in_redis(redis_cache):
    """Every test here caches pages in the real Redis."""


def sent(response):
    """Close the response as the server does once it has sent it; but, as Django's test
    client does, without closing the test's database connection (request_finished)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


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


@pytest.mark.parametrize("accept", ["identity", "br, gzip"])
def test_an_early_answer_carries_the_same_headers_as_a_full_one(client, settings, accept):
    settings.SECURE_HSTS_SECONDS = 3600
    full = client.get(PROFILE, secure=True, headers={"Accept-Encoding": accept})
    cached = client.get(PROFILE, secure=True, headers={"Accept-Encoding": accept})
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
    assert cached.content == full.content


def test_editors_admin_and_writes_never_take_the_early_path(editor_client):
    visitor = Client()
    visitor.get(PROFILE)
    assert early(visitor.get(PROFILE))
    assert not early(editor_client.get(PROFILE)), "a signed-in editor goes the long way"
    assert visitor.post(PROFILE).status_code == 405
    assert not early(visitor.get(reverse("admin:index")))


def test_the_api_is_answered_early_with_its_cross_origin_headers(client):
    url = reverse("api:occupation", args=[CSR_SLUG])
    full = client.get(url)
    assert not early(full)
    cached = client.get(url)
    assert early(cached)
    assert cached["X-Page-Cache"] == "hit"
    assert cached.content == full.content
    for header in (
        "Content-Type",
        "Last-Modified",
        "Access-Control-Allow-Origin",
        "Access-Control-Expose-Headers",
        "Cross-Origin-Resource-Policy",
    ):
        assert cached[header] == full[header], header
    revalidated = client.get(url, headers={"If-None-Match": cached["ETag"]})
    assert revalidated.status_code == 304
    assert early(revalidated)
    assert revalidated["Access-Control-Allow-Origin"] == "*"


def test_an_api_request_with_a_query_string_goes_the_long_way_to_its_own_entry(client):
    url = reverse("api:figures", args=[CSR_SLUG])
    client.get(url)
    assert early(client.get(url))
    every = client.get(url).json()["items"]
    filtered = client.get(url, {"measure": "median_annual_wage"})
    assert not early(filtered)
    wages = filtered.json()["items"]
    assert wages
    assert len(wages) < len(every)
    assert {figure["measure"] for figure in wages} == {"median_annual_wage"}
    client.get(PROFILE)
    # Pages ignore a query string: a shared link's tag gets the kept page, early.
    tagged = client.get(PROFILE, {"utm_source": "newsletter"})
    assert early(tagged)
    assert tagged["X-Page-Cache"] == "hit"
    assert tagged.content == client.get(PROFILE).content


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


def test_the_first_answer_is_the_kept_one_compressed_once(client):
    """A page is compressed once, when it is kept: the visitor who missed gets the very
    bytes and validator every later visitor gets, and nothing is left to do after."""
    first = client.get(PROFILE, headers={"Accept-Encoding": "br"})
    assert first["X-Page-Cache"] == "miss"
    kept = client.get(PROFILE, headers={"Accept-Encoding": "br"})
    assert kept["X-Page-Cache"] == "hit"
    assert first.content == kept.content
    assert first["ETag"] == kept["ETag"]
    assert first["ETag"].startswith('"'), "the same bytes each time: a strong validator"


def test_a_page_kept_yesterday_is_not_served_today(client, monkeypatch):
    """Pages count figures' ages from today."""
    client.get(PROFILE)
    assert client.get(PROFILE)["X-Page-Cache"] == "hit"
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    assert client.get(PROFILE)["X-Page-Cache"] == "miss"


def test_a_head_request_answered_early_has_the_headers_of_a_get_and_no_body(client):
    """gunicorn drops a HEAD's body itself, but logs a warning for each one it is given."""
    client.get(PROFILE)
    application = WSGIHandler()

    def answer(method):
        """(headers, body) as the WSGI server gets them."""
        headers = {}
        body = application(
            RequestFactory().generic(method, PROFILE).environ,
            lambda status, header_list: headers.update(header_list),
        )
        content = b"".join(body)
        sent(body)
        return headers, content

    (get_headers, get_body), (head_headers, head_body) = answer("GET"), answer("HEAD")
    assert head_headers["X-Page-Cache"] == "hit"
    assert head_body == b""
    assert head_headers["Content-Length"] == str(len(get_body)) == get_headers["Content-Length"]
    assert head_headers["ETag"] == get_headers["ETag"]


def test_kept_pages_leave_out_the_templates_indentation_and_read_the_same(client, settings):
    kept = get_html(client, PROFILE)
    assert "\n " not in kept
    assert "\n\n" not in kept
    settings.PAGE_CACHE_SECONDS = 0  # rendered as the templates write it
    rendered = get_html(client, PROFILE)
    assert "\n  " in rendered
    kept_page, rendered_page = soup(kept), soup(rendered)
    assert [(tag.name, tag.attrs) for tag in kept_page.find_all()] == [
        (tag.name, tag.attrs) for tag in rendered_page.find_all()
    ]
    assert kept_page.get_text().split() == rendered_page.get_text().split()


def test_the_profile_goes_out_in_at_most_14_kb_with_gzip(client):
    """The page's weight on the wire. Issue 13's budget was 8 KB; the BLS handbook's 2025
    facts and the May 2025 figures (36 more records and 6 imported figures, 39.9 to 56 KB
    of HTML) brought it to 10.6 KB with gzip. Issue 21 added the quick-facts box, the
    numbered list of 55 references (about 1.2 KB gzipped; the markers cost what the chips
    did) and the audit's fuller, plainer text: 12.4 KB, measured on 4 December 2026. Issue 24
    added "Pay in your state" with its list of 54 states and territories: 13.8 KB on 6 December.
    Ages beside every figure brought it to 14.3 KB on 7 December, and the structured data,
    moved from the page's end into its head (within gzip's 32 KB window of the text that
    repeats it), back to 13.9 KB. Later that day the similar occupations' May 2025 medians
    cost 56 bytes, and markers without their `class="cite"` (`.fn a` selects them) saved 54:
    14,283 bytes with the codes their reference names. The bound is 14 KB: still within TCP's
    first window of ten segments (14,600 bytes), so the page arrives in the first round
    trip."""
    client.get(PROFILE)
    for encoding in ("gzip", "br"):
        response = client.get(PROFILE, headers={"Accept-Encoding": encoding})
        assert response["Content-Encoding"] == encoding
        assert len(response.content) <= 14 * 1024, f"{encoding}: {len(response.content)} bytes"


def test_without_the_optional_compressors_pages_are_kept_plain_and_gzipped(client, monkeypatch):
    monkeypatch.setattr(page_entries, "brotli", None)
    monkeypatch.setattr(page_entries, "deflate", None)  # zlib makes the gzip bodies
    plain = get_html(client, PROFILE)
    gzipped = client.get(PROFILE, headers={"Accept-Encoding": "br, gzip"})
    assert gzipped["X-Page-Cache"] == "hit"
    assert gzipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped.content).decode() == plain
    assert "Content-Encoding" not in client.get(PROFILE, headers={"Accept-Encoding": "br"})


def test_a_page_kept_plain_goes_out_plain_the_first_time_too(client, monkeypatch):
    """A body too small to be worth compressing is kept plain; GZipMiddleware, which
    compresses smaller bodies, must not gzip its first answer and weaken its ETag."""
    monkeypatch.setattr(page_entries, "COMPRESS_MIN_BYTES", 10**7)
    first = client.get(PROFILE, headers={"Accept-Encoding": "gzip"})
    assert first["X-Page-Cache"] == "miss"
    again = client.get(PROFILE, headers={"Accept-Encoding": "gzip"})
    assert again["X-Page-Cache"] == "hit"
    for response in (first, again):
        assert "Content-Encoding" not in response
    assert first["ETag"] == again["ETag"]
    assert first.get("Vary") == again.get("Vary")


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


def redis_commands(prefix, request):
    """(The response to `request()`, the Redis commands it sent on keys under `prefix`), as
    Redis's MONITOR saw them."""
    seen = []
    ready = threading.Event()
    monitor_client = redis.Redis(*REDIS, db=REDIS_TEST_DB)

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
    response = request()
    redis.Redis(*REDIS, db=REDIS_TEST_DB).echo("stop-watching")
    watcher.join(5)
    return response, [text.split() for text in seen]


def key_names(keys):
    return [key.rsplit(":", 1)[-1] for key in keys]


def test_a_cached_answer_costs_one_cache_round_trip(client, settings):
    """A hit is one command (MGET) of the version key alone: the page itself comes from the
    worker's memory, and the version check still sees an edit made anywhere."""
    client.get(PROFILE)
    client.get(PROFILE)  # warm, and past any first-request version write
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    response, commands = redis_commands(prefix, lambda: client.get(PROFILE))
    assert response["X-Page-Cache"] == "hit"
    assert len(commands) == 1, commands
    command, *keys = commands[0]
    assert command.upper() == "MGET"
    assert key_names(keys) == [VERSION_KEY], commands


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
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "KEY_PREFIX": other},
    }
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
    """One render after an edit serves every worker: a worker that last saw the version
    from before the edit reads the new version's entry before it renders the page itself."""
    client.get(PROFILE)
    before = store.lookup(PROFILE)[0]
    duty = csr.duty_set.first()
    duty.text = "Answers questions sent by carrier pigeon"
    with django_capture_on_commit_callbacks(execute=True):
        duty.save()
    assert client.get(PROFILE)["X-Page-Cache"] == "miss"  # "another worker" renders it
    store._LastVersion.token = before  # this worker last saw the version from before
    caches[store.MEMORY].clear()
    again = client.get(PROFILE)
    assert again["X-Page-Cache"] == "hit"
    assert "carrier pigeon" in get_html(client, PROFILE)


@pytest.mark.parametrize(
    "path", ["/occupations/x%0a.csv", "/api/v1/occupations/%00/", "/occupations/" + "x" * 300 + "/"]
)
def test_odd_paths_make_cache_keys_any_cache_can_take(client, path, recwarn):
    assert client.get(path).status_code == 404
    assert not [w for w in recwarn if issubclass(w.category, CacheKeyWarning)]


def test_two_origins_sharing_a_cache_never_get_each_others_pages(client, settings):
    """A kept page holds its canonical URL (and citations and a QR code): `serve` on two ports,
    or two sites under different CAREERS_SITE_URL, must each keep their own."""
    settings.SITE_URL = "http://127.0.0.1:8001"
    assert client.get(PROFILE)["X-Page-Cache"] == "miss"
    assert client.get(PROFILE)["X-Page-Cache"] == "hit"
    settings.SITE_URL = "https://careers.example.org"
    response = client.get(PROFILE)
    assert response["X-Page-Cache"] == "miss"
    canonical = soup(response.content.decode()).select_one('link[rel="canonical"]')["href"]
    assert canonical == "https://careers.example.org" + PROFILE
