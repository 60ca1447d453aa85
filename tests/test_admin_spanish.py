"""Editors write each text's Spanish beside its English, in the same record: one save, one
version check and one history entry cover both languages (occupations/translation.py)."""

from django.db import connection

from occupations.models import FAQEntry

from .admin_forms import admin_post_data, admin_url, form_errors
from .content import CSR_SLUG as CSR
from .pages import soup


def entry():
    return FAQEntry.objects.get(slug="median-pay", occupation__slug=CSR)


def test_english_and_spanish_sit_side_by_side_with_plain_labels(editor_client):
    page = soup(editor_client.get(admin_url(FAQEntry, "change", entry().pk)).content.decode())
    row = page.select_one(".form-row.field-answer_en")
    assert row is not None
    assert "field-answer_es" in row["class"]  # one row: the two boxes side by side
    labels = [label.get_text(strip=True) for label in row.select("label")]
    assert labels == ["Answer in English:", "Answer in Spanish:"]
    assert page.select_one("#id_answer") is None  # no third, language-less box


def test_a_spanish_text_saves_without_asking_about_the_english_passage(editor_client):
    record = entry()
    url = admin_url(FAQEntry, "change", record.pk)
    data = admin_post_data(editor_client.get(url))
    data["answer_es"] = "Menos que la mediana de todas las ocupaciones."
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    record.refresh_from_db()
    assert record.answer_es == "Menos que la mediana de todas las ocupaciones."
    assert record.answer_en.startswith("Less than the median")
    latest = record.history.first()
    assert latest.answer_es == record.answer_es
    assert latest.history_user.username == "editor"


def test_a_spanish_save_over_a_newer_english_edit_is_refused(editor_client, other_client):
    record = entry()
    url = admin_url(FAQEntry, "change", record.pk)
    opened = editor_client.get(url)
    english = admin_post_data(other_client.get(url), passage_checked="on")
    english["answer_en"] = "Less than the median, BLS says."
    assert other_client.post(url, english).status_code == 302

    spanish = admin_post_data(opened)
    spanish["answer_es"] = "Menos que la mediana."
    refused = editor_client.post(url, spanish)
    assert refused.status_code == 200
    record.refresh_from_db()
    assert record.answer_es is None
    assert record.answer_en == "Less than the median, BLS says."


def test_an_edit_reaches_the_original_column_the_search_indexes(editor_client):
    record = entry()
    url = admin_url(FAQEntry, "change", record.pk)
    data = admin_post_data(editor_client.get(url), passage_checked="on")
    data["answer_en"] = "Edited in the admin."
    assert editor_client.post(url, data).status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT answer FROM occupations_faqentry WHERE id = %s", [record.pk])
        assert cursor.fetchone() == ("Edited in the admin.",)
