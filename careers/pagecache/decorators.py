"""The page cache for views: kept pages, and validators for pages that are not kept."""

from functools import wraps

from django.conf import settings
from django.views.decorators.http import condition

from occupations.content_version import content_version

from .entries import make_entry, public_cache_control, respond
from .store import keep, lookup, page_etag


def cached_public_page(view):
    """Serve a public page from the cache while the content version is unchanged.

    The key is the path alone: these pages ignore query strings, so random ones must not
    fill the cache. Only successful pages are kept. When the shared cache is unavailable, a
    page is kept in the worker's memory alone (careers/pagecache/store.py), under the content
    version read from the database; a PAGE_CACHE_SECONDS of 0 turns the page cache off. A
    kept page is also answered by CachedPageMiddleware, before sessions, CSRF and the rest
    run.
    """
    return cached_view(view, lambda request: request.path)


# The one query parameter a kept page may be keyed by: a table's order (the pay pages'
# ?sort=median). CachedPageMiddleware leaves requests that carry it to the view's decorator.
SORT_PARAMETER = "sort"


def cached_sortable_page(sorts):
    """cached_public_page for a page whose table sorts by a plain link (?sort=median): one
    entry for each order in `sorts`, whose first is the default. Any other value is the
    default order and shares its entry, so made-up values cannot fill the cache."""

    def cache_path(request):
        sort = request.GET.get(SORT_PARAMETER)
        if sort in sorts and sort != sorts[0]:
            return f"{request.path}?{SORT_PARAMETER}={sort}"
        return request.path

    return lambda view: cached_view(view, cache_path)


def cached_view(view, cache_path, worth_keeping=None):
    """cached_public_page with the key's path chosen by `cache_path(request)`: the API keys
    its responses by the path and the query parameters it understands. A response for which
    `worth_keeping(request, response)` is false goes out without being kept, so that made-up
    parameters cannot fill the cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        path = cache_path(request)
        version, entry = lookup(path)
        if version is None:
            return view(request, *args, **kwargs)
        if entry is not None:
            return respond(request, entry, "hit")
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        if worth_keeping is not None and not worth_keeping(request, response):
            return response
        entry = make_entry(response, page_etag(version, path))
        keep(version, path, entry)
        return respond(request, entry, "miss")

    return wrapper


def revalidated_page(view):
    """For a public page that is not kept (search: each query would be a page of its own,
    and random ones would fill the cache): the ETag and Cache-Control of a kept page, by
    path and query string, and a 304 before the view runs when the client's copy is
    current (Django's `condition`), so browsers and CDNs may keep it too."""

    def etag(request, *args, **kwargs):
        version = content_version() if settings.PAGE_CACHE_SECONDS else None
        return page_etag(version, request.get_full_path()) if version else None

    conditional = condition(etag_func=etag)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if response.status_code in (200, 304) and response.has_header("ETag"):
            response["Cache-Control"] = public_cache_control()
        else:
            response.headers.pop("ETag", None)  # an error page has no validator
        return response

    return wrapper
