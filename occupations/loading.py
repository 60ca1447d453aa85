"""Load the content fixtures without ever overwriting an editor's work.

Each fixture record is matched to its row by natural key. load_content keeps
the values of every row it writes (LoadedRecord). On a later run a row whose
values still match is ours to refresh from the fixture; a row whose values
differ was changed by an editor and is kept as it is, as is a row an editor
deleted.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import LoadedRecord


class FixtureError(Exception):
    """A fixture record that cannot be loaded; the message names file and record."""


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)


def fixture_paths(directory):
    return sorted(Path(directory).glob("*.json"))


def load_fixtures(paths):
    """Load every record of every file, in order, in one transaction."""
    report = LoadReport()
    with transaction.atomic():
        for path in paths:
            for index, raw in enumerate(_read_records(path), start=1):
                try:
                    _load_record(raw, report)
                except FixtureError as error:
                    raise FixtureError(f"{path.name}, record {index}: {error}") from error
                except Exception as error:
                    # Deserialisation raises many types; all of them mean a bad record.
                    raise FixtureError(
                        f"{path.name}, record {index} ({_describe(raw)}): {_message(error)}"
                    ) from error
    return report


def _read_records(path):
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"{Path(path).name}: cannot be read as JSON: {error}") from error
    if not isinstance(records, list):
        raise FixtureError(f"{Path(path).name}: expected a list of records")
    return records


def _load_record(raw, report):
    if not isinstance(raw, dict) or "model" not in raw or "fields" not in raw:
        raise FixtureError("each record needs a “model” and “fields”")
    if "pk" in raw:
        raise FixtureError("records are matched by natural key; remove the “pk”")
    (incoming,) = serializers.deserialize("python", [raw])
    obj = incoming.object
    model_label = obj._meta.label_lower
    key = json.dumps(list(obj.natural_key()), ensure_ascii=False)
    name = f"{model_label} {key}"
    # A broken record is an error even when the row it maps to is kept as edited.
    _validate(obj, unique=False)
    tracked = LoadedRecord.objects.filter(model=model_label, natural_key=key).first()
    fixture_digest = _digest(raw)

    if tracked is None:
        if obj.pk is not None:
            # The row exists but load_content never wrote it: an editor made it.
            report.kept_edited.append(name)
            return
        _save(incoming)
        LoadedRecord.objects.create(
            model=model_label,
            natural_key=key,
            fixture_digest=fixture_digest,
            loaded_values=row_values(obj),
        )
        report.added.append(name)
        return

    if obj.pk is None:
        report.kept_deleted.append(name)
        return
    current_row = type(obj)._default_manager.get(pk=obj.pk)
    current = row_values(current_row)
    if any(current.get(name) != value for name, value in tracked.loaded_values.items()):
        report.kept_edited.append(name)
        return
    if fixture_digest == tracked.fixture_digest:
        report.unchanged.append(name)
        return
    # The fixture carries no version; save against the row's, as any other save does.
    obj.version = current_row.version
    _save(incoming)
    tracked.fixture_digest = fixture_digest
    tracked.loaded_values = row_values(obj)
    tracked.save()
    report.updated.append(name)


def _save(incoming):
    obj = incoming.object
    # A deserialized row found by natural key is an update, not a new row; say so,
    # or the unique checks would compare it with itself.
    obj._state.adding = obj.pk is None
    _validate(obj, unique=True)
    obj.save()
    for field_name, values in (incoming.m2m_data or {}).items():
        getattr(obj, field_name).set(values)


def _validate(obj, unique):
    try:
        obj.full_clean(validate_unique=unique, validate_constraints=unique)
    except ValidationError as error:
        raise FixtureError(
            f"{obj._meta.label_lower} {obj.natural_key()}: {_message(error)}"
        ) from None


def row_values(obj):
    """A row's field values as plain JSON, many-to-many links included, in a stable order."""
    (data,) = serializers.serialize(
        "python", [obj], use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    values = json.loads(json.dumps(data["fields"], default=str))
    # The version only counts saves (see models.Versioned): a save that changed nothing,
    # or the loader's own refresh, is not an editor's change.
    values.pop("version", None)
    return {
        name: sorted(value, key=json.dumps) if isinstance(value, list) else value
        for name, value in values.items()
    }


def _digest(data):
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _describe(raw):
    if not isinstance(raw, dict):
        return "not an object"
    fields = raw.get("fields") if isinstance(raw.get("fields"), dict) else {}
    return f"{raw.get('model', 'no model')} {fields.get('slug', '')}".strip()


def _message(error):
    if isinstance(error, ValidationError) and hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
