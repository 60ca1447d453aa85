"""The bound on uncached work (careers/edge/bulkhead.py), driven directly: requests held in
their views fill the slots, and the next is turned away at once, unless it is an editor's."""

import threading

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from careers.edge.bulkhead import UncachedWorkMiddleware


@pytest.fixture
def held(settings):
    """The middleware around a view that holds each request until released; and a function
    that starts a request in a thread of its own."""
    settings.UNCACHED_WORK_SLOTS = 2
    release, entered = threading.Event(), threading.Semaphore(0)

    def view(request):
        entered.release()
        release.wait(10)
        return HttpResponse("done")

    middleware = UncachedWorkMiddleware(view)
    threads = []

    def start(request):
        thread = threading.Thread(target=middleware, args=(request,))
        thread.start()
        threads.append(thread)
        assert entered.acquire(timeout=5)  # it holds a slot

    yield middleware, start
    release.set()
    for thread in threads:
        thread.join()


def test_past_its_slots_a_request_is_turned_away_at_once_with_when_to_retry(held, settings):
    middleware, start = held
    factory = RequestFactory()
    for n in range(2):
        start(factory.get(f"/search/?q={n}"))
    refused = middleware(factory.get("/search/?q=more"))
    assert refused.status_code == 503
    assert refused["Retry-After"] == str(settings.BUSY_RETRY_AFTER_SECONDS)
    page = refused.content.decode()
    assert "try again in a few seconds" in page
    assert "it was not saved" in page  # an editor's refused save says so


def test_an_editors_request_has_slots_of_its_own(held, settings):
    middleware, start = held
    factory = RequestFactory()
    for n in range(2):
        start(factory.get(f"/search/?q={n}"))
    signed_in = factory.post("/admin/occupations/figure/1/change/")
    signed_in.COOKIES[settings.SESSION_COOKIE_NAME] = "an-editors-session"
    for _ in range(settings.UNCACHED_WORK_SLOTS):
        start(signed_in)
    # Those are full too now: a flood that sends session cookies fills them alone.
    assert middleware(signed_in).status_code == 503
