"""SQLite: a backup is a database file, copied with SQLite's online backup API.

The site's database runs in WAL mode: commits are appended to db.sqlite3-wal and moved into
the main file only at a checkpoint, so a copy of db.sqlite3 alone misses the newest commits,
and one taken during a checkpoint may be torn. The backup API copies the database as one read
transaction sees it, a consistent snapshot, while other connections go on writing (WAL lets
them). The copy is then taken out of WAL mode, so that it is one self-contained file.

A restore goes the other way, into the running database through the same API, rather than
putting the file in place: servers that have the database open keep their connections and
see the restored rows at their next query, where a replaced file would leave them reading
the old one (and its -wal file) until they restarted.
"""

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from django.db import connection

from .errors import BackupError

HEADER = b"SQLite format 3\x00"
# A table every backup of this site has; a SQLite file without it is some other database.
SITE_TABLE = "occupations_occupation"


def describe():
    if connection.is_in_memory_db():
        return "the SQLite database in memory"
    return f"the SQLite database {connection.settings_dict['NAME']}"


def is_live_database(path):
    if connection.is_in_memory_db():
        return False
    live = Path(connection.settings_dict["NAME"]).resolve()
    return Path(path).resolve() in {live, live.with_name(f"{live.name}-wal")}


def backup(target):
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        # pages=-1 (the default): the whole database in one step, so in one read transaction.
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        _check(copy, target)


def check_backup(path):
    """Raise BackupError unless `path` is a sound SQLite backup of this site."""
    with open(path, "rb") as handle:
        header = handle.read(len(HEADER))
    if header != HEADER:
        kind = " (it is a PostgreSQL backup)" if header.startswith(b"PGDMP") else ""
        raise BackupError(f"{path} is not a SQLite database{kind}. {_OTHER_DATABASES}")
    with closing(_read_only(path)) as backup_db:
        _check(backup_db, path)
        tables = {row[0] for row in backup_db.execute("SELECT name FROM sqlite_master")}
    if SITE_TABLE not in tables:
        raise BackupError(f"{path} is a SQLite database, but not one of this site's.")


def restore(path):
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    with closing(_read_only(path)) as backup_db:
        try:
            backup_db.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(f"SQLite could not restore {path}: {error}") from error


_OTHER_DATABASES = (
    "To move content between SQLite and PostgreSQL, use export_content and import_content."
)


def _read_only(path):
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def _check(database, path):
    # The check evaluates the tables' CHECK constraints, and Django writes a regex one as
    # REGEXP(), a function each Django connection defines for itself: define it here too.
    database.create_function("REGEXP", 2, _regexp, deterministic=True)
    try:
        (result,) = database.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} cannot be read as a SQLite database: {error}") from error
    if result != "ok":
        raise BackupError(f"{path} failed SQLite's check: {result}")


def _regexp(pattern, value):
    return value is not None and re.search(pattern, str(value)) is not None
