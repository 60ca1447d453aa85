"""The content as a JSON file: `manage.py export_content` and `import_content`.

An export holds the sources, the occupations with all their parts, and the records of BLS's
releases (the figures made from a release cite it). Each row is named by its natural key,
never by its primary key, so a file made on one database imports into any other, SQLite or
PostgreSQL, and a deleted occupation comes back with all its parts under new primary keys.
BLS's estimates, areas, industries and price indexes are left out: they are BLS's files,
thousands of rows that no editor types, which import_bls (and so load_content, and `serve`)
reads from the files again; the release record says which files.

Beside the rows are their history (django-simple-history's rows, each naming its record by
natural key) and load_content's record of what it loaded (LoadedRecord), so that after an
import load_content still tells an editor's change from its own.

The rows are Django's own serialization, as `dumpdata --natural-foreign --natural-primary`
writes it, and are read back with Django's deserializer. Only the history and the loader's
records are translated here (history.py, loader_records.py): Django's serializers would name
a history row's record, and the rows its fields point at, by primary key.
"""

import functools
import json
import os
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError

from ..content import NOT_CONTENT

# BLS's data that import_bls makes again from BLS's files (see above).
FROM_BLS_FILES = {"area", "industry", "wageestimate", "priceindex"}
# What a bad entry raises on its way through Django's deserializer, full_clean() and save().
BAD_ENTRY = (
    DeserializationError,
    ValidationError,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    IntegrityError,
    LookupError,
    TypeError,
    ValueError,
)
FORMAT = "careers-content-export"
VERSION = 1


class ContentFileError(Exception):
    """A file import_content cannot import, or a path export_content cannot write; the
    message names the file, the entry and the problem."""


def exported_models():
    """The models whose rows an export holds, each after the models its rows point at."""
    app = apps.get_app_config("occupations")
    models = [
        model
        for model in app.get_models()
        if model._meta.model_name not in NOT_CONTENT | FROM_BLS_FILES and not is_history(model)
    ]
    return serializers.sort_dependencies([(app, models)])


def is_history(model):
    return hasattr(model, "instance_type")  # django-simple-history's rows have it


@functools.cache
def history_model(model):
    """The model of `model`'s history rows, or None if it keeps none. (Cached: each read of
    the history manager builds a manager class, a millisecond.)"""
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def with_related(model):
    """`model`'s rows with the rows their natural keys are made of, in one query: each
    foreign key's row, and that row's own (a work setting detail names its setting's
    occupation)."""
    paths = []
    for field in _foreign_keys(model):
        paths.append(field.name)
        paths.extend(f"{field.name}__{inner.name}" for inner in _foreign_keys(field.related_model))
    rows = model._default_manager.all()
    return rows.select_related(*paths) if paths else rows


def _foreign_keys(model):
    return [field for field in model._meta.concrete_fields if field.many_to_one or field.one_to_one]


class Encoder(DjangoJSONEncoder):
    """Django's encoder, but times to the microsecond (it cuts them to milliseconds, for
    JavaScript): a history row is recognised by its exact time when it is imported again."""

    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


def write_atomically(path, document):
    """Write the JSON document beside `path` under a temporary name, then rename it into
    place, so `path` never holds half an export."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            json.dump(document, handle, cls=Encoder, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def message(error):
    """An error in words: a ValidationError's messages by field, as an editor sees them."""
    if isinstance(error, DeserializationError) and isinstance(error.__context__, ValidationError):
        # The deserializer wraps a field's refusal in text meant for programmers.
        return message(error.__context__)
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
