"""Where kept pages live: their keys, and reading and keeping them with one round trip.

A page's key holds the release, the content version, the day and the path. Pages count how
old their figures are from today, so yesterday's page is not today's; a new release or an
edit starts new keys, and the old entries simply expire.

Entries live in the shared cache (every worker and node sees them) and, once read, in this
worker's ``pages-memory`` LocMemCache, so a hit reads the small version key alone from the
shared cache: one round trip that still sees an edit made anywhere.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone

from occupations.content_version import (
    VERSION_KEY,
    cache_get_many,
    cache_set,
    content_version,
)

MEMORY = "pages-memory"

# What a page is made from besides the content: a release that changes any of these
# must not serve pages (or let browsers keep pages) cached by the release before.
RELEASE_FILES = ("careers/**/*.py", "occupations/**/*.py", "templates/**/*.html", "static/**/*")


@lru_cache(maxsize=1)
def release_version():
    digest = hashlib.sha256()
    for pattern in RELEASE_FILES:
        for path in sorted(settings.BASE_DIR.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_key(version, path):
    day = f"{timezone.localdate():%Y%m%d}"
    return f"page:{release_version()}:{_origin()}:{version}:{day}:{_key_part(path)}"


def _origin():
    """The canonical origin's digest: a page holds its canonical URL, citations and QR code,
    so two servers sharing a cache under different CAREERS_SITE_URL (or `serve` on two ports)
    must not hand out each other's pages."""
    return hashlib.sha256(settings.SITE_URL.encode()).hexdigest()[:6]


def _key_part(path):
    """The path as it is, readable in the cache, when it is short printable ASCII; otherwise its
    digest. A space, a control character or more than 250 characters in all makes a key that
    memcached cannot take, and Django warns of each (a path like /x%0a.csv reaches the lookup
    before any view says 404)."""
    if len(path) <= 160 and path.isascii() and path.isprintable() and " " not in path:
        return path
    return "sha256-" + hashlib.sha256(path.encode()).hexdigest()


def page_etag(version, path):
    """The page's validator: the release, the origin, the content version, the day and the
    path."""
    path_digest = hashlib.sha256(path.encode()).hexdigest()[:8]
    day = f"{timezone.localdate():%Y%m%d}"
    return f'"{release_version()}-{_origin()}-{version}-{day}-{path_digest}"'


class _LastVersion:
    """The content version this worker last saw: its guess at the key of the next page."""

    token = None


def lookup(path):
    """(content version, kept entry or None), in one round trip to the shared cache.

    The version and the page are read together under the key of the version this worker
    saw last (the page alone, from memory, when this worker holds it). Only right after an
    edit is the guess wrong, and the page is read again under the new version's key, so a
    page another worker rendered since is used rather than rendered again.
    """
    guess = _LastVersion.token
    key = page_key(guess, path) if guess else None
    entry = _memory().get(key) if key else None
    wanted = [VERSION_KEY] if entry is not None else [VERSION_KEY, key] if key else [VERSION_KEY]
    found = cache_get_many(wanted)
    # An absent key is passed as None, so content_version goes to the database at once
    # instead of asking the cache a second time.
    version = content_version(found.get(VERSION_KEY))
    if version is None:
        return None, None
    _LastVersion.token = version
    if version == guess:
        if entry is None and key in found:
            entry = found[key]
            _memory().set(key, entry, settings.PAGE_CACHE_SECONDS)
        return version, entry
    key = page_key(version, path)
    entry = _memory().get(key)
    if entry is None:
        entry = cache_get_many([key]).get(key)
        if entry is not None:
            _memory().set(key, entry, settings.PAGE_CACHE_SECONDS)
    return version, entry


def keep(version, path, entry):
    """Keep the entry in this worker's memory, and for every worker and node in the shared
    cache. While the shared cache is down the worker's copy still serves the page, under the
    version the worker knew last, so an outage costs no render and no wait on the database."""
    key = page_key(version, path)
    _memory().set(key, entry, settings.PAGE_CACHE_SECONDS)
    cache_set(key, entry, settings.PAGE_CACHE_SECONDS)


def _memory():
    return caches[MEMORY]


@receiver(setting_changed)
def _forget_pages_in_memory(setting, **kwargs):
    # Another shared cache (as tests switch to) holds other entries: start from it afresh.
    if setting in ("CACHES", "PAGE_CACHE_SECONDS"):
        _LastVersion.token = None
        if MEMORY in settings.CACHES:
            _memory().clear()
