"""Texts that state a figure take its value from the record (occupations/quoting.py): an edit
to the figure changes every sentence quoting it, and the admin keeps the names sound."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError
from django.urls import reverse
from django.utils import translation

from occupations import quoting
from occupations.models import DataNote, Duty, FAQEntry, Figure

from .admin_forms import admin_post_data, admin_url, edit_figure, form_errors
from .content import CSR_SLUG as CSR
from .loading import edit_fixture, load
from .pages import get_html, soup, text_of

MAY_2020 = "median-annual-wage-may-2020"  # $34,710 a year; quoted on About the data
HOURLY_2024 = "median-hourly-wage-may-2024"  # $20.59 an hour; quoted in the FAQ's pay answer


def test_each_form_writes_the_figure_as_the_site_does():
    figure = Figure(
        slug="growth", measure="employment_growth", value=Decimal("-5.00"), period_start_year=2024
    )
    figure.period_end_year = 2034
    figure.set_unit()
    text = "Change [[growth]] ([[ growth | number ]]) over [[growth|period]]."
    assert quoting.render(text, [figure]) == (
        "Change −5 percent, a decline (−5 percent) over 2024–2034."
    )
    # A name the records do not have never reaches a reader as brackets.
    assert quoting.render("[[gone]] now", []) == f"{quoting.MISSING} now"


def test_about_the_data_states_the_edited_value_after_an_edit(editor_client):
    """The review's case: About the data went on saying "$34,710" beside a box showing the
    new value."""
    note = DataNote.objects.get(slug="bls-wage-date")
    url = reverse("careers:about-data")
    before = text_of(get_html(editor_client, url), note.anchor, tag="article")
    assert "dates the $34,710 median annual wage to May 2020" in before

    response = edit_figure(
        editor_client, Figure.objects.get(slug=MAY_2020, occupation__slug=CSR), value="41230.00"
    )
    assert response.status_code == 302, form_errors(response)

    html = get_html(editor_client, url)
    after = text_of(html, note.anchor, tag="article")
    assert "dates the $41,230 median annual wage to May 2020" in after
    # Nowhere on the page, the summaries above the notes included.
    assert "$34,710" not in " ".join(soup(html).get_text(" ").split())
    assert "The guide dated its $41,230 to May 2020" in text_of(html, "settled")


def test_an_faq_answer_states_the_edited_value_on_the_page_in_its_markup_and_the_api(
    editor_client,
):
    FAQEntry.objects.filter(occupation__slug=CSR, slug="median-pay").update(
        answer=f"In [[{HOURLY_2024}|period]], BLS's handbook put the representatives' median "
        f"at [[{HOURLY_2024}]]."
    )
    figure = Figure.objects.get(slug=HOURLY_2024, occupation__slug=CSR)
    response = edit_figure(editor_client, figure, value="21.75", period_start_year="2024")
    assert response.status_code == 302, form_errors(response)

    html = get_html(editor_client, reverse("careers:occupation-faq", args=[CSR]))
    answer = text_of(html, "median-pay").split(" Median")[0]
    assert "In May 2024, BLS's handbook put the representatives' median at $21.75 an hour" in answer
    assert "$20.59" not in answer
    markup = soup(html).find("script", type="application/ld+json", string=lambda s: "FAQPage" in s)
    assert "$21.75 an hour" in markup.string
    assert "[[" not in markup.string

    api = editor_client.get(reverse("api:occupation", args=[CSR])).json()
    (entry,) = [entry for entry in api["faq"] if entry["slug"] == "median-pay"]
    assert "$21.75 an hour" in entry["answer"]
    assert "[[" not in entry["answer"]


def test_search_shows_an_answer_with_its_values_not_their_names(db, client):
    html = get_html(client, reverse("careers:search") + "?q=openings")
    text = " ".join(soup(html).get_text(" ").split())
    assert "341,700 openings" in text
    assert "[[" not in html


def test_no_public_page_shows_a_figure_name_in_brackets(db, client):
    for url in (
        reverse("careers:about-data"),
        reverse("careers:occupation-faq", args=[CSR]),
    ):
        assert "[[" not in get_html(client, url), url


def change_text(client, record, **changes):
    url = admin_url(type(record), "change", record.pk)
    data = admin_post_data(client.get(url), passage_checked="on")
    data.update(
        {
            f"{name}_en" if name in ("answer", "body", "resolution") else name: value
            for name, value in changes.items()
        }
    )
    return client.post(url, data)


def test_a_text_may_quote_only_figures_it_links(editor_client):
    entry = FAQEntry.objects.get(slug="median-pay", occupation__slug=CSR)
    response = change_text(editor_client, entry, answer="It pays [[wage-p90-hourly-may-2024]].")
    assert response.status_code == 200
    errors = form_errors(response)["answer_en"]
    assert "quotes a figure this text does not link" in errors
    assert "wage-p90-hourly-may-2024" in errors

    response = change_text(editor_client, entry, answer=f"It pays [[{HOURLY_2024}|cents]].")
    assert "after the bar write value, number, period" in form_errors(response)["answer_en"]

    # Linked, it saves, and the page writes the value.
    p90 = Figure.objects.get(slug="wage-p90-hourly-may-2024", occupation__slug=CSR)
    linked = [str(figure.pk) for figure in entry.figures.all()] + [str(p90.pk)]
    response = change_text(
        editor_client,
        entry,
        answer="The top tenth earn at least [[wage-p90-hourly-may-2024]].",
        figures=linked,
    )
    assert response.status_code == 302, form_errors(response)
    faq = get_html(editor_client, reverse("careers:occupation-faq", args=[CSR]))
    assert "The top tenth earn at least $30.16 an hour." in text_of(faq, "median-pay")


def test_a_figure_of_another_occupation_cannot_be_linked(editor_client):
    entry = FAQEntry.objects.get(slug="median-pay", occupation__slug=CSR)
    stranger = Figure.objects.exclude(occupation__slug=CSR).first()
    # A saved text offers only its own occupation's figures ...
    response = change_text(editor_client, entry, figures=[str(stranger.pk)])
    assert "not one of the available choices" in form_errors(response)["figures"]
    # ... and a new one, which offers all, refuses another occupation's.
    url = admin_url(FAQEntry, "add")
    data = admin_post_data(editor_client.get(url))
    data.update(
        occupation=str(entry.occupation_id),
        slug="new-question",
        question="A new question?",
        answer_en="An answer.",
        question_en="A new question?",
        source=str(entry.source_id),
        source_line=str(entry.source_line),
        source_section=entry.source_section,
        figures=[str(stranger.pk)],
    )
    response = editor_client.post(url, data)
    assert "belong to another occupation" in form_errors(response)["figures"]
    assert not FAQEntry.objects.filter(slug="new-question").exists()


def test_the_figures_to_tick_say_the_name_to_quote(editor_client):
    entry = FAQEntry.objects.get(slug="median-pay", occupation__slug=CSR)
    page = soup(get_html(editor_client, admin_url(FAQEntry, "change", entry.pk)))
    labels = [label.get_text(" ", strip=True) for label in page.select(".field-figures label")]
    assert any(
        "Median hourly wage, May 2024: $20.59 an hour. Quote it as [[median-hourly-wage-may-2024]]"
        in label
        for label in labels
    )
    own = Figure.objects.filter(occupation__slug=CSR).count()
    assert len(page.select(".field-figures input[type=checkbox]")) == own


def test_a_quoted_figure_is_not_deleted(admin_client):
    """Editors may not delete at all (occupations/roles.py), and no one renames a saved slug;
    an administrator may delete a figure, but not one a text quotes."""
    figure = Figure.objects.get(slug=MAY_2020, occupation__slug=CSR)
    page = admin_client.get(admin_url(Figure, "delete", figure.pk)).content.decode()
    assert "“May 2020, or May 2019?” quotes" in page
    admin_client.post(admin_url(Figure, "delete", figure.pk), {"post": "yes"})
    assert Figure.objects.filter(pk=figure.pk).exists()


def test_a_text_whose_figure_changed_is_flagged_on_its_own_page_and_list(editor_client):
    note = DataNote.objects.get(slug="three-pay-statements")  # "Rounded, … matches it"
    change_page = admin_url(DataNote, "change", note.pk)
    listing = admin_url(DataNote, "changelist") + "?figures_changed=yes"
    assert "No: the text was saved after" in get_html(editor_client, change_page)
    assert note.title not in get_html(editor_client, listing)

    edit_figure(
        editor_client, Figure.objects.get(slug=MAY_2020, occupation__slug=CSR), value="41230.00"
    )

    flag = soup(get_html(editor_client, change_page)).select_one(".field-figures_changed")
    assert "was $34,710 a year" in flag.get_text()
    assert flag.select_one("img[src*=icon-alert]")
    assert note.title in get_html(editor_client, listing)
    shown = soup(get_html(editor_client, change_page)).select_one(".field-as_shown").get_text()
    assert "Rounded, the May 2020 figure, $41,230, matches it: around $35,000 a year." in shown


def test_the_loader_refuses_a_fixture_quoting_a_figure_it_does_not_link(db, fixtures_copy):
    def quote_unlinked(record):
        record["fields"]["answer"] += " The top tenth earn [[wage-p90-hourly-may-2024]]."

    edit_fixture(fixtures_copy, "median-pay", quote_unlinked)
    with pytest.raises(CommandError, match="quotes a figure this text does not link"):
        load(fixtures_copy)


def test_every_fixture_text_quotes_only_figures_it_links(fixtures_dir):
    for path in fixtures_dir.glob("*.json"):
        for record in json.loads(path.read_text()):
            fields = record["fields"]
            linked = [key[0] for key in fields.get("figures", [])]
            for name in ("answer", "body", "resolution"):
                for column in (name, f"{name}_es"):
                    quoting.check(fields.get(column, ""), linked)


def test_the_question_about_a_changed_answer_quotes_it_as_the_page_will(editor_client):
    entry = FAQEntry.objects.get(slug="median-pay", occupation__slug=CSR)
    url = admin_url(FAQEntry, "change", entry.pk)
    data = admin_post_data(editor_client.get(url))
    data["answer_en"] = f"They earn [[{HOURLY_2024}]] at the middle."
    message = form_errors(editor_client.post(url, data))["passage_checked"]
    assert "The site will show “They earn $20.59 an hour at the middle.”" in message


def test_an_answer_shown_in_english_on_a_spanish_page_quotes_its_figures_in_english(client, db):
    """An answer with no Spanish yet is shown in English, marked; its figures used to be
    written in Spanish inside it ("$44,770 al año in mayo de 2025")."""
    FAQEntry.objects.filter(occupation__slug=CSR, slug="median-pay").update(
        answer=f"BLS put it at [[{HOURLY_2024}]] in [[{HOURLY_2024}|period]].",
        answer_es="",
    )
    with translation.override("es"):
        url = reverse("careers:occupation-faq", args=[CSR])
    page = soup(get_html(client, url))
    english = [span.get_text() for span in page.select('span[lang="en"]')]
    assert "BLS put it at $20.59 an hour in May 2024." in english, english


def test_a_name_left_unclosed_or_naming_no_figure_is_refused_and_says_which(editor_client):
    """An unclosed “[[” saved and printed as it was; a name that matches no figure was told to
    “add the figure under Figures”, which no one could."""
    entry = FAQEntry.objects.get(slug="job-outlook", occupation__slug=CSR)
    response = change_text(
        editor_client, entry, answer="BLS projects [[employment-growth-2024-2034 over ten years."
    )
    assert response.status_code == 200
    assert "A figure's name is not closed" in form_errors(response)["answer_en"]

    response = change_text(editor_client, entry, answer="It pays [[median-pay-may-2099]].")
    errors = form_errors(response)["answer_en"]
    assert "no figure of this occupation is named “median-pay-may-2099”" in errors
    assert "add the figure" not in errors


def test_the_loader_refuses_a_fixture_with_an_unclosed_name(db, fixtures_copy):
    def leave_open(record):
        record["fields"]["answer"] += " The top tenth earn [[wage-p90-hourly-may-2024."

    edit_fixture(fixtures_copy, "median-pay", leave_open)
    with pytest.raises(CommandError, match="A figure's name is not closed"):
        load(fixtures_copy)


def test_a_text_that_cannot_quote_refuses_a_name_in_brackets(editor_client):
    """A duty is not an FAQ answer: “[[…]]” in it was saved and printed on the profile."""
    duty = Duty.objects.filter(occupation__slug=CSR).first()
    url = admin_url(Duty, "change", duty.pk)
    data = admin_post_data(editor_client.get(url), passage_checked="on")
    data["text_en"] = "Answer [[employment-2024]] calls a day."
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Only FAQ answers and notes on About the data can quote a figure"
        in (form_errors(response)["text_en"])
    )
    duty.refresh_from_db()
    assert "[[" not in duty.text


def test_the_loader_refuses_a_name_in_brackets_where_nothing_quotes(db, fixtures_copy):
    def bracket_a_duty(record):
        record["fields"]["text"] = "Answer [[employment-2024]] calls a day."

    edit_fixture(fixtures_copy, "listen", bracket_a_duty)
    with pytest.raises(
        CommandError, match="text in English: only FAQ answers and notes on About the data"
    ):
        load(fixtures_copy)


def test_the_loader_refuses_an_answer_over_2000_characters(db, fixtures_copy):
    def lengthen(record):
        record["fields"]["answer"] = "It pays well. " * 150

    edit_fixture(fixtures_copy, "median-pay", lengthen)
    with pytest.raises(CommandError, match="at most 2000 characters"):
        load(fixtures_copy)


def test_the_passage_check_shows_an_unlinked_name_as_such_and_a_long_text_cut(editor_client):
    """It showed “(a figure no longer on file)” for a figure on file but not linked, and the
    whole of an 84,000-character text."""
    entry = FAQEntry.objects.get(slug="median-pay", occupation__slug=CSR)
    url = admin_url(FAQEntry, "change", entry.pk)
    data = admin_post_data(editor_client.get(url))  # the passage not confirmed
    data["answer_en"] = "The top tenth earn [[wage-p90-hourly-may-2024]]."
    shown = " ".join(form_errors(editor_client.post(url, data)).values())
    assert "[[wage-p90-hourly-may-2024]] (not linked under Figures)" in shown
    assert "no longer on file" not in shown

    data["answer_en"] = "It pays well. " * 100
    errors = " ".join(form_errors(editor_client.post(url, data)).values())
    (message,) = errors.split("You changed")[1:]
    assert "It pays well. " * 28 in message
    assert "It pays well. " * 30 not in message
