import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import validate_host
from django.utils.csp import CSP


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    if settings.SITE_URL_IS_SET:
        return []
    return [
        Warning(
            f"CAREERS_SITE_URL is not set, so absolute URLs use {settings.SITE_URL}.",
            hint="Set it to the public origin, for example https://careers.example.org.",
            id="careers.W001",
        )
    ]


@register(Tags.security, deploy=True)
def site_url_host_is_allowed(app_configs, **kwargs):
    """The public origin's host must be in ALLOWED_HOSTS: Django answers 400 to every request
    for a host that is not, so the real site would answer nothing else."""
    if not settings.SITE_URL_IS_SET:
        return []  # careers.W001 says so
    host = urlsplit(settings.SITE_URL).hostname or ""
    if ":" in host:  # an IPv6 address, which ALLOWED_HOSTS writes in brackets, as Host does
        host = f"[{host}]"
    if validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"The host of CAREERS_SITE_URL, {host}, is not in DJANGO_ALLOWED_HOSTS, so "
            "every request for the site's own address will be answered 400.",
            hint=f"Add {host} to DJANGO_ALLOWED_HOSTS.",
            id="careers.W002",
        )
    ]


@register(Tags.security)
def csp_has_no_nonce(app_configs, **kwargs):
    """careers.edge.middleware.SecurityHeadersMiddleware builds the policy once for every
    response, which a nonce (new for each response, set by Django's CSP middleware) would
    make wrong."""
    policies = (settings.SECURE_CSP or {}, settings.SECURE_CSP_REPORT_ONLY or {})
    if not any(CSP.NONCE in sources for policy in policies for sources in policy.values()):
        return []
    return [
        Error(
            "SECURE_CSP uses a nonce, but the site sends one policy, built once, on every "
            "response.",
            hint="Load scripts and styles from static files instead, as every template does.",
            id="careers.E001",
        )
    ]


# django-ratelimit's rates: a count, a slash, and a period (s, m, h or d), optionally a multiple.
RATE = re.compile(r"[0-9]+/[0-9]*[smhd]")


@register(Tags.security)
def rate_limits_are_readable(app_configs, **kwargs):
    """A mistyped CAREERS_*_RATE stops the start, rather than failing each request it counts."""
    return [
        Error(
            f"The {group} rate limit {rate!r} is not a rate.",
            hint="Write it as a count and a period, such as 60/m or 1000/h.",
            id="careers.E002",
        )
        for group, rate in settings.RATE_LIMITS.items()
        if rate is not None and not RATE.fullmatch(rate)
    ]


@register(Tags.security, deploy=True)
def proxies_are_named_behind_https(app_configs, **kwargs):
    """Served over HTTPS, the site is behind a proxy (gunicorn speaks plain HTTP). Without
    DJANGO_TRUSTED_PROXIES every client then has the proxy's address, and the rate limits and
    the sign-in lockout count the whole world as one client."""
    if not settings.HTTPS or settings.TRUSTED_PROXIES:
        return []
    return [
        Warning(
            "DJANGO_HTTPS is on but DJANGO_TRUSTED_PROXIES is not set: every client will have "
            "the proxy's address, so one client's failed sign-ins or searches limit everyone.",
            hint="Set DJANGO_TRUSTED_PROXIES to your proxy's address, such as 127.0.0.1.",
            id="careers.W003",
        )
    ]
