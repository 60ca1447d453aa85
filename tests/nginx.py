"""The shipped nginx configuration (careers/deploy/nginx.conf), run in front of a served copy
of the site on 127.0.0.1, as a public deployment runs it."""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings

from .serving import free_port

NGINX_CONF = settings.BASE_DIR / "careers" / "deploy" / "nginx.conf"
HOST = "careers.example.org"  # the shipped file's server_name: nginx drops requests for others


def adapted_config(folder, port, upstream_port):
    """The shipped nginx.conf, to run as this user on 127.0.0.1:`port` without a certificate.

    As `.ci/run` checks it with `nginx -t`, but served: the site's server block answers plain
    HTTP on `port` (its default server, which drops other host names, too), and the redirect to
    HTTPS listens on a second free port.
    """
    text = NGINX_CONF.read_text()
    replacements = [
        ("user www-data;\n", ""),
        ("pid /run/nginx.pid;", f"pid {folder}/nginx.pid;"),
        ("/var/log/nginx/", f"{folder}/"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
        (
            "http {\n",
            "http {\n"
            + "".join(
                f"    {kind}_temp_path {folder}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            ),
        ),
    ]
    for old, new in replacements:
        assert old in text, f"{NGINX_CONF} no longer has {old!r}: adapt this test"
        text = text.replace(old, new)
    text = re.sub(r"\n\s*listen \[::\]:[^;]*;", "", text)
    text = re.sub(r"\n\s*ssl_\w+ [^;]*;", "", text)
    text = text.replace("listen 443 ssl", f"listen 127.0.0.1:{port}")
    return re.sub(r"listen 80\b", f"listen 127.0.0.1:{free_port()}", text)


def nginx_binary():
    found = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))
    if found is None:
        message = "no nginx: install Debian's package `nginx` (.ci/run does)"
        if os.environ.get("CAREERS_REQUIRE_BROWSER") == "1":  # set by .ci/run, which installs it
            pytest.fail(message)
        pytest.skip(message)
    return found


@contextlib.contextmanager
def nginx_in_front(folder, upstream_port):
    """nginx with the adapted configuration, in the foreground; yields its base URL."""
    nginx = nginx_binary()
    folder.mkdir()
    port = free_port()
    (folder / "nginx.conf").write_text(adapted_config(folder, port, upstream_port))
    log = folder / "error.log"
    command = [nginx, "-c", f"{folder}/nginx.conf", "-p", f"{folder}/", "-e", str(log)]
    with open(log, "w") as output:
        process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert process.poll() is None, f"nginx exited: {log.read_text()}"
            assert time.monotonic() < deadline, f"nginx did not listen: {log.read_text()}"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
