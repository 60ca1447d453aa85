"""The profile page: every section, every figure dated and sourced, a fixed query budget."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.models import Duty, Figure, JobTitle, Occupation

from .pages import get_html, text_of

PROFILE_SECTIONS = [
    "summary",
    "what-they-do",
    "work-environment",
    "schedules",
    "how-to-become-one",
    "skills",
    "pay",
    "job-outlook",
    "where-they-work",
    "job-titles",
    "advancement",
    "tips",
    "sources",
]
QUERY_BUDGET = 14


def profile_html(client, occupation):
    response = client.get(occupation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(html, section_id):
    match = re.search(rf'<section id="{section_id}".*?</section>', html, re.S)
    assert match, f"no section {section_id}"
    return match.group(0)


def test_profile_has_every_section_in_order(client, csr):
    html = profile_html(client, csr)
    # Each section opens with its own heading (a heading, not a region landmark, names it).
    top_level = re.findall(r'<section id="([a-z-]+)">\s*<h2 id="\1-heading">', html)
    assert top_level == PROFILE_SECTIONS
    for section_id in PROFILE_SECTIONS:
        assert f'href="#{section_id}"' in html, f"table of contents misses {section_id}"


def test_pay_leads_with_the_newest_dated_wage_and_its_derived_hourly(client, csr):
    pay = section(profile_html(client, csr), "pay")
    headline = re.search(r'<p class="headline">.*?</p>', pay, re.S).group(0)
    assert "$34,710 a year" in headline
    assert "(May 2020)" in headline
    assert "$16.69 an hour" in pay
    assert "derived by this site" in pay
    assert "$14.36 an hour" in pay
    assert "2008" in pay
    assert "$29,869 a year" in pay


def test_outlook_leads_with_the_newest_dated_projection(client, csr):
    outlook = section(profile_html(client, csr), "job-outlook")
    headline = re.search(r'<p class="headline">.*?</p>', outlook, re.S).group(0)
    assert "2 percent" in headline
    assert "(2019–2029)" in headline
    assert "slower than the average" in headline
    assert "18 percent" in outlook
    assert "2008–2018" in outlook
    assert "faster than average" in outlook


def test_undated_claims_are_never_shown_as_current(client, csr):
    html = profile_html(client, csr)
    for section_id in ("summary", "pay", "job-outlook"):
        part = section(html, section_id)
        for headline in re.findall(r'<(?:p class="headline"|dd)>.*?</(?:p|dd)>', part, re.S):
            assert "around $35,000" not in headline
            assert "no period given" not in headline
    undated_rows = re.findall(r'<tr id="figure-[a-z0-9-]+" class="undated">.*?</tr>', html, re.S)
    assert len(undated_rows) == 2
    for row in undated_rows:
        assert "No period given; not a current figure" in row


def test_broken_figure_from_the_newer_guide_never_appears(client, csr):
    html = profile_html(client, csr)
    assert "around ,000" not in html
    assert "$,000" not in html


def test_every_figure_links_to_a_source_described_on_the_page(client, csr):
    html = profile_html(client, csr)
    source_ids = set(re.findall(r'<li id="(source-[a-z0-9-]+)"', html))
    assert source_ids == {"source-csr-profile-2008", "source-csr-guide-2020"}
    figure_spans = re.findall(r'<span class="figure">.*?</a></span>', html, re.S)
    assert figure_spans
    anchored = re.findall(r'<tr id="(figure-[a-z0-9-]+)"', html)
    # Each figure has exactly one anchored row, which its get_absolute_url() points at.
    assert sorted(anchored) == sorted(f"figure-{f.slug}" for f in csr.figure_set.all())
    table_rows = re.findall(r'<tr id="figure-.*?</tr>', html, re.S)
    for fragment in figure_spans + table_rows:
        (target,) = re.findall(r'class="cite" href="#(source-[a-z0-9-]+)"', fragment)
        assert target in source_ids


def test_profile_lists_duties_titles_and_sectors(client, csr):
    html = profile_html(client, csr)
    assert section(html, "what-they-do").count('<li id="duty-') == 8
    titles = section(html, "job-titles")
    for name in ("Account representative", "Call center representative", "Customer service agent"):
        assert name in titles
    where = section(html, "where-they-work")
    assert "Depository credit intermediation" in where
    assert "Administrative support" in where


def test_editor_change_to_a_figure_shows_on_the_next_request(client, csr):
    Figure.objects.filter(slug="median-annual-wage-may-2020").update(value=Decimal("36000"))
    pay = section(profile_html(client, csr), "pay")
    assert "$36,000 a year" in pay
    assert "$34,710" not in pay


def test_newer_dated_figure_takes_the_lead(client, csr):
    Figure.objects.create(
        occupation=csr,
        slug="median-annual-wage-may-2024",
        kind=Figure.Kind.MEDIAN_ANNUAL_WAGE,
        unit=Figure.Unit.USD_PER_YEAR,
        value=Decimal("39680"),
        period_start_year=2024,
        period_end_year=2024,
        period_month=5,
        source=csr.source,
        source_line=2,
    )
    headline = re.search(r'<p class="headline">.*?</p>', profile_html(client, csr), re.S).group(0)
    assert "$39,680 a year" in headline
    assert "(May 2024)" in headline


def test_profile_is_machine_readable_json_ld(client, csr):
    html = profile_html(client, csr)
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["@type"] == "Occupation"
    assert data["occupationalCategory"]["codeValue"] == "43-4051"
    assert data["estimatedSalary"]["median"] == 34710
    assert "May 2020" in data["estimatedSalary"]["name"]
    assert "customer service agent" in data["alternateName"]


def test_pages_carry_no_inline_script_or_style(client, csr):
    for url in (reverse("careers:home"), csr.get_absolute_url(), reverse("careers:about-data")):
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert "<style" not in html
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all('type="application/ld+json"' in attrs for attrs in scripts)


def test_profile_stays_within_its_query_budget_as_content_grows(
    client, csr, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BUDGET):
        profile_html(client, csr)
    Duty.objects.bulk_create(
        Duty(
            occupation=csr,
            slug=f"extra-{n}",
            text=f"Extra duty {n}",
            source=csr.source,
            source_line=1,
        )
        for n in range(50)
    )
    JobTitle.objects.bulk_create(
        JobTitle(
            occupation=csr,
            slug=f"extra-{n}",
            name=f"extra title {n}",
            source=csr.source,
            source_line=6,
        )
        for n in range(50)
    )
    with django_assert_max_num_queries(QUERY_BUDGET):
        html = profile_html(client, csr)
    assert "Extra duty 49" in html
    assert "Extra title 49" in html


def test_unknown_slug_gets_the_styled_404_page(client, db):
    response = client.get(reverse("careers:occupation", kwargs={"slug": "no-such-job"}))
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert "css/site." in html
    assert 'href="/"' in html


@pytest.mark.parametrize("name", ["home", "about-data"])
def test_other_public_pages_render(client, csr, name):
    response = client.get(reverse(f"careers:{name}"))
    assert response.status_code == 200


def test_home_links_to_the_profile_with_dated_headline_figures(client, csr):
    html = client.get(reverse("careers:home")).content.decode()
    assert f'href="{csr.get_absolute_url()}"' in html
    assert "$34,710 a year" in html
    assert "May 2020" in html


def test_home_stays_within_its_query_budget(client, csr, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("careers:home"))


def test_unpublished_profile_is_not_found(client, csr):
    csr.is_published = False
    csr.save()
    assert client.get(csr.get_absolute_url()).status_code == 404


def test_job_counts_are_shown_with_their_periods(client, db):
    waiters = Occupation.objects.get(slug="waiters-and-waitresses")
    outlook = section(profile_html(client, waiters), "job-outlook")
    assert "2,600,500 jobs" in outlook
    assert "182,500 jobs" in outlook
    assert "2016–2026" in outlook


def test_a_wage_the_source_states_is_never_shown_as_derived(client, db):
    html = get_html(client, reverse("careers:occupation", args=["waiters-and-waitresses"]))
    pay = text_of(html, "pay")
    assert "$9.61 an hour" in pay
    assert "derived by this site" not in pay
    assert "$19,989" not in pay  # the annual figure is stated: $19,990


def test_no_precise_rate_is_derived_from_an_approximate_undated_wage(client, csr):
    pay = text_of(get_html(client, csr.get_absolute_url()), "pay")
    assert "around $35,000 a year" in pay
    assert "16.83" not in pay
