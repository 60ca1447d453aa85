"""Comparison pages: side by side, periods shown and differences called out, bad URLs handled.

These tests build their own pair of occupations with tests/factories.py; the comparison
of the real content's two occupations is checked in tests/test_content.py.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.models import Figure

from .content import CSR_SLUG as CSR
from .factories import OccupationFactory, annual_wage, growth, hourly_wage
from .pages import cite_targets, get_html, soup, source_ids, text_of

ANNUAL = Figure.Measure.MEDIAN_ANNUAL_WAGE
HOURLY = Figure.Measure.MEDIAN_HOURLY_WAGE
GROWTH = Figure.Measure.EMPLOYMENT_GROWTH


def compare_url(left, right):
    return reverse("careers:compare", kwargs={"left": left, "right": right})


@pytest.fixture
def left(db):
    """A yearly wage for May 2020 (its hourly rate is derived) and growth for 2019–2029."""
    occupation = OccupationFactory()
    annual_wage(occupation, "41600", 2020, month=5, slug="annual-2020")
    growth(occupation, "2", 2019, 2029)
    return occupation


@pytest.fixture
def right(db):
    """Both wages stated for May 2016, and growth for 2016–2026."""
    occupation = OccupationFactory()
    annual_wage(occupation, "19990", 2016, month=5)
    hourly_wage(occupation, "9.61", 2016, month=5)
    growth(occupation, "6", 2016, 2026)
    return occupation


@pytest.fixture
def pair_url(left, right):
    return compare_url(left.slug, right.slug)


def test_comparison_covers_every_topic(client, pair_url):
    page = soup(get_html(client, pair_url))
    for row in (
        "pay-annual",
        "pay-hourly",
        "outlook",
        "education",
        "training",
        "settings",
        "schedules",
        "duties",
        "skills",
    ):
        assert page.select(f"tr#compare-{row}"), f"no row compare-{row}"


def test_pay_is_shown_in_both_units_with_derived_values_labelled(client, pair_url):
    html = get_html(client, pair_url)
    annual = text_of(html, "compare-pay-annual", tag="tr")
    hourly = text_of(html, "compare-pay-hourly", tag="tr")
    assert "$41,600 a year" in annual
    assert "$19,990 a year" in annual
    assert "$20.00 an hour" in hourly
    assert "$20.00 an hour ( worked out by this site )" in hourly
    assert "$9.61 an hour" in hourly  # stated by the source, so not derived
    assert hourly.count("worked out by this site") == 1


def test_different_periods_are_called_out(client, pair_url):
    callout = text_of(get_html(client, pair_url), "periods-differ", tag="div")
    assert "May 2020" in callout
    assert "May 2016" in callout
    assert "2019–2029" in callout
    assert "2016–2026" in callout


def test_matching_periods_are_not_called_out(client, left, right, pair_url):
    right.figure_set.filter(measure__in=[ANNUAL, HOURLY]).update(
        period_start_year=2020, period_end_year=2020
    )
    right.figure_set.filter(measure=GROWTH).update(period_start_year=2019, period_end_year=2029)
    page = soup(get_html(client, pair_url))
    assert page.find(id="periods-differ") is None


def test_edited_figure_shows_on_the_comparison(client, left, pair_url):
    get_html(client, pair_url)
    left.figure_set.filter(slug="annual-2020").update(value=Decimal("45760"))
    annual = text_of(get_html(client, pair_url), "compare-pay-annual", tag="tr")
    assert "$45,760 a year" in annual
    assert "$41,600" not in annual


def test_either_order_works_and_sources_are_listed(client, left, right):
    html = get_html(client, compare_url(right.slug, left.slug))
    assert set(cite_targets(html)) <= source_ids(html)
    assert {f"source-{left.source.slug}", f"source-{right.source.slug}"} <= source_ids(html)


def test_same_slug_twice_redirects_to_the_profile(client, left):
    response = client.get(compare_url(left.slug, left.slug))
    assert response.status_code == 302
    assert response["Location"] == left.get_absolute_url()


@pytest.mark.parametrize(
    ("left", "right"),
    [(CSR, "nobody"), ("nobody", CSR), ("nobody", "nobody"), ("ghost", "phantom")],
)
def test_unknown_slugs_get_404(client, db, left, right):
    get_html(client, compare_url(left, right), status=404)


def test_malformed_comparison_paths_get_404(client, db):
    for path in ("/compare/a b/c/", "/compare/only-one/", "/compare/x/y/z/"):
        assert client.get(path).status_code == 404


def test_compare_index_lists_the_pairs_and_the_profile_links_to_them(client, left, right):
    index = soup(get_html(client, reverse("careers:compare-index")))
    either_order = (compare_url(left.slug, right.slug), compare_url(right.slug, left.slug))
    assert any(index.select(f'a[href="{url}"]') for url in either_order)
    profile = soup(get_html(client, left.get_absolute_url()))
    assert profile.select(f'a[href="{compare_url(left.slug, right.slug)}"]')
