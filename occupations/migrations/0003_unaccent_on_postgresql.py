"""unaccent() for Spanish search on PostgreSQL (occupations/search.py); SQLite skips it."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("occupations", "0002_search_indexes_on_postgresql")]

    operations = [UnaccentExtension()]
