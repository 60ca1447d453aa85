from functools import wraps

from django.conf import settings
from django.http import HttpResponse

from occupations.cache import MISSING, cache_get, cache_set, content_version


def cached_public_page(view):
    """Serve a public page from the cache while the content version is unchanged.

    The key is the path alone: these pages ignore query strings, so random ones
    must not fill the cache. Only successful pages are kept. When the cache is
    unavailable the page is rendered from the database, as if uncached; a
    PAGE_CACHE_SECONDS of 0 turns the page cache off.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        version = content_version() if settings.PAGE_CACHE_SECONDS else None
        if version is None:
            return view(request, *args, **kwargs)
        key = f"page:{version}:{request.path}"
        cached = cache_get(key)
        if cached is not MISSING:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache_set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
