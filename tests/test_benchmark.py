"""tests/benchmark.py: its options, and a clear error for bad values before it starts anything."""

import psycopg
import pytest
import redis
from django.core.management import CommandError, call_command

from . import benchmark
from .benchmark import Command
from .needs import REDIS_TEST_DB, require_postgres, require_redis
from .serving import free_port


def test_help_lists_the_options():
    help_text = Command().create_parser("manage.py", "benchmark").format_help()
    for option in ("--duration", "--workers", "--threads", "--no-lighthouse"):
        assert option in help_text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--duration", "0"], "--duration must be 1 to 30 seconds, not 0."),
        (["--duration", "31"], "--duration must be 1 to 30 seconds, not 31."),
        (["--workers", "0"], "--workers must be 1 to 64, not 0."),
        (["--threads", "65"], "--threads must be 1 to 64, not 65."),
    ],
)
def test_bad_values_are_refused_before_the_site_starts(args, message):
    with pytest.raises(CommandError) as error:
        call_command(Command(), *args)
    assert str(error.value) == message


def test_without_wrk_it_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no wrk in it
    with pytest.raises(CommandError, match=r"wrk is not installed.*apt-get install wrk"):
        call_command(Command())


FAKE_LIGHTHOUSE = """#!/bin/sh
# Fails while the count file says so, as Lighthouse does now and then, then scores the page.
count=$(cat "$(dirname "$0")/failures")
if [ "$count" -gt 0 ]; then
  echo $((count - 1)) > "$(dirname "$0")/failures"
  echo "Runtime error encountered: Please run Lighthouse again. (NO_NAVSTART)" >&2
  exit 1
fi
for arg in "$@"; do
  case "$arg" in --output-path=*) out="${arg#--output-path=}" ;; esac
done
echo '{"categories": {"performance": {"score": 0.99}, "accessibility": {"score": 1},
  "best-practices": {"score": 1}, "seo": {"score": 1}}}' > "$out"
"""


@pytest.fixture
def fake_lighthouse(settings, tmp_path, monkeypatch):
    """A stand-in for Lighthouse's command that fails a given number of times first."""
    tools = tmp_path / "var" / "tools" / "node_modules" / ".bin"
    tools.mkdir(parents=True)
    program = tools / "lighthouse"
    program.write_text(FAKE_LIGHTHOUSE)
    program.chmod(0o755)
    settings.BASE_DIR = tmp_path
    monkeypatch.setattr(benchmark, "CHROMIUM", "/bin/sh")  # only checked to exist

    def failing(times):
        (tools / "failures").write_text(str(times))

    return failing


def test_a_lighthouse_run_that_fails_once_is_run_again(fake_lighthouse, tmp_path):
    fake_lighthouse(1)
    scores = benchmark._lighthouse("http://127.0.0.1:1/", tmp_path / "report.json")
    assert scores == {"performance": 0.99, "accessibility": 1, "best-practices": 1, "seo": 1}


def test_a_page_lighthouse_fails_twice_on_is_reported_with_its_reason(fake_lighthouse, tmp_path):
    fake_lighthouse(2)
    result = benchmark._lighthouse("http://127.0.0.1:1/", tmp_path / "report.json")
    assert result == (
        "failed (exit 1, 2 runs): Runtime error encountered: Please run Lighthouse again. "
        "(NO_NAVSTART)"
    )


@pytest.mark.services
def test_with_database_url_it_uses_a_database_of_its_own_and_drops_it():
    """The benchmark loads and edits content: never in the database DATABASE_URL names."""
    require_postgres()
    given = "postgres://postgres@127.0.0.1:5432/postgres"
    with benchmark.throwaway_database(given) as url:
        name = url.rsplit("/", 1)[1]
        assert name.startswith("careers_benchmark_")
        assert url == f"postgres://postgres@127.0.0.1:5432/{name}"
        with psycopg.connect(url) as connection:  # it exists, and takes connections
            assert connection.execute("SELECT current_database()").fetchone() == (name,)
    with psycopg.connect(given) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        assert found.fetchone() is None, "dropped afterwards"


def test_a_database_server_out_of_reach_is_a_clear_error():
    unreachable = f"postgres://postgres@127.0.0.1:{free_port()}/x"
    message = "Could not create a database on DATABASE_URL's server"
    with pytest.raises(CommandError, match=message), benchmark.throwaway_database(unreachable):
        pass


@pytest.mark.services
def test_with_redis_url_its_keys_have_a_prefix_of_their_own_and_are_deleted_after():
    require_redis()
    url = f"redis://127.0.0.1:6379/{REDIS_TEST_DB}"
    client = redis.Redis.from_url(url)
    client.set("someone-else:1:content-version", "kept")
    try:
        with benchmark.own_redis_keys(url) as prefix:
            client.set(f"{prefix}:1:content-version", "theirs")  # never expires
            client.set(f"{prefix}:1:page:/", "a page", ex=3600)
        assert list(client.scan_iter(f"{prefix}:*")) == []
        assert client.get("someone-else:1:content-version") == b"kept"
    finally:
        client.delete("someone-else:1:content-version")
        client.close()
