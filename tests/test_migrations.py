"""A database the folded migrations left part-way is refused, not half-used."""

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

guard = importlib.import_module("occupations.migrations.0003_refuse_a_database_part_way")


def test_a_database_the_old_migrations_left_part_way_is_refused(db):
    editor = SimpleNamespace(connection=connection)
    guard.refuse_a_database_part_way(None, editor)  # a whole database passes
    with connection.cursor() as cursor:  # rolled back after the test, as all its changes
        cursor.execute("ALTER TABLE occupations_source DROP COLUMN period_en")
    with pytest.raises(RuntimeError, match="stopped part-way"):
        guard.refuse_a_database_part_way(None, editor)
