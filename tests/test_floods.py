"""A flood of work the page cache cannot answer leaves the cached pages answering.

The site runs as `serve` runs it (gunicorn with gunicorn.conf.py), with one worker so that the
flood fills it. Rate limits are lifted, so that what holds is the bounded share of threads for
uncached work (careers/edge/bulkhead.py). Flood figures: `uv run python -m tests.flood`.
"""

import collections
import http.client
import threading
import time
import urllib.parse

import pytest

from .serving import GUNICORN, ONE_WORKER, fetch, running, site_env

pytestmark = pytest.mark.served

PROFILE = "/occupations/customer-service-representatives/"
FLOODERS = 48
FLOOD_SECONDS = 4
# A cached page answers in milliseconds; before the bound on uncached work, it waited 7 to 13 s
# behind a flood of searches. A generous bound, as this machine's speed varies.
CACHED_WITHIN = 2.0


def flood(base, stop, answers):
    """Searches, one after another on one kept-alive connection, until `stop` is set."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    n = 0
    while not stop.is_set():
        n += 1
        try:
            connection.request("GET", f"/search/?q=flood{threading.get_ident()}x{n}")
            response = connection.getresponse()
            response.read()
            answers.append((response.status, response.getheader("Retry-After")))
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def timed_fetch(url):
    started = time.monotonic()
    status, _, _ = fetch(url, timeout=15)
    return status, time.monotonic() - started


def test_a_flood_of_searches_leaves_cached_pages_answering(tmp_path, prepare_site):
    env = site_env(prepare_site(tmp_path), CAREERS_SEARCH_RATE="1000000/m", **ONE_WORKER)
    with running(GUNICORN, env, tmp_path / "gunicorn.log") as base:
        assert fetch(base + PROFILE)[0] == 200  # now in the page cache
        stop, answers = threading.Event(), []
        flooders = [
            threading.Thread(target=flood, args=(base, stop, answers)) for _ in range(FLOODERS)
        ]
        for thread in flooders:
            thread.start()
        try:
            time.sleep(1)  # the flood has filled the queue
            waits = []
            deadline = time.monotonic() + FLOOD_SECONDS
            while time.monotonic() < deadline:
                waits.append(timed_fetch(base + PROFILE))
                time.sleep(0.1)
        finally:
            stop.set()
            for thread in flooders:
                thread.join()
    counts = collections.Counter(status for status, _ in answers)
    # Some searches were done; the rest were turned away at once, with when to retry.
    assert counts[200] > 0, counts
    assert counts[503] > 0, counts
    assert set(counts) == {200, 503}, counts
    assert {retry for status, retry in answers if status == 503} == {"5"}
    assert all(status == 200 for status, _ in waits), waits
    slowest = max(seconds for _, seconds in waits)
    assert slowest < CACHED_WITHIN, (slowest, len(waits), counts)
    # The log says so once, not once a refused request.
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("slots for uncached work busy") == 1
    assert "Service Unavailable" not in log
