"""Behind a reverse proxy: the sign-in lockout sees each client, and HTTPS does not loop."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from .serving import probe, site_env

PASSWORD = "a-long-Editor-passphrase-42"
PROXY = "10.0.0.2"
CLIENT_A = "203.0.113.10"
CLIENT_B = "198.51.100.20"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def login(client, username, password, client_address, peer=PROXY):
    """A sign-in as a proxy at `peer` forwards it for `client_address`."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def fail_times(client, count, username, client_address, peer=PROXY):
    return [
        login(client, username, "wrong", client_address, peer).status_code for _ in range(count)
    ]


def test_one_clients_failures_on_one_account_do_not_lock_out_another_client_or_account(
    client, editor
):
    other_password = "xavier-Own-passphrase-9"
    get_user_model().objects.create_user("xavier", password=other_password, is_staff=True)
    assert fail_times(client, 5, "editor", CLIENT_A) == [200, 200, 200, 200, 429]
    assert login(client, "editor", PASSWORD, CLIENT_A).status_code == 429
    response = login(client, "xavier", other_password, CLIENT_B)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_an_account_is_locked_whatever_address_a_trusted_proxy_names(client, editor):
    """A host inside DJANGO_TRUSTED_PROXIES may write any X-Forwarded-For: a new address on every
    attempt still counts against the account."""
    statuses = [login(client, "editor", "wrong", f"203.0.113.{n}").status_code for n in range(1, 6)]
    assert statuses == [200, 200, 200, 200, 429]
    assert login(client, "editor", PASSWORD, "198.51.100.99").status_code == 429


def test_one_address_trying_many_accounts_is_locked_out(client, editor):
    statuses = [login(client, f"guess-{n}", "Summer2026!", CLIENT_A).status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # Locked for every account, the editor's too, with the right password.
    assert login(client, "editor", PASSWORD, CLIENT_A).status_code == 429
    assert login(client, "editor", PASSWORD, CLIENT_B).status_code == 302


def test_the_lockout_says_when_to_try_again(client, editor):
    assert fail_times(client, 5, "editor", CLIENT_A)[-1] == 429
    response = login(client, "editor", PASSWORD, CLIENT_A)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "15 minutes" in response.content.decode()


def test_client_addresses_with_ports_are_told_apart(client, editor):
    # Failures for other accounts, so that it is the address that is locked out.
    statuses = [
        login(client, f"guess-{n}", "wrong", "203.0.113.10:50123").status_code for n in range(5)
    ]
    assert statuses[-1] == 429
    assert login(client, "editor", PASSWORD, "203.0.113.10:50999").status_code == 429
    assert login(client, "editor", PASSWORD, "[2001:db8::7]:443").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.10"}


def test_a_spoofed_header_from_an_untrusted_address_changes_nothing(client, editor):
    stranger = "192.0.2.50"
    statuses = [
        login(client, "editor", "wrong", f"203.0.113.{n}", peer=stranger).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    # A fresh forged address does not get the stranger a new count.
    assert login(client, "editor", PASSWORD, "198.51.100.99", peer=stranger).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {stranger}


def test_a_valid_login_to_one_account_does_not_reset_failures_on_another(client, editor):
    other_password = "xavier-Own-passphrase-9"
    get_user_model().objects.create_user("xavier", password=other_password, is_staff=True)
    assert fail_times(client, 4, "editor", CLIENT_A) == [200] * 4
    assert login(client, "xavier", other_password, CLIENT_A).status_code == 302
    client.logout()
    assert login(client, "editor", "wrong", CLIENT_A).status_code == 429


def test_attempts_during_a_lockout_do_not_extend_it(client, editor):
    fail_times(client, 5, "editor", CLIENT_A)
    ten_minutes_ago = timezone.now() - timedelta(minutes=10)
    AccessAttempt.objects.update(attempt_time=ten_minutes_ago)
    assert login(client, "editor", "wrong", CLIENT_A).status_code == 429
    # Six more minutes pass: 16 since the lockout began, unless the attempt renewed it.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=6))
    assert login(client, "editor", PASSWORD, CLIENT_A).status_code == 302


# A TLS-terminating proxy on another host: settings come from the environment, so the
# probe runs in a process of its own with the production variables set, on a migrated
# database with collected static files (prepare_site).
PROXY_PROBE = """
import json
from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import Client
get_user_model().objects.create_superuser('boss', 'boss@example.org', 'Boss-passphrase-77')
host = {'HTTP_HOST': 'careers.example.org'}
via_proxy = {**host, 'REMOTE_ADDR': '10.1.2.3', 'HTTP_X_FORWARDED_PROTO': 'https'}
forged = {**host, 'REMOTE_ADDR': '192.0.2.9', 'HTTP_X_FORWARDED_PROTO': 'https'}
page = Client().get('/', **via_proxy)
plain = Client().get('/', **{**host, 'REMOTE_ADDR': '10.1.2.3'})
spoofed = Client().get('/', **forged)
browser = Client(enforce_csrf_checks=True)
form = browser.get('/admin/login/', **via_proxy)
token = browser.cookies['csrftoken'].value
signed_in = browser.post(
    '/admin/login/',
    {'username': 'boss', 'password': 'Boss-passphrase-77', 'next': '/admin/',
     'csrfmiddlewaretoken': token},
    HTTP_ORIGIN='https://careers.example.org',
    HTTP_REFERER='https://careers.example.org/admin/login/',
    **via_proxy,
)
print(json.dumps({
    'page': [page.status_code, page.get('Strict-Transport-Security')],
    'plain': [plain.status_code, plain.get('Location')],
    'spoofed': [spoofed.status_code, spoofed.get('Location')],
    'login_form': form.status_code,
    'signed_in': [signed_in.status_code, signed_in.get('Location')],
}))
"""


def run_proxy_probe(tmp_path, prepare_site, **extra):
    env = site_env(
        prepare_site(tmp_path, content=False),
        DJANGO_HTTPS="1",
        DJANGO_SECRET_KEY="proxy-probe-" + "Hq3Vn8Ls2Kd7Wx5Pz1Rt" * 3,
        DJANGO_ALLOWED_HOSTS="careers.example.org",
        DJANGO_TRUSTED_PROXIES="10.0.0.0/8",
        CAREERS_SITE_URL="https://careers.example.org",
        **extra,
    )
    return probe(PROXY_PROBE, env)


@pytest.mark.served
def test_https_behind_a_trusted_proxy_serves_pages_and_admin_sign_in(tmp_path, prepare_site):
    probe = run_proxy_probe(tmp_path, prepare_site)
    status, hsts = probe["page"]
    assert status == 200
    assert "max-age=31536000" in hsts
    assert "preload" not in hsts
    # The proxy reached over plain HTTP, and a forger claiming HTTPS, are redirected.
    assert probe["plain"] == [301, "https://careers.example.org/"]
    assert probe["spoofed"] == [301, "https://careers.example.org/"]
    assert probe["login_form"] == 200
    assert probe["signed_in"] == [302, "/admin/"]


@pytest.mark.served
def test_hsts_preload_only_when_asked_for(tmp_path, prepare_site):
    probe = run_proxy_probe(tmp_path, prepare_site, DJANGO_HSTS_PRELOAD="1")
    assert "preload" in probe["page"][1]
