"""Backups of the whole database, and restoring one: `manage.py backup` and `restore`.

A backup is the database as one transaction saw it, so it is consistent whatever editors,
load_content or import_bls write meanwhile: SQLite's online backup API (sqlite.py), or
pg_dump on PostgreSQL (postgresql.py). It holds everything: content, its history, the
loader's records, editors' accounts and sessions.

A restore replaces the whole database with the backup. It refuses to run over a database
that holds anything unless told to (`force`), since what it replaces is gone. It takes the
load lock, so no load_content or import_bls interleaves with it, and it ends with a new
content version: the restored rows carry the version of the day the backup was made, and the
pages cached since must not be served as if they showed the restored content.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from ..content_version import bump_content_version
from ..loading import one_load_at_a_time
from ..models import Figure, Occupation, Source
from . import postgresql, sqlite
from .errors import BackupError

__all__ = ["BackupError", "backup", "database_name", "holdings", "restore"]

ENGINES = {"sqlite": sqlite, "postgresql": postgresql}


@dataclass
class RestoreReport:
    database: str
    # Migrations this code has that the restored database lacks: `migrate` applies them.
    unapplied: list[str] = field(default_factory=list)


def database_name():
    """The database in words, for messages: the SQLite file, or PostgreSQL's name and host."""
    return _engine().describe()


def backup(path, *, force=False):
    """Write a consistent copy of the database to `path`, or raise BackupError.

    The copy is made beside `path` under a temporary name and renamed into place once
    complete and checked, so `path` never holds half a backup.
    """
    engine = _engine()
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the backup a file name.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    if engine.is_live_database(path):
        raise BackupError(f"{path} is the database itself: write the backup somewhere else.")
    if path.exists() and not force:
        raise BackupError(f"{path} already exists: choose another name, or add --force.")
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        engine.backup(partial)
        _sync(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def restore(path, *, force=False, on_wait=lambda: None):
    """Replace the database with the backup at `path`; raise BackupError, changing nothing,
    if the file is not a backup this database can take, or if the database holds anything
    and `force` is not set."""
    engine = _engine()
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    if engine.is_live_database(path):
        raise BackupError(f"{path} is the database itself, not a backup of it.")
    engine.check_backup(path)
    with one_load_at_a_time(on_wait):
        held = holdings()
        if held and not force:
            raise BackupError(
                f"The database already holds {', '.join(held)}, and a restore would "
                "replace all of it. To replace it, run the restore again with --force "
                "(back it up first if you may want it back)."
            )
        engine.restore(path)
        # After the restore, in a transaction of its own: its new version reaches the cache
        # when it commits, and every page cached before the restore is left behind.
        with transaction.atomic():
            bump_content_version()
    return RestoreReport(engine.describe(), unapplied_migrations())


def holdings():
    """What the database holds that a restore would replace, in words (“2 occupations”):
    its occupations, sources, figures and user accounts by name, then the rows of this
    app's other tables together. Empty for a new database, with or without its tables."""
    named = [Occupation, Source, Figure, get_user_model()]
    others = [
        model
        for model in apps.get_app_config("occupations").get_models()
        if model not in named
        and model._meta.model_name != "contentversion"
        and not hasattr(model, "instance_type")  # history rows go with their records
    ]
    tables = set(connection.introspection.table_names())

    def count(model):
        return model._default_manager.count() if model._meta.db_table in tables else 0

    held = []
    for model in named:
        if number := count(model):
            name = model._meta.verbose_name if number == 1 else model._meta.verbose_name_plural
            held.append(f"{number:,} {name}")
    if other := sum(count(model) for model in others):
        held.append(f"{other:,} other {'row' if other == 1 else 'rows'}")
    return held


def unapplied_migrations():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def _engine():
    engine = ENGINES.get(connection.vendor)
    if engine is None:
        raise BackupError(
            f"Backups are made for SQLite and PostgreSQL; this database is {connection.vendor}."
        )
    return engine


def _sync(path):
    """Flush the finished copy to disk before it takes the backup's name."""
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
