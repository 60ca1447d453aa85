"""On SQLite, editors' saves wait for a running load_content instead of failing."""

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from .servers import SERVE, manage, running, site_env
from .web_client import WebClient

pytestmark = pytest.mark.served

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


def test_admin_saves_during_load_content_all_succeed(tmp_path, fixtures_dir):
    env = site_env(tmp_path, CAREERS_EDITOR_PASSWORD=PASSWORD)
    folders = [fixtures_with_notes(tmp_path, fixtures_dir, note) for note in "AB"]
    with running(SERVE, env, tmp_path / "serve.log") as base:
        manage(env, "create_editor", "sam")
        database = sqlite3.connect(tmp_path / "db.sqlite3")
        title_ids = [row[0] for row in database.execute("SELECT id FROM occupations_jobtitle")]
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
                editor.submit(url, {"name": f"title {title_id} save {n}"}, timeout=60)[0]
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
            (name,) = database.execute(
                "SELECT name FROM occupations_jobtitle WHERE id = ?", [title_id]
            ).fetchone()
            assert name == f"title {title_id} save {SAVES_PER_EDITOR - 1}"
        database.close()
