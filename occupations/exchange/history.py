"""The records' history in an export: django-simple-history's rows, named by natural key.

A history row points at its record by the record's primary key (its `id` column), and at the
rows its fields named (a source, an occupation) by theirs, with no foreign key constraint.
Django's serializers write those as primary keys, which mean nothing in another database
or after a deleted record comes back under a new one, and cannot write a natural key for a
row that is gone. So each history row is written here with its record's natural key
(`of`), its fields' rows by natural key, and its editor by user name; and read back pointing
at the record as it is in the database it is imported into.

Only the history of the records an export holds is written: a deleted record's history has
nothing left to point at. A row whose field named a row since deleted keeps an empty field
(the row is gone, its natural key unknown), and an editor with no account in the importing
database is left empty too.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers

from ..loading import key_text
from . import BAD_ENTRY, ContentFileError, history_model, message


def user_names():
    """{primary key: natural key} of the user accounts, for the history rows' editors."""
    return {user.pk: list(user.natural_key()) for user in get_user_model().objects.all()}


def history_entries(model, keys, users):
    """The history rows of `model`'s exported records, oldest first.

    `keys` maps each exported model to {primary key: natural key} of its rows; `users` is
    user_names().
    """
    history = history_model(model)
    if history is None:
        return []
    entries = []
    rows = history.objects.order_by("history_date", "history_id")
    for row in serializers.serialize("python", rows.iterator()):
        fields = row["fields"]
        of = keys[model].get(fields.pop("id"))
        if of is None:
            continue  # the history of a record since deleted
        for field in _foreign_keys(history):
            value = fields.get(field.name)
            if value is None:
                continue
            if field.name == "history_user":
                fields[field.name] = users.get(value)
            else:
                fields[field.name] = keys.get(field.related_model, {}).get(value)
        entries.append({"model": history._meta.label_lower, "of": of, "fields": fields})
    return entries


def add_history(entries, written, report):
    """Add the history rows of the records this import wrote (`written`: (model label, key
    text) to the row), skipping the rows the database already has."""
    histories = {}
    for obj in written.values():
        history = history_model(type(obj))
        if history is not None:
            histories.setdefault(history, set()).add(obj.pk)
    # A row is the same row when it is of the same record, at the same time, the same change.
    present = {
        (history, *row)
        for history, pks in histories.items()
        for row in history.objects.filter(id__in=pks).values_list(
            "id", "history_date", "history_type"
        )
    }
    found = {}  # (model, natural key): primary key, or None for a row not in the database
    new = {}
    for index, entry in enumerate(entries, start=1):
        try:
            history, row = _history_row(entry, written, found)
        except ContentFileError as error:
            raise ContentFileError(f"history entry {index}: {error}") from None
        except BAD_ENTRY as error:
            raise ContentFileError(
                f"history entry {index} ({entry.get('model')}): {message(error)}"
            ) from error
        if row is None or (history, row.id, row.history_date, row.history_type) in present:
            continue
        present.add((history, row.id, row.history_date, row.history_type))
        new.setdefault(history, []).append(row)
    for history, rows in new.items():
        history.objects.bulk_create(rows)
        report.history_added += len(rows)


def _history_row(entry, written, found):
    """The history model and its unsaved row, or None for a record this import left alone."""
    if not isinstance(entry, dict) or not {"model", "of", "fields"} <= entry.keys():
        raise ContentFileError("each history entry needs a “model”, “of” and “fields”")
    try:
        history = apps.get_model(entry["model"])
    except (LookupError, ValueError, TypeError):
        raise ContentFileError(f"{entry['model']} is not a model of this site") from None
    record_model = getattr(history, "instance_type", None)
    if record_model is None or history_model(record_model) is not history:
        raise ContentFileError(f"{entry['model']} is not a history model")
    if not isinstance(entry["of"], list) or not isinstance(entry["fields"], dict):
        raise ContentFileError("its “of” must be a natural key (a list), its “fields” an object")
    obj = written.get((record_model._meta.label_lower, key_text(entry["of"])))
    fields = dict(entry["fields"])
    if history._meta.pk.name in fields:
        raise ContentFileError(f"it gives “{history._meta.pk.name}”, a primary key")
    for field in _foreign_keys(history):
        if field.attname in fields:
            raise ContentFileError(f"it gives “{field.attname}”, a primary key")
        value = fields.get(field.name)
        if value is not None:
            fields[field.name] = _pk(field, value, found)
    fields["id"] = obj.pk if obj is not None else None
    # Read even when its record was left alone: a bad entry is a bad file either way.
    (deserialized,) = serializers.deserialize(
        "python", [{"model": entry["model"], "fields": fields}]
    )
    return history, deserialized.object if obj is not None else None


def _pk(field, natural_key, found):
    """The primary key of the row with this natural key that `field` points at, or None if
    there is none."""
    if not isinstance(natural_key, list):
        raise ContentFileError(
            f"its {field.name} is {natural_key!r}; a reference is a natural key, a list"
        )
    model = field.related_model
    key = (model, tuple(natural_key))
    if key not in found:
        try:
            found[key] = model._default_manager.get_by_natural_key(*natural_key).pk
        except model.DoesNotExist:
            found[key] = None
    return found[key]


def _foreign_keys(model):
    return [field for field in model._meta.concrete_fields if field.many_to_one]
