"""An occupation's profile parts in one query, instead of one query for each part.

The profile shows ten kinds of small cited rows (duties, job titles, work settings and
their details, and so on). prefetch_related would read them in ten queries; here one
UNION ALL reads them all. Each row carries the columns every cited model shares, plus its
own fields packed into one JSON object, so ten differently shaped tables fit one result.
The rows then become model instances, get their sources from one more query, and are
stored where prefetch_related would have put them, so `occupation.duty_set.all()`,
`setting.details.all()` and everything that reads them work as before.
"""

import functools
import json
from operator import attrgetter

from django.db import connections, router
from django.db.models import CharField, F, Value
from django.db.models.functions import JSONObject

from .content import profile_parts
from .models import Figure, Occupation, Source, WorkSettingDetail


def fetch_parts(occupations):
    """Fetch the profile parts of every occupation given, in two queries in all, and
    attach the sources of the occupations, of their prefetched figures and of the parts.

    Returns the occupations, whose parts' related managers then read the fetched rows.
    """
    occupations = list(occupations)
    if not occupations:
        return occupations
    alias = router.db_for_read(Occupation)
    models, shared = _models_and_columns()
    labels = {model._meta.label_lower: model for model in models}
    fetched = {model: [] for model in models}
    for label, *values, own in _rows(alias, [occupation.pk for occupation in occupations]):
        own = json.loads(own) if isinstance(own, str) else own
        model = labels[label]
        fetched[model].append(_instance(model, dict(zip(shared, values, strict=True)) | own, alias))
    parts = [row for found in fetched.values() for row in found]
    _attach_sources([*occupations, *_prefetched_figures(occupations), *parts])

    details = _grouped(fetched.pop(WorkSettingDetail), "work_setting_id")
    by_occupation = {model: _grouped(found, "occupation_id") for model, found in fetched.items()}
    for occupation in occupations:
        for model, grouped in by_occupation.items():
            mine = grouped.get(occupation.pk, [])
            for part in mine:
                part.occupation = occupation
            _store(occupation, f"{model._meta.model_name}_set", mine)
        for setting in occupation.worksetting_set.all():
            for detail in details.get(setting.pk, []):
                detail.work_setting = setting
            _store(setting, "details", details.get(setting.pk, []))
    return occupations


@functools.cache
def _models_and_columns():
    # Figures are not among them: their decimals and dates do not survive JSON, and
    # selectors.with_profile fetches them with the notes that question them.
    models = [*(model for model in profile_parts() if model is not Figure), WorkSettingDetail]
    return models, _shared_columns(models)


def _rows(alias, occupation_ids):
    sql, params, slots = _compiled(alias, len(occupation_ids))
    params = [
        occupation_ids[slot] if slot is not None else param
        for param, slot in zip(params, slots, strict=True)
    ]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@functools.cache
def _compiled(alias, count):
    """The union's SQL and parameters for `count` occupations, built once per process.

    Building ten querysets and compiling their union costs several times more than
    running it, and its shape only changes with the code. The occupation ids are the
    only parameters that change: the query is built with stand-in ids no row has
    (negative), and `slots` says which parameter takes which real id.
    """
    models, shared = _models_and_columns()
    stand_ins = [-(n + 1) for n in range(count)]
    queries = [_rows_of(model, shared, stand_ins) for model in models]
    union = queries[0].union(*queries[1:], all=True).order_by()
    sql, params = union.query.get_compiler(alias).as_sql()
    slots = [stand_ins.index(param) if param in stand_ins else None for param in params]
    # Each part's query names every id once; if Django ever passed them otherwise (one array
    # parameter, say), the profile would silently come back empty: fail loudly instead.
    if any(slots.count(slot) != len(models) for slot in range(count)):
        raise RuntimeError("The parts query no longer takes one parameter per occupation id.")
    return sql, params, slots


def _shared_columns(models):
    """The columns every model has (id, version and the citation), in the first's order."""
    columns = [[field.attname for field in model._meta.concrete_fields] for model in models]
    return [name for name in columns[0] if all(name in others for others in columns[1:])]


def _rows_of(model, shared, occupation_ids):
    own = [field.attname for field in model._meta.concrete_fields if field.attname not in shared]
    owner = "work_setting__occupation" if model is WorkSettingDetail else "occupation"
    return (
        model.objects.filter(**{f"{owner}__in": occupation_ids})
        # A compound query takes no ORDER BY in its parts; each model's order is applied
        # in Python below, from its own Meta.ordering.
        .order_by()
        .values_list(
            Value(model._meta.label_lower, output_field=CharField()),
            *shared,
            JSONObject(**{name: F(name) for name in own}),
        )
    )


def _instance(model, values, db):
    fields = model._meta.concrete_fields
    # JSON carries strings and numbers; each field turns its value back into its own type.
    row = [field.to_python(values[field.attname]) for field in fields]
    return model.from_db(db, [field.attname for field in fields], row)


def _prefetched_figures(occupations):
    """The figures selectors.with_profile fetched, to get their sources with the parts'."""
    for occupation in occupations:
        yield from getattr(occupation, "_prefetched_objects_cache", {}).get("figure_set", [])


def _attach_sources(rows):
    """Every row's sources, from one query: cheaper than joining the sources table twice
    (source and second_source) into each model's query."""
    sources = Source.objects.in_bulk({row.source_id for row in rows} | _second_sources(rows))
    for row in rows:
        row.source = sources[row.source_id]
        if row.second_source_id is not None:
            row.second_source = sources[row.second_source_id]


def _second_sources(rows):
    return {row.second_source_id for row in rows if row.second_source_id is not None}


def _grouped(rows, key):
    groups = {}
    for row in rows:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def _store(instance, accessor, rows):
    """Keep rows where prefetch_related keeps them, so `instance.<accessor>.all()` reads
    them instead of querying. Django stores a prefetched reverse relation as an evaluated
    queryset under the accessor's name in `_prefetched_objects_cache`.

    The rows are sorted here by their model's Meta.ordering (plain field names), comparing
    text by code point: as SQLite and PostgreSQL's C collation do, so ties in `order` come
    out by slug as the database would give them.
    """
    rows = sorted(rows, key=attrgetter(*type(rows[0])._meta.ordering)) if rows else rows
    queryset = getattr(instance, accessor).all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[accessor] = queryset
