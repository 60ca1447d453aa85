"""Openings a year are counted in openings, not jobs: "around 341,700 jobs" beside
"Projected openings a year" read as if that many jobs would exist. Figures already saved get
the new unit between dropping the rule that ties a unit to its measure and adding it back.

load_content's record of what it wrote (LoadedRecord) gets the new unit too: a row whose
values differ from that record counts as an editor's, and load_content would otherwise never
refresh these figures again."""

from django.db import migrations, models
from django.db.models import F


def count_openings_in(unit, before):
    def step(apps, schema_editor):
        Figure = apps.get_model("occupations", "Figure")
        Figure.objects.filter(measure="annual_openings").update(unit=unit, version=F("version") + 1)
        LoadedRecord = apps.get_model("occupations", "LoadedRecord")
        for record in LoadedRecord.objects.filter(model="occupations.figure"):
            values = record.loaded_values
            if values.get("measure") == "annual_openings" and values.get("unit") == before:
                record.loaded_values = {**values, "unit": unit}
                record.save(update_fields=["loaded_values"])

    return step


def unit_field():
    """The unit column, as both the figures' table and their history's have it."""
    return models.CharField(
        choices=[
            ("usd_hour", "US dollars per hour"),
            ("usd_year", "US dollars per year"),
            ("percent", "Percent"),
            ("jobs", "Jobs"),
            ("openings", "Openings"),
        ],
        editable=False,
        max_length=10,
    )

count_openings_as_openings = count_openings_in("openings", before="jobs")
count_openings_as_jobs = count_openings_in("jobs", before="openings")


class Migration(migrations.Migration):
    dependencies = [
        ("occupations", "0009_current_figures_url_is_the_outlooks"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="figure",
            name="figure_unit_fits_measure",
        ),
        migrations.AlterField(
            model_name="figure",
            name="unit",
            field=unit_field(),
        ),
        migrations.AlterField(
            model_name="historicalfigure",
            name="unit",
            field=unit_field(),
        ),
        migrations.RunPython(count_openings_as_openings, count_openings_as_jobs),
        migrations.AddConstraint(
            model_name="figure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("measure", "median_hourly_wage"), ("unit", "usd_hour")),
                    models.Q(("measure", "median_annual_wage"), ("unit", "usd_year")),
                    models.Q(("measure", "wage_p10_hourly"), ("unit", "usd_hour")),
                    models.Q(("measure", "wage_p10_annual"), ("unit", "usd_year")),
                    models.Q(("measure", "wage_p90_hourly"), ("unit", "usd_hour")),
                    models.Q(("measure", "wage_p90_annual"), ("unit", "usd_year")),
                    models.Q(("measure", "employment_growth"), ("unit", "percent")),
                    models.Q(("measure", "employment"), ("unit", "jobs")),
                    models.Q(("measure", "projected_employment"), ("unit", "jobs")),
                    models.Q(("measure", "employment_change"), ("unit", "jobs")),
                    models.Q(("measure", "annual_openings"), ("unit", "openings")),
                    _connector="OR",
                ),
                name="figure_unit_fits_measure",
                violation_error_message="That unit does not fit what the figure measures.",
            ),
        ),
    ]
