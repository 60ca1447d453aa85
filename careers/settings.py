"""One settings module for every environment, configured by environment variables.

The defaults are safe for production (DEBUG off, a private secret key); the only
thing a fresh machine needs is the embedded SQLite database under ``var/``.
Every variable is read once, here, through django-environ's ``env``
(docs/settings-and-deploying.md lists them).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

# Everything the running site writes lives here, and git ignores it.
VAR_DIR = Path(env.str("DJANGO_VAR_DIR", default=str(BASE_DIR / "var")))
# Where the admin finds its copies of the source documents, to show a cited passage
# (occupations/passages.py). They are not part of the project; a checkout beside ../shared has
# them. Several folders, separated by ":".
_SHARED = BASE_DIR.parent / "shared"
SOURCE_DOCUMENT_DIRS = [
    Path(folder)
    for folder in env.str(
        "CAREERS_SOURCE_DOCUMENTS", default=f"{_SHARED / 'seeds'}:{_SHARED / 'reference'}"
    ).split(":")
    if folder
]
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _generated_secret_key(path):
    """Create the key once, even with two gunicorn workers booting at the same moment.

    The key is written whole to a file of this process's own, then linked into place:
    os.link fails if the name exists, so one worker's key wins, and the other reads a
    complete file. (Opening the real name with O_EXCL and then writing let the loser read
    the file while it was still empty: every page answered 500 until a restart.)
    """
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    own = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(own, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    try:
        os.link(own, path)
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        own.unlink()
    return key


# Read as it is: env.str() would take a key beginning with "$" (Django's generated keys may) for
# the name of another variable.
SECRET_KEY = env.ENVIRON.get("DJANGO_SECRET_KEY") or _generated_secret_key(VAR_DIR / "secret_key")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", cast=str.strip, default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: its fields are in place when the
    # admin's forms are built (occupations/translation.py).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "careers.staticfiles.StaticFilesConfig",  # django.contrib.staticfiles, less a bundle
    "django.contrib.sitemaps",
    # Full-text search and trigram lookups (occupations/search.py); harmless on SQLite.
    "django.contrib.postgres",
    # Serves the API docs page's script and styles from static/ (careers/api/endpoints.py).
    "ninja",
    "simple_history",
    "axes",
    "occupations",
    "careers",
]

MIDDLEWARE = [
    # First: every response (a 400 for a bad Host header included) gets the site's
    # security headers; then only a trusted proxy's forwarded headers are believed.
    "careers.edge.middleware.SecurityHeadersMiddleware",
    "careers.edge.middleware.TrustedProxyMiddleware",
    # A body over MAX_REQUEST_BODY_BYTES is refused before anything reads it.
    "careers.edge.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # whitenoise, less the manifest of hashed names (careers/staticfiles.py).
    "careers.staticfiles.StaticFilesMiddleware",
    # It only adds a header on the way out: outside the early cache path, so a cached
    # page answered there gets it too. (Django's CSP middleware is not used: the policy
    # has no nonces, so SecurityHeadersMiddleware sets it, built once, on every response.)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A cached page for an anonymous visitor is answered here, before everything below.
    "careers.pagecache.middleware.CachedPageMiddleware",
    # Whatever gets past it is work. A client past its limit is refused first, with a 429
    # (careers/edge/ratelimits.py); the rest is done by a bounded share of the worker's threads.
    "careers.edge.ratelimits.RateLimitMiddleware",
    "careers.edge.bulkhead.UncachedWorkMiddleware",
    "careers.edge.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the address's: English unprefixed, Spanish under /es/.
    "careers.edge.language.LanguageFromPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Only an editor may send the admin a body over 1 MB (BLS's files), read to disk.
    "careers.edge.middleware.UploadsMiddleware",
    # After a save in the admin, the editor's browser drops the public pages it kept.
    "careers.edge.middleware.EditorsSeeTheirEditsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Nearest the views: a view that cannot reach the database answers 503, not 500.
    "careers.edge.middleware.DatabaseOutageMiddleware",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "careers.urls"
WSGI_APPLICATION = "careers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careers.pages.context_processors.site",
                "careers.pages.context_processors.sharing",
                "careers.pages.context_processors.footnotes",
            ],
            # The pages' tags live with the pages (careers/pages/templatetags), not in an
            # app's templatetags folder, so they are named here.
            "libraries": {
                "footnotes": "careers.pages.templatetags.footnote_tags",
                "figures": "careers.pages.templatetags.figures",
                "page_meta": "careers.pages.templatetags.page_meta",
                "pay_tags": "careers.pages.templatetags.pay_tags",
                "languages": "careers.pages.templatetags.language_tags",
            },
        },
    },
]

DATABASES = {
    "default": {
        **env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Connections are reused for a minute, and checked before a request reuses one.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
# PostgreSQL through Django's own backend, with a bound on every answer (careers/postgresql/).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "careers.postgresql"
DATABASE_OPTIONS = {
    # SQLite: WAL lets readers work while one writer writes; every transaction takes
    # the write lock when it begins, and waits up to 20 s for it instead of failing.
    "django.db.backends.sqlite3": {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    },
    # PostgreSQL: a server that does not answer costs a request seconds, not minutes.
    # careers/wsgi.py bounds statements and answers for web requests; commands such as
    # load_content (which may wait for another run's lock) default to no bound.
    "careers.postgresql": {
        "connect_timeout": env.int("DJANGO_DB_CONNECT_TIMEOUT", default=3),
        "options": f"-c statement_timeout={env.int('DJANGO_DB_STATEMENT_TIMEOUT_MS', default=0)}",
        # How long the site waits for any answer from the server (careers/postgresql/base.py).
        "response_timeout": env.float("DJANGO_DB_RESPONSE_TIMEOUT", default=0) or None,
        # A server gone from the network (its packets unacknowledged) is dropped within 5 s
        # of sending to it, and an idle connection to it within about 40 s.
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 5,
        "keepalives_count": 2,
        "tcp_user_timeout": 5000,
    },
}
DATABASES["default"]["OPTIONS"] = {
    **DATABASE_OPTIONS.get(DATABASES["default"]["ENGINE"], {}),
    **DATABASES["default"].get("OPTIONS", {}),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The public origin: every absolute URL the site writes (JSON-LD, sitemap, robots.txt)
# starts with it, never with a Host header a client sent.
SITE_URL = env.str("CAREERS_SITE_URL", default="").strip().rstrip("/")
SITE_URL_IS_SET = bool(SITE_URL)
SITE_URL = SITE_URL or "http://127.0.0.1:8000"
CSRF_TRUSTED_ORIGINS = [SITE_URL]

# Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, as
# addresses or networks ("127.0.0.1", "10.0.0.5"). From anyone else those
# headers are dropped (careers.edge.middleware.TrustedProxyMiddleware). gunicorn.conf.py
# hands the same variable to gunicorn as its forwarded_allow_ips.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", cast=str.strip, default=[])
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Admin sign-in protection: five failures for one account, from any address, or from one
# address, for any accounts, lock that account or that address out for 15 minutes; attempts
# during the lockout do not extend it. By account too, because a trusted proxy's
# X-Forwarded-For can name a new address on every attempt; by address too, so that one
# password tried across many accounts is limited.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful sign-in does not wipe the count: it would wipe every failure from its address,
# other accounts' too. Failures are forgotten once the cool-off has passed since the last one.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's address, through django-ipware. TrustedProxyMiddleware has already dropped any
# X-Forwarded-For that a trusted proxy did not send, so it is read when present, and the
# last address in it is the one the nearest proxy saw connect (nginx sends that address
# alone). Not AXES_IPWARE_PROXY_TRUSTED_IPS: ipware matches those against the proxies listed
# inside X-Forwarded-For, and the trusted proxy is the peer, not one of them.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_IPWARE_PROXY_COUNT = 0
# More addresses than that (a client's own X-Forwarded-For, which a proxy appended to): take
# the last one rather than give up on the header, as ipware's strict mode would.
IPWARE_STRICT = False
AXES_LOCKOUT_CALLABLE = "careers.pages.views.locked_out"

# Requests per client address (the one above) and minute, counted in the shared cache by
# django-ratelimit (careers/edge/ratelimits.py). A school or an office shares one address, so
# they are several times what one person sends. The sign-in limit counts posted forms only.
RATE_LIMITS = {
    "search": env.str("CAREERS_SEARCH_RATE", default="60/m"),
    "api": env.str("CAREERS_API_RATE", default="120/m"),
    "exports": env.str("CAREERS_EXPORTS_RATE", default="30/m"),
    "sign-in": env.str("CAREERS_SIGN_IN_RATE", default="10/m"),
}
AXES_VERBOSE = False

# Only editors have sessions; they end after this many hours.
SESSION_COOKIE_AGE = int(env.float("CAREERS_ADMIN_SESSION_HOURS", default=8) * 3600)

# An occupation's change page posts every part of the profile as an inline row, each with
# its citation: Django's default of 1,000 fields is too few once a profile grows.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The site takes forms, never files: a request body over 1 MB is answered 413 before it is
# read (careers.edge.middleware.RequestBodyLimitMiddleware), as nginx's client_max_body_size
# answers it (careers/deploy/nginx.conf), so the limit holds without nginx too. Django's own
# limit covers a body's form fields alone, not a multipart body's file parts.
MAX_REQUEST_BODY_BYTES = 1024 * 1024
# The one exception: BLS's files, uploaded by an editor in the admin's "Import a BLS release"
# (occupations/bls/uploads.py). BLS's full OEWS data file is 331,509,758 bytes (May 2025).
# Only a signed-in editor may send a body this large (careers/edge/middleware.py), and it is
# streamed to disk: FILE_UPLOAD_MAX_MEMORY_SIZE keeps Django's default of 2.5 MB in memory.
BLS_UPLOAD_MAX_BYTES = env.int("CAREERS_BLS_UPLOAD_MAX_MB", default=600) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES

# The admin lives at a path of the operator's choosing.
ADMIN_PATH = env.str("DJANGO_ADMIN_PATH", default="admin/").strip("/") + "/"

# Figures whose period began more than this many years ago are flagged in the admin.
STALE_FIGURE_YEARS = env.int("CAREERS_STALE_FIGURE_YEARS", default=5)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# English at the unprefixed addresses, Spanish under /es/ (careers/urls.py). The content's
# Spanish sits beside its English in the same rows (django-modeltranslation), so history and
# the version check cover both; a Spanish text missing or older than its English shows the
# English, marked (occupations/languages.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
# The Spanish pages keep the U.S. separators (careers/formats/es/formats.py).
FORMAT_MODULE_PATH = ["careers.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# The Spanish pages are offered (the language link, hreflang, the sitemap) and indexed. Off,
# they still answer under /es/ but carry noindex and no page links to them: for a site whose
# Spanish is being rewritten.
SPANISH_PUBLISHED = env.bool("CAREERS_SPANISH_PUBLISHED", default=True)
# A Spanish text not written yet reads as the English, so nothing is ever blank; the pages
# mark such English, and also show the English where the Spanish is older than it
# (occupations/languages.py).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "careers.staticfiles.ReusingCompressedManifestStorage"},
}

# Security headers. The public pages carry no inline script or style, so the
# policy can stay strict; JSON-LD blocks are data, which CSP does not execute.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "careers.pages.views.csrf_failure"

# Production over HTTPS. Off by default so `manage.py serve` works on http://127.0.0.1.
HTTPS = env.bool("DJANGO_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Preloading is hard to undo, so it is asked for on its own.
SECURE_HSTS_PRELOAD = HTTPS and env.bool("DJANGO_HSTS_PRELOAD", default=False)
# Without DJANGO_HSTS_PRELOAD, leaving preload off is the operator's choice, not an oversight.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Rendered public pages are cached until content changes (see occupations/content_version.py).
# Workers must share the cache: Redis when REDIS_URL is set, otherwise files in var/.
REDIS_URL = env.str("REDIS_URL", default="")
# A hung Redis must cost a request a fraction of a second, not five.
REDIS_OPTIONS = {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}
# After a cache error, a process leaves the cache alone for this long.
CACHE_RETRY_SECONDS = 5
# How long the cache's copy of the content version, or a worker's own, is trusted before
# the database is asked again (in the background): the longest an edit made in another
# worker can stay hidden while the cache is out of reach.
VERSION_RECHECK_SECONDS = env.int("CAREERS_VERSION_RECHECK_SECONDS", default=10)
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CAREERS_CACHE_KEY_PREFIX", default=""),
            "OPTIONS": REDIS_OPTIONS,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    ),
    # Each worker's own copy of the pages it served (careers/pagecache/store.py), so a hit
    # reads only the version from the shared cache. 200 pages of at most about 100 KB (a
    # profile's three bodies are 36 KB) is at most about 20 MB a worker.
    "pages-memory": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages-memory",
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
}
# How many requests each worker renders at once (careers/edge/bulkhead.py); past that, a
# request that the page cache cannot answer gets a 503 asking to retry after a few seconds (0:
# no limit).
UNCACHED_WORK_SLOTS = env.int("CAREERS_UNCACHED_WORK_SLOTS", default=4)
BUSY_RETRY_AFTER_SECONDS = 5
# The rate limits' counts (careers/edge/ratelimits.py) live in Redis, shared by every worker and
# node. The file cache cannot count (two workers adding one each can leave one), so without Redis
# each worker counts its own clients' requests in memory, and a client may send the limit to
# each worker.
RATELIMIT_USE_CACHE = "default" if REDIS_URL else "ratelimits"
CACHES["ratelimits"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "ratelimits",
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}
PAGE_CACHE_SECONDS = env.int("CAREERS_PAGE_CACHE_SECONDS", default=24 * 60 * 60)
# How long browsers and shared caches (a CDN) may keep a public page before asking again;
# they may serve it as long again while they revalidate it in the background.
BROWSER_CACHE_SECONDS = env.int("CAREERS_BROWSER_CACHE_SECONDS", default=300)

# Public site facts used in templates and JSON-LD.
# Marked for translation: pages show it in their language (careers/pages/context_processors.py).
SITE_NAME = gettext_noop("Customer Service Careers")

# Warnings and errors (including unhandled exceptions) go to stderr, where
# gunicorn and CI collect them; tracebacks never reach a visitor. A client's error (a 4xx:
# a disallowed Host header, a CSRF failure) is one line, without a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_on_one_line": {"()": "careers.edge.logs.ClientErrorsOnOneLine"},
        "refusals_not_repeated": {"()": "careers.edge.logs.RefusalsNotRepeated"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_on_one_line", "refusals_not_repeated"],
        }
    },
    "root": {"handlers": ["stderr"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
