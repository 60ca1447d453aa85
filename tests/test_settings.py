"""Settings come from the environment, with safe defaults."""

import pytest

from .serving import probe, site_env

# Each test starts Django in a child process with the environment it sets.
pytestmark = pytest.mark.served

PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'key': s.SECRET_KEY, "
    "'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME'])}))"
)


def load_settings(tmp_path, code=PRINT_SETTINGS, **env):
    return probe(code, site_env(tmp_path, **env))


def test_defaults_are_safe_and_embedded(tmp_path):
    values = load_settings(tmp_path)
    assert values["debug"] is False
    assert values["hosts"] == ["127.0.0.1", "localhost"]
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "db.sqlite3")


def test_secret_key_is_generated_once_into_the_var_folder(tmp_path):
    first = load_settings(tmp_path)["key"]
    assert len(first) >= 50
    assert (tmp_path / "secret_key").read_text().strip() == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert load_settings(tmp_path)["key"] == first


def test_secret_key_from_the_environment_wins_and_writes_nothing(tmp_path):
    values = load_settings(tmp_path, DJANGO_SECRET_KEY="from-the-environment")
    assert values["key"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_environment_switches_debug_hosts_and_database(tmp_path):
    values = load_settings(
        tmp_path,
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="careers.example, www.careers.example",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/careers",
    )
    assert values["debug"] is True
    assert values["hosts"] == ["careers.example", "www.careers.example"]
    assert values["engine"] == "careers.postgresql"  # Django's, with bounded answers
    assert values["name"] == "careers"


def test_a_secret_key_beginning_with_a_dollar_sign_is_kept_as_it_is(tmp_path):
    # django-environ would read "$name" as another variable's value; the key is read as it is.
    values = load_settings(tmp_path, DJANGO_SECRET_KEY="$DJANGO_DEBUG-and-the-rest")
    assert values["key"] == "$DJANGO_DEBUG-and-the-rest"


TRUSTED_PROXIES = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps([s.TRUSTED_PROXIES, s.SECURE_PROXY_SSL_HEADER]))"
)


def test_trusted_proxies_are_a_comma_separated_list(tmp_path):
    proxies = load_settings(
        tmp_path, TRUSTED_PROXIES, DJANGO_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8"
    )
    assert proxies == [["127.0.0.1", "10.0.0.0/8"], ["HTTP_X_FORWARDED_PROTO", "https"]]


def test_a_value_that_is_not_a_number_stops_the_start(tmp_path):
    # probe() fails with the end of the child's error output.
    with pytest.raises(
        AssertionError, match=r"ValueError: invalid literal for int\(\) with base 10: 'five'"
    ):
        load_settings(tmp_path, CAREERS_STALE_FIGURE_YEARS="five")


ADMIN_INDEX = (
    "import json; from django.urls import reverse; print(json.dumps(reverse('admin:index')))"
)


def test_admin_path_comes_from_the_environment(tmp_path):
    assert load_settings(tmp_path, ADMIN_INDEX) == "/admin/"
    assert load_settings(tmp_path, ADMIN_INDEX, DJANGO_ADMIN_PATH="staff-desk") == "/staff-desk/"


BROWSER_CACHE = (
    "import json; from django.conf import settings as s; print(json.dumps(s.BROWSER_CACHE_SECONDS))"
)


def test_how_long_browsers_and_cdns_keep_a_page_comes_from_the_environment(tmp_path):
    assert load_settings(tmp_path, BROWSER_CACHE) == 300
    assert load_settings(tmp_path, BROWSER_CACHE, CAREERS_BROWSER_CACHE_SECONDS="60") == 60


def test_two_workers_starting_together_get_the_same_whole_key(tmp_path, monkeypatch):
    """Two gunicorn workers boot at once on a fresh var folder. The one that loses the race
    must read the winner's whole key, never a file the winner has opened but not yet
    written (an empty SECRET_KEY made every page a 500)."""
    import secrets
    import threading
    import time

    from careers import settings as site_settings

    token = secrets.token_urlsafe

    def slow_token(length):
        time.sleep(0.3)  # the winner is still writing when the other worker looks
        return token(length)

    monkeypatch.setattr(site_settings.secrets, "token_urlsafe", slow_token)
    path = tmp_path / "secret_key"
    keys = []
    workers = [
        threading.Thread(target=lambda: keys.append(site_settings._generated_secret_key(path)))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
        time.sleep(0.05)
    for worker in workers:
        worker.join()
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert len(keys[0]) > 40
    assert path.read_text() == keys[0]
    assert oct(path.stat().st_mode & 0o777) == "0o600"
