"""Time import_bls on the shipped extract and on a generated full-size data file.

Prints figures and asserts nothing. Each import runs in a child process (as an editor
runs it) on a scratch SQLite database in a temporary folder, and its wall time and peak
memory (the child's maximum resident set) are read when it ends:

1. the shipped extract into a database with the fixtures but no BLS data: a first import;
2. the same again: a re-import, which reads and compares everything and writes nothing;
3. a generated oe.data.0.Current of --rows rows (six million by default, about 250 MB,
   the size of BLS's full file) as a new release, May 2026, with --dry-run: every row is
   read and checked and the release is written, then rolled back.

With the defaults it takes about two minutes and needs about 300 MB of disk for a moment.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tests.bls_generate import write_data_file
from tests.serving import manage, site_env

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "bls"
KEEP = {"434051", "353031", "000000"}  # the site's occupations and all occupations
LOOKUPS = ("oe.area", "oe.industry", "oe.occupation", "oe.datatype", "oe.footnote")


def timed(env, *args):
    """Run manage.py with `args`; (seconds, peak resident memory in MB, output)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


BARE_READ = "import sys; print(sum(1 for line in open(sys.argv[1]) if line.split('\\t')))"


def bare_read(path):
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", BARE_READ, str(path)], stdout=subprocess.PIPE)
    child.stdout.read()
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, ""


class Command(BaseCommand):
    help = "Time import_bls on the shipped extract and on a generated full-size file."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=6_000_000)

    def handle(self, *args, rows, **options):
        with tempfile.TemporaryDirectory(prefix="import-benchmark-") as folder:
            folder = Path(folder)
            env = site_env(folder / "var", DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}")
            manage(env, "migrate", "-v0")
            manage(env, "load_content", "--without-bls")
            extract_rows = len((SHIPPED / "oe.data.0.Current").read_text().splitlines()) - 1
            self.report(
                "Extract, first import", extract_rows, *timed(env, "import_bls", str(SHIPPED))
            )
            self.report("Extract, re-import", extract_rows, *timed(env, "import_bls", str(SHIPPED)))

            big = folder / "full"
            big.mkdir()
            for name in LOOKUPS:
                shutil.copy(SHIPPED / name, big / name)
            (big / "oe.release").write_text("release_date\tdescription\n2026A01\tMay 2026\n")
            started = time.perf_counter()
            data = big / "oe.data.0.Current"
            write_data_file(data, rows, SHIPPED / "oe.data.0.Current", KEEP, year="2026")
            self.stdout.write(
                f"Generated {rows:,} rows ({data.stat().st_size / 10**6:,.0f} MB) in "
                f"{time.perf_counter() - started:.1f} s"
            )
            self.report(
                "Full-size file, new release (dry run)",
                rows,
                *timed(env, "import_bls", "--dry-run", str(big)),
            )
            # The floor: a child that only reads the file and splits its lines on tabs.
            self.report("Baseline, split the same file's lines", rows, *bare_read(data))

    def report(self, label, rows, seconds, peak_mb, output):
        self.stdout.write(
            f"{label}: {rows:,} rows in {seconds:.1f} s, {rows / seconds:,.0f} rows/s, "
            f"peak memory {peak_mb:,.0f} MB"
        )


if __name__ == "__main__":
    # A script, not a management command: tooling stays out of the production packages.
    # `uv run python -m tests.benchmark_import --help` lists its options.
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careers.settings")
    django.setup()
    Command().run_from_argv(["python -m tests.benchmark_import", "benchmark_import", *sys.argv[1:]])
