"""A source"s period gets its Spanish twin ("mayo de 2025"); what it said so far is its English."""

from django.db import migrations, models
from django.db.models import F

import occupations.visible_text


def english_from_the_original_column(apps, schema_editor):
    for name in ("source", "historicalsource"):
        apps.get_model("occupations", name)._base_manager.update(period_en=F("period"))


class Migration(migrations.Migration):
    dependencies = [
        ("occupations", "0008_spanish_from"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalsource",
            name="period_en",
            field=models.CharField(
                help_text="The period its figures describe, for example “2008 and 2008–2018”.",
                max_length=100,
                null=True,
                validators=[occupations.visible_text.VisibleTextValidator()],
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="period_es",
            field=models.CharField(
                help_text="The period its figures describe, for example “2008 and 2008–2018”.",
                max_length=100,
                null=True,
                validators=[occupations.visible_text.VisibleTextValidator()],
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="period_en",
            field=models.CharField(
                help_text="The period its figures describe, for example “2008 and 2008–2018”.",
                max_length=100,
                null=True,
                validators=[occupations.visible_text.VisibleTextValidator()],
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="period_es",
            field=models.CharField(
                help_text="The period its figures describe, for example “2008 and 2008–2018”.",
                max_length=100,
                null=True,
                validators=[occupations.visible_text.VisibleTextValidator()],
            ),
        ),
        migrations.RunPython(english_from_the_original_column, migrations.RunPython.noop),
    ]
