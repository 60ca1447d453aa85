from functools import wraps

from django.http import HttpResponseNotAllowed
from django.template.loader import render_to_string

SAFE_METHODS = ("GET", "HEAD")


def safe_methods_only(view):
    """Like Django's require_safe, but the 405 answer is the site's styled page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            response = HttpResponseNotAllowed(SAFE_METHODS)
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
            return response
        return view(request, *args, **kwargs)

    return wrapper
