"""A database the folded migrations left part-way is refused, not half-used."""

import importlib
from contextlib import contextmanager
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from occupations.load_records import LoadedRecord
from occupations.models import Figure

guard = importlib.import_module("occupations.migrations.0003_refuse_a_database_part_way")
openings = importlib.import_module("occupations.migrations.0010_openings_counted_apart_from_jobs")


def test_a_database_the_old_migrations_left_part_way_is_refused(db):
    editor = SimpleNamespace(connection=connection)
    guard.refuse_a_database_part_way(None, editor)  # a whole database passes
    with connection.cursor() as cursor:  # rolled back after the test, as all its changes
        cursor.execute("ALTER TABLE occupations_source DROP COLUMN period_en")
    with pytest.raises(RuntimeError, match="stopped part-way"):
        guard.refuse_a_database_part_way(None, editor)


@contextmanager
def unit_rule_lifted():
    """Let a figure hold the unit it had before 0010, as an older database's rows do. Both
    ways last only until the test's transaction is rolled back."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA ignore_check_constraints = ON")
        else:
            cursor.execute(
                "ALTER TABLE occupations_figure DROP CONSTRAINT figure_unit_fits_measure"
            )
        try:
            yield
        finally:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA ignore_check_constraints = OFF")


def test_openings_saved_before_they_had_their_own_unit_get_it(csr):
    saved = Figure.objects.filter(occupation=csr, measure=Figure.Measure.ANNUAL_OPENINGS)
    before = {figure.pk: figure.version for figure in saved}
    assert before
    loaded = LoadedRecord.objects.filter(
        model="occupations.figure", natural_key__contains="annual-openings"
    )
    with unit_rule_lifted():
        # As a database from before 0010 has them: the rows, and load_content's record.
        saved.update(unit="jobs")
        for record in loaded:
            record.loaded_values = {**record.loaded_values, "unit": "jobs"}
            record.save()
        openings.count_openings_as_openings(apps, None)
    for figure in saved:
        assert figure.unit == "openings"
        assert str(figure.amount).endswith(" openings")
        # A copy an editor opened before the change can no longer overwrite it.
        assert figure.version == before[figure.pk] + 1
    # The migration's change is not an editor's: load_content still refreshes the figures.
    report = StringIO()
    call_command("load_content", stdout=report)
    assert "kept (changed by an editor)" not in report.getvalue()
