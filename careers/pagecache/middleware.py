"""The early answer: a kept public page, served before the rest of the stack runs."""

from django.conf import settings

from careers.edge.language import api_language
from careers.edge.middleware import is_admin_path
from careers.edge.refusals import API_PREFIX

from .decorators import SORT_PARAMETER
from .entries import respond
from .store import lookup


class CachedPageMiddleware:
    """Answer a kept public page before sessions, CSRF, auth, messages, history and axes.

    It sits inside SecurityHeadersMiddleware, TrustedProxyMiddleware, SecurityMiddleware and
    XFrameOptionsMiddleware, so an early answer carries exactly the headers a full one does.
    Only an anonymous GET or HEAD for a page outside the admin takes this path: a request with a
    session cookie (an editor) goes the long way. Pages ignore their query strings (a link's
    utm_source), so they are looked up by path alone; the API keys its answers by their
    parameters, so an API request with a query string goes the long way to its own entry, and so
    does a page sorted by ?sort=. A miss goes on to the view, whose decorator renders and keeps
    the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PAGE_CACHE_SECONDS
            and request.method in ("GET", "HEAD")
            and not (
                request.META.get("QUERY_STRING")
                and (request.path.startswith(API_PREFIX) or SORT_PARAMETER in request.GET)
            )
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not is_admin_path(request.path)
            # The path alone keys the API's English answers; another language has its own.
            and not (
                request.path.startswith(API_PREFIX)
                and api_language(request) != settings.LANGUAGE_CODE
            )
        ):
            request.get_host()  # a disallowed Host still gets its 400
            _, entry = lookup(request.path)
            if entry is not None:
                return respond(request, entry, "hit")
        return self.get_response(request)
