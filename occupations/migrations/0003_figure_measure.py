"""A figure's `kind` is named `measure`, the word its admin label and the API already used.

The three constraints that name the field are dropped before the rename and made again
after it (SQLite rebuilds the table on a rename, with the constraints it has then), and
load_content's record of each figure it loaded names the field anew, so the rename is not
taken for an editor's change.
"""

from django.db import migrations, models


def rename_in_loaded_values(apps, schema_editor, old="kind", new="measure"):
    LoadedRecord = apps.get_model("occupations", "LoadedRecord")
    for record in LoadedRecord.objects.filter(model="occupations.figure"):
        values = record.loaded_values or {}
        if old in values:
            values = {(new if key == old else key): value for key, value in values.items()}
            record.loaded_values = values
            record.save(update_fields=["loaded_values"])


def rename_back(apps, schema_editor):
    rename_in_loaded_values(apps, schema_editor, old="measure", new="kind")


class Migration(migrations.Migration):
    dependencies = [
        ("occupations", "0002_search_indexes_on_postgresql"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="figure", name="figure_wage_above_zero"),
        migrations.RemoveConstraint(model_name="figure", name="figure_growth_in_range"),
        migrations.RemoveConstraint(model_name="figure", name="figure_unit_fits_kind"),
        migrations.RenameField(model_name="figure", old_name="kind", new_name="measure"),
        migrations.RenameField(model_name="historicalfigure", old_name="kind", new_name="measure"),
        migrations.RunPython(rename_in_loaded_values, rename_back),
        migrations.AlterModelOptions(
            name="figure",
            options={"ordering": ["occupation_id", "measure", "order", "slug"]},
        ),
        migrations.AlterField(
            model_name="figure",
            name="measure",
            field=models.CharField(
                choices=[
                    ("median_hourly_wage", "Median hourly wage"),
                    ("median_annual_wage", "Median annual wage"),
                    ("wage_p10_hourly", "10th percentile hourly wage"),
                    ("wage_p10_annual", "10th percentile annual wage"),
                    ("wage_p90_hourly", "90th percentile hourly wage"),
                    ("wage_p90_annual", "90th percentile annual wage"),
                    ("employment_growth", "Projected change in employment"),
                    ("employment", "Number of jobs"),
                    ("projected_employment", "Projected number of jobs"),
                    ("employment_change", "Projected change in jobs"),
                    ("annual_openings", "Projected openings a year"),
                ],
                max_length=30,
            ),
        ),
        migrations.AlterField(
            model_name="historicalfigure",
            name="measure",
            field=models.CharField(
                choices=[
                    ("median_hourly_wage", "Median hourly wage"),
                    ("median_annual_wage", "Median annual wage"),
                    ("wage_p10_hourly", "10th percentile hourly wage"),
                    ("wage_p10_annual", "10th percentile annual wage"),
                    ("wage_p90_hourly", "90th percentile hourly wage"),
                    ("wage_p90_annual", "90th percentile annual wage"),
                    ("employment_growth", "Projected change in employment"),
                    ("employment", "Number of jobs"),
                    ("projected_employment", "Projected number of jobs"),
                    ("employment_change", "Projected change in jobs"),
                    ("annual_openings", "Projected openings a year"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="figure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        (
                            "measure__in",
                            (
                                "median_hourly_wage",
                                "median_annual_wage",
                                "wage_p10_hourly",
                                "wage_p10_annual",
                                "wage_p90_hourly",
                                "wage_p90_annual",
                            ),
                        ),
                        _negated=True,
                    ),
                    models.Q(("value__gt", 0), ("value__isnull", False)),
                    _connector="OR",
                ),
                name="figure_wage_above_zero",
                violation_error_message="A wage must be above zero.",
            ),
        ),
        migrations.AddConstraint(
            model_name="figure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("measure__in", ("employment_growth",)), _negated=True),
                    ("value__isnull", True),
                    models.Q(("value__gte", -100), ("value__lte", 1000)),
                    _connector="OR",
                ),
                name="figure_growth_in_range",
                violation_error_message="Growth must be between -100 and 1000 percent.",
            ),
        ),
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
                    models.Q(("measure", "annual_openings"), ("unit", "jobs")),
                    _connector="OR",
                ),
                name="figure_unit_fits_measure",
                violation_error_message="That unit does not fit what the figure measures.",
            ),
        ),
    ]
