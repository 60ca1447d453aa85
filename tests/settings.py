"""The test settings: production's, with a fast hasher, plain static files and a local cache.

Tests that need Redis ask for it (the `redis_cache` fixture); served copies of the
site run with careers.settings, as production does.
"""

from careers.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# Views render on every request unless a test turns the page cache on.
PAGE_CACHE_SECONDS = 0
# Serve static files from the apps' folders, as runserver does: nothing is collected.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
# No rate limits unless a test sets them: many tests send more searches a minute than a person.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS)  # noqa: F405
# The content version's background recheck runs only in the tests that set its interval
# (test_cache_outage.py). Left at production's 10 s it would start on whichever request of a
# long run came due, and its thread could outlive that test and find the database closed to it
# (seen once on PostgreSQL, as an unhandled thread exception).
VERSION_RECHECK_SECONDS = 24 * 3600
