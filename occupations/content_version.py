"""The content version, and a cache that may fail without taking the site with it.

Public pages are cached under the content version current when they were
rendered, so a new version makes every cached page stale at once, in every
worker and on every node that shares the cache.

The version of record is a database row (ContentVersion), changed in the same
transaction as the content. The cache holds a copy, with the time it was last
checked against the database. The copy is trusted for VERSION_RECHECK_SECONDS;
then a background thread reads the row again, while requests go on using the
copy. So even an edit whose publication to the cache was lost (the cache was
unreachable when it committed) shows within about that interval everywhere, and
at once in the process that saw the cache fail.

Each process also remembers the version it last knew, the same way. When the
cache has no copy (it was flushed or is out of reach) a request uses that memory
and the row is read in the background, so a kept page never waits on a database
that may itself be hung. Only a process that has never known a version asks the
database at once.

The cache is best-effort: any error counts as a miss, is logged at most once a
minute, and makes this process skip the cache for CACHE_RETRY_SECONDS, so a hung
Redis costs one short timeout, not one per request.

This wrapper is written here because the framework has no such option: Django's
RedisCache raises every error, and so does its file cache; django-redis's
IGNORE_EXCEPTIONS swallows them but tries again on every call. With the 0.3 s socket
timeouts of settings.REDIS_OPTIONS, every request would then wait 0.3 s for its lookup,
and a missed page 0.3 s more to be kept, for as long as Redis hangs.
"""

import logging
import threading
import time
import uuid
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

VERSION_KEY = "content-version"
WARNING_INTERVAL_SECONDS = 60

logger = logging.getLogger(__name__)


class _CacheHealth:
    """Per-process memory of cache trouble."""

    def __init__(self):
        self.reset()

    def reset(self, **kwargs):
        self.skip_until = 0.0
        self.next_warning = 0.0
        # Set when this process could not write the version: it must not trust
        # the cached copy again before reading the database.
        self.resync = False
        # Set when a background read of the version failed: until then, none is started.
        self.database_retry_at = 0.0
        known.forget()

    def failed(self, error):
        now = time.monotonic()
        self.skip_until = now + settings.CACHE_RETRY_SECONDS
        self.resync = True
        if now >= self.next_warning:
            self.next_warning = now + WARNING_INTERVAL_SECONDS
            logger.warning(
                "Cache unavailable (%s: %s); going on without it.",
                type(error).__name__,
                error,
            )

    def database_failed(self):
        self.database_retry_at = time.monotonic() + settings.CACHE_RETRY_SECONDS

    @property
    def database_failing(self):
        return time.monotonic() < self.database_retry_at

    @property
    def skipping(self):
        return time.monotonic() < self.skip_until


class _KnownVersion:
    """The version this process knew last, as a (token, checked_at) pair like the cache's."""

    def __init__(self):
        self.forget()

    def forget(self):
        self.entry = None
        # Counts this process's own publications, so a background read that began before
        # one cannot put the older version back in its place.
        self.publications = 0

    def learn(self, entry, publications=None):
        if publications is None or publications == self.publications:
            self.entry = entry


known = _KnownVersion()
health = _CacheHealth()
# Tests switch caches with override_settings; trouble with the old one is forgotten.
setting_changed.connect(health.reset, dispatch_uid="occupations-cache-health")

MISSING = object()


def cache_available():
    """False while this process leaves the cache alone after an error."""
    return not health.skipping


def cache_get(key):
    """The cached value, or MISSING when absent or the cache is unavailable."""
    if health.skipping:
        return MISSING
    try:
        return cache.get(key, MISSING)
    except Exception as error:  # each cache backend raises errors of its own
        health.failed(error)
        return MISSING


def cache_get_many(keys):
    """{key: value} for the keys present: one round trip; empty when the cache is unavailable."""
    if health.skipping:
        return {}
    try:
        return cache.get_many(keys)
    except Exception as error:  # as above
        health.failed(error)
        return {}


def cache_set(key, value, timeout):
    """Store a value; False when the cache is unavailable."""
    if health.skipping:
        health.resync = True
        return False
    try:
        cache.set(key, value, timeout)
    except Exception as error:  # as above
        health.failed(error)
        return False
    return True


def content_version(cached=MISSING):
    """The current version token; None when neither the cache nor the database can say.

    `cached` is the value under VERSION_KEY when the caller has read it already (with
    the page it wants, in one round trip); by default it is read here.

    A request never waits on the database for a recheck: it uses the cached copy,
    or when the cache has none it can trust, the version this process knew last,
    and one background thread per process reads the row. Only a process that has
    never known a version asks the database at once.
    """
    entry = _cached_version(cache_get(VERSION_KEY) if cached is MISSING else cached)
    if entry is None or health.resync:
        entry = known.entry
    else:
        known.learn(entry)
    if entry is not None:
        if time.time() - entry[1] >= settings.VERSION_RECHECK_SECONDS:
            _recheck_in_background()
        return entry[0]
    try:
        token = _version_row().token
    except DatabaseError:
        return None  # the database is out of reach, and nothing else can say
    known.learn((token, time.time()))
    if cache_set(VERSION_KEY, (token, time.time()), None):
        health.resync = False
    return token


def content_changed_at():
    """When the content last changed (the API's Last-Modified): one query."""
    return _version_row().changed_at


def _cached_version(entry):
    """The cached (token, checked_at) pair, or None.

    Anything else under the key counts as missing: an earlier release stored a
    bare token there, and a page must not fail on it.
    """
    if (
        isinstance(entry, tuple)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], int | float)
    ):
        return entry
    return None


_rechecking = threading.Lock()


def _recheck_in_background():
    if health.database_failing:
        return
    if _rechecking.acquire(blocking=False):
        threading.Thread(target=_recheck, name="content-version-recheck", daemon=True).start()


def _token(entry):
    return entry[0] if entry is not None else None


def _recheck():
    """Read the row and copy it to this process and the cache, unless a newer version
    came out while it read.

    A read that began just before an edit committed returns the version before it. Written
    after the edit's own publication, it would bring the old version back for another
    VERSION_RECHECK_SECONDS. So the copy is written only if the cache still holds what it
    held when the read began (another worker's publication changes it), and this process
    learns it only if it published nothing meanwhile. What is left is the moment between
    the second look at the cache and the write: a millisecond, not the length of a read.
    """
    try:
        publications = known.publications
        seen = _cached_version(cache_get(VERSION_KEY))
        try:
            entry = (_version_row().token, time.time())
        except DatabaseError:
            # Keep serving the copy. A database that fails at once is left alone for a
            # while, so requests do not each start a thread that asks it.
            health.database_failed()
            return
        now = _cached_version(cache_get(VERSION_KEY))
        if _token(now) != _token(seen):
            if now is not None:
                known.learn(now, publications)
            return
        known.learn(entry, publications)
        if publications == known.publications and cache_set(VERSION_KEY, entry, None):
            health.resync = False
    finally:
        connections.close_all()  # this thread's own connection
        _rechecking.release()


def _version_row():
    from .models import ContentVersion

    row = ContentVersion.objects.filter(pk=1).first()
    if row is None:
        row, _ = ContentVersion.objects.get_or_create(
            pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
        )
    return row


def _publish(token):
    """The on-commit step that makes a new version known to this process and the cache."""
    known.publications += 1
    known.learn((token, time.time()))
    if not cache_set(VERSION_KEY, (token, time.time()), None):
        health.resync = True


_deferred = threading.local()


@contextmanager
def one_bump_at_the_end():
    """Inside a long transaction (load_content), write the version row once, last.

    The row is locked from its update until the commit. Written at the end, it
    is held for a moment, not for the whole load, so an editor's save (which
    locks the record it edits, then the version row) never waits long and never
    deadlocks with the loader, which takes them in the same order.
    """
    _deferred.active, _deferred.changed = True, False
    try:
        yield
        _deferred.active = False
        if _deferred.changed:
            bump_content_version()
    finally:
        _deferred.active = False


def bump_content_version(using=None):
    """Give the content a new version in the same transaction as the change; the cache
    gets it once the transaction commits. Several changes in one transaction each write
    the row, and their on-commit steps run in order, so the last token, the row's, wins."""
    from .models import ContentVersion

    if getattr(_deferred, "active", False):
        _deferred.changed = True
        return
    token = uuid.uuid4().hex
    values = {"token": token, "changed_at": timezone.now()}
    # One UPDATE, which locks the row itself: update_or_create() would add a savepoint and
    # a SELECT … FOR UPDATE to every save. The row is missing only before the first bump.
    versions = ContentVersion.objects.using(using)
    if not versions.filter(pk=1).update(**values):
        versions.update_or_create(pk=1, defaults=values)
    transaction.on_commit(partial(_publish, token), using=using)
