"""What the page cache keeps of a response, and the response it makes from what it kept."""

import gzip
import re
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers

try:
    import brotli
except ImportError:  # Brotli is optional: without it, pages are kept plain and gzipped.
    brotli = None
try:
    import deflate  # libdeflate: gzip bodies about 3% smaller than zlib's best
except ImportError:  # optional too: without it, zlib makes the gzip bodies
    deflate = None

# Headers kept with a body: an export's file name, and the API's Last-Modified and the
# headers that let other sites read it. (And the page's language: see make_entry.)
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Last-Modified",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Cross-Origin-Resource-Policy",
    "Vary",  # the API's Accept-Language
)

# Bodies smaller than this go out as they are: compressing them saves less than it costs.
COMPRESS_MIN_BYTES = 512

# A line break and the indentation after it: templates leave blank lines and indents that
# the browser collapses anyway (outside <pre> and <textarea>, which no cached page uses).
INDENTED_LINE_BREAK = re.compile(rb"\n\s+")


def make_entry(response, etag):
    """The entry for a rendered page: its bodies and headers, and its validator.

    Each body is compressed once, at the best level worth having, when the page is kept:
    every later request until the next edit gets it for free, and nothing is left to do
    after the answer has gone out. The levels chosen and what they cost are measured in
    docs/performance.md.
    """
    content = bytes(response.content)
    if response.get("Content-Type", "").startswith("text/html"):
        content = INDENTED_LINE_BREAK.sub(b"\n", content)
    bodies = {"identity": content}
    for encoding in encodings(content):
        bodies[encoding] = compress(content, encoding)
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    # The language the page was rendered in, which LocaleMiddleware names only once the
    # response has left the view: an early answer carries it too.
    headers["Content-Language"] = response.get("Content-Language") or translation.get_language()
    return {"etag": etag, "headers": headers, "bodies": bodies}


def encodings(content):
    """The encodings a body is kept in besides plain, best first."""
    if len(content) < COMPRESS_MIN_BYTES:
        return ()
    return ("br", "gzip") if brotli is not None else ("gzip",)


def compress(content, encoding):
    if encoding == "br":
        return brotli.compress(content, quality=10)
    if deflate is not None:  # libdeflate's best level; it returns a bytearray
        return bytes(deflate.gzip_compress(content, 12))
    return gzip.compress(content, compresslevel=9, mtime=0)


def respond(request, entry, state):
    """The response for a kept entry: the body in the best encoding the client accepts
    (none for a HEAD, which gets the same headers), or a 304 when its copy is current.

    Each encoding is its own representation with its own validator, as its bytes differ.
    """
    encoding = best_encoding(request.headers.get("Accept-Encoding", ""), entry["bodies"])
    body = entry["bodies"][encoding]
    response = HttpResponse(b"" if request.method == "HEAD" else body)
    for header, value in entry["headers"].items():
        response[header] = value
    response["Content-Length"] = str(len(body))  # a HEAD's too: what a GET would get
    if encoding != "identity":
        response["Content-Encoding"] = encoding
    if len(entry["bodies"]) > 1:
        patch_vary_headers(response, ["Accept-Encoding"])
    etag = entry["etag"] if encoding == "identity" else f'{entry["etag"][:-1]}-{encoding}"'
    response["ETag"] = etag
    response["Cache-Control"] = public_cache_control()
    response["X-Page-Cache"] = state
    # Django's own If-None-Match handling (weak comparison, "*"), as ConditionalGetMiddleware's.
    conditional = get_conditional_response(request, etag=etag, response=response)
    if conditional is None:
        return response
    if conditional.status_code == 304:
        for header, value in entry["headers"].items():
            if not header.startswith("Content-"):  # a 304 has no body to describe
                conditional[header] = value
    return conditional


def public_cache_control():
    seconds = settings.BROWSER_CACHE_SECONDS
    return f"public, max-age={seconds}, stale-while-revalidate={seconds}"


def best_encoding(accept_encoding, bodies):
    """The first kept encoding (best first) that the client accepts, or the plain body."""
    accepted = _accepted(accept_encoding)
    for encoding in bodies:
        if encoding != "identity" and (encoding in accepted or "*" in accepted):
            return encoding
    return "identity"


@lru_cache(maxsize=64)  # browsers send a handful of distinct headers
def _accepted(accept_encoding):
    """The encodings an Accept-Encoding header accepts (those with q=0 refused). Django
    parses only Accept (HttpRequest.accepts), so this small parser is ours."""
    accepted = set()
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        quality = params.strip().removeprefix("q=")
        if name and quality not in {"0", "0.0", "0.00", "0.000"}:
            accepted.add(name.strip().lower())
    return frozenset(accepted)
