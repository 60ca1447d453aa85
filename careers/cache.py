import hashlib
from functools import lru_cache, wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from occupations.cache import MISSING, cache_get, cache_set, content_version

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


def page_etag(version, day, path):
    """The page's validator: the release, the content version, the day and the path."""
    path_digest = hashlib.sha256(path.encode()).hexdigest()[:8]
    return f'"{release_version()}-{version}-{day:%Y%m%d}-{path_digest}"'


# Headers stored with a cached body besides the body itself: an export's file name, and
# the API's Last-Modified.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified")


def cached_public_page(view):
    """Serve a public page from the cache while the content version is unchanged.

    The key is the path alone: these pages ignore query strings, so random ones
    must not fill the cache. Only successful pages are kept. When the cache is
    unavailable the page is rendered from the database, as if uncached; a
    PAGE_CACHE_SECONDS of 0 turns the page cache off.

    Every cached page also carries an ETag and lets browsers and shared caches
    keep it for BROWSER_CACHE_SECONDS; a request whose If-None-Match still
    matches gets a 304 with no body.
    """
    return cached_view(view, lambda request: request.path)


def cached_view(view, cache_path):
    """cached_public_page with the key's path chosen by `cache_path(request)`.

    The API keys its responses by the path and the query parameters it understands.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        version = content_version() if settings.PAGE_CACHE_SECONDS else None
        if version is None:
            return view(request, *args, **kwargs)
        path = cache_path(request)
        # Pages count how old their figures are from today's date, so a page cached
        # yesterday is not served today.
        day = timezone.localdate()
        etag = page_etag(version, day, path)
        # If-None-Match compares weakly: a W/ prefix (added by compressing proxies) still matches.
        known = [
            tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))
        ]
        if etag in known or "*" in known:
            return _revalidatable(HttpResponseNotModified(), etag)
        key = f"page:{release_version()}:{version}:{day:%Y%m%d}:{path}"
        cached = cache_get(key)
        if cached is not MISSING:
            content, headers = cached
            response = HttpResponse(content)
            for header, value in headers.items():
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return _revalidatable(response, etag)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache_set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
            _revalidatable(response, etag)
        return response

    return wrapper


def _revalidatable(response, etag):
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=settings.BROWSER_CACHE_SECONDS,
        stale_while_revalidate=settings.BROWSER_CACHE_SECONDS,
    )
    return response
