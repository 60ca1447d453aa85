"""Per-client rate limits on search, the API, exports and the sign-in form: a client past its
limit gets 429 with Retry-After, other clients do not notice, and a cache outage lifts the
limits rather than failing requests."""

import time

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse

from .needs import REDIS
from .network import Relay

CLIENT_A = "203.0.113.10"
CLIENT_B = "198.51.100.20"


@pytest.fixture
def one_window():
    """A stopped clock. django-ratelimit counts each client in windows of a minute, each
    client's ending at a second of its own, and requests on both sides of a window's end are
    counted apart: in CI the four requests of a test once got [200, 200, 200, 200]."""
    with time_machine.travel(time.time(), tick=False):
        yield


@pytest.fixture
def limits(settings, one_window):
    settings.RATE_LIMITS = {"search": "3/m", "api": "3/m", "exports": "3/m", "sign-in": "3/m"}
    caches[settings.RATELIMIT_USE_CACHE].clear()
    yield
    caches[settings.RATELIMIT_USE_CACHE].clear()


def urls(occupation):
    return {
        "search": reverse("careers:search") + "?q=call",
        "api": reverse("api:figures", args=[occupation.slug]),
        "exports": reverse("careers:occupation-csv", args=[occupation.slug]),
    }


@pytest.mark.parametrize("group", ["search", "api", "exports"])
def test_a_client_past_its_limit_gets_429_and_when_to_retry(client, occupation, limits, group):
    url = urls(occupation)[group]
    statuses = [client.get(url, REMOTE_ADDR=CLIENT_A).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get(url, REMOTE_ADDR=CLIENT_A)
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.content.decode()
    # Another client is not limited by the first one's requests.
    assert client.get(url, REMOTE_ADDR=CLIENT_B).status_code == 200


def test_the_limits_are_counted_apart(client, occupation, limits):
    for _ in range(3):
        assert client.get(urls(occupation)["search"], REMOTE_ADDR=CLIENT_A).status_code == 200
    assert client.get(urls(occupation)["api"], REMOTE_ADDR=CLIENT_A).status_code == 200
    # Pages are not limited here: the page cache answers them (nginx limits them per client).
    for _ in range(5):
        assert client.get(occupation.get_absolute_url(), REMOTE_ADDR=CLIENT_A).status_code == 200


def test_sign_in_forms_are_limited_but_the_sign_in_page_is_not(client, db, limits):
    url = reverse("admin:login")
    for _ in range(5):
        assert client.get(url, REMOTE_ADDR=CLIENT_A).status_code == 200
    posted = [
        client.post(
            url, {"username": f"guess-{n}", "password": "x"}, REMOTE_ADDR=CLIENT_A
        ).status_code
        for n in range(4)
    ]
    assert posted == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_each_client_is_counted_by_the_address_the_proxy_appended(
    client, occupation, limits, settings
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    url = urls(occupation)["search"]

    def via_proxy(forwarded):
        return client.get(url, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded).status_code

    # A client's own X-Forwarded-For comes first; the proxy appends the address it saw.
    assert [via_proxy(f"192.0.2.{n}, {CLIENT_A}") for n in range(4)] == [200, 200, 200, 429]
    assert via_proxy(CLIENT_B) == 200
    # From an address that is not a trusted proxy, the header is ignored.
    for n in range(3):
        client.get(url, REMOTE_ADDR="192.0.2.99", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert (
        client.get(url, REMOTE_ADDR="192.0.2.99", HTTP_X_FORWARDED_FOR="1.2.3.4").status_code == 429
    )


@pytest.mark.services
def test_with_redis_down_the_limits_are_lifted_not_the_pages(
    client, occupation, settings, redis_cache, one_window
):
    """Counted in Redis (as with REDIS_URL), a Redis that stops answering lets requests through
    instead of failing them: django-ratelimit alone would raise its error, a 500."""
    relay = Relay(REDIS)
    relay.start()
    redis_cache(relay.port)
    settings.RATELIMIT_USE_CACHE = "default"
    settings.RATE_LIMITS = {"search": "3/m", "api": "3/m", "exports": "3/m", "sign-in": "3/m"}
    url = urls(occupation)["search"]
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]
    relay.stop()
    assert [client.get(url).status_code for _ in range(5)] == [200] * 5


def test_an_ipv6_client_is_counted_by_its_network_not_each_address(client, occupation, limits):
    """One household or server is given a whole /64: rotating through it gains nothing."""
    url = urls(occupation)["search"]
    statuses = [client.get(url, REMOTE_ADDR=f"2001:db8::{n}").status_code for n in range(1, 5)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(url, REMOTE_ADDR="2001:db8:0:1::1").status_code == 200


def test_another_sites_script_can_read_an_api_refusal_and_when_to_retry(client, occupation, limits):
    url = urls(occupation)["api"]
    for _ in range(3):
        client.get(url)
    refused = client.get(url, headers={"origin": "https://school.example"})
    assert refused.status_code == 429
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "Retry-After" in refused["Access-Control-Expose-Headers"]
