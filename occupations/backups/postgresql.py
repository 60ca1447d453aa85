"""PostgreSQL: a backup is pg_dump's custom format, restored with pg_restore.

pg_dump reads the whole database in one transaction, a snapshot, so its copy is consistent
whatever is written meanwhile, and it blocks no writer. Nothing in Python reads a server's
data as consistently, so the two programs are required: they come with PostgreSQL's client
tools, and their absence is reported with what to install and the command to run instead.

They connect with the site's own connection settings (DATABASE_URL and its options, such as
sslmode and the timeouts), the password passed in the environment, not on the command line.
"""

import os
import shutil
import subprocess

import psycopg
from django.db import connection
from psycopg.conninfo import make_conninfo

from .errors import BackupError

HEADER = b"PGDMP"


def describe():
    settings = connection.settings_dict
    where = f" on {settings['HOST']}" if settings["HOST"] else ""
    return f"the PostgreSQL database {settings['NAME']}{where}"


def is_live_database(path):
    return False


def backup(target):
    _run(
        "pg_dump",
        ["--format=custom", "--file", str(target)],
        "pg_dump --format=custom --file backup.dump",
    )


def check_backup(path):
    """Raise BackupError unless `path` is a dump pg_restore can read."""
    with open(path, "rb") as handle:
        header = handle.read(16)
    if not header.startswith(HEADER):
        if header.startswith(b"SQLite format 3"):
            raise BackupError(
                f"{path} is a SQLite backup, and this database is PostgreSQL. To move content "
                "between the two, use export_content and import_content."
            )
        raise BackupError(
            f"{path} is not a backup in pg_dump's custom format. A plain SQL dump is "
            "restored with psql."
        )
    result = subprocess.run(
        [_program("pg_restore", "pg_restore"), "--list", str(path)],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"pg_restore cannot read {path}: {result.stderr.strip()}")


def restore(path):
    # --clean --if-exists: drop each table before making it again; --single-transaction:
    # all of it or, on any error, none of it. Owner and privileges are the connecting
    # user's, so a dump from another server restores without its roles.
    _run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(path),
        ],
        "pg_restore --clean --if-exists --single-transaction --dbname <database> backup.dump",
    )


def _run(name, arguments, by_hand):
    program = _program(name, by_hand)
    conninfo, env = _connection()
    result = subprocess.run(
        [program, *arguments, "--dbname", conninfo], capture_output=True, text=True, env=env
    )
    if result.returncode:
        raise BackupError(f"{name} failed: {result.stderr.strip()}")


def _program(name, by_hand):
    program = shutil.which(name)
    if program is None:
        raise BackupError(
            f"{name} was not found on PATH. It comes with PostgreSQL's client programs "
            f"(Debian and Ubuntu: apt install postgresql-client), of version "
            f"{_server_major()} or newer. Or run it where it is installed: {by_hand}"
        )
    return program


def _server_major():
    connection.ensure_connection()
    return connection.pg_version // 10000


def _connection():
    """libpq's connection string and environment for the site's database.

    Django's connection parameters, less the ones that are Django's or psycopg's own and
    not libpq's (libpq refuses an unknown keyword).
    """
    params = connection.get_connection_params()
    libpq = {option.keyword.decode() for option in psycopg.pq.Conninfo.get_defaults()}
    password = params.pop("password", None)
    conninfo = make_conninfo(
        **{
            key: value
            for key, value in params.items()
            if key in libpq and key != "client_encoding" and value is not None
        }
    )
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    return conninfo, env
