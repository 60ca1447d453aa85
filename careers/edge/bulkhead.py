"""A bounded share of each worker's threads for work the page cache cannot answer."""

import logging
import threading
import time

from django.conf import settings

from .middleware import is_admin_path
from .refusals import API_PREFIX, allow_scripts_to_read, refusal

logger = logging.getLogger(__name__)

WARNING_INTERVAL_SECONDS = 60
# The admin, and anyone signed in, has as many slots again of its own, so that a flood of
# searches cannot turn away an editor's save, and a few editors saving at once (each save may
# wait for a running load_content) are not turned away either. Anyone can send a session cookie,
# so a flood that does fills these alone, and leaves the public's slots as they were.


def is_editors(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES or is_admin_path(request.path)


class UncachedWorkMiddleware:
    """At most settings.UNCACHED_WORK_SLOTS requests of a worker render at once; past that, a
    request is answered 503 with Retry-After at once, instead of queueing for a thread.

    It sits just inside CachedPageMiddleware, so everything that reaches it is work: a page
    missing from the cache, search, the API's misses, exports, the admin. A kept page is answered
    before it and never needs a slot. The rest of gunicorn's threads (gunicorn.conf.py) stay
    free for kept pages, whatever a flood of searches or a silent database holds up.

    A semaphore per worker rather than gunicorn's own settings: gunicorn's threads and its
    connection limit count every request alike, kept pages too, so lowering them would queue
    the cheap answers behind the expensive ones, which is what a probe saw (a cached page
    waited 7 to 13 s behind a flood of searches). A worker renders one page at a time anyway
    (Python's GIL), so a few slots keep both cores busy: more only make each page slower.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        slots = settings.UNCACHED_WORK_SLOTS  # 0: no limit
        self.slots = threading.BoundedSemaphore(slots) if slots else None
        self.editor_slots = threading.BoundedSemaphore(slots) if slots else None
        self.next_warning = 0.0

    def __call__(self, request):
        if self.slots is None:
            return self.get_response(request)
        slots = self.editor_slots if is_editors(request) else self.slots
        if not slots.acquire(blocking=False):
            return self.busy(request)
        try:
            return self.get_response(request)
        finally:
            slots.release()

    def busy(self, request):
        now = time.monotonic()
        if now >= self.next_warning:  # once a minute at most: a flood must not fill the log
            self.next_warning = now + WARNING_INTERVAL_SECONDS
            logger.warning("All %s slots for uncached work busy", settings.UNCACHED_WORK_SLOTS)
        response = refusal("busy.html", 503, settings.BUSY_RETRY_AFTER_SECONDS)
        if request.path.startswith(API_PREFIX):
            allow_scripts_to_read(response)
        return response
