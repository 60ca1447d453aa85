"""manage.py benchmark: its options, and a clear error for bad values before it starts anything."""

import pytest
from django.core.management import CommandError, call_command

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
