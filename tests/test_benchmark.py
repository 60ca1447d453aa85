"""manage.py benchmark: its options, and a clear error for bad values before it starts anything."""

import pytest
from django.core.management import CommandError, call_command

from careers.management.commands import benchmark
from careers.management.commands.benchmark import Command


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
        call_command("benchmark", *args)
    assert str(error.value) == message


def test_without_wrk_it_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no wrk in it
    with pytest.raises(CommandError, match=r"wrk is not installed.*apt-get install wrk"):
        call_command("benchmark")


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
