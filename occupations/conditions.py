"""Check a row against several CheckConstraints in one query.

CheckConstraint.validate() asks the database once per constraint, each time in a savepoint
of its own: for a figure's nine rules, 27 statements on every full_clean(), which was most
of what validating a record cost in load_content and in the admin. broken() asks once, with
one column per constraint, and answers as validate() would for each.
"""

import logging
from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import BooleanField, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


def broken(instance, constraints, using=DEFAULT_DB_ALIAS):
    """The CheckConstraints among `constraints` that `instance` breaks, in their order."""
    connection = connections[using]
    if not constraints or not connection.features.supports_comparing_boolean_expr:
        return _broken_one_by_one(instance, constraints, using)
    try:
        query = _one_query(instance, constraints)
        with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except (DatabaseError, FieldError, TypeError, AttributeError) as error:
        # A database that refuses the query, or a Django whose internals moved: ask as
        # Django does, one constraint at a time.
        logger.warning("Checking %d constraints in one query failed: %s", len(constraints), error)
        return _broken_one_by_one(instance, constraints, using)
    return [constraint for constraint, met in zip(constraints, row, strict=True) if not met]


def _one_query(instance, constraints):
    """One SELECT with a column per constraint, true where the row meets it (built as
    Django's CheckConstraint.validate builds its own query, for all of them at once)."""
    query = Query(None)
    against = instance._get_field_expression_map(meta=instance._meta)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    for index, constraint in enumerate(constraints):
        # As CheckConstraint.validate: a condition that is UNKNOWN (NULL) is not broken.
        met = Coalesce(constraint.condition, True, output_field=BooleanField())
        query.add_annotation(met, f"met_{index}")
    return query


def _broken_one_by_one(instance, constraints, using):
    broken_ones = []
    for constraint in constraints:
        try:
            constraint.validate(type(instance), instance, using=using)
        except ValidationError:
            broken_ones.append(constraint)
    return broken_ones
