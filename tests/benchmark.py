"""Serve a fresh copy of the site with gunicorn and load it with wrk; print the figures.

Prints figures and asserts nothing. Traffic stays on 127.0.0.1, every loop is bounded, and
the whole run takes 18 x --duration wrk runs of one second, 9 more, the set-up, 160 first
renders (about 20 s), and three Lighthouse runs of about 13 s when Lighthouse is installed
(a fourth, should one fail). With the defaults that is two to three minutes.

With DATABASE_URL it works in a new database of its own on that server, and with REDIS_URL
under a key prefix of its own, and removes both at the end.
"""

import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
import redis
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tests.serving import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    SERVE,
    create_database,
    drop_database,
    manage,
    running,
    site_env,
)

CSR = "/occupations/customer-service-representatives/"
PAGES = {
    "home": "/",
    "profile": CSR,
    "FAQ": CSR + "faq/",
    "compare": "/compare/customer-service-representatives/waiters-and-waitresses/",
    "over time": CSR + "over-time/",
    "about": "/about-the-data/",
    "API detail": "/api/v1/occupations/customer-service-representatives/",
    "search": "/search/?q=call+center+rep",
}
CONNECTIONS = (16, 64)
# What a browser sends; the site keeps cached pages in gzip and Brotli and picks one by it.
BROWSER_ENCODINGS = "gzip, deflate, br"
COLD_SAMPLES = 20  # cold renders per page, after a content change each
COLD_SETTLE_SECONDS = 0.1  # rest before each of them (see COLD_SCRIPT)
WRK_INSTALL = "Install wrk first: sudo apt-get install wrk (Debian/Ubuntu) or brew install wrk."

# wrk prints the summary itself; this only reports it in a form that is easy to read back.
# When `count_statuses` is set, a response() callback also counts the status codes (it slows
# wrk a little, so only the conditional-request runs use it).
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
%(response)s
function done(summary, latency, requests)
  local e = summary.errors
  local counts = {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses")) do
      counts[tostring(code)] = n + (counts[tostring(code)] or 0)
    end
  end
  local parts = {}
  for code, n in pairs(counts) do table.insert(parts, string.format('"%%s": %%d', code, n)) end
  io.write(string.format(
    '\\nRESULT {"requests": %%d, "seconds": %%f, "bytes": %%d, "errors": %%d, '
    .. '"p50_ms": %%f, "p99_ms": %%f, "statuses": {%%s}}\\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ", ")))
end
"""
COUNT_STATUSES = "function response(status) statuses[status] = (statuses[status] or 0) + 1 end"

# Runs in the served copy's environment (manage.py shell): for each page, COLD_SAMPLES times,
# give the content a new version as an edit does, then time the page's next request. Edits
# land on a site at rest: each sample first waits out the work the server does after sending
# the last one (making and keeping the page's smallest bodies, about 40 ms of CPU), which
# would otherwise be timed into this one.
COLD_SCRIPT = """
import json, statistics, time, urllib.request
from django.db import transaction
from occupations.content_version import bump_content_version
result = {}
for path in PATHS:
    times = []
    for _ in range(SAMPLES):
        time.sleep(SETTLE_SECONDS)
        with transaction.atomic():
            bump_content_version()
        request = urllib.request.Request(BASE + path, headers={"Accept-Encoding": ENCODINGS})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    result[path] = statistics.median(times)
print("RESULT " + json.dumps(result))
"""


def _response(url, encoding):
    """(headers, body bytes as sent) of one GET with this Accept-Encoding."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers, response.read()


def _stylesheet(base):
    """The hashed URL of the site's CSS, from the home page's <link rel=stylesheet>."""
    _, body = _response(base + "/", "identity")
    for link in re.findall(r"<link\b[^>]*>", body.decode()):
        if re.search(r"rel=\"?stylesheet\b", link):
            return re.search(r"href=\"([^\"]+)\"", link).group(1)
    raise CommandError("The home page links no stylesheet.")


# Lighthouse (from npm, installed under var/tools as docs/performance.md says) scores these pages
# in Debian's Chromium with the flags the browser tests use (tests/serving.py); about 13 s
# each.
LIGHTHOUSE_PAGES = ("home", "profile", "FAQ")
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def _lighthouse(url, out):
    """Lighthouse's category scores for one page, or a reason why there are none."""
    program = settings.BASE_DIR / "var" / "tools" / "node_modules" / ".bin" / "lighthouse"
    if not program.exists() or not Path(CHROMIUM).exists():
        return "not installed (see docs/performance.md)"
    command = [
        str(program), url, "--output=json", f"--output-path={out}", "--quiet",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # Now and then Lighthouse fails to start Chromium or to record the page load, and says
    # to run it again; a second run usually works. A page failing twice is reported.
    for attempt in (1, 2):
        try:
            subprocess.run(command, env=env, timeout=90, check=True, capture_output=True, text=True)
            categories = json.loads(Path(out).read_text())["categories"]
        except subprocess.CalledProcessError as error:
            # Lighthouse says why on its last line of stderr.
            reason = (error.stderr or "").strip().splitlines()[-1:] or ["no message"]
            failure = f"failed (exit {error.returncode}, {attempt} runs): {reason[0]}"
        except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
            return f"failed: {error}"
        else:
            return {name: categories[name]["score"] for name in LIGHTHOUSE_CATEGORIES}
    return failure


@contextlib.contextmanager
def throwaway_database(url):
    """The URL of a new, empty database on the PostgreSQL server that `url` names, dropped
    afterwards."""
    name = f"careers_benchmark_{os.getpid()}"
    try:
        created = create_database(url, name)
    except psycopg.Error as error:
        message = f"Could not create a database on DATABASE_URL's server: {error}"
        raise CommandError(message) from error
    try:
        yield created
    finally:
        drop_database(url, name)


@contextlib.contextmanager
def own_redis_keys(url):
    """A key prefix of the benchmark's own in the Redis at `url`; its keys are deleted
    afterwards (the content version's never expires)."""
    prefix = f"benchmark-{os.getpid()}"
    try:
        yield prefix
    finally:
        client = redis.Redis.from_url(url)
        try:
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)
        finally:
            client.close()


def _kb(size):
    return f"{size / 1024:.1f}"


class Command(BaseCommand):
    help = (
        "Serve a fresh copy of the site with gunicorn (DEBUG off; SQLite and the file cache, "
        "or DATABASE_URL and REDIS_URL when set), load it with wrk at 16 and 64 connections "
        "and print requests/s, latency, errors, sizes, the 304 rate and cold render times."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--duration",
            type=int,
            default=3,
            help="Seconds of load per page and connection count, in 1 s runs (1-30; 3).",
        )
        parser.add_argument(
            "--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)."
        )
        parser.add_argument(
            "--threads", type=int, help="Threads per worker (default: gunicorn.conf.py's)."
        )
        parser.add_argument(
            "--no-lighthouse",
            action="store_false",
            dest="lighthouse",
            help="Skip the Lighthouse scores (about 40 s), as when comparing server settings.",
        )

    def handle(self, *args, duration, workers, threads, lighthouse, **options):
        if not 1 <= duration <= 30:
            raise CommandError(f"--duration must be 1 to 30 seconds, not {duration}.")
        for name, value in (("--workers", workers), ("--threads", threads)):
            if value is not None and not 1 <= value <= 64:
                raise CommandError(f"{name} must be 1 to 64, not {value}.")
        self.wrk = shutil.which("wrk")
        if not self.wrk:
            raise CommandError(f"wrk is not installed. {WRK_INSTALL}")
        self.duration = duration
        self.lighthouse = lighthouse

        overrides = {}
        if workers:
            overrides["GUNICORN_WORKERS"] = str(workers)
        if threads:
            overrides["GUNICORN_THREADS"] = str(threads)

        self.started = time.monotonic()
        with contextlib.ExitStack() as stack:
            # site_env() drops the caller's database and cache. The benchmark uses their
            # servers, but never their data: it loads, edits and caches content of its own.
            if "DATABASE_URL" in os.environ:
                overrides["DATABASE_URL"] = stack.enter_context(
                    throwaway_database(os.environ["DATABASE_URL"])
                )
            if "REDIS_URL" in os.environ:
                overrides["REDIS_URL"] = os.environ["REDIS_URL"]
                overrides["CAREERS_CACHE_KEY_PREFIX"] = stack.enter_context(
                    own_redis_keys(os.environ["REDIS_URL"])
                )
            var_dir = stack.enter_context(tempfile.TemporaryDirectory())
            env = site_env(var_dir, **overrides)
            try:
                with running(SERVE, env, Path(var_dir) / "serve.log") as base:
                    self.stdout.write(
                        f"Site set up and serving in {time.monotonic() - self.started:.0f} s."
                    )
                    self._measure(base, env, Path(var_dir))
            except RuntimeError as error:
                raise CommandError(f"The server did not start: {error}") from error

    def _measure(self, base, env, var_dir):
        pages = {"static CSS": _stylesheet(base), **PAGES}
        database = env.get("DATABASE_URL", "sqlite").split(":", 1)[0]
        cache = "Redis" if "REDIS_URL" in env else "file cache"
        setup = (env.get("GUNICORN_WORKERS", "default"), env.get("GUNICORN_THREADS", "default"))
        self.stdout.write(
            f"gunicorn ({setup[0]} workers, {setup[1]} threads), DEBUG off, {database}, "
            f"{cache}; wrk for {self.duration} runs of 1 s a page, in turns (req/s over all runs, "
            f"p50 and p99 the median run's); Accept-Encoding: {BROWSER_ENCODINGS}\n"
        )

        for path in pages.values():  # render and cache every page once
            _response(base + path, BROWSER_ENCODINGS)
        plain_script = self._script(var_dir / "plain.lua", count_statuses=False)
        counting_script = self._script(var_dir / "count.lua", count_statuses=True)
        encoding = ["-H", f"Accept-Encoding: {BROWSER_ENCODINGS}"]

        self.stdout.write(
            f"{'request':<12} {'conns':>5} {'req/s':>7} {'ratio':>6} {'p50 ms':>7} "
            f"{'p99 ms':>7} {'errors':>6} {'B/resp':>7}"
        )
        for connections in CONNECTIONS:
            # One-second runs, taking the pages in turn, `duration` times over: this machine's
            # speed drifts from second to second, and the turns spread the drift over every
            # page alike instead of one page getting a slow stretch.
            runs = {name: [] for name in pages}
            for _ in range(self.duration):
                for name, path in pages.items():
                    runs[name].append(
                        self._wrk(base + path, connections, plain_script, encoding, seconds=1)
                    )
            static_rate = None
            for name, rounds in runs.items():
                requests = sum(run["requests"] for run in rounds)
                rate = requests / sum(run["seconds"] for run in rounds)
                static_rate = static_rate or rate  # the static file comes first
                p50 = statistics.median(run["p50_ms"] for run in rounds)
                p99 = statistics.median(run["p99_ms"] for run in rounds)
                errors = sum(run["errors"] for run in rounds)
                size = sum(run["bytes"] for run in rounds) / max(requests, 1)
                self.stdout.write(
                    f"{name:<12} {connections:>5} {rate:>7.0f} {rate / static_rate:>6.2f} "
                    f"{p50:>7.2f} {p99:>7.2f} {errors:>6} {size:>7.0f}"
                )

        self.stdout.write(
            f"\n{'request':<12} {'plain KB':>8} {'gzip KB':>8} {'br KB':>8} {'304 rate':>8}"
        )
        for name, path in pages.items():
            url = base + path
            sizes = [len(_response(url, accept)[1]) for accept in ("identity", "gzip", "br")]
            etag = _response(url, BROWSER_ENCODINGS)[0].get("ETag")
            share = "no ETag"
            if etag:
                conditional = [*encoding, "-H", f"If-None-Match: {etag}"]
                # A share, not a speed: one second is enough.
                run = self._wrk(url, CONNECTIONS[0], counting_script, conditional, seconds=1)
                share = f"{run['statuses'].get('304', 0) / max(run['requests'], 1):.0%}"
            self.stdout.write(f"{name:<12} {' '.join(f'{_kb(s):>8}' for s in sizes)} {share:>8}")

        self.stdout.write(f"\nFirst render after a content change, median of {COLD_SAMPLES}:")
        code = (
            f"PATHS = {list(PAGES.values())!r}\nSAMPLES = {COLD_SAMPLES}\n"
            f"SETTLE_SECONDS = {COLD_SETTLE_SECONDS}\n"
            f"BASE = {base!r}\nENCODINGS = {BROWSER_ENCODINGS!r}\n{COLD_SCRIPT}"
        )
        output = manage(env, "shell", "--no-imports", "-c", code).stdout
        medians = json.loads(output.rsplit("RESULT ", 1)[1])
        for name, path in PAGES.items():
            self.stdout.write(f"{name:<12} {medians[path]:>7.1f} ms")

        if self.lighthouse:
            self.stdout.write("\nLighthouse scores (mobile, simulated throttling):")
        for name in LIGHTHOUSE_PAGES if self.lighthouse else ():
            scores = _lighthouse(base + PAGES[name], var_dir / "lighthouse.json")
            if isinstance(scores, dict):
                scores = "  ".join(
                    # Lighthouse gives no score (null) for a category it could not measure.
                    f"{category} {'n/a' if score is None else f'{score:.2f}'}"
                    for category, score in scores.items()
                )
            self.stdout.write(f"{name:<12} {scores}")
        self.stdout.write(f"\nFinished in {time.monotonic() - self.started:.0f} s.")

    def _script(self, path, count_statuses):
        path.write_text(WRK_SCRIPT % {"response": COUNT_STATUSES if count_statuses else ""})
        return path

    def _wrk(self, url, connections, script, headers, seconds=None):
        seconds = seconds or self.duration
        command = [
            self.wrk,
            *("--threads", "2", "--connections", str(connections)),
            *("--duration", f"{seconds}s", "--timeout", "5s", "--script", str(script)),
            *headers,
            url,
        ]
        output = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=seconds + 30
        ).stdout
        return json.loads(output.rsplit("RESULT ", 1)[1])


if __name__ == "__main__":
    # A script, not a management command: tooling stays out of the production packages.
    # `uv run python -m tests.benchmark --help` lists its options.
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careers.settings")
    django.setup()
    Command().run_from_argv(["python -m tests.benchmark", "benchmark", *sys.argv[1:]])
