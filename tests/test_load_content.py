"""load_content: fresh loads, reruns, editors' changes kept, broken fixtures refused."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError

from occupations import loading
from occupations.loading import row_values
from occupations.models import (
    Duty,
    Figure,
    JobTitle,
    LoadedRecord,
    Occupation,
    PriceIndex,
    Release,
    Source,
)

from .content import WAITERS_SLUG as WAITERS
from .loading import edit_fixture, load

HOURLY_2008 = "median-hourly-wage-2008"


def fixture_record_count(folder):
    return sum(len(json.loads(path.read_text())) for path in folder.glob("*.json"))


def snapshot():
    """Every content row's values, keyed by table and primary key."""
    rows = {}
    for model in (Source, Occupation, Figure, JobTitle):
        for obj in model.objects.all():
            rows[(model._meta.label, obj.pk)] = row_values(obj)
    rows["tracked"] = sorted(
        (record.natural_key, record.fixture_digest, str(record.loaded_values))
        for record in LoadedRecord.objects.all()
    )
    return rows


@pytest.fixture
def empty_db(db):
    Occupation.objects.all().delete()
    Release.objects.all().delete()
    PriceIndex.objects.all().delete()
    Source.objects.all().delete()
    LoadedRecord.objects.all().delete()


def test_fresh_load_adds_every_fixture_record(empty_db, fixtures_dir):
    output = load()
    total = fixture_record_count(fixtures_dir)
    assert f"Added {total}," in output
    assert LoadedRecord.objects.count() == total
    # What the loaded records say (8 duties, 7 titles, ...) is checked in test_content.py.


def test_second_run_changes_nothing(db, fixtures_dir):
    before = snapshot()
    output = load()
    assert f"unchanged {fixture_record_count(fixtures_dir)}" in output
    assert "Added 0, updated 0" in output
    assert snapshot() == before


def test_a_rerun_reads_each_table_once_not_each_record(db, django_assert_max_num_queries):
    # `serve` reruns the loader at every start: 17 kinds of record, 204 records.
    with django_assert_max_num_queries(30):
        output = load()
    assert "Added 0, updated 0," in output


def test_figure_changed_through_the_orm_survives_a_rerun(db):
    figure = Figure.objects.get(slug=HOURLY_2008)
    figure.value = Decimal("14.99")
    figure.save()
    output = load()
    figure.refresh_from_db()
    assert figure.value == Decimal("14.99")
    assert "kept (changed by an editor)" in output
    assert HOURLY_2008 in output


def test_change_made_with_queryset_update_is_also_kept(db):
    Figure.objects.filter(slug=HOURLY_2008).update(source_line=22)
    load()
    assert Figure.objects.get(slug=HOURLY_2008).source_line == 22


def test_record_deleted_by_an_editor_stays_deleted(db):
    JobTitle.objects.filter(slug="account-representative").delete()
    output = load()
    assert not JobTitle.objects.filter(slug="account-representative").exists()
    assert "kept deleted" in output


def test_record_created_by_an_editor_with_a_fixture_key_is_not_overwritten(empty_db, fixtures_dir):
    load()
    title = JobTitle.objects.get(slug="account-representative")
    LoadedRecord.objects.filter(natural_key__contains='"account-representative"').delete()
    title.name = "account rep"
    title.save()
    output = load()
    title.refresh_from_db()
    assert title.name == "account rep"
    assert "kept (changed by an editor)" in output


def test_changed_fixture_refreshes_records_nobody_edited(db, fixtures_copy):
    edit_fixture(fixtures_copy, "account-representative", lambda r: r["fields"].update(order=99))
    output = load(fixtures_copy)
    assert "updated 1" in output
    assert JobTitle.objects.get(slug="account-representative").order == 99


def test_new_fixture_record_is_added_on_rerun(db, fixtures_copy):
    path = fixtures_copy / "030_extra.json"
    record = {
        "model": "occupations.jobtitle",
        "fields": {
            "occupation": ["customer-service-representatives"],
            "slug": "extra-title",
            "order": 50,
            "name": "extra title",
            "source": ["csr-profile-2008"],
            "source_line": 6,
        },
    }
    path.write_text(json.dumps([record]))
    output = load(fixtures_copy)
    assert "Added 1," in output
    assert JobTitle.objects.filter(slug="extra-title").exists()


def test_a_record_renamed_in_the_fixtures_leaves_its_old_row_named_in_the_report(db, fixtures_copy):
    """A new slug is a new record: the old row stays beside the new one (a session renamed
    seven duties and a local copy showed fourteen). The loader cannot tell whether an
    editor has linked or quoted the old row since, so it keeps it and names it."""
    edit_fixture(fixtures_copy, "listen", lambda r: r["fields"].update(slug="listen-and-answer"))
    output = load(fixtures_copy)
    assert "Added 1," in output
    assert (
        "kept (no longer in the fixtures; delete it in the admin if it should go): "
        'occupations.duty ["listen", "customer-service-representatives"]'
    ) in output
    old = Duty.objects.filter(slug="listen")
    assert old.exists()
    # Once an editor deletes it, nothing more is said of it.
    old.delete()
    assert "no longer in the fixtures" not in load(fixtures_copy)


BROKEN = {
    "negative wage": lambda r: r["fields"].update(value="-1.00"),
    "unknown field": lambda r: r["fields"].update(colour="blue"),
    "unknown source": lambda r: r["fields"].update(source=["no-such-source"]),
    "unit that does not fit": lambda r: r["fields"].update(unit="percent"),
    "right-to-left override": lambda r: r["fields"].update(note="Rounded\u202e"),
    "month 13": lambda r: r["fields"].update(period_month=13),
    "a period not over": lambda r: r["fields"].update(period_start_year=2099, period_end_year=2099),
}


@pytest.mark.parametrize("breakage", BROKEN.values(), ids=BROKEN)
def test_broken_fixture_names_file_and_record_and_changes_nothing(
    empty_db, fixtures_copy, breakage
):
    edit_fixture(fixtures_copy, HOURLY_2008, breakage)
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        load(fixtures_copy)
    message = str(caught.value)
    assert "Nothing was loaded" in message
    assert "020_customer_service_representatives.json, record" in message
    assert snapshot() == before
    assert not Occupation.objects.exists()


def test_broken_fixture_on_rerun_keeps_existing_content(db, fixtures_copy):
    Figure.objects.filter(slug=HOURLY_2008).update(value=Decimal("15.00"))
    edit_fixture(fixtures_copy, "account-representative", lambda r: r["fields"].update(order=7))
    edit_fixture(fixtures_copy, HOURLY_2008, BROKEN["negative wage"])
    before = snapshot()
    with pytest.raises(CommandError, match="median-hourly-wage-2008"):
        load(fixtures_copy)
    assert snapshot() == before


def test_a_field_the_model_no_longer_has_is_an_error_in_a_record_loaded_before(db, fixtures_copy):
    # As if the record had been loaded with a field a later migration took away: its
    # fixture is unchanged since, and its row holds what was loaded.
    edit_fixture(fixtures_copy, HOURLY_2008, BROKEN["unknown field"])
    records = json.loads((fixtures_copy / "020_customer_service_representatives.json").read_text())
    (raw,) = [r for r in records if r["fields"].get("slug") == HOURLY_2008]
    LoadedRecord.objects.filter(
        model="occupations.figure", natural_key__contains=HOURLY_2008
    ).update(fixture_digest=loading._digest(raw))
    with pytest.raises(CommandError, match="colour"):
        load(fixtures_copy)


def test_invalid_json_is_reported_with_the_file_name(db, fixtures_copy):
    (fixtures_copy / "015_bad.json").write_text("[{not json")
    with pytest.raises(CommandError, match=r"015_bad\.json: cannot be read as JSON"):
        load(fixtures_copy)


def test_empty_fixture_folder_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="No fixtures found"):
        load(tmp_path)


def test_column_added_by_a_migration_is_not_taken_for_an_edit(db):
    # As if the row had been loaded before Source.used_for existed: the field is
    # absent from what was loaded, empty in the row, and new in the fixture.
    tracked = LoadedRecord.objects.get(model="occupations.source", natural_key='["csr-guide-2020"]')
    for column in ("used_for", "used_for_en", "used_for_es"):
        del tracked.loaded_values[column]
    tracked.fixture_digest = "from-an-older-fixture"
    tracked.save()
    Source.objects.filter(slug="csr-guide-2020").update(used_for="", used_for_en="")
    output = load()
    assert "updated 1" in output
    assert "kept (changed" not in output
    assert Source.objects.get(slug="csr-guide-2020").used_for


KEPT_ORPHAN = "kept (its parent was removed or renamed by an editor)"


def test_occupation_deleted_by_an_editor_keeps_its_records_out_and_the_run_succeeds(db):
    Occupation.objects.get(slug=WAITERS).delete()
    output = load()
    assert not Occupation.objects.filter(slug=WAITERS).exists()
    assert not Figure.objects.filter(occupation__slug=WAITERS).exists()
    kept_deleted = "kept deleted (removed or renamed by an editor)"
    assert f'{kept_deleted}: occupations.occupation ["{WAITERS}"]' in output
    assert f'{KEPT_ORPHAN}: occupations.figure ["employment-2016", "{WAITERS}"]' in output
    # A setting's details point at the setting, which went with the occupation.
    assert f'{KEPT_ORPHAN}: occupations.worksettingdetail ["part-time", ' in output


def test_source_renamed_by_an_editor_keeps_the_records_citing_it(db):
    source = Source.objects.get(slug="bls-ooh-waiters-2016")
    source.slug = "waiters-handbook"
    source.save()
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert 'occupations.source ["bls-ooh-waiters-2016"]' in output
    assert f'{KEPT_ORPHAN}: occupations.occupation ["{WAITERS}"]' in output
    assert Occupation.objects.get(slug=WAITERS).source == source


def test_occupation_renamed_by_an_editor_keeps_its_records(db, fixtures_dir):
    Occupation.objects.filter(slug=WAITERS).update(slug="waiting-staff")
    output = load()
    assert not Occupation.objects.filter(slug=WAITERS).exists()
    in_fixtures = [
        record
        for record in json.loads((fixtures_dir / "030_waiters_and_waitresses.json").read_text())
        if record["model"] == "occupations.figure"
    ]
    kept = Figure.objects.filter(occupation__slug="waiting-staff", release__isnull=True)
    assert kept.count() == len(in_fixtures)
    assert f'{KEPT_ORPHAN}: occupations.duty ["take-orders", "{WAITERS}"]' in output


def test_new_fixture_records_under_a_deleted_occupation_are_kept_out(db, fixtures_copy):
    Occupation.objects.get(slug=WAITERS).delete()
    setting = {"slug": "cruise-ships", "order": 9, "name": "Cruise ships", "description": "At sea."}
    detail = {"slug": "long-contracts", "kind": "schedule", "text": "Months at sea", "order": 1}
    citation = {"source": ["bls-ooh-waiters-2016"], "source_line": 40}
    records = [
        {"model": "occupations.worksetting", "fields": {"occupation": [WAITERS], **setting}},
        {
            "model": "occupations.worksettingdetail",
            "fields": {"work_setting": ["cruise-ships", WAITERS], **detail, **citation},
        },
    ]
    records[0]["fields"].update(citation)
    (fixtures_copy / "040_new.json").write_text(json.dumps(records))
    output = load(fixtures_copy)
    assert f'{KEPT_ORPHAN}: occupations.worksetting ["cruise-ships", "{WAITERS}"]' in output
    detail = 'occupations.worksettingdetail ["long-contracts", "cruise-ships"'
    assert f"{KEPT_ORPHAN}: {detail}" in output


def test_parent_that_was_never_loaded_is_a_fixture_error_naming_it(db, fixtures_copy):
    edit_fixture(
        fixtures_copy, HOURLY_2008, lambda r: r["fields"].update(source=["no-such-source"])
    )
    with pytest.raises(CommandError) as caught:
        load(fixtures_copy)
    message = str(caught.value)
    assert "020_customer_service_representatives.json, record" in message
    assert 'its source occupations.source ["no-such-source"] does not exist' in message


def test_a_key_repeated_in_the_fixtures_is_an_error_naming_both_records(db, fixtures_copy):
    path = fixtures_copy / "020_customer_service_representatives.json"
    records = json.loads(path.read_text())
    (first,) = [n for n, r in enumerate(records, 1) if r["fields"].get("slug") == HOURLY_2008]
    repeat = json.loads(json.dumps(records[first - 1]))
    repeat["fields"]["value"] = "99.00"
    (fixtures_copy / "040_more.json").write_text(json.dumps([repeat]))
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        load(fixtures_copy)
    assert (
        "040_more.json, record 1 repeats the key of "
        f"020_customer_service_representatives.json, record {first}"
    ) in str(caught.value)
    assert HOURLY_2008 in str(caught.value)
    assert snapshot() == before
    assert Figure.objects.get(slug=HOURLY_2008).value == Decimal("14.36")
