"""backup and restore: the drill (edit, back up, destroy, restore, and the edit and its history
are back), a consistent copy while another connection writes, no restore over content
without --force, and no page cached before a restore served after it."""

import shutil
import sqlite3
import subprocess
import threading
import time
from contextlib import closing
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from occupations.models import ContentVersion, Figure, Occupation

from .content import CSR_SLUG
from .needs import skip_or_fail
from .serving import GUNICORN, ONE_WORKER, fetch, manage, probe, running, site_env, write_sqlite

PROFILE = f"/occupations/{CSR_SLUG}/"
MAY_2020 = "median-annual-wage-may-2020"  # $34,710 a year, shown in the profile's pay section

# Probe code, run in a child process on the site's database. state() is what the drill must
# find again after a restore: the figure's value, its history (who changed it to what) and
# how many of each part the occupation has.
STATE = f"""
import json
from django.contrib.auth import get_user_model
from occupations.content import occupation_parts
from occupations.models import Figure, Occupation

def state():
    occupation = Occupation.objects.filter(slug="{CSR_SLUG}").first()
    if occupation is None:
        return None
    figure = Figure.objects.get(slug="{MAY_2020}", occupation=occupation)
    history = figure.history.order_by("history_date")
    return {{
        "value": str(figure.value),
        "history": [
            [row.history_type, str(row.value), getattr(row.history_user, "username", None)]
            for row in history
        ],
        "parts": {{
            model.__name__: model.objects.filter(occupation=occupation).count()
            for model in occupation_parts()
        }},
    }}
"""
# An editor changes the figure, as the admin saves it: with the editor recorded.
EDIT = f"""
from decimal import Decimal
editor, _ = get_user_model().objects.get_or_create(username="drill-editor", is_staff=True)
figure = Figure.objects.get(slug="{MAY_2020}", occupation__slug="{CSR_SLUG}")
figure.value = Decimal("36100")
figure._history_user = editor
figure.save()
"""
DELETE = f"Occupation.objects.get(slug='{CSR_SLUG}').delete()\n"
PRINT_STATE = "print(json.dumps(state()))\n"


def require_postgres_tools():
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        skip_or_fail("pg_dump and pg_restore are not on PATH", "CAREERS_REQUIRE_SERVICES")


def edit_and_back_up(env, backup):
    edited = probe(STATE + EDIT + PRINT_STATE, env)
    assert edited["value"] == "36100.00"
    assert edited["history"][-1] == ["~", "36100.00", "drill-editor"]
    output = manage(env, "backup", str(backup)).stdout
    assert f"to {backup}" in output
    return edited


@pytest.mark.served
def test_restore_drill_on_sqlite_after_the_database_file_is_lost(tmp_path, prepare_site):
    var = prepare_site(tmp_path / "var")
    env = site_env(var)
    backup = tmp_path / "backup.sqlite3"
    edited = edit_and_back_up(env, backup)

    for name in ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm"):
        (var / name).unlink(missing_ok=True)
    # A new, empty database needs no --force.
    output = manage(env, "restore", str(backup)).stdout

    assert "Restored" in output
    assert probe(STATE + PRINT_STATE, env) == edited


@pytest.mark.served
@pytest.mark.services
def test_restore_drill_on_postgresql_after_the_occupation_is_deleted(
    tmp_path, throwaway_postgres_per_test
):
    require_postgres_tools()
    var = tmp_path / "var"
    var.mkdir()
    env = site_env(
        var, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{throwaway_postgres_per_test}"
    )
    backup = tmp_path / "backup.dump"
    edited = edit_and_back_up(env, backup)

    assert probe(STATE + DELETE + PRINT_STATE, env) is None
    with pytest.raises(subprocess.CalledProcessError) as refused:
        manage(env, "restore", str(backup))
    assert "Nothing was restored" in refused.value.stderr
    assert "--force" in refused.value.stderr
    assert probe(STATE + PRINT_STATE, env) is None

    manage(env, "restore", "--force", str(backup))
    assert probe(STATE + PRINT_STATE, env) == edited


class Writer(threading.Thread):
    """Commits, again and again, the same new value to two figures in one transaction: the
    yearly wages BASE_WAGE + 1, + 2, ... (the figures' checks refuse a wage below $5,200)."""

    BASE_WAGE = 40_000

    def __init__(self, database, figure_ids):
        super().__init__(daemon=True)
        self.database, self.figure_ids = database, figure_ids
        self.committed = 0
        self.stopping = threading.Event()
        self.error = None

    def run(self):
        try:
            with closing(sqlite3.connect(self.database, isolation_level=None, timeout=20)) as db:
                while not self.stopping.is_set():
                    value = self.BASE_WAGE + self.committed + 1
                    db.execute("BEGIN IMMEDIATE")
                    for figure_id in self.figure_ids:
                        db.execute(
                            "UPDATE occupations_figure SET value = ? WHERE id = ?",
                            (value, figure_id),
                        )
                    db.execute("COMMIT")
                    self.committed += 1
        except Exception as error:  # reported by the test, not lost in the thread
            self.error = error


def figure_values(database, figure_ids):
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        return [
            db.execute("SELECT value FROM occupations_figure WHERE id = ?", (pk,)).fetchone()[0]
            for pk in figure_ids
        ]


@pytest.mark.served
def test_a_sqlite_backup_is_consistent_while_another_connection_writes(tmp_path, prepare_site):
    """While a writer commits to two figures at once, the backup holds both at the same
    value, and nothing older than what was committed before it began.

    A reader that holds an old snapshot keeps SQLite from moving the commits out of the WAL
    into the main file, as a long request or export would: a copy of db.sqlite3 alone then
    lacks them all, which the last assertion shows."""
    var = prepare_site(tmp_path / "var")
    database = var / "db.sqlite3"
    with closing(sqlite3.connect(database)) as db:
        # Two yearly wages, which the writer changes.
        figure_ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM occupations_figure WHERE measure = 'median_annual_wage' "
                "ORDER BY id LIMIT 2"
            )
        ]
    assert len(figure_ids) == 2
    before_the_writes = figure_values(database, figure_ids)
    backup = tmp_path / "backup.sqlite3"
    writer = Writer(database, figure_ids)
    with closing(sqlite3.connect(database, isolation_level=None)) as old_reader:
        old_reader.execute("BEGIN")
        old_reader.execute("SELECT count(*) FROM occupations_figure").fetchone()
        writer.start()
        while writer.committed < 20 and writer.is_alive():
            time.sleep(0.01)
        committed_before = writer.committed
        manage(site_env(var), "backup", str(backup))
        committed_after = writer.committed
        writer.stopping.set()
        writer.join(timeout=30)
        assert writer.error is None, writer.error
        assert committed_after > committed_before, "the writer kept writing during the backup"
        main_file_alone = tmp_path / "main-file-alone.sqlite3"
        shutil.copyfile(database, main_file_alone)
        old_reader.execute("COMMIT")

    first, second = figure_values(backup, figure_ids)
    assert first == second
    assert committed_before <= first - Writer.BASE_WAGE <= committed_after
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not backup.with_name(f"{backup.name}-wal").exists()
    # What a copy of the file alone would have kept: none of the writer's commits.
    assert figure_values(main_file_alone, figure_ids) == before_the_writes


@pytest.mark.served
def test_after_a_restore_no_page_cached_before_it_is_served(tmp_path, prepare_site):
    var = prepare_site(tmp_path / "var")
    env = site_env(var, **ONE_WORKER)
    backup = tmp_path / "before-the-edit.sqlite3"
    with running(GUNICORN, env, tmp_path / "gunicorn.log") as base:
        manage(env, "backup", str(backup))
        probe(STATE + EDIT + PRINT_STATE, env)
        fetch(base + PROFILE)
        status, headers, html = fetch(base + PROFILE)
        assert (status, headers["X-Page-Cache"]) == (200, "hit")
        assert "$36,100 a year" in html

        manage(env, "restore", "--force", str(backup))  # while the site serves

        status, headers, html = fetch(base + PROFILE)
        assert status == 200
        assert "$34,710 a year" in html
        assert "$36,100" not in html


def backup_of_the_test_database(path):
    """A backup of the test database as `backup` writes one for this kind of database."""
    if connection.vendor == "postgresql":
        require_postgres_tools()
        call_command("backup", str(path), stdout=StringIO())
    else:  # in memory, and in the test's transaction, where the backup API would wait
        write_sqlite(connection.connection, path)
    return path


def test_restore_refuses_a_database_that_holds_content_and_changes_nothing(db, tmp_path):
    backup = backup_of_the_test_database(tmp_path / "backup")
    figures = Figure.objects.filter(slug=MAY_2020, occupation__slug=CSR_SLUG)
    figures.update(value=Decimal("36100"))
    version = ContentVersion.objects.get().token

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(backup), stdout=StringIO())

    message = str(refused.value)
    assert message.startswith("Nothing was restored. The database already holds 2 occupations")
    assert "--force" in message
    assert figures.get().value == Decimal("36100")
    assert Occupation.objects.count() == 2
    assert ContentVersion.objects.get().token == version


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    export = tmp_path / "content.json"
    call_command("export_content", str(export), stdout=StringIO())

    with pytest.raises(CommandError, match="is not a"):
        call_command("restore", "--force", str(export), stdout=StringIO())

    assert Occupation.objects.count() == 2


def test_backup_never_overwrites_an_earlier_backup(db, tmp_path):
    earlier = tmp_path / "earlier-backup"
    earlier.write_bytes(b"an earlier backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(earlier), stdout=StringIO())

    assert earlier.read_bytes() == b"an earlier backup"


def test_backup_never_writes_over_the_sqlite_database_itself(db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("a PostgreSQL database is no file a backup could overwrite")
    database = tmp_path / "db.sqlite3"
    database.write_bytes(b"the live database")
    # The test database is in memory: the connection names a file meanwhile.
    with (
        mock.patch.dict(connection.settings_dict, NAME=str(database)),
        pytest.raises(CommandError, match="is the database itself"),
    ):
        call_command("backup", "--force", str(database), stdout=StringIO())

    assert database.read_bytes() == b"the live database"
