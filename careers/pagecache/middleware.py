"""The early answer: a cached public page served before the rest of the stack runs."""

from django.conf import settings

from careers.edge.middleware import is_admin_path

from .store import early_response


class CachedPageMiddleware:
    """Answer a cached public page before sessions, CSRF, auth, messages, history and axes.

    It sits inside EdgeMiddleware, SecurityMiddleware and XFrameOptionsMiddleware, so an
    early answer carries exactly the headers a full one does. Only an anonymous GET or
    HEAD without a query string, for a page outside the admin, takes this path: a request
    with a session cookie (an editor) goes the long way, and sees its own pages. The
    version check and the page come back in one cache round trip, so an edit shows on the
    very next request everywhere the cache is shared.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PAGE_CACHE_SECONDS
            and request.method in ("GET", "HEAD")
            # With one (an API filter, a tracking tag), the view picks the cache key.
            and not request.META.get("QUERY_STRING")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not is_admin_path(request.path)
        ):
            request.get_host()  # a disallowed Host still gets its 400
            response = early_response(request)
            if response is not None:
                return response
        return self.get_response(request)
