from django.db import migrations

from occupations.roles import create_editors_group


class Migration(migrations.Migration):
    dependencies = [("occupations", "0005_price_index")]

    # Run the group set-up again so it takes in the new model's permissions.
    operations = [migrations.RunPython(create_editors_group, migrations.RunPython.noop)]
