from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("occupations", "0003_history_and_review_date"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # This migration created the Editors group. A post_migrate receiver now does that
    # (occupations.roles), so migrations no longer import app code; the migration stays
    # for the ones that depend on it.
    operations = []
