"""Security headers on every public page, and a clean `check --deploy` over HTTPS."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.csp import CSP

from careers.checks import csp_has_no_nonce

from .crawl import sampled_out, sitemap_paths
from .pages import get_html, soup
from .serving import probe, site_env


def public_urls(client):
    """Every page in the sitemap (the Spanish twins sampled as the crawl samples them: the same
    views, so the same headers), plus the pages only reached by link."""
    urls = sitemap_paths(get_html(client, reverse("careers:sitemap")))
    urls = [url for url in urls if not (url.startswith("/es/") and sampled_out(url))]
    return [*urls, reverse("careers:sitemap"), reverse("careers:robots")]


def test_sitemap_lists_every_public_page(client, db):
    urls = public_urls(client)
    for expected in (
        "/",
        "/occupations/customer-service-representatives/",
        "/occupations/customer-service-representatives/faq/",
        "/occupations/customer-service-representatives/over-time/",
        "/compare/",
        "/compare/customer-service-representatives/waiters-and-waitresses/",
        "/about-the-data/",
        "/glossary/",
    ):
        assert expected in urls


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.same_on_every_database
def test_every_public_page_sends_the_security_headers(client, db):
    for url in public_urls(client):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


def test_error_pages_send_the_security_headers_too(client, db):
    response = client.get("/occupations/not-a-job/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_a_report_only_policy_goes_out_beside_the_enforced_one(client, db, settings):
    """An operator can try a stricter policy (SECURE_CSP_REPORT_ONLY) before enforcing it."""
    settings.SECURE_CSP_REPORT_ONLY = {"default-src": ["'none'"], "report-uri": "/csp/"}
    response = client.get(reverse("careers:home"))
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'; report-uri /csp/"
    assert_security_headers(response)  # the enforced policy is unchanged


def test_a_policy_with_a_nonce_is_refused_by_the_checks(settings):
    """SecurityHeadersMiddleware sends one policy built once; a nonce differs on every response."""
    assert csp_has_no_nonce(None) == []
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": [CSP.SELF, CSP.NONCE]}
    assert [error.id for error in csp_has_no_nonce(None)] == ["careers.E001"]


def test_no_template_carries_inline_script_or_style():
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text()
        assert " style=" not in text, path
        assert "<style" not in text, path
        for attributes in re.findall(r"<script([^>]*)>", text):
            assert 'type="application/ld+json"' in attributes, path
        assert not re.search(r"\son[a-z]+=", text), f"inline event handler in {path}"


HTTPS_PROBE = """
import json
from django.test import Client
plain = Client().get('/robots.txt', HTTP_HOST='localhost')
secure = Client().get('/robots.txt', HTTP_HOST='localhost', secure=True)
login = Client().get('/admin/login/', HTTP_HOST='localhost', secure=True)
cookie = login.cookies['csrftoken']
print(json.dumps({
    'redirect': [plain.status_code, plain.get('Location')],
    'hsts': secure.get('Strict-Transport-Security'),
    'csrf': {k: cookie[k] for k in ('secure', 'httponly', 'samesite')},
}))
"""


@pytest.fixture
def https_env(tmp_path):
    return site_env(
        tmp_path,
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="1",
        DJANGO_SECRET_KEY="x7Qp-" + "k9w2Lr8vZt4Nb6Yc3Hm5Jd1Fs0Ga" * 2,
        CAREERS_SITE_URL="https://careers.example.org",
        # The public host, as a deployment allows it; localhost for HTTPS_PROBE's requests.
        DJANGO_ALLOWED_HOSTS="careers.example.org,localhost",
    )


def check_deploy(env):
    """`check --deploy` as behind nginx on the same host (which a test may unset)."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={"DJANGO_TRUSTED_PROXIES": "127.0.0.1", **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.served
def test_check_deploy_is_clean_over_https(https_env):
    result = check_deploy({**https_env, "DJANGO_HSTS_PRELOAD": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    # Without the preload opt-in, only the preload reminder is silenced.
    result = check_deploy(https_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


@pytest.mark.served
def test_check_deploy_warns_without_a_canonical_site_url(https_env):
    env = {key: value for key, value in https_env.items() if key != "CAREERS_SITE_URL"}
    result = check_deploy(env)
    assert result.returncode == 1
    assert "careers.W001" in result.stdout + result.stderr
    assert "CAREERS_SITE_URL is not set" in result.stdout + result.stderr


@pytest.mark.served
def test_check_deploy_warns_over_https_without_trusted_proxies(https_env):
    # Behind a proxy that is not named, every client has the proxy's address.
    result = check_deploy({**https_env, "DJANGO_TRUSTED_PROXIES": ""})
    assert result.returncode == 1
    assert "careers.W003" in result.stdout + result.stderr


@pytest.mark.served
def test_a_mistyped_rate_limit_stops_the_start(https_env):
    result = check_deploy({**https_env, "CAREERS_SEARCH_RATE": "sixty a minute"})
    assert result.returncode == 1
    assert "careers.E002" in result.stderr
    assert "The search rate limit 'sixty a minute' is not a rate." in result.stderr


@pytest.mark.served
def test_check_deploy_warns_when_the_site_url_host_is_not_allowed(https_env):
    # Every request for the public address would be answered 400.
    result = check_deploy({**https_env, "DJANGO_ALLOWED_HOSTS": "www.example.org"})
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "careers.W002" in output
    assert "The host of CAREERS_SITE_URL, careers.example.org, is not in" in output
    # A wildcard that covers it is enough.
    result = check_deploy({**https_env, "DJANGO_ALLOWED_HOSTS": ".example.org"})
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.served
def test_https_mode_redirects_sends_hsts_and_secures_cookies(https_env, tmp_path, prepare_site):
    # The admin's sign-in page names its static files by their hashed names, from the
    # manifest that collectstatic writes: copy the collected files of the site template.
    prepare_site(tmp_path, database=False)
    answer = probe(HTTPS_PROBE, https_env)
    assert answer["redirect"] == [301, "https://localhost/robots.txt"]
    max_age = int(re.search(r"max-age=(\d+)", answer["hsts"]).group(1))
    assert max_age >= 31_536_000
    assert "includeSubDomains" in answer["hsts"]
    assert answer["csrf"] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_http_mode_is_the_default_so_serve_works_locally(client, db):
    response = client.get(reverse("careers:robots"))
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


def absolute_urls(text):
    return set(re.findall(r"https?://[^\s\"<>]+", text))


def test_absolute_urls_come_from_the_canonical_origin_whatever_the_host(
    client, db, settings, redis_cache
):
    settings.SITE_URL = "https://careers.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    profile = reverse("careers:occupation", args=["customer-service-representatives"])
    hosts = ("localhost", "careers.example.org:31337", "evil.example")
    ours_or_theirs = {*hosts, "careers.example.org", "testserver"}
    seen = {}
    for host in hosts:
        page = client.get(profile, HTTP_HOST=host).content.decode()
        sitemap = client.get(reverse("careers:sitemap"), HTTP_HOST=host).content.decode()
        robots = client.get(reverse("careers:robots"), HTTP_HOST=host).content.decode()
        ours = {
            url
            for url in absolute_urls(page + sitemap + robots)
            if url.split("/")[2] in ours_or_theirs
        }
        assert ours, host
        assert all(url.startswith("https://careers.example.org/") for url in ours), ours
        seen[host] = ours
    assert len({frozenset(urls) for urls in seen.values()}) == 1


def test_robots_txt_does_not_point_at_the_admin(client, db):
    robots = client.get(reverse("careers:robots")).content.decode()
    assert "admin" not in robots
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots


def test_pages_restrict_browser_features_and_cross_origin_embedding(client, db):
    response = client.get(reverse("careers:home"))
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_the_400_for_a_disallowed_host_carries_the_security_headers(client, db):
    response = client.get(reverse("careers:home"), HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert_security_headers(response)
    assert response["Permissions-Policy"]


def test_admin_pages_are_never_stored(editor_client):
    """An editor's pages hold unpublished work and CSRF tokens: no browser or CDN keeps them."""
    for visitor, url in (
        (editor_client, "/admin/"),
        (editor_client, "/admin/occupations/occupation/"),
        (Client(), "/admin/login/"),
    ):
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


def test_admin_error_pages_are_never_stored(editor_client):
    response = editor_client.get("/admin/occupations/figure/999999/change/")
    assert response.status_code in (302, 404)
    response = editor_client.get("/admin/no-such-page/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_admin_sessions_end_after_eight_hours(client, editor):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-Editor-passphrase-42"},
    )
    assert client.get(reverse("admin:index")).status_code == 200
    (session,) = Session.objects.all()
    ends_in = session.expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < ends_in <= timedelta(hours=8)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("query", ["?p=", "?p=2", "?p=abc", "?p=%00"])
def test_the_sitemap_ignores_paging_it_does_not_need(client, db, query):
    response = client.get(reverse("careers:sitemap") + query)
    assert response.status_code == 200
    assert "/occupations/customer-service-representatives/" in response.content.decode()


def test_favicon_ico_redirects_for_a_year_to_the_icon_every_page_links(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert "max-age=31536000" in response["Cache-Control"]
    page = soup(client.get(reverse("careers:home")).content.decode())
    (icon,) = page.select("link[rel=icon]")
    assert icon["href"] == response["Location"]
    assert icon["type"] == "image/svg+xml"
