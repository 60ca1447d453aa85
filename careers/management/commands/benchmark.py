"""Serve a fresh copy of the site with gunicorn and time real HTTP requests to every page.

Prints figures; asserts nothing. Traffic stays on 127.0.0.1 and every loop is bounded.
"""

import statistics
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.serving import SERVE, running, site_env

PAGES = [
    "/",
    "/occupations/customer-service-representatives/",
    "/occupations/customer-service-representatives/faq/",
    "/occupations/customer-service-representatives/over-time/",
    "/compare/customer-service-representatives/waiters-and-waitresses/",
    "/about-the-data/",
    "/occupations/no-such-job/",
]


def _get(url):
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            size = len(response.read())
    except urllib.error.HTTPError as error:
        size = len(error.read())
    return time.perf_counter() - started, size


class Command(BaseCommand):
    help = "Measure response times of every public page through gunicorn (prints a table)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="Requests per page.")
        parser.add_argument("--concurrency", type=int, default=4)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")

    def handle(self, *args, requests, concurrency, workers, **options):
        if not 1 <= requests <= 10_000 or not 1 <= concurrency <= 64:
            raise CommandError("Use 1–10000 requests and a concurrency of 1–64.")
        with self._server(workers) as base:
            self.stdout.write(
                f"{requests} requests per page, {concurrency} at a time, "
                f"gunicorn with {workers} workers, DEBUG off, SQLite\n"
            )
            self.stdout.write(
                f"{'page':<68} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'KiB':>6}"
            )
            for page in PAGES:
                url = base + page
                for _ in range(5):
                    _get(url)  # warm up templates and connections
                started = time.perf_counter()
                with ThreadPoolExecutor(concurrency) as pool:
                    results = list(pool.map(_get, [url] * requests))
                elapsed = time.perf_counter() - started
                times = sorted(seconds * 1000 for seconds, _ in results)
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                self.stdout.write(
                    f"{page:<68} {requests / elapsed:7.0f} {statistics.median(times):7.1f} "
                    f"{p95:7.1f} {times[-1]:7.1f} {results[0][1] / 1024:6.1f}"
                )

    @contextmanager
    def _server(self, workers):
        with tempfile.TemporaryDirectory() as var_dir:
            env = site_env(var_dir, GUNICORN_WORKERS=str(workers))
            try:
                with running(SERVE, env, Path(var_dir) / "serve.log") as base:
                    yield base
            except RuntimeError as error:
                raise CommandError(f"The server did not start: {error}") from error
