"""export_content and import_content: a deleted occupation comes back from an export with all
its parts and their history, an import keeps editors' later changes unless told to replace
them, a broken file imports nothing, and load_content afterwards neither overwrites nor
duplicates what was imported, in the same database or a new one."""

import json
import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from occupations.content import occupation_parts
from occupations.exchange import history_model
from occupations.loading import row_values
from occupations.models import (
    Area,
    ContentVersion,
    Duty,
    Figure,
    Industry,
    JobTitle,
    LoadedRecord,
    Occupation,
    PriceIndex,
    Release,
    Source,
    WorkSettingDetail,
)

from .admin_forms import admin_post_data, form_errors
from .content import CSR_SLUG as CSR
from .pages import get_html, text_of

pytestmark = pytest.mark.django_db

MAY_2020 = "median-annual-wage-may-2020"  # $34,710 a year, in the profile's pay section


def may_2020():
    return Figure.objects.get(slug=MAY_2020, occupation__slug=CSR)


def export(tmp_path):
    path = tmp_path / "content.json"
    call_command("export_content", str(path), stdout=StringIO())
    return path


def import_content(path, *args):
    out = StringIO()
    call_command("import_content", str(path), *args, stdout=out)
    return out.getvalue()


def load_content(*args):
    out = StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def occupation_state(slug=CSR):
    """The occupation and every part of it, each row's values by its natural key: the rows
    name each other by natural key, so this reads the same whatever their primary keys."""
    occupation = Occupation.objects.get(slug=slug)
    state = {("occupation", slug): row_values(occupation)}
    for model in occupation_parts():
        for row in model.objects.filter(occupation=occupation):
            state[(model.__name__, *row.natural_key())] = row_values(row)
    for detail in WorkSettingDetail.objects.filter(work_setting__occupation=occupation):
        state[("WorkSettingDetail", *detail.natural_key())] = row_values(detail)
    return state


def history(figure):
    return [
        (row.history_type, row.value, getattr(row.history_user, "username", None))
        for row in figure.history.order_by("history_date")
    ]


def history_rows():
    """How many history rows each content model has."""
    return {
        model.__name__: history_model(model).objects.count()
        for model in (Source, Occupation, *occupation_parts(), WorkSettingDetail)
    }


def test_a_deleted_occupation_comes_back_from_an_export_with_its_parts_and_history(
    editor_client, client, tmp_path
):
    url = reverse("admin:occupations_figure_change", args=[may_2020().pk])
    response = editor_client.post(
        url, admin_post_data(editor_client.get(url), value="36100.00", passage_checked="on")
    )
    assert response.status_code == 302, form_errors(response)
    before, history_before = occupation_state(), history(may_2020())
    assert history_before[-1] == ("~", Decimal("36100.00"), "editor")
    path = export(tmp_path)

    Occupation.objects.get(slug=CSR).delete()
    assert not Figure.objects.filter(slug=MAY_2020).exists()
    output = import_content(path)

    assert occupation_state() == before
    figure = may_2020()
    assert history(figure)[:-1] == history_before
    returned = figure.history.latest("history_date")
    assert (returned.history_type, returned.history_change_reason) == (
        "+",
        "Imported from content.json",
    )
    assert "added: 1 occupation" in output
    profile = get_html(client, reverse("careers:occupation", args=[CSR]))
    assert "$36,100 a year" in text_of(profile, "pay")


def test_an_import_keeps_what_editors_changed_since_the_export_unless_told_to_replace(tmp_path):
    path = export(tmp_path)
    figure = may_2020()
    figure.value = Decimal("36100")
    figure.save()

    output = import_content(path)
    assert may_2020().value == Decimal("36100")
    assert "--replace gives them the file's values" in output

    import_content(path, "--replace")
    replaced = may_2020()
    assert replaced.value == Decimal("34710")
    assert replaced.version == figure.version + 1
    latest = replaced.history.latest("history_date")
    assert (latest.history_type, latest.value) == ("~", Decimal("34710.00"))
    assert latest.history_change_reason == "Imported from content.json"


def test_load_content_after_an_import_neither_overwrites_nor_duplicates_it(tmp_path):
    figure = may_2020()
    figure.value = Decimal("36100")
    figure.save()
    before = occupation_state()
    path = export(tmp_path)
    Occupation.objects.get(slug=CSR).delete()
    import_content(path)

    output = load_content()

    assert "Added 0, updated 0," in output
    assert f'kept (changed by an editor): occupations.figure ["{MAY_2020}", "{CSR}"]' in output
    assert occupation_state() == before  # the figures BLS's files make included, once


def empty_the_database():
    """As a new database: no content, history, BLS data or record of what was loaded."""
    Occupation.objects.all().delete()
    Release.objects.all().delete()
    PriceIndex.objects.all().delete()
    Source.objects.all().delete()
    Area.objects.all().delete()
    Industry.objects.all().delete()
    LoadedRecord.objects.all().delete()
    for model in (Source, Occupation, PriceIndex, *occupation_parts(), WorkSettingDetail):
        history_model(model).objects.all().delete()


def test_load_content_still_knows_its_records_after_an_import_into_a_new_database(
    tmp_path, fixtures_dir
):
    """In a new database load_content still keeps an editor's change, leaves a record an
    editor deleted deleted, and refreshes a record nobody edited when its fixture changes."""
    figure = may_2020()
    figure.value = Decimal("36100")
    figure.save()
    JobTitle.objects.get(slug="account-representative").delete()
    before = occupation_state()
    path = export(tmp_path)
    empty_the_database()
    import_content(path)
    assert occupation_state() == before
    fixtures = tmp_path / "fixtures"
    shutil.copytree(fixtures_dir, fixtures)
    records = fixtures / "020_customer_service_representatives.json"
    content = json.loads(records.read_text())
    (duty,) = [r for r in content if r["fields"].get("slug") == "give-information"]
    duty["fields"]["text"] = "Give customers information about products and services."
    records.write_text(json.dumps(content))

    output = load_content("--fixtures-dir", str(fixtures))

    assert "Added 0, updated 1," in output
    assert may_2020().value == Decimal("36100")
    assert not JobTitle.objects.filter(slug="account-representative").exists()
    duty = Duty.objects.get(slug="give-information", occupation__slug=CSR)
    assert duty.text == "Give customers information about products and services."
    after = occupation_state()
    assert after.keys() == before.keys()  # nothing added twice, nothing brought back
    # BLS's files fill in what an export leaves out, beside the release it holds.
    assert "releases: 0 added, 0 changed, 1 unchanged" in output
    assert PriceIndex.objects.exists()


def last(entries, model=None):
    """The last entry, or the last of `model`: broken there, everything before it would
    already be written."""
    return [entry for entry in entries if model in (None, entry["model"])][-1]


def cut_short(document, path):
    path.write_text(json.dumps(document)[:-1000])


def bad_value(document, path):
    last(document["records"], "occupations.figure")["fields"]["value"] = "about 35,000"
    path.write_text(json.dumps(document))


def missing_source(document, path):
    last(document["records"], "occupations.figure")["fields"]["source"] = ["no-such-source"]
    path.write_text(json.dumps(document))


def bad_history(document, path):
    last(document["history"])["fields"]["history_date"] = "yesterday"
    path.write_text(json.dumps(document))


def bad_loader_record(document, path):
    last(document["loaded"])["fixture_digest"] = None
    path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (cut_short, "cannot be read as JSON"),
        (bad_value, "(occupations.figure oews-2025a01-wage-p90-hourly): “about 35,000” value "),
        (
            missing_source,
            'its source occupations.source ["no-such-source"] is neither in the database nor '
            "earlier in the file",
        ),
        (bad_history, "“yesterday” value has an invalid format"),
        (bad_loader_record, "fixture_digest: This field cannot be null."),
    ],
    ids=lambda value: getattr(value, "__name__", "message"),
)
def test_a_broken_file_imports_nothing(tmp_path, breakage, message):
    path = export(tmp_path)
    Occupation.objects.get(slug=CSR).delete()
    breakage(json.loads(path.read_text()), path)
    loaded = sorted(LoadedRecord.objects.values_list("model", "natural_key", "loaded_values"))
    histories, version = history_rows(), ContentVersion.objects.get().token

    with pytest.raises(CommandError) as refused:
        import_content(path)

    assert str(refused.value).startswith("Nothing was imported.")
    assert message in str(refused.value)
    assert not Occupation.objects.filter(slug=CSR).exists()
    assert not Figure.objects.filter(slug=MAY_2020).exists()
    assert sorted(LoadedRecord.objects.values_list("model", "natural_key", "loaded_values")) == (
        loaded
    )
    assert history_rows() == histories
    assert ContentVersion.objects.get().token == version
