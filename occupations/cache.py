"""A content version for caches: any committed change to content makes a new one.

Public pages are cached under the version current when they were rendered, so a
new version makes every cached page stale at once, in every gunicorn worker,
as long as the workers share the cache (the file cache in var/, or Redis).
"""

import uuid

from django.core.cache import cache

VERSION_KEY = "content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
