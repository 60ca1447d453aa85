import gzip
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from functools import lru_cache, partial, wraps

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags

from occupations.content_version import (
    MISSING,
    VERSION_KEY,
    cache_get_many,
    cache_set,
    content_version,
)

logger = logging.getLogger(__name__)

try:
    import brotli
except ImportError:  # Brotli is optional: without it, pages are kept plain and gzipped.
    brotli = None
try:
    import deflate  # libdeflate: gzip bodies about 3% smaller than zlib's best
except ImportError:  # optional too: without it, zlib makes the gzip bodies
    deflate = None

# What a page is made from besides the content: a release that changes any of these
# must not serve pages (or let browsers keep pages) cached by the release before.
RELEASE_FILES = ("careers/**/*.py", "occupations/**/*.py", "templates/**/*.html", "static/**/*")


@lru_cache(maxsize=1)
def release_version():
    digest = hashlib.sha256()
    for pattern in RELEASE_FILES:
        for path in sorted(settings.BASE_DIR.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def page_etag(version, day, path):
    """The page's validator: the release, the content version, the day and the path."""
    path_digest = hashlib.sha256(path.encode()).hexdigest()[:8]
    return f'"{release_version()}-{version}-{day:%Y%m%d}-{path_digest}"'


# Headers stored with a cached body besides the body itself: an export's file name, and
# the API's Last-Modified and the headers that let other sites read it.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Last-Modified",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Cross-Origin-Resource-Policy",
)

# Bodies smaller than this go out as they are: compressing them saves less than it costs.
COMPRESS_MIN_BYTES = 512

# A line break and the indentation after it: templates leave blank lines and indents that
# the browser collapses anyway (outside <pre> and <textarea>, which no cached page uses).
INDENTED_LINE_BREAK = re.compile(rb"\n\s+")


def cached_public_page(view):
    """Serve a public page from the cache while the content version is unchanged.

    The key is the path alone: these pages ignore query strings, so random ones
    must not fill the cache. Only successful pages are kept. When the cache is
    unavailable the page is rendered from the database, as if uncached; a
    PAGE_CACHE_SECONDS of 0 turns the page cache off.

    A kept page is also served by CachedPageMiddleware, before sessions, CSRF and
    the rest run. Every cached page carries an ETag and lets browsers and shared
    caches keep it for BROWSER_CACHE_SECONDS; a request whose If-None-Match still
    matches gets a 304 with no body.
    """
    return cached_view(view, lambda request: request.path)


def cached_view(view, cache_path):
    """cached_public_page with the key's path chosen by `cache_path(request)`.

    The API keys its responses by the path and the query parameters it understands.
    For a request without a query string the key is the path alone, whatever the page:
    that is the only request the early path answers.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        path = cache_path(request)
        version, entry = _lookup_once(request, path)
        if version is None:
            return view(request, *args, **kwargs)
        if entry is not None:
            return _from_entry(request, entry, path, "hit")
        response = view(request, *args, **kwargs)
        if response.status_code != 200 or response.streaming:
            return response
        entry = _entry(response, version)
        # The key is worked out once: the smallest bodies below are kept after the answer
        # has gone out, maybe after midnight, and must not be kept as the next day's page.
        key = _key(path)
        _keep(key, entry)
        if entry["smallest"]:
            return _from_entry(request, entry, path, "miss")
        # The smallest bodies take ten times as long to make as the quick ones: the
        # visitor who missed does not wait for them. They replace the quick ones once
        # this answer has gone out. (Should an edit land in between, the next request
        # finds this older version and renders the page again: one render more.)
        smaller = partial(_keep_smallest, key, entry)
        return _from_entry(request, entry, path, "miss", on_sent=smaller)

    return wrapper


def revalidated_page(view):
    """For a public page that is not kept (search: each query would be a page of its own,
    and random ones would fill the cache): the ETag and Cache-Control of a kept page, by
    path and query string, and a 304 before the view runs when the client's copy is
    current, so browsers and CDNs may keep it too. Only successful pages get them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        version = content_version() if settings.PAGE_CACHE_SECONDS else None
        if version is None:  # the page cache is off, or the version is unknown
            return view(request, *args, **kwargs)
        etag = page_etag(version, timezone.localdate(), request.get_full_path())
        known = _client_etags(request)
        if etag in known or "*" in known:
            response = HttpResponseNotModified()
        else:
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
        response["ETag"] = etag
        response["Cache-Control"] = _public_cache_control()
        return response

    return wrapper


def _keep(key, entry):
    """Store the entry for every worker and node. A worker keeps its own copy (_recent)
    only of an entry with its smallest bodies: it rereads a quick one until replaced."""
    if cache_set(key, entry, settings.PAGE_CACHE_SECONDS) and entry["smallest"]:
        _recent.put(key, entry)


def _keep_smallest(key, entry):
    _keep(key, _smallest(entry))


def early_response(request):
    """The cached page for this request, or None: for CachedPageMiddleware, which asks
    only for requests without a query string."""
    version, entry = _lookup(request.path)
    if entry is None:
        # The view's cache takes this answer instead of reading the cache again.
        request.page_cache_missed = (request.path, version)
        return None
    return _from_entry(request, entry, request.path, "hit")


def _lookup_once(request, path):
    """_lookup(path), unless CachedPageMiddleware has just looked it up for this request
    and missed: a request reads the cache once before it renders."""
    missed = getattr(request, "page_cache_missed", None)
    if missed is not None and missed[0] == path:
        return missed[1], None
    return _lookup(path)


def _key(path):
    # Pages count how old their figures are from today's date, so a page cached
    # yesterday is not served today.
    return f"page:{release_version()}:{timezone.localdate():%Y%m%d}:{path}"


def _lookup(path):
    """(content version, cached entry for it or None), from one cache round trip.

    The entry records the version it was rendered at, so the version and the page
    come back together; an entry from another version is a miss. An entry this process
    has read before is kept in its memory (see _Recent), so a hit reads only the small
    version key: it still sees an edit made anywhere on the very next request. Only
    when that copy predates an edit is there a second read, of the shared entry.
    """
    key = _key(path)
    entry = _recent.get(key)
    if entry is not None:
        found = cache_get_many([VERSION_KEY])
    else:
        found = cache_get_many([VERSION_KEY, key])
        entry = found.get(key)
    version = content_version(found.get(VERSION_KEY, MISSING))
    if version is not None and isinstance(entry, dict) and entry.get("version") != version:
        # This process's copy is from before an edit: another worker or node may have
        # rendered the page since, and one render should serve them all.
        entry = cache_get_many([key]).get(key)
    if version is None or not isinstance(entry, dict) or entry.get("version") != version:
        return version, None
    if entry.get("smallest"):
        _recent.put(key, entry)
    return version, entry


class _Recent:
    """The entries this process read or stored last, by key, up to a bound.

    An entry with its smallest bodies never changes once stored (a new version or day is a
    new entry), so a copy in memory is as good as the shared one while its version is
    current (a quick entry is about to be replaced, so none is kept); it saves
    reading and unpacking the bodies (tens of KB) on every hit. A copy is kept no longer
    than PAGE_CACHE_SECONDS from when this process got it. gunicorn's threads share it, hence
    the lock. At 200 entries of at most about 100 KB (a profile's three bodies are 56 KB),
    it holds at most about 20 MB per worker.
    """

    def __init__(self, size, clock=time.monotonic):
        self.size = size
        self.clock = clock
        self.entries = OrderedDict()  # key -> (entry, the clock's time it expires at)
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry, expires = self.entries.get(key, (None, 0))
            if entry is None:
                return None
            if expires <= self.clock():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            kept = self.entries.get(key)
            if kept is None or kept[0] is not entry:
                # A new entry starts its time; the same one, put again on a hit, keeps it.
                self.entries[key] = (entry, self.clock() + settings.PAGE_CACHE_SECONDS)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


_recent = _Recent(size=200)


@receiver(setting_changed)
def _forget_recent_pages(setting, **kwargs):
    # Another cache (as tests switch to) holds other entries: start from it afresh.
    if setting in ("CACHES", "PAGE_CACHE_SECONDS"):
        _recent.clear()


def _entry(response, version):
    """What the cache keeps of a page: its body, plain and in each encoding (quickly
    compressed: see _smallest), with the headers it needs."""
    content = bytes(response.content)
    if response.get("Content-Type", "").startswith("text/html"):
        content = INDENTED_LINE_BREAK.sub(b"\n", content)
    encodings = _encodings(content)
    return {
        "version": version,
        "day": timezone.localdate(),
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        "bodies": {"identity": content} | {name: _quick(content, name) for name in encodings},
        # A body too small to compress is as small as it gets already.
        "smallest": not encodings,
    }


def _smallest(entry):
    """The entry again with its bodies compressed for size, once, for every request until
    the next edit: about 3% smaller than the quick gzip and 11% smaller than the quick
    Brotli, for about 40 ms on a 40 KB page. (Brotli 11 would save 2% more, at twice the
    time of 10.)"""
    content = entry["bodies"]["identity"]
    bodies = {"identity": content}
    for name in _encodings(content):
        if name == "br":
            bodies[name] = brotli.compress(content, quality=10)
        elif deflate is not None:  # libdeflate's best level; it returns a bytearray
            bodies[name] = bytes(deflate.gzip_compress(content, 12))
        else:
            bodies[name] = gzip.compress(content, compresslevel=9, mtime=0)
    return entry | {"bodies": bodies, "smallest": True}


def _encodings(content):
    """The encodings a body is kept in besides plain, best first."""
    if len(content) < COMPRESS_MIN_BYTES:
        return ()
    return ("br", "gzip") if brotli is not None else ("gzip",)


def _quick(content, encoding):
    # About 2 ms and 1 ms on a 40 KB page; Brotli 5 is within 1% of 9 (about 10 ms).
    if encoding == "br":
        return brotli.compress(content, quality=5)
    return gzip.compress(content, compresslevel=6, mtime=0)


class _RunsWhenSent:
    """A response that runs `on_sent`, if given, when the server closes it: after sending."""

    def __init__(self, *args, on_sent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_sent = on_sent

    def close(self):
        try:
            if self.on_sent is not None:
                self.on_sent()
        except Exception:
            # The visitor has the page, and the quick entry serves the next ones.
            logger.exception("Could not keep a cached page's smallest bodies.")
        finally:
            super().close()


class _Page(_RunsWhenSent, HttpResponse):
    pass


class _NotModified(_RunsWhenSent, HttpResponseNotModified):
    pass


def _from_entry(request, entry, path, state, on_sent=None):
    """The response for a cached entry: a 304 when the client's copy is current, or the
    body in the best encoding the client accepts (none for a HEAD, which gets the same
    headers). `on_sent` runs once the response has gone out."""
    etag = page_etag(entry["version"], entry["day"], path)
    known = _client_etags(request)
    # _entry puts Brotli before gzip, so the first the client accepts is the smaller one.
    encodings = [name for name in entry["bodies"] if name != "identity"]
    encoding = _best_encoding(request.headers.get("Accept-Encoding", ""), encodings)
    # Each encoding is its own representation, with its own validator. The plain body never
    # changes, so its validator is strong. A compressed one is weak: its quick body and the
    # smallest one that replaces it decode to the same page in other bytes.
    variant = etag if encoding == "identity" else f'W/{etag[:-1]}-{encoding}"'
    if variant.removeprefix("W/") in known or "*" in known:
        response = _NotModified(on_sent=on_sent)
        for header, value in entry["headers"].items():
            if not header.startswith("Content-"):  # a 304 has no body to describe
                response[header] = value
    else:
        body = entry["bodies"][encoding]
        sent = b"" if request.method == "HEAD" else body
        response = _Page(sent, on_sent=on_sent)
        for header, value in entry["headers"].items():
            response[header] = value
        response["Content-Length"] = str(len(body))  # a HEAD's too: what a GET would get
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        response["X-Page-Cache"] = state
    # The response is new, so these headers are set, not merged with earlier values.
    if encodings:
        response["Vary"] = "Accept-Encoding"
    response["ETag"] = variant
    response["Cache-Control"] = _public_cache_control()
    return response


def _client_etags(request):
    """The ETags in the request's If-None-Match ("*" included), without W/ prefixes:
    If-None-Match compares weakly, so a tag a proxy or GZipMiddleware weakened still matches."""
    return [tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))]


def _public_cache_control():
    seconds = settings.BROWSER_CACHE_SECONDS
    return f"public, max-age={seconds}, stale-while-revalidate={seconds}"


def _best_encoding(accept_encoding, encodings):
    """The first of `encodings` (best first) that the client accepts, or the plain body."""
    accepted = _accepted(accept_encoding)
    for encoding in encodings:
        if encoding in accepted or "*" in accepted:
            return encoding
    return "identity"


@lru_cache(maxsize=64)  # browsers send a handful of distinct headers
def _accepted(accept_encoding):
    """The encodings an Accept-Encoding header accepts (those with q=0 refused)."""
    accepted = set()
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        quality = params.strip().removeprefix("q=")
        if name and quality not in {"0", "0.0", "0.00", "0.000"}:
            accepted.add(name.strip().lower())
    return frozenset(accepted)
