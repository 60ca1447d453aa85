"""unaccent() for Spanish search on PostgreSQL (occupations/search.py); SQLite skips it."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("occupations", "0003_refuse_a_database_part_way")]

    operations = [UnaccentExtension()]
