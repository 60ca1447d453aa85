"""Per-client rate limits on the work a flood could pile up: search, the API, exports and the
admin's sign-in form.

The counting is django-ratelimit's (fixed windows in the shared cache, so every worker and node
counts together), keyed by the client's address as django-axes reads it (the address the
trusted proxy appended, settings.AXES_IPWARE_*). Past a limit, the answer is 429 with
Retry-After. The limits fail open: a request is never refused, nor kept waiting, because the
cache is down. django-ratelimit's own RATELIMIT_FAIL_OPEN covers a cache that answers nothing,
not one that raises or hangs, so the count goes through occupations.content_version's health:
while the cache is being left alone after an error, nothing is counted.
"""

import ipaddress

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django_ratelimit.core import get_usage

from occupations.content_version import cache_available, health

from .refusals import allow_scripts_to_read, refusal


def group_of(request):
    """Which limit a request counts against (settings.RATE_LIMITS), or None."""
    # Before LocaleMiddleware: resolved in the address's own language (/es/search/).
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.namespace == "api":
        return "api"
    if match.view_name == "careers:search":
        return "search"
    if match.view_name in ("careers:occupation-csv", "careers:occupation-json", "careers:pay-csv"):
        return "exports"
    if match.view_name == "admin:login" and request.method == "POST":
        return "sign-in"
    return None


def client_address(group, request):
    """The client's address as django-axes reads it; for IPv6, its /64 network, which one
    household or server is given whole, so that a client cannot rotate through it."""
    address = get_client_ip_address(request)
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address


class RateLimitMiddleware:
    """Answer 429 to a client past its limit, before the request takes one of the slots for
    uncached work (careers/edge/bulkhead.py) or reaches its view: a flood from one address
    then costs a cache increment a request, and leaves the slots to everyone else."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Counted in the shared cache (Redis), which may fail; or in this worker's memory.
        self.shared = settings.RATELIMIT_USE_CACHE == "default"

    def __call__(self, request):
        group = group_of(request)
        if group is None or (self.shared and not cache_available()):
            return self.get_response(request)
        try:
            usage = get_usage(
                request,
                group=group,
                key=client_address,
                rate=settings.RATE_LIMITS[group],
                increment=True,
            )
        except Exception as error:  # each cache backend raises errors of its own
            if not self.shared:
                raise  # this worker's memory does not fail: a fault to see, not to hide
            health.failed(error)
            usage = None
        if usage is not None and usage["should_limit"]:
            response = refusal("429.html", 429, usage["time_left"])
            if group == "api":
                allow_scripts_to_read(response)
            return response
        return self.get_response(request)
