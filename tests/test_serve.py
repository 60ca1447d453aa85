"""The README's first command really serves the site through gunicorn."""

import urllib.request

import pytest

from .serving import SERVE, fetch, manage, running, site_env

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
