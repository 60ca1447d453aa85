"""The FAQ page: every question anchored, figures drawn from figure records, FAQPage JSON-LD.

These tests build their own occupation with tests/factories.py; the real content's
questions are checked in tests/test_content.py.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from careers.pages.templatetags.pay_tags import newest_pay_link
from occupations import area_pay
from occupations.models import Figure

from .factories import (
    FAQEntryFactory,
    SourceFactory,
    annual_wage,
    growth,
    hourly_wage,
)
from .pages import block, cite_targets, folded, get_html, jsonld, soup, source_ids


def faq_url(occupation):
    return reverse("careers:occupation-faq", kwargs={"slug": occupation.slug})


@pytest.fixture
def pay_entry(occupation):
    """“How much do they earn?” with this year's wage and an older one from another source."""
    older_source = SourceFactory()
    figures = [
        annual_wage(occupation, "41600", 2020, month=5),
        hourly_wage(occupation, "15.00", 2008, source=older_source),
    ]
    return FAQEntryFactory(
        occupation=occupation, slug="median-pay", question="How much do they earn?", figures=figures
    )


def test_every_question_has_an_anchored_section_and_a_link(client, occupation):
    entries = FAQEntryFactory.create_batch(3, occupation=occupation)
    page = soup(get_html(client, faq_url(occupation)))
    for entry in entries:
        assert page.select(f'section.faq-entry[id="{entry.slug}"]')
        assert page.select(f'a[href="#{entry.slug}"]')


def test_pay_answer_shows_figures_with_period_and_source(client, occupation, pay_entry):
    older_source = pay_entry.figures.get(period_start_year=2008).source
    html = get_html(client, faq_url(occupation))
    answer = block(html, "median-pay")
    text = " ".join(soup(answer).get_text(" ").split())
    assert "$41,600 a year" in text
    assert "(May 2020)" in text
    assert "$15.00 an hour" in text
    assert "(2008, more than " in text
    assert set(cite_targets(html, "section#median-pay")) == {
        f"source-{occupation.source.slug}",
        f"source-{older_source.slug}",
    }


def test_edited_figure_shows_in_the_faq(client, occupation):
    outlook = growth(occupation, "2", 2019, 2029)
    FAQEntryFactory(occupation=occupation, order=1)
    FAQEntryFactory(occupation=occupation, order=2, slug="job-outlook", figures=[outlook])
    get_html(client, faq_url(occupation))
    Figure.objects.filter(pk=outlook.pk).update(value=Decimal("3"))
    html = get_html(client, faq_url(occupation))
    assert "3 percent" in block(html, "job-outlook")
    assert "3 percent" in jsonld(html)["mainEntity"][1]["acceptedAnswer"]["text"]


def test_an_answer_with_older_figures_links_to_the_pay_pages_newest(client, occupation):
    """The handbook's industries are May 2024's; BLS's May 2025 wage survey is on the pay
    page, and the answer an editor points there says so, dated, and opens at its section."""
    release = area_pay.newest_release()
    annual_wage(occupation, "45000", 2025, month=5, release=release, source=release.source)
    industries = FAQEntryFactory(
        occupation=occupation, slug="industries", newest_pay_link="industries"
    )
    plain = FAQEntryFactory(occupation=occupation, slug="plain")
    html = get_html(client, faq_url(occupation))
    pay_url = reverse("careers:pay", args=[occupation.slug])

    answer = soup(html).find("section", id=industries.slug)
    (link,) = answer.select(f'a[href="{pay_url}#industries"]')
    assert link.parent is answer.find_all("p")[-1]
    assert link.parent.get_text() == (
        f"Newest figures, from BLS's wage survey of {release.period_label}: Pay by industry."
    )
    assert pay_url not in block(html, plain.slug)
    pay_page = soup(get_html(client, pay_url))
    assert folded(pay_page.select_one("#industries h2")).startswith("Pay by industry")


def test_a_section_the_pay_page_does_not_have_is_no_link_not_an_error(occupation):
    release = area_pay.newest_release()
    assert newest_pay_link(occupation, "industries", release)["release"] == release
    assert newest_pay_link(occupation, "no-such-section", release) == {"release": None}


def test_no_link_to_a_release_that_does_not_hold_the_occupation(client, occupation):
    """Its pay leads from a typed figure, not from the newest wage survey: the pay page's
    industries there hold none of its estimates."""
    annual_wage(occupation, "45000", 2025, month=5)
    FAQEntryFactory(occupation=occupation, slug="industries", newest_pay_link="industries")
    assert "Newest figures, from BLS's wage survey" not in get_html(client, faq_url(occupation))


def test_every_cited_source_is_described_on_the_page(client, occupation, pay_entry):
    html = get_html(client, faq_url(occupation))
    assert len(set(cite_targets(html))) == 2
    assert set(cite_targets(html)) <= source_ids(html)


def test_faq_carries_faqpage_json_ld(client, occupation, pay_entry):
    FAQEntryFactory(occupation=occupation)
    data = jsonld(get_html(client, faq_url(occupation)))
    assert data["@type"] == "FAQPage"
    questions = data["mainEntity"]
    assert len(questions) == occupation.faqentry_set.count() == 2
    pay = next(q for q in questions if "earn" in q["name"])
    assert "$41,600 a year" in pay["acceptedAnswer"]["text"]
    assert "May 2020" in pay["acceptedAnswer"]["text"]


def test_faq_for_unknown_occupation_is_404(client, db):
    get_html(client, reverse("careers:occupation-faq", kwargs={"slug": "nobody"}), status=404)


def test_an_occupation_without_questions_has_no_faq_page_and_no_link_to_one(client, occupation):
    get_html(client, faq_url(occupation), status=404)
    for page_url in (
        reverse("careers:home"),
        occupation.get_absolute_url(),
        reverse("careers:over-time", args=[occupation.slug]),
    ):
        page = soup(get_html(client, page_url))
        assert not page.select(f'a[href="{faq_url(occupation)}"]'), page_url
    for extension in ("ris", "bib"):
        get_html(client, f"{faq_url(occupation)}cite.{extension}", status=404)
    sitemap = client.get(reverse("careers:sitemap")).content.decode()
    assert faq_url(occupation) not in sitemap
    assert occupation.get_absolute_url() in sitemap
