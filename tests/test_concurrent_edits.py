"""Two editors working on the same record: the later save never silently undoes the earlier one.

Every content record carries a version. A form remembers the version it was opened at; saving
it after someone else saved the record is refused with what they changed, the editor's own
input stays in the form, and saving again from there goes through.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from occupations import models
from occupations.models import Duty, Figure, Occupation

from .admin_forms import admin_post_data, form_errors, inline_prefix
from .factories import DutyFactory, FigureFactory

MAY_2020 = "median-annual-wage-may-2020"


@pytest.fixture
def wage(db):
    """An occupation of the test's own with a May 2020 wage of $34,710 and one duty."""
    figure = FigureFactory(
        slug=MAY_2020, value=Decimal("34710"), period_start_year=2020, period_month=5
    )
    DutyFactory(
        occupation=figure.occupation,
        slug="give-information",
        text="Give customers information by telephone",
    )
    return figure


def change_url(obj):
    return reverse(f"admin:occupations_{obj._meta.model_name}_change", args=[obj.pk])


def page_text(response):
    return response.content.decode()


def test_second_editor_of_a_figure_is_refused_with_what_changed_and_can_save_again(
    editor_client, other_client, wage
):
    figure = Figure.objects.get(pk=wage.pk)
    note = figure.note
    url = change_url(figure)
    first_page = editor_client.get(url)
    second_page = other_client.get(url)

    first = editor_client.post(
        url, admin_post_data(first_page, value="36100.00", passage_checked="on")
    )
    assert first.status_code == 302, form_errors(first)

    second = other_client.post(
        url,
        admin_post_data(
            second_page,
            value="35000.00",
            note_en="Checked against the guide.",
            passage_checked="on",
        ),
    )
    assert second.status_code == 200
    message = page_text(second)
    assert "editor saved this figure while you were editing it" in message
    assert "Value: 34710.00 → 36100.00" in message
    # Nothing of the second save reached the database ...
    figure.refresh_from_db()
    assert figure.value == Decimal("36100.00")
    assert figure.note == note
    # ... and nothing of it is lost: the form shows the second editor's own input.
    form = second.context["adminform"].form
    assert form["value"].value() == "35000.00"
    assert form["note_en"].value() == "Checked against the guide."

    again = other_client.post(url, admin_post_data(second))
    assert again.status_code == 302, form_errors(again)
    figure.refresh_from_db()
    assert figure.value == Decimal("35000.00")
    assert figure.note == "Checked against the guide."


def test_inline_row_saved_meanwhile_on_its_own_page_refuses_the_occupation_page(
    editor_client, other_client, wage
):
    occupation = wage.occupation
    duty = Duty.objects.get(occupation=occupation, slug="give-information")
    figure = Figure.objects.get(pk=wage.pk)
    url = change_url(occupation)
    page = editor_client.get(url)
    duty_row = inline_prefix(page, Duty, duty.slug)
    figure_row = inline_prefix(page, Figure, figure.slug)

    # Meanwhile another editor changes the same duty on its own page.
    duty_page = other_client.get(change_url(duty))
    response = other_client.post(
        change_url(duty),
        admin_post_data(duty_page, text_en="Answer customers' questions", passage_checked="on"),
    )
    assert response.status_code == 302, form_errors(response)

    refused = editor_client.post(
        url,
        admin_post_data(
            page,
            summary_en="A new overview.",
            passage_checked="on",
            **{
                f"{duty_row}-text_en": "Tell customers about products",
                f"{duty_row}-passage_checked": "on",
                f"{figure_row}-value": "35500.00",
                f"{figure_row}-passage_checked": "on",
            },
        ),
    )
    assert refused.status_code == 200
    text = page_text(refused)
    assert "robin saved this duty while you were editing it" in text
    assert "Text in English: Give customers information by telephone" in text
    assert "→ Answer customers&#x27; questions" in text
    # The refused page saved nothing: not the duty, not the figure, not the occupation.
    duty.refresh_from_db()
    assert duty.text == "Answer customers' questions"
    assert Figure.objects.get(pk=figure.pk).value == Decimal("34710.00")
    assert Occupation.objects.get(pk=occupation.pk).summary != "A new overview."

    again = editor_client.post(url, admin_post_data(refused))
    assert again.status_code == 302, form_errors(again)
    duty.refresh_from_db()
    assert duty.text == "Tell customers about products"
    assert Figure.objects.get(pk=figure.pk).value == Decimal("35500.00")
    assert Occupation.objects.get(pk=occupation.pk).summary == "A new overview."


def test_saving_again_keeps_the_other_editors_change_to_a_row_you_did_not_touch(
    editor_client, other_client, wage
):
    occupation = wage.occupation
    figure = Figure.objects.get(pk=wage.pk)
    url = change_url(occupation)
    page = editor_client.get(url)

    figure_page = other_client.get(change_url(figure))
    response = other_client.post(
        change_url(figure), admin_post_data(figure_page, value="36100", passage_checked="on")
    )
    assert response.status_code == 302, form_errors(response)

    refused = editor_client.post(
        url, admin_post_data(page, summary_en="A new overview.", passage_checked="on")
    )
    assert refused.status_code == 200
    assert "Value: 34710.00 → 36100.00" in page_text(refused)

    again = editor_client.post(url, admin_post_data(refused))
    assert again.status_code == 302, form_errors(again)
    assert Figure.objects.get(pk=figure.pk).value == Decimal("36100.00")
    assert Occupation.objects.get(pk=occupation.pk).summary == "A new overview."


def test_revert_is_checked_against_the_current_version(editor_client, other_client, wage):
    figure = Figure.objects.get(pk=wage.pk)
    response = editor_client.post(
        change_url(figure),
        admin_post_data(editor_client.get(change_url(figure)), value="36100", passage_checked="on"),
    )
    assert response.status_code == 302, form_errors(response)
    original = figure.history.earliest()
    revert_url = reverse(
        "admin:occupations_figure_simple_history", args=[figure.pk, original.history_id]
    )
    revert_page = editor_client.get(revert_url)

    figure_page = other_client.get(change_url(figure))
    response = other_client.post(
        change_url(figure), admin_post_data(figure_page, value="37000", passage_checked="on")
    )
    assert response.status_code == 302, form_errors(response)

    refused = editor_client.post(revert_url, admin_post_data(revert_page))
    assert refused.status_code == 200
    assert "Value: 36100.00 → 37000.00" in page_text(refused)
    assert Figure.objects.get(pk=figure.pk).value == Decimal("37000.00")

    again = editor_client.post(revert_url, admin_post_data(refused))
    assert again.status_code == 302
    assert Figure.objects.get(pk=figure.pk).value == Decimal("34710.00")


def test_a_stale_copy_saved_from_the_shell_is_refused(wage):
    first = Figure.objects.get(pk=wage.pk)
    second = Figure.objects.get(pk=wage.pk)
    first.value = Decimal("36100")
    first.save()
    second.value = Decimal("35000")
    with pytest.raises(models.EditConflict, match="changed since it was read"):
        second.save()
    assert Figure.objects.get(pk=first.pk).value == Decimal("36100.00")


def test_a_save_that_changes_nothing_is_not_taken_for_an_edit_by_load_content(
    editor_client, fixtures_dir, tmp_path
):
    import json
    import shutil

    figure = Figure.objects.get(slug=MAY_2020)
    url = change_url(figure)
    response = editor_client.post(url, admin_post_data(editor_client.get(url)))
    assert response.status_code == 302, form_errors(response)

    folder = tmp_path / "fixtures"
    shutil.copytree(fixtures_dir, folder)
    path = folder / "020_customer_service_representatives.json"
    records = json.loads(path.read_text())
    (record,) = [r for r in records if r["fields"].get("slug") == MAY_2020]
    record["fields"]["note"] = "Refreshed from the fixtures."
    path.write_text(json.dumps(records))

    out = StringIO()
    call_command("load_content", "--fixtures-dir", str(folder), stdout=out)
    assert "updated 1" in out.getvalue()
    figure.refresh_from_db()
    assert figure.note == "Refreshed from the fixtures."
