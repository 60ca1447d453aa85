from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("occupations", "0005_price_index")]

    # This migration gave the Editors group the price index permissions. The
    # post_migrate receiver in occupations.roles now keeps the group in step, so it is
    # empty; it stays for the migrations that depend on it.
    operations = []
