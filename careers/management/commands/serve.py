import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Set up and serve the site as production does: migrate, load content, collect "
        "static files, then run gunicorn with gunicorn.conf.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="Address for gunicorn.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="gunicorn worker processes (default: from gunicorn.conf.py, one per core).",
        )

    def handle(self, *args, bind, workers, **options):
        call_command("migrate", interactive=False, verbosity=1)
        call_command("load_content")
        call_command("collectstatic", interactive=False, verbosity=0)
        debug = "on" if settings.DEBUG else "off"
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        self.stdout.write(f"Serving on http://{bind}/ (DEBUG {debug}, database {database}).")
        sys.stdout.flush()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "careers.wsgi:application",
            "--config",
            str(settings.BASE_DIR / "gunicorn.conf.py"),
            "--bind",
            bind,
        ]
        if workers is not None:
            command += ["--workers", str(workers)]
        # Replace this process so gunicorn receives signals (Ctrl+C) directly.
        os.execv(sys.executable, command)
