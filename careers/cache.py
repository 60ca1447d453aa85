from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from occupations.cache import content_version


def cached_public_page(view):
    """Serve a public page from the cache while the content version is unchanged.

    The key is the path alone: these pages ignore query strings, so random ones
    must not fill the cache. Only successful pages are kept.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = f"page:{content_version()}:{request.path}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(
                key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS
            )
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
