"""Refuse a database the migrations folded into 0001_initial left part-way.

On 6 December 2026 ten migrations became 0001_initial. A database (or a restored backup) that
the old chain took only part of the way has 0001_initial and 0002 recorded as applied, so
Django would skip them and leave it without the columns the last of the old ones added, to
fail later on a page. Its occupations_source table lacks period_en, which the old chain added
last, so that is what is checked. A new database, or one the old chain took to its end, has
the column and passes.
"""

from django.db import migrations

MESSAGE = (
    "This database was made by an older set of migrations and stopped part-way through them. "
    "Migrate it with the code of commit 16a2eb3 first (git checkout 16a2eb3, then "
    "`uv run manage.py migrate`), or delete it and let `serve` make a new one."
)


def refuse_a_database_part_way(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "occupations_source")
    if "period_en" not in {column.name for column in columns}:
        raise RuntimeError(MESSAGE)


class Migration(migrations.Migration):
    dependencies = [("occupations", "0002_search_indexes_on_postgresql")]

    operations = [migrations.RunPython(refuse_a_database_part_way, migrations.RunPython.noop)]
