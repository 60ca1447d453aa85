import os
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from gunicorn.util import parse_address

from occupations.bls.uploads import clear_stale as clear_stale_uploads


def netloc(host, port):
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def check_free(host, port):
    """Stop at once, naming --bind, if the address is taken: gunicorn would retry for five
    seconds, then say only "Can't connect"."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            sock.bind((host, port))
            return
        except OSError as error:
            problem = error.strerror
        try:  # suggest a port that is free now
            sock.bind((host, 0))
            example = netloc(host, sock.getsockname()[1])
        except OSError:
            example = "127.0.0.1:8123"
    raise CommandError(
        f"Cannot serve on {netloc(host, port)}: {problem}. Choose another address with "
        f"--bind, for example: uv run manage.py serve --bind {example}"
    )


def origin(host, port):
    """The site's origin when it is served at host:port (0.0.0.0 and :: mean this machine)."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://{netloc(host, port)}"


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
        address = parse_address(bind)
        if isinstance(address, tuple):  # not a Unix socket or a file descriptor
            check_free(*address)
            # Links, citations and the handout's QR code point where the site is served,
            # unless CAREERS_SITE_URL names the public origin.
            if not settings.SITE_URL_IS_SET:
                os.environ["CAREERS_SITE_URL"] = origin(*address)
        call_command("migrate", interactive=False, verbosity=1)
        call_command("load_content")
        call_command("collectstatic", interactive=False, verbosity=0)
        # Uploads of BLS's files that no editor confirmed (the admin clears them too, on its
        # next visit to the import page).
        clear_stale_uploads()
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
