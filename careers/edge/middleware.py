"""Request-wide concerns that come before everything else, and after it."""

import ipaddress
import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.csp import build_policy

logger = logging.getLogger(__name__)

# Headers a client could forge to claim another address, scheme or host.
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_FORWARDED",
)


def is_admin_path(path):
    """Whether a request is for the admin, wherever DJANGO_ADMIN_PATH puts it."""
    return path.startswith("/" + settings.ADMIN_PATH)


class SecurityHeadersMiddleware:
    """The outermost layer: every response goes out with the site's security headers.

    Most are set by Django's own middleware further in; a response made before those ran
    (the 400 for a disallowed Host header) would otherwise go out without them. The
    Content-Security-Policy is set here alone: it has no nonces, so one header, built once,
    serves every response, and Django's CSP middleware would only rebuild it. Admin pages
    and error pages are never stored by a cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Built once: the settings behind them do not change while the site runs.
        self.security_headers = {
            "Content-Security-Policy": build_policy(settings.SECURE_CSP),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
            "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
            "X-Frame-Options": settings.X_FRAME_OPTIONS,
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": "same-origin",
        }
        if settings.SECURE_CSP_REPORT_ONLY:  # a policy being tried out before it is enforced
            self.security_headers["Content-Security-Policy-Report-Only"] = build_policy(
                settings.SECURE_CSP_REPORT_ONLY
            )

    def __call__(self, request):
        response = self.get_response(request)
        for header, value in self.security_headers.items():
            response.headers.setdefault(header, value)
        admin = is_admin_path(request.path)
        if (admin or response.status_code >= 400) and "Cache-Control" not in response:
            # Admin error pages (a 404, a CSRF failure) may show an editor's data; and no
            # cache should keep an error page, which may be gone by the next request.
            patch_cache_control(response, private=True, no_store=True)
        return response


class TrustedProxyMiddleware:
    """Forwarded headers are dropped unless a trusted proxy sent them
    (DJANGO_TRUSTED_PROXIES), so Django's SECURE_PROXY_SSL_HEADER and the sign-in lockout
    (django-axes, through django-ipware) can rely on them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted_proxies = [ipaddress.ip_network(entry) for entry in settings.TRUSTED_PROXIES]

    def is_trusted(self, address):
        try:
            address = ipaddress.ip_address(address)
        except ValueError:  # a Unix socket's peer, or none
            return False
        return any(address in network for network in self.trusted_proxies)

    def __call__(self, request):
        if not self.is_trusted(request.META.get("REMOTE_ADDR", "")):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """A request body over MAX_REQUEST_BODY_BYTES is answered 413 before anything reads it.

    nginx refuses such bodies itself (client_max_body_size), but the site also runs without
    it (`serve` alone). Django's own limit, DATA_UPLOAD_MAX_MEMORY_SIZE, leaves out the file
    parts of a multipart body, which it streams to disk: a 50 MB "upload" to the admin's
    sign-in page was read in full. The site takes no uploads, so the whole body is capped.

    A body of unknown length (chunked, with no Content-Length) is answered 411: Django reads
    none of it, so the form it carries would be taken for an empty one.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.MAX_REQUEST_BODY_BYTES

    def limit_for(self, request):
        """The admin's upload of BLS's files may be larger; UploadsMiddleware then lets only a
        signed-in editor's through."""
        if request.method == "POST" and request.path == upload_path():
            return settings.BLS_UPLOAD_MAX_BYTES
        return self.limit

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH")
        if not length and "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return HttpResponse(
                "Send the request with a Content-Length.\n", status=411, content_type="text/plain"
            )
        size = body_size(request)
        limit = self.limit_for(request)
        if size > limit:
            return render(request, "413.html", {"limit_mb": limit / 2**20}, status=413)
        return self.get_response(request)


def body_size(request):
    """The body's declared length; 0 for one Django could not parse either (it reads none)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def upload_path():
    return reverse("admin:occupations_release_import")


class UploadsMiddleware:
    """A body larger than MAX_REQUEST_BODY_BYTES (only the upload of BLS's files may send one)
    is read only for a signed-in user allowed to import: anyone else gets a 403 before a byte
    of it is read, here, after authentication and before CSRF's check reads the form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if body_size(request) > settings.MAX_REQUEST_BODY_BYTES and not request.user.has_perm(
            "occupations.add_release"
        ):
            return render(request, "403.html", status=403)
        return self.get_response(request)


class EditorsSeeTheirEditsMiddleware:
    """An editor who saves in the admin sees the result on the public pages at once.

    Public pages let browsers keep them for BROWSER_CACHE_SECONDS (five minutes). The site's
    own copies are replaced on every edit, but the editor's browser would go on showing its
    copy: opening the page after a save showed the old figure until a reload. So an admin
    POST that succeeded (the admin answers those with a redirect) asks the browser, by the
    standard Clear-Site-Data header, to drop what it has kept from this site. Only the
    editor's browser is told; other readers get the new page when their copy runs out.
    Signing in or out is not a save: clearing a large cache can keep a browser busy for
    seconds, so it is asked only when something changed."""

    NOT_SAVES = frozenset({"login", "logout"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 302
            and is_admin_path(request.path)
            and request.user.is_staff
            and request.resolver_match is not None
            and request.resolver_match.url_name not in self.NOT_SAVES
        ):
            response["Clear-Site-Data"] = '"cache"'
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compress pages that miss the page cache (404s, search), where it is worth it.

    Never the admin: its pages carry CSRF tokens, which compression can leak (BREACH).
    Cached pages are compressed once, when they are stored (careers/pagecache/entries.py).
    """

    def process_response(self, request, response):
        if is_admin_path(request.path):
            return response
        if "X-Page-Cache" in response:
            # The page cache chose its encoding (plain, for a body too small to be worth
            # compressing): its first answer must be the same as every later one.
            return response
        return super().process_response(request, response)


# PostgreSQL error classes that mean the server is out of reach or not answering:
# 08 connection exceptions, 57 operator intervention (a statement timeout, a shutdown).
OUTAGE_SQLSTATE_CLASSES = ("08", "57")


def is_database_outage(error):
    """The database cannot be reached, as opposed to a query that failed.

    A deadlock, a serialization failure or SQLite's "database is locked" (a writer
    held the lock past the busy timeout) are faults to log and fix, not outages
    to wait out.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if hasattr(cause, "sqlstate"):  # psycopg: no state means the connection itself failed
        return cause.sqlstate is None or cause.sqlstate.startswith(OUTAGE_SQLSTATE_CLASSES)
    if hasattr(cause, "sqlite_errorname"):  # SQLite: the file cannot be opened or read
        return cause.sqlite_errorname.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR"))
    message = str(error).lower()
    return not any(word in message for word in ("locked", "deadlock"))


class DatabaseOutageMiddleware:
    """A view that cannot reach the database answers 503 and asks to be retried.

    A database outage is not a bug in the site, so it is not a 500. Any other
    error goes on to handler500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "60"
        return response
