"""A BLS release's source used to say its pay was "the pay every page leads with", which turns
false once the next release arrives (occupations/bls/importer.py now words it so it stays
true). Sources the importer made with the old wording get the new one, in both languages,
where nobody has changed the text since. The texts are written out here, as they were and as
they are, so this step means the same whatever the importer says later."""

from django.db import migrations
from django.db.models import F

from occupations.languages import digest

OLD = (
    "The pay every page leads with: the national median wage and the range from the 10th to "
    "the 90th percentile, yearly and hourly. Each figure cites its BLS series id."
)
OLD_ES = (
    "El salario con el que empieza cada página: el salario mediano nacional y el rango del "
    "percentil 10 al 90, al año y por hora. Cada cifra cita su serie de BLS."
)
NEW = (
    "The national median wage and the range from the 10th to the 90th percentile, yearly and "
    "hourly; every page leads with the newest release's. Each figure cites its BLS series id."
)
NEW_ES = (
    "El salario mediano nacional y el rango del percentil 10 al 90, al año y por hora; cada "
    "página empieza con los de la publicación más reciente. Cada cifra cita su serie de BLS."
)


def reword(apps, schema_editor):
    Source = apps.get_model("occupations", "Source")
    for source in Source.objects.filter(slug__startswith="bls-oews-", used_for_en=OLD):
        changes = {"used_for": NEW, "used_for_en": NEW, "version": F("version") + 1}
        if source.used_for_es == OLD_ES:
            # Written together: the Spanish stays current for the new English.
            changes["used_for_es"] = NEW_ES
            changes["spanish_from"] = {**source.spanish_from, "used_for": digest(NEW)}
        Source.objects.filter(pk=source.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [("occupations", "0005_figures_believable_values")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
