"""The answers that turn a request away: 429 past a client's limit, 503 when the slots for
uncached work are full."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

# The API's paths (careers/api/): other sites' scripts read its answers, refusals too.
API_PREFIX = "/api/"


def refusal(template_name, status, retry_after):
    """The page `template_name`, with `status` and a Retry-After of `retry_after` seconds."""
    response = HttpResponse(fixed_page(template_name), status=status)
    response["Retry-After"] = str(max(1, retry_after))
    return response


@cache
def fixed_page(template_name):
    """A page that is the same for everyone, rendered once a process: under a flood most answers
    are refusals, and each must cost next to nothing (a render with a request's context takes a
    few milliseconds of CPU, more than the rest of a refusal)."""
    return render_to_string(template_name, {"site_name": settings.SITE_NAME})


def allow_scripts_to_read(response):
    """An API refusal, readable by another site's script with when to retry: the API's answers
    say the same (careers/api/endpoints.py), but a refusal never reaches the API's code."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Retry-After"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
