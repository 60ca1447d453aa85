"""The README's first command really serves the site through gunicorn."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from careers.management.commands import serve

from .pages import soup
from .serving import SERVE, fetch, free_port, manage, running, site_env

pytestmark = pytest.mark.served


@pytest.fixture
def served_site(production_site, production_var_dir):
    """`manage.py serve` on a fresh SQLite database, DEBUG off, in its own process."""
    return production_site, production_var_dir


def test_serve_migrates_loads_content_and_serves_the_profile(served_site):
    base, var_dir = served_site
    status, _, html = fetch(base + "/occupations/customer-service-representatives/")
    assert status == 200
    for section_id in ("summary", "pay", "job-outlook", "sources"):
        assert f'<section id="{section_id}"' in html
    assert "$34,710 a year" in html
    assert (var_dir / "db.sqlite3").exists()
    log = (var_dir / "serve.log").read_text()
    assert "DEBUG off" in log
    assert "sqlite3" in log


def test_served_links_citations_and_qr_code_point_where_serve_binds(served_site):
    """Without CAREERS_SITE_URL, absolute URLs use the address that `serve --bind` was given
    (here a free port, not 8000)."""
    base, _ = served_site
    profile = "/occupations/customer-service-representatives/"
    page = soup(fetch(base + profile)[2])
    assert page.select_one('link[rel="canonical"]')["href"] == base + profile
    assert page.select_one('meta[property="og:url"]')["content"] == base + profile
    handout = soup(fetch(base + profile + "handout/")[2])
    # The handout's written-out link; its QR code holds the same URL (tests/test_print.py).
    assert handout.select(f'a[href="{base}{profile}"]')


def test_serve_stops_at_once_and_names_bind_when_the_port_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}"],
            cwd=django_settings.BASE_DIR,
            env=site_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    message = result.stderr.strip()
    assert f"Cannot serve on 127.0.0.1:{port}: Address already in use." in message
    assert "Choose another address with --bind, for example:" in message
    assert "uv run manage.py serve --bind 127.0.0.1:" in message
    assert "Can't connect" not in result.stdout + message
    assert "Operations to perform" not in result.stdout  # it stopped before migrating


@pytest.mark.parametrize(
    ("bind", "site_url", "expected"),
    [
        ("127.0.0.1:{port}", None, "http://127.0.0.1:{port}"),
        ("0.0.0.0:{port}", None, "http://127.0.0.1:{port}"),
        ("[::1]:{port}", None, "http://[::1]:{port}"),
        ("127.0.0.1:{port}", "https://careers.example.org", "https://careers.example.org"),
    ],
)
def test_serve_gives_gunicorn_the_origin_it_binds_unless_site_url_is_set(
    monkeypatch, settings, bind, site_url, expected
):
    port = free_port()
    if site_url:
        monkeypatch.setenv("CAREERS_SITE_URL", site_url)
    else:
        monkeypatch.delenv("CAREERS_SITE_URL", raising=False)
    settings.SITE_URL_IS_SET = bool(site_url)
    started = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kwargs: None)
    monkeypatch.setattr(
        serve.os, "execv", lambda path, args: started.append((args, os.environ["CAREERS_SITE_URL"]))
    )
    if bind.startswith("["):
        try:
            with socket.socket(socket.AF_INET6) as probe:
                probe.bind(("::1", 0))
        except OSError:
            pytest.skip("no IPv6 loopback here")
    call_command("serve", "--bind", bind.format(port=port))
    ((args, origin),) = started
    assert args[-2:] == ["--bind", bind.format(port=port)]
    assert origin == expected.format(port=port)


def test_served_static_files_are_hashed_and_compressed(served_site):
    base, _ = served_site
    _, _, html = fetch(base + "/")
    (stylesheet,) = [part.split('"')[0] for part in html.split('href="/static/')[1:2]]
    assert stylesheet.startswith("css/site.")
    assert stylesheet != "css/site.css"
    request = urllib.request.Request(
        f"{base}/static/{stylesheet}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in response.headers["Cache-Control"]


def test_served_404_is_styled_without_a_traceback(served_site):
    base, _ = served_site
    status, _, html = fetch(base + "/occupations/not-a-job/")
    assert status == 404
    assert "We could not find that page" in html
    assert "Traceback" not in html


def test_serve_still_starts_after_an_editor_deleted_an_occupation(tmp_path, prepare_site):
    env = site_env(prepare_site(tmp_path))  # migrated, content loaded
    manage(
        env,
        "shell",
        "-c",
        "from occupations.models import Occupation; "
        "Occupation.objects.get(slug='waiters-and-waitresses').delete()",
    )
    with running(SERVE, env, tmp_path / "serve.log") as base:
        status, _, _ = fetch(base + "/occupations/customer-service-representatives/")
        assert status == 200
        assert fetch(base + "/occupations/waiters-and-waitresses/")[0] == 404
    log = (tmp_path / "serve.log").read_text()
    assert "kept (its parent was removed or renamed by an editor)" in log


def answer_to(base, head, body=b"", timeout=5):
    """Send a request's head (and the start of a body) and return the status code the site
    answers with, without sending the rest: a site that waits for it fails the test."""
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=timeout) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        received = b""
        try:
            while b"\r\n" not in received:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                received += chunk
        except TimeoutError:
            pytest.fail(f"no answer within {timeout} s: the site is waiting for the body")
    return int(received.split(b" ", 2)[1])


def csrf_cookie(base):
    """A sign-in form's CSRF cookie: with it, Django's CSRF check reads the posted form."""
    _, headers, _ = fetch(base + "/admin/login/")
    return re.search(r"csrftoken=(\w+)", headers["Set-Cookie"])[1]


def test_a_body_over_the_limit_is_refused_before_it_is_read(served_site):
    """Without nginx in front: a 50 MB multipart post to the sign-in page is answered 413 as
    soon as its head arrives, and one of unknown length 411, instead of being read."""
    base, _ = served_site
    host = urlsplit(base).netloc
    post = (
        f"POST /admin/login/ HTTP/1.1\nHost: {host}\nCookie: csrftoken={csrf_cookie(base)}\n"
        "Content-Type: multipart/form-data; boundary=x\n"
    )
    part = b'--x\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n'
    assert answer_to(base, post + f"Content-Length: {50 * 2**20}\n", part) == 413
    chunked = post + "Transfer-Encoding: chunked\n"
    assert answer_to(base, chunked, f"{len(part):x}\r\n".encode() + part) == 411


def test_the_manifest_of_static_files_is_not_served(served_site):
    base, var_dir = served_site
    assert (var_dir / "staticfiles" / "staticfiles.json").exists()
    status, _, html = fetch(base + "/static/staticfiles.json")
    assert status == 404
    assert "We could not find that page" in html
    # The files it names still are, under their hashed names.
    (stylesheet,) = re.findall(r'href="(/static/css/site\.\w+\.css)"', fetch(base + "/")[2])
    assert fetch(base + stylesheet)[0] == 200


def test_a_bad_host_or_a_csrf_failure_is_one_line_in_the_log(served_site):
    """A client's mistake is logged as what it is, not as a traceback, which buries the
    site's own errors."""
    base, var_dir = served_site
    log = var_dir / "serve.log"
    start = log.stat().st_size
    assert fetch(base + "/", headers={"Host": "evil.example"})[0] == 400
    post = f"POST /admin/login/ HTTP/1.1\nHost: {urlsplit(base).netloc}\nContent-Length: 0\n"
    assert answer_to(base, post) == 403
    deadline = time.monotonic() + 5
    while (written := log.read_bytes()[start:].decode()).count('" 403 ') < 1:
        assert time.monotonic() < deadline, written
        time.sleep(0.1)
    assert "Traceback" not in written
    assert [line for line in written.splitlines() if "evil.example" in line] == [
        "Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to "
        "ALLOWED_HOSTS."
    ]
    assert [line for line in written.splitlines() if "Forbidden" in line] == [
        "Forbidden (CSRF cookie not set.): /admin/login/"
    ]
