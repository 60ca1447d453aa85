"""Django's static files app, configured, the storage `collectstatic` writes with, and the
middleware that serves what it wrote (in a module of their own: careers/apps.py must hold
only the careers app's config, or Django cannot tell which one is the site's)."""

import hashlib
import os
import threading
from concurrent.futures import Future

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig
from whitenoise.compress import Compressor
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

try:
    import brotli
except ImportError:  # optional, as for whitenoise: without it, static files get gzip alone
    brotli = None


class StaticFilesConfig(BaseStaticFilesConfig):
    """Leaves out django-ninja's ReDoc bundle: the API docs page uses Swagger UI, and ReDoc
    (with its source map) would only slow every collectstatic. Swagger UI's script source
    map goes too: the script does not name it, so no browser ever asks for it, and at
    1.9 MB it cost more to compress than any other file. (Its style sheet names its map,
    so that one stays.)"""

    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "redoc.standalone.js*",
        "swagger-ui-bundle.js.map",
    ]


class ReusingCompressor(Compressor):
    """Whitenoise's compressor, which compresses each content once at Brotli's highest
    quality, the slow part of collectstatic (gzip is cheap, so it is always redone):

    - it keeps a Brotli file that still holds the file's current content. `serve` runs
      collectstatic at every start, and whitenoise compresses every file each time, changed
      or not: about 10 s of CPU, nearly all of a start. Decompressing the old .br to compare
      takes milliseconds.
    - a content met twice in one run is compressed once: most files are collected under
      their own name and again under their hashed name, with the same bytes.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # SHA-256 of a content → its Brotli bytes, shared by whitenoise's threads.
        self._brotli = {}
        self._lock = threading.Lock()

    def compress_brotli(self, data):
        digest = hashlib.sha256(data).digest()
        with self._lock:
            result = self._brotli.get(digest)
            first = result is None
            if first:
                result = self._brotli[digest] = Future()
        if first:
            try:
                result.set_result(brotli.compress(data))
            except BaseException as error:
                result.set_exception(error)
                raise
        return result.result()

    def compress(self, path):
        brotli_path = path + ".br"
        with open(path, "rb") as f:
            stat_result = os.fstat(f.fileno())
            data = f.read()
        if not (self.use_brotli and _decompresses_to(brotli_path, data)):
            return super().compress(path)
        os.utime(brotli_path, (stat_result.st_atime, stat_result.st_mtime))
        filenames = [brotli_path]
        if self.use_gzip:
            compressed = self.compress_gzip(data)
            if self.is_compressed_effectively("Gzip", path, len(data), compressed):
                filenames.append(self.write_data(path, compressed, ".gz", stat_result))
        return filenames


def _decompresses_to(compressed_path, data):
    try:
        with open(compressed_path, "rb") as f:
            return brotli.decompress(f.read()) == data
    except (OSError, brotli.error):
        return False


class ReusingCompressedManifestStorage(CompressedManifestStaticFilesStorage):
    """Hashed names and compressed copies, as whitenoise makes them, without compressing
    unchanged files again (ReusingCompressor)."""

    def create_compressor(self, **kwargs):
        return ReusingCompressor(**kwargs)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """Whitenoise, serving every collected file but the manifest.

    STATIC_ROOT/staticfiles.json maps each file's name to its hashed name, for the templates'
    {% static %}. It is no visitor's business: it lists every file collected, those no page
    links to included. Without it in whitenoise's list, /static/staticfiles.json goes on to
    the site's 404.
    """

    manifest_name = ReusingCompressedManifestStorage.manifest_name

    def is_manifest(self, url):
        return url == self.static_prefix + self.manifest_name

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        # Whitenoise lists the files once, at start-up, unless DEBUG has it look each up.
        if not self.is_manifest(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        # The look-up DEBUG (WHITENOISE_AUTOREFRESH) makes on every request instead.
        return None if self.is_manifest(url) else super().find_file(url)
