"""export_content: every exported model's rows, their history and the loader's records.

The rows are read in one transaction, so the file is one moment's content even while
editors save (on SQLite the transaction holds the write lock, and an editor's save waits
the second or two the reading takes).
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.db import connection, transaction
from django.utils import timezone

from . import (
    FORMAT,
    VERSION,
    ContentFileError,
    exported_models,
    with_related,
    write_atomically,
)
from .history import history_entries, user_names
from .loader_records import loader_entries


@dataclass
class ExportReport:
    records: Counter = field(default_factory=Counter)  # model: rows
    history: int = 0
    loader_records: int = 0


def export_content(path, *, force=False):
    path = Path(path)
    if path.is_dir():
        raise ContentFileError(f"{path} is a folder: give the export a file name.")
    if not path.parent.is_dir():
        raise ContentFileError(f"The folder {path.parent} does not exist.")
    if path.exists() and not force:
        raise ContentFileError(f"{path} already exists: choose another name, or add --force.")
    report = ExportReport()
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # Every query of the transaction sees the same snapshot.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        document = _document(report)
    write_atomically(path, document)
    return report


def _document(report):
    records, history = [], []
    keys = {}  # model: {primary key: natural key}, for the history's references
    users = user_names()
    for model in exported_models():
        rows = list(with_related(model).order_by("pk"))
        keys[model] = {row.pk: list(row.natural_key()) for row in rows}
        records += serializers.serialize(
            "python", rows, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        report.records[model] += len(rows)
    for model in keys:
        history += history_entries(model, keys, users)
    loaded = loader_entries()
    report.history, report.loader_records = len(history), len(loaded)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now(),
        "records": records,
        "history": history,
        "loaded": loaded,
    }
