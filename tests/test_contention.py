"""Editors' saves wait for a running load_content instead of failing, on either database."""

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing

import psycopg
import pytest
from django.conf import settings

from .serving import GUNICORN, ONE_WORKER, manage, running, site_env
from .web_client import WebClient

pytestmark = [pytest.mark.served, pytest.mark.services]

PASSWORD = "contention-Test-passphrase-5"
SAVES_PER_EDITOR = 8
EDITORS = 4


def fixtures_with_notes(tmp_path, fixtures_dir, note):
    """A copy of the fixtures in which every figure's note differs, so a load rewrites them."""
    folder = tmp_path / f"fixtures-{note}"
    shutil.copytree(fixtures_dir, folder)
    for path in folder.glob("*.json"):
        records = json.loads(path.read_text())
        for record in records:
            if record["model"] == "occupations.figure":
                record["fields"]["note"] = f"Loaded by run {note}."
        path.write_text(json.dumps(records))
    return folder


@pytest.fixture(params=["sqlite", "postgresql"])
def database_env(request, tmp_path, prepare_site):
    """Settings for a served site on a fresh database of each kind, set up as `serve` sets
    one up (migrated, content loaded, static files collected)."""
    if request.param == "sqlite":
        prepare_site(tmp_path)
        return {}
    prepare_site(tmp_path, database=False)
    name = request.getfixturevalue("throwaway_postgres_per_test")
    return {"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}"}


def job_title_ids(env, tmp_path):
    if "DATABASE_URL" not in env:
        with closing(sqlite3.connect(tmp_path / "db.sqlite3")) as database:
            return [row[0] for row in database.execute("SELECT id FROM occupations_jobtitle")]
    url = env["DATABASE_URL"].replace("postgres://", "postgresql://")
    with psycopg.connect(url) as database:
        return [row[0] for row in database.execute("SELECT id FROM occupations_jobtitle")]


def job_title_name(env, tmp_path, title_id):
    if "DATABASE_URL" not in env:
        with closing(sqlite3.connect(tmp_path / "db.sqlite3")) as database:
            query = "SELECT name FROM occupations_jobtitle WHERE id = ?"
            return database.execute(query, [title_id]).fetchone()[0]
    url = env["DATABASE_URL"].replace("postgres://", "postgresql://")
    with psycopg.connect(url) as database:
        query = "SELECT name FROM occupations_jobtitle WHERE id = %s"
        return database.execute(query, [title_id]).fetchone()[0]


def test_admin_saves_during_load_content_all_succeed(tmp_path, fixtures_dir, database_env):
    # One gunicorn worker: its threads still save concurrently, each on its own connection.
    env = site_env(tmp_path, CAREERS_EDITOR_PASSWORD=PASSWORD, **database_env, **ONE_WORKER)
    folders = [fixtures_with_notes(tmp_path, fixtures_dir, note) for note in "AB"]
    with running(GUNICORN, env, tmp_path / "gunicorn.log") as base:
        manage(env, "create_editor", "sam")
        title_ids = job_title_ids(env, tmp_path)
        assert len(title_ids) >= EDITORS

        stop = threading.Event()
        load_results = []

        def keep_loading():
            for run in range(12):  # bounded: stops by itself
                if stop.is_set():
                    return
                folder = str(folders[run % 2])
                load = subprocess.run(
                    [sys.executable, "manage.py", "load_content", "--fixtures-dir", folder],
                    cwd=settings.BASE_DIR,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                load_results.append((load.returncode, load.stdout + load.stderr))

        def edit(title_id):
            editor = WebClient()
            assert editor.sign_in(base, "sam", PASSWORD)[0] == 302
            url = f"{base}/admin/occupations/jobtitle/{title_id}/change/"
            return [
                editor.submit(
                    url,
                    {"name_en": f"title {title_id} save {n}", "passage_checked": "on"},
                    timeout=60,
                )[0]
                for n in range(SAVES_PER_EDITOR)
            ]

        loader = threading.Thread(target=keep_loading)
        loader.start()
        with ThreadPoolExecutor(EDITORS) as pool:
            statuses = list(pool.map(edit, title_ids[:EDITORS]))
        stop.set()
        loader.join(timeout=180)

        assert load_results, "load_content never ran"
        assert all(code == 0 for code, _ in load_results), load_results
        assert any("updated" in out and "updated 0," not in out for _, out in load_results)
        assert statuses == [[302] * SAVES_PER_EDITOR] * EDITORS
        for title_id in title_ids[:EDITORS]:
            name = job_title_name(env, tmp_path, title_id)
            assert name == f"title {title_id} save {SAVES_PER_EDITOR - 1}"
