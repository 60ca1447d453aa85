"""Editors write each text's Spanish beside its English, in the same record: one save, one
version check and one history entry cover both languages (occupations/translation.py)."""

from django.db import connection

from occupations.models import Duty, FAQEntry

from .admin_forms import admin_post_data, admin_url, form_errors
from .content import CSR_SLUG as CSR
from .pages import get_html, soup


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

    before = record.answer_es
    spanish = admin_post_data(opened)
    spanish["answer_es"] = "Menos que la mediana."
    refused = editor_client.post(url, spanish)
    assert refused.status_code == 200
    record.refresh_from_db()
    assert record.answer_es == before
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


def faq_answer_on_the_spanish_page(client):
    page = soup(client.get(f"/es/occupations/{CSR}/faq/").content.decode())
    return page.select_one("#median-pay p")


def test_a_text_without_its_spanish_shows_its_english_marked(db, client):
    FAQEntry.objects.filter(pk=entry().pk).update(answer_es=None)
    answer = faq_answer_on_the_spanish_page(client)
    english = answer.select_one('span[lang="en"]')
    assert english is not None
    assert english.get_text().startswith("Less than the median")
    assert "(en inglés)" in answer.get_text()


def save_answer(client, passage_checked=True, **texts):
    record = entry()
    url = admin_url(FAQEntry, "change", record.pk)
    data = admin_post_data(
        client.get(url), **({"passage_checked": "on"} if passage_checked else {})
    )
    data.update(texts)
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)


def test_the_spanish_shows_until_its_english_changes_after_it(editor_client, client):
    save_answer(editor_client, answer_es="Menos que la mediana de todas las ocupaciones.")
    answer = faq_answer_on_the_spanish_page(client)
    assert answer.get_text().startswith("Menos que la mediana")
    assert answer.select_one('span[lang="en"]') is None

    # The English changes; the Spanish was written from the English before it.
    save_answer(editor_client, answer_en="Less than the median, BLS says.")
    answer = faq_answer_on_the_spanish_page(client)
    assert answer.select_one('span[lang="en"]').get_text() == "Less than the median, BLS says."
    page = soup(editor_client.get(admin_url(FAQEntry, "change", entry().pk)).content.decode())
    assert "Missing or older than the English" in page.select_one(".field-spanish_state").get_text()

    # An editor who says the Spanish still says the same brings it back.
    save_answer(editor_client, spanish_checked="on")
    assert faq_answer_on_the_spanish_page(client).get_text().startswith("Menos que la mediana")


def test_the_lists_filter_records_whose_spanish_is_behind(editor_client):
    changelist = admin_url(FAQEntry, "changelist")

    def listed(value):
        page = soup(editor_client.get(changelist, {"spanish": value}).content.decode())
        return len(page.select("#result_list tbody tr"))

    assert listed("behind") == 0
    everything = listed("current")
    assert everything == FAQEntry.objects.count()
    save_answer(editor_client, answer_en="Less than the median, BLS says.")
    assert listed("behind") == 1
    assert listed("current") == everything - 1


def test_a_records_page_says_where_its_spanish_stands_once(editor_client, csr):
    """A duty's page said “Spanish: Up to date…” under its fields and again in the Spanish
    section."""
    duty = csr.duty_set.first()
    page = soup(get_html(editor_client, admin_url(Duty, "change", duty.pk)))
    assert len(page.select(".field-spanish_state")) == 1
    assert (
        page.select_one(".field-spanish_state")
        .find_parent("fieldset")
        .select_one("h2")
        .get_text(strip=True)
        == "Spanish"
    )
