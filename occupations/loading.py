"""Load the content fixtures without ever overwriting an editor's work.

Each fixture record is matched to its row by natural key. load_content keeps
the values of every row it writes (LoadedRecord). On a later run a row whose
values still match is ours to refresh from the fixture; a row whose values
differ was changed by an editor and is kept as it is, as is a row an editor
deleted, and a record whose parent (the occupation, source, work setting or a
linked figure it names) an editor deleted or renamed.
"""

import fcntl
import hashlib
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models, transaction
from django.db.models import Prefetch

from . import bilingual, languages, quoting
from .content_version import one_bump_at_the_end
from .load_records import LoadedRecord
from .models import Figure, PriceIndex

# Any fixed number will do, as long as nothing else takes it: the SOC code of the site's
# occupation (43-4051).
LOAD_LOCK_KEY = 434051


class FixtureError(Exception):
    """A fixture record that cannot be loaded; the message names file and record."""


class RepeatedKey(FixtureError):
    """Two fixture records with one natural key; the message names both."""


@contextmanager
def one_load_at_a_time(on_wait):
    """Hold the database's load lock for the block; call on_wait() first if it is busy.

    Two overlapping runs would otherwise both add the same new records and the
    later one would fail on a unique key or a locked database, blamed on a fixture.
    """
    if connection.vendor == "postgresql":
        lock = _advisory_lock(on_wait)
    else:
        lock = _file_lock(_lock_file(), on_wait)
    with lock:
        yield


@contextmanager
def _advisory_lock(on_wait):
    # A session-level lock, released by the unlock below or when the connection ends.
    # Polled rather than blocking, so a statement timeout cannot cut the wait short.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOAD_LOCK_KEY])
        if not cursor.fetchone()[0]:
            on_wait()
            while True:
                time.sleep(0.5)
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOAD_LOCK_KEY])
                if cursor.fetchone()[0]:
                    break
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOAD_LOCK_KEY])


def _lock_file():
    """Beside the SQLite file (so it follows DATABASE_URL), or in VAR_DIR for other cases."""
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        database = Path(connection.settings_dict["NAME"])
        return database.with_name(f"{database.name}.load-lock")
    return Path(settings.VAR_DIR) / "load_content.lock"


@contextmanager
def _file_lock(path, on_wait):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    kept_deleted: list[str] = field(default_factory=list)
    kept_orphaned: list[str] = field(default_factory=list)
    # Rows load_content wrote whose records the fixtures no longer have (_report_retired).
    kept_retired: list[str] = field(default_factory=list)


@dataclass
class _Run:
    report: LoadReport
    # What load_content wrote before, read in one query at the start rather than one per
    # record: (model label, natural key text) to its LoadedRecord. Kept up to date as the
    # run adds rows; the load lock keeps any other run from changing it meanwhile.
    tracked: dict[tuple[str, str], LoadedRecord] = field(default_factory=dict)
    # Natural keys of records kept out this run because their parent is gone: their
    # own children are kept out too, not mistaken for references to nothing.
    orphaned: set[tuple[str, str]] = field(default_factory=set)
    # Where each natural key was first seen: a second record with it is an error.
    places: dict[tuple[str, str], str] = field(default_factory=dict)
    # Parents found by natural key, (model label, key text) to row, so that each is read
    # once a run and not again for every record that names it. Only rows that exist are
    # kept: a parent missing now may be added by a later record.
    parents: dict[tuple[str, str], object] = field(default_factory=dict)
    # Each model's rows by natural key text, read once when a record of it is first met
    # (_rows_by_key); only the records unchanged since they were loaded look here.
    rows: dict[type, dict[str, object]] = field(default_factory=dict)

    def row(self, model, key):
        """The database's row of `model` with this natural key text, or None."""
        if model not in self.rows:
            self.rows[model] = _rows_by_key(model)
        return self.rows[model].get(key)

    def claim(self, model_label, key, place):
        earlier = self.places.setdefault((model_label, key), place)
        if earlier != place:
            raise RepeatedKey(f"{place} repeats the key of {earlier} ({model_label} {key})")

    def parent(self, model, natural_key):
        """The row of `model` with this natural key, or None."""
        key = (model._meta.label_lower, key_text(natural_key))
        if key not in self.parents:
            try:
                self.parents[key] = model._default_manager.get_by_natural_key(*natural_key)
            except model.DoesNotExist:
                return None
        return self.parents[key]

    def saved(self, obj, key):
        """Keep the row just written, which later records may name as their parent."""
        self.parents[(obj._meta.label_lower, key)] = obj


def fixture_paths(directory):
    return sorted(Path(directory).glob("*.json"))


def load_fixtures(paths):
    """Load every record of every file, in order, in one transaction."""
    run = _Run(LoadReport())
    with transaction.atomic(), one_bump_at_the_end():
        run.tracked = {
            (record.model, record.natural_key): record for record in LoadedRecord.objects.all()
        }
        for path in paths:
            for index, raw in enumerate(_read_records(path), start=1):
                try:
                    _load_record(raw, run, place=f"{path.name}, record {index}")
                except RepeatedKey:
                    raise
                except FixtureError as error:
                    raise FixtureError(
                        f"{path.name}, record {index} ({_describe(raw)}): {error}"
                    ) from error
                except Exception as error:
                    # Deserialisation raises many types; all of them mean a bad record.
                    raise FixtureError(
                        f"{path.name}, record {index} ({_describe(raw)}): {_message(error)}"
                    ) from error
        _report_retired(run)
    return run.report


def _report_retired(run):
    """Name the rows load_content wrote whose records the fixtures no longer have: removed,
    or renamed (a new slug is a new record, so the old row stays beside the new one). They
    are kept, not deleted: an editor may have linked or quoted one since, and only a person
    can tell whether it should go. The report names each, for the admin."""
    for model_label, key in run.tracked:
        if (model_label, key) in run.places:
            continue
        try:
            model = apps.get_model(model_label)
        except LookupError:
            continue  # a model since removed: nothing of it is shown
        if run.row(model, key) is not None:
            run.report.kept_retired.append(f"{model_label} {key}")


def _read_records(path):
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"{Path(path).name}: cannot be read as JSON: {error}") from error
    if not isinstance(records, list):
        raise FixtureError(f"{Path(path).name}: expected a list of records")
    return records


def _load_record(raw, run, place):
    report = run.report
    if not isinstance(raw, dict) or "model" not in raw or "fields" not in raw:
        raise FixtureError("each record needs a “model” and “fields”")
    if "pk" in raw:
        raise FixtureError("records are matched by natural key; remove the “pk”")
    fixture_digest = _digest(raw)
    if _unchanged_since_loaded(raw, run, fixture_digest, place):
        return
    missing_parent, parents = _find_parents(raw, run)
    if missing_parent:
        model = apps.get_model(raw["model"])
        key = key_text(_fixture_key(model, raw["fields"]))
        run.claim(model._meta.label_lower, key, place)
        run.orphaned.add((model._meta.label_lower, key))
        report.kept_orphaned.append(f"{model._meta.label_lower} {key} (no {missing_parent})")
        return
    (incoming,) = serializers.deserialize("python", [_with_parents_found(raw, parents)])
    obj = incoming.object
    bilingual.settle_texts(obj)
    # The Spanish the fixture gives was written from the English it gives beside it.
    fields = raw["fields"] if isinstance(raw["fields"], dict) else {}
    languages.note_spanish(
        obj, [name for name in bilingual.translated_fields(type(obj)) if f"{name}_es" in fields]
    )
    for field_name, row in parents.items():
        if obj._meta.get_field(field_name).many_to_one:
            setattr(obj, field_name, row)  # the row found above, not a second read of it
    model_label = obj._meta.label_lower
    key = key_text(obj.natural_key())
    run.claim(model_label, key, place)
    name = f"{model_label} {key}"
    tracked = run.tracked.get((model_label, key))
    # A broken record is an error even when the row it maps to is kept as edited. A record
    # just as it was when it was last loaded passed these checks then, so one whose row an
    # editor changed or deleted is not checked again.
    if tracked is None or fixture_digest != tracked.fixture_digest:
        _validate(obj)
        _check_quotes(obj, incoming.m2m_data or {})

    if tracked is None:
        if obj.pk is not None:
            # The row exists but load_content never wrote it: an editor made it.
            report.kept_edited.append(name)
            return
        _save(incoming)
        run.saved(obj, key)
        run.tracked[(model_label, key)] = LoadedRecord.objects.create(
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
    _share_parents(obj, current_row)
    current = row_values(current_row)
    if _edited(current, tracked):
        report.kept_edited.append(name)
        return
    if fixture_digest == tracked.fixture_digest:
        report.unchanged.append(name)
        return
    # The fixture carries no version; save against the row's, as any other save does.
    obj.version = current_row.version
    _save(incoming)
    run.saved(obj, key)
    tracked.fixture_digest = fixture_digest
    tracked.loaded_values = row_values(obj)
    tracked.save()
    report.updated.append(name)


def _unchanged_since_loaded(raw, run, fixture_digest, place):
    """Report the record unchanged, and say True, when it is as it was last loaded and its
    row still holds the values loaded then; False sends it down the full path, which
    finds out what else it is (new, changed, edited, deleted, orphaned, or broken).

    On a rerun nearly every record is unchanged. Matching each through the deserializer
    and a read of its row took about 700 queries for the 204 records, and 0.8 s; reading
    each model's rows once (_rows_by_key) makes it 22 queries and 0.37 s, measured in one
    run on the 2-core test machine. `serve` reruns the loader at every start, and the
    loader's tests rerun it 35 times."""
    try:
        model = apps.get_model(raw["model"])
        key = key_text(_fixture_key(model, raw["fields"]))
    except (LookupError, ValueError, TypeError, AttributeError):
        return False  # the full path says what is wrong with it
    model_label = model._meta.label_lower
    tracked = run.tracked.get((model_label, key))
    if tracked is None or tracked.fixture_digest != fixture_digest:
        return False
    row = run.row(model, key)
    if row is None:
        return False
    current = row_values(row)
    if _edited(current, tracked):
        return False
    if not set(raw["fields"]) <= current.keys():
        return False  # a field the model no longer has: the deserializer names it
    run.claim(model_label, key, place)
    run.report.unchanged.append(f"{model_label} {key}")
    return True


def _edited(current, tracked):
    """Whether a row's values differ from those load_content wrote (a column added since
    is not compared: it was not loaded)."""
    return any(current.get(name) != value for name, value in tracked.loaded_values.items())


def _rows_by_key(model):
    """Every row of `model` by its natural key text, read with the rows its natural key and
    its values name (row_values writes its links by natural key too)."""
    rows = _with_parents(model._default_manager.all()).prefetch_related(
        *(
            Prefetch(field.name, queryset=_with_parents(field.related_model._default_manager))
            for field in model._meta.many_to_many
        )
    )
    return {key_text(row.natural_key()): row for row in rows}


def _with_parents(rows):
    paths = _parent_paths(rows.model)
    # select_related() with no paths would follow every link (and is deprecated).
    return rows.select_related(*paths) if paths else rows.all()


def _parent_paths(model, depth=2):
    """select_related() paths to every row `model` points at, and to theirs (a work
    setting's detail names its setting, which names its occupation)."""
    paths = []
    for model_field in model._meta.concrete_fields:
        if model_field.many_to_one:
            paths.append(model_field.name)
            if depth > 1:
                paths += [
                    f"{model_field.name}__{path}"
                    for path in _parent_paths(model_field.related_model, depth - 1)
                ]
    return paths


def _find_parents(raw, run):
    """The parent this record names that an editor deleted or renamed, if any; and the
    rows of the parents it names, by field (a list of rows for a many-to-many field).

    A parent that was never loaded at all is a mistake in the fixtures, not an
    editor's doing, and stops the run with its name.
    """
    model = apps.get_model(raw["model"])
    fields = raw["fields"] if isinstance(raw["fields"], dict) else {}
    found = {}
    for name, value in fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # Deserialisation reports unknown fields.
        if not (model_field.many_to_one or model_field.many_to_many) or not value:
            continue
        rows = []
        for key in value if model_field.many_to_many else [value]:
            if not isinstance(key, list):
                continue  # Not a natural key; deserialisation checks it.
            related = model_field.related_model
            row = run.parent(related, key)
            if row is not None:
                rows.append(row)
                continue
            label, text = related._meta.label_lower, key_text(key)
            parent = f"{label} {text}"
            if (label, text) in run.orphaned or (label, text) in run.tracked:
                return parent, {}
            raise FixtureError(
                f"its {model_field.verbose_name} {parent} does not exist: it is not in the "
                "database, and no fixture record before this one adds it"
            )
        if model_field.many_to_many and len(rows) == len(value):
            found[name] = rows
        elif model_field.many_to_one and rows:
            found[name] = rows[0]
    return None, found


def _with_parents_found(raw, parents):
    """The record with the parents found named by primary key, so that deserialising it
    does not look each one up by its natural key again."""
    fields = dict(raw["fields"])
    for name, value in parents.items():
        if isinstance(value, list):
            fields[name] = [row.pk for row in value]
        else:
            fields[name] = value.pk
    return {**raw, "fields": fields}


def _share_parents(obj, current_row):
    """Give the row read from the database the parent rows `obj` already holds, where
    they are the same rows, so that reading its values does not fetch them again."""
    for model_field in obj._meta.concrete_fields:
        if (
            model_field.many_to_one
            and model_field.is_cached(obj)
            and getattr(current_row, model_field.attname) == getattr(obj, model_field.attname)
        ):
            model_field.set_cached_value(current_row, model_field.get_cached_value(obj))


def _fixture_key(model, fields):
    """A record's natural key read from its fixture fields, for a record not deserialized:
    its own slug (a price index's year), then its occupation's or work setting's key."""
    if model is PriceIndex:
        return [fields.get("year"), fields.get("month")]
    parent = fields.get("occupation") or fields.get("work_setting") or []
    return [fields.get("slug"), *parent]


def key_text(key):
    """A natural key as LoadedRecord keeps it (and import_content matches it)."""
    return json.dumps(list(key), ensure_ascii=False)


def _save(incoming):
    obj = incoming.object
    # A deserialized row found by natural key is an update, not a new row; say so,
    # or the unique checks would compare it with itself.
    obj._state.adding = obj.pk is None
    _validate_among_rows(obj)
    obj.save()
    for field_name, values in (incoming.m2m_data or {}).items():
        getattr(obj, field_name).set(values)


def _validate(obj):
    """full_clean() but for the checks against other rows (_validate_among_rows)."""
    # A field editors cannot set follows from the others (a figure's unit from its measure);
    # a fixture that gives it a different value is wrong, not something to fix quietly.
    derived = {field.attname: getattr(obj, field.attname) for field in _derived_fields(obj)}
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
        contradicted = {
            name: (given, getattr(obj, name))
            for name, given in derived.items()
            if given not in (None, "") and given != getattr(obj, name)
        }
        if contradicted:
            raise ValidationError(
                {
                    name: f"The fixture gives {given!r}, but it follows from the other "
                    f"fields: {expected!r}."
                    for name, (given, expected) in contradicted.items()
                }
            )
    except ValidationError as error:
        raise FixtureError(
            f"{obj._meta.label_lower} {obj.natural_key()}: {_message(error)}"
        ) from None


def _check_quotes(obj, m2m_data):
    """A text that quotes figures by name quotes only the figures it links
    (occupations/quoting.py), so the page can always write their values."""
    model = type(obj)
    originals = bilingual.translated_fields(model)  # their language columns are named
    values = {
        field.name: getattr(obj, field.name)
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and field.name not in originals
    }
    elsewhere = quoting.brackets_where_nothing_quotes(model, values)
    if elsewhere:
        labels = ", ".join(bilingual.field_label(model, name) for name in elsewhere)
        raise FixtureError(
            f"{obj._meta.label_lower} {obj.natural_key()}: {labels}: {quoting.NOT_HERE}"
        )
    names = sorted(quoting.quoting_columns(model))
    texts = [getattr(obj, name) or "" for name in names]
    if not any("[[" in text or "]]" in text for text in texts):
        return
    linked = Figure.objects.filter(pk__in=m2m_data.get("figures", [])).values_list(
        "slug", flat=True
    )
    linked = list(linked)
    known = list(
        Figure.objects.filter(occupation_id=obj.occupation_id).values_list("slug", flat=True)
    )
    errors = {}
    for name in names:
        try:
            quoting.check(getattr(obj, name), linked, known)
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise FixtureError(
            f"{obj._meta.label_lower} {obj.natural_key()}: {_message(ValidationError(errors))}"
        )


def _validate_among_rows(obj):
    """The rest of full_clean(), before a save: unique fields and the model's constraints.
    Every record has passed _validate first, so its fields and clean() are not checked
    twice (each rule is a query)."""
    errors = {}
    for check in (obj.validate_unique, obj.validate_constraints):
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise FixtureError(
            f"{obj._meta.label_lower} {obj.natural_key()}: {_message(ValidationError(errors))}"
        )


def _derived_fields(obj):
    return [
        field
        for field in obj._meta.concrete_fields
        if not field.editable and not field.primary_key and not field.auto_created
    ]


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
