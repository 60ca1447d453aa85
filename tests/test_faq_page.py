"""The FAQ page: every question anchored, figures drawn from figure records, FAQPage JSON-LD."""

from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.models import Figure

from .pages import block, cite_targets, get_html, jsonld, source_ids


@pytest.fixture
def faq_url(csr):
    return reverse("careers:occupation-faq", kwargs={"slug": csr.slug})


def test_faq_has_the_guides_six_questions_and_the_job_seekers_ones(client, csr, faq_url):
    html = get_html(client, faq_url)
    for anchor in (
        "what-is-a-customer-service-representative",
        "typical-duties",
        "skills-needed",
        "education-and-training",
        "job-outlook",
        "median-pay",
        "do-i-need-a-degree",
        "what-hours",
        "work-from-home",
        "highest-paying-industries",
        "bilingual",
        "next-steps",
    ):
        assert f'<section class="faq-entry" id="{anchor}"' in html
        assert f'href="#{anchor}"' in html


def test_pay_answer_shows_figures_with_period_and_source(client, faq_url):
    answer = block(get_html(client, faq_url), "median-pay")
    assert "$34,710 a year" in answer
    assert "(May 2020)" in answer
    assert "$14.36 an hour" in answer
    assert "(2008)" in answer
    assert set(cite_targets(answer)) == {"source-csr-guide-2020", "source-csr-profile-2008"}


def test_edited_figure_shows_in_the_faq(client, faq_url):
    Figure.objects.filter(slug="employment-growth-2019-2029").update(value=Decimal("3"))
    html = get_html(client, faq_url)
    assert "3 percent" in block(html, "job-outlook")
    assert "3 percent" in jsonld(html)["mainEntity"][4]["acceptedAnswer"]["text"]


def test_every_cited_source_is_described_on_the_page(client, faq_url):
    html = get_html(client, faq_url)
    assert set(cite_targets(html)) <= source_ids(html)


def test_faq_carries_faqpage_json_ld(client, csr, faq_url):
    data = jsonld(get_html(client, faq_url))
    assert data["@type"] == "FAQPage"
    questions = data["mainEntity"]
    assert len(questions) == csr.faqentry_set.count()
    pay = next(q for q in questions if "earn" in q["name"])
    assert "$34,710 a year" in pay["acceptedAnswer"]["text"]
    assert "May 2020" in pay["acceptedAnswer"]["text"]


def test_faq_stays_within_its_query_budget(client, faq_url, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        get_html(client, faq_url)


def test_faq_for_unknown_occupation_is_404(client, db):
    get_html(client, reverse("careers:occupation-faq", kwargs={"slug": "nobody"}), status=404)


def test_occupation_without_questions_says_so(client, db):
    html = get_html(client, reverse("careers:occupation-faq", args=["waiters-and-waitresses"]))
    assert "no questions and answers for this occupation yet" in html
    assert '<nav class="toc"' not in html
    assert "application/ld+json" not in html
