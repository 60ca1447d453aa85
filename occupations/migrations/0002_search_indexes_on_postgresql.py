"""Indexes for job-title search (occupations/search.py), on PostgreSQL only.

pg_trgm gives trigram similarity for typos; the GIN indexes serve its %> operator
and the full-text match, whose expression must be the one SearchVector writes:
to_tsvector('english', COALESCE(column, '')), columns joined by a space.

SQLite has neither, and its fallback search needs no index, so there this
migration does nothing.

The models do not describe these indexes, so makemigrations does not write them;
this migration is kept by hand.
"""

from django.db import migrations

# (table, index name prefix, columns searched together)
SEARCHED = [
    ("occupations_occupation", "occupation_title", ["title"]),
    ("occupations_occupation", "occupation_summary", ["definition", "summary"]),
    ("occupations_jobtitle", "jobtitle_name", ["name"]),
    ("occupations_duty", "duty_text", ["text"]),
    ("occupations_faqentry", "faqentry_text", ["question", "answer"]),
]


def _document(columns):
    joined = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('english'::regconfig, {joined})"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, name, columns in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name}_fts ON {table} USING gin ({_document(columns)})"
        )
        for column in columns:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table.removeprefix('occupations_')}_{column}_trgm "
                f"ON {table} USING gin ({column} gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, columns in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}_fts")
        for column in columns:
            schema_editor.execute(
                f"DROP INDEX IF EXISTS {table.removeprefix('occupations_')}_{column}_trgm"
            )


class Migration(migrations.Migration):
    dependencies = [("occupations", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
