"""import_content: a file written by export_content, imported in one transaction.

- A row the database lacks is added with the file's values, then its history from the file,
  and a history row of its own saying it was imported, so the admin's History shows when
  and from where it came back.
- A row the database has is kept as it is, by default: an import brings back what is
  missing without undoing what editors did since the export. With `replace` it takes the
  file's values instead, saved as an editor's save is (its version goes up, a history row
  says it was imported), unless it holds them already.
- Every row written is checked as the admin checks an editor's (full_clean()).
- A file that is not an export, an entry that is malformed, a value a field refuses, a
  reference to a row that is neither in the database nor earlier in the file: each stops
  the import with a message naming the entry and the problem, and nothing is written.

It runs under load_content's lock, as it writes the rows and records load_content reads.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.db import transaction

from ..content_version import one_bump_at_the_end
from ..loading import key_text, one_load_at_a_time
from ..models import EditConflict
from . import BAD_ENTRY, FORMAT, VERSION, ContentFileError, exported_models, message
from .history import add_history
from .keys import Keys
from .loader_records import add_loader_records


@dataclass
class ImportReport:
    # Model: rows.
    added: Counter = field(default_factory=Counter)
    replaced: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    unchanged: int = 0
    history_added: int = 0
    loader_records: int = 0


def import_content(path, *, replace=False, on_wait=lambda: None):
    document = read_document(path)
    report = ImportReport()
    importing = _Import(replace, f"Imported from {Path(path).name}"[:100], report)
    with one_load_at_a_time(on_wait), transaction.atomic(), one_bump_at_the_end():
        for index, raw in enumerate(document["records"], start=1):
            place = f"record {index}"
            try:
                importing.record(raw, place)
            except (ContentFileError, *BAD_ENTRY) as error:
                raise ContentFileError(f"{place} ({_describe(raw)}): {message(error)}") from error
        add_history(document["history"], importing.written, report)
        add_loader_records(document["loaded"], importing.written, report)
    return report


def read_document(path):
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentFileError(f"{path} does not exist.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ContentFileError(f"{path} cannot be read as JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ContentFileError(f"{path} is not a content export made by export_content.")
    if document.get("version") != VERSION:
        raise ContentFileError(
            f"{path} is an export of version {document.get('version')!r}; this version of "
            f"the site reads version {VERSION}."
        )
    for part in ("records", "history", "loaded"):
        if not isinstance(document.get(part), list):
            raise ContentFileError(f"{path}: its “{part}” is missing or not a list.")
    return document


class _Import:
    def __init__(self, replace, reason, report):
        self.replace, self.reason, self.report = replace, reason, report
        self.models = set(exported_models())
        self.keys = Keys()
        # (model label, key text): the row written, for the history and loader records.
        self.written = {}
        # (model label, key text): where in the file it was first seen.
        self.places = {}

    def record(self, raw, place):
        if not isinstance(raw, dict) or not {"model", "fields"} <= raw.keys():
            raise ContentFileError("each record needs a “model” and “fields”")
        if "pk" in raw:
            raise ContentFileError("records are matched by natural key; remove the “pk”")
        model = apps.get_model(raw["model"])
        if model not in self.models:
            raise ContentFileError(f"{model._meta.label_lower} is not a model an export holds")
        if not isinstance(raw["fields"], dict):
            raise ContentFileError("its “fields” must be an object")
        fields, parents, row = self.keys.resolve(model, raw["fields"])
        prepared = {"model": raw["model"], "fields": fields}
        if row is not None:
            prepared["pk"] = row.pk
        (incoming,) = serializers.deserialize("python", [prepared])
        obj = incoming.object
        for name, parent in parents.items():
            setattr(obj, name, parent)  # the row found, not a second read of it
        label, key = obj._meta.label_lower, key_text(obj.natural_key())
        earlier = self.places.setdefault((label, key), place)
        if earlier != place:
            raise ContentFileError(f"it repeats the key of {earlier} ({label} {key})")
        adding = obj.pk is None
        if not adding:
            if not self.replace:
                self.report.kept[model] += 1
                return
            current = model._default_manager.get(pk=obj.pk)
            if _same(obj, current, incoming.m2m_data or {}):
                self.report.unchanged += 1
                return
            if hasattr(current, "version"):
                obj.version = current.version  # save against the row's, as any save does
        # A deserialized row found by natural key is an update, not a new row; say so, or
        # the unique checks would compare it with itself.
        obj._state.adding = adding
        obj.full_clean()
        obj._change_reason = self.reason  # the history row's “change reason”
        try:
            obj.save()
        except EditConflict:
            raise ContentFileError(
                "someone saved it while it was being imported; run the import again"
            ) from None
        for field_name, values in (incoming.m2m_data or {}).items():
            getattr(obj, field_name).set(values)
        self.written[(label, key)] = obj
        self.keys.add(obj)
        (self.report.added if adding else self.report.replaced)[model] += 1


def _same(obj, current, m2m_data):
    """Whether the file's row holds the database row's values (its version aside)."""
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key or model_field.name == "version":
            continue
        if model_field.value_from_object(obj) != model_field.value_from_object(current):
            return False
    return all(
        set(values) == set(getattr(current, name).values_list("pk", flat=True))
        for name, values in m2m_data.items()
    )


def _describe(raw):
    if not isinstance(raw, dict):
        return "not an object"
    fields = raw.get("fields") if isinstance(raw.get("fields"), dict) else {}
    name = next(
        (str(fields[key]) for key in ("slug", "code", "soc_code", "year") if key in fields), ""
    )
    return f"{raw.get('model', 'no model')} {name}".strip()
