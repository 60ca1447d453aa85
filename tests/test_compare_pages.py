"""Comparison pages: side by side, periods shown and differences called out, bad URLs handled."""

from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.models import Figure

from .conftest import CSR_SLUG as CSR
from .conftest import WAITERS_SLUG as WAITERS
from .pages import block, cite_targets, get_html, source_ids


def compare_url(left, right):
    return reverse("careers:compare", kwargs={"left": left, "right": right})


def test_comparison_covers_every_topic(client, db):
    html = get_html(client, compare_url(CSR, WAITERS))
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
        assert f'id="compare-{row}"' in html


def test_pay_is_shown_in_both_units_with_derived_values_labelled(client, db):
    html = get_html(client, compare_url(CSR, WAITERS))
    annual = block(html, "compare-pay-annual", tag="tr")
    hourly = block(html, "compare-pay-hourly", tag="tr")
    assert "$34,710 a year" in annual
    assert "$19,990 a year" in annual
    assert "$16.69 an hour" in hourly
    assert "derived at 2,080 hours" in hourly
    assert "$9.61 an hour" in hourly  # stated by the handbook, so not derived
    assert hourly.count("derived at") == 1


def test_different_periods_are_called_out(client, db):
    html = get_html(client, compare_url(CSR, WAITERS))
    callout = block(html, "periods-differ", tag="div")
    assert "May 2020" in callout
    assert "May 2016" in callout
    assert "2019–2029" in callout
    assert "2016–2026" in callout


def test_matching_periods_are_not_called_out(client, db):
    Figure.objects.filter(slug="median-annual-wage-may-2016").update(
        period_start_year=2020, period_end_year=2020
    )
    Figure.objects.filter(slug="median-hourly-wage-may-2016").update(
        period_start_year=2020, period_end_year=2020
    )
    Figure.objects.filter(slug="employment-growth-2016-2026").update(
        period_start_year=2019, period_end_year=2029
    )
    html = get_html(client, compare_url(CSR, WAITERS))
    assert 'id="periods-differ"' not in html


def test_edited_figure_shows_on_the_comparison(client, db):
    Figure.objects.filter(slug="median-annual-wage-may-2020").update(value=Decimal("41600"))
    annual = block(get_html(client, compare_url(CSR, WAITERS)), "compare-pay-annual", tag="tr")
    assert "$41,600 a year" in annual
    assert "$34,710" not in annual


def test_either_order_works_and_sources_are_listed(client, db):
    html = get_html(client, compare_url(WAITERS, CSR))
    assert set(cite_targets(html)) <= source_ids(html)
    assert "source-bls-ooh-waiters-2016" in source_ids(html)


def test_same_slug_twice_redirects_to_the_profile(client, db):
    response = client.get(compare_url(CSR, CSR))
    assert response.status_code == 302
    assert response["Location"] == reverse("careers:occupation", kwargs={"slug": CSR})


@pytest.mark.parametrize(
    ("left", "right"),
    [(CSR, "nobody"), ("nobody", CSR), ("nobody", "nobody"), ("ghost", "phantom")],
)
def test_unknown_slugs_get_404(client, db, left, right):
    get_html(client, compare_url(left, right), status=404)


def test_malformed_comparison_paths_get_404(client, db):
    for path in ("/compare/a b/c/", "/compare/only-one/", "/compare/x/y/z/"):
        assert client.get(path).status_code == 404


def test_compare_index_lists_the_pairs_and_the_profile_links_to_them(client, csr):
    index = get_html(client, reverse("careers:compare-index"))
    assert (
        f'href="{compare_url(CSR, WAITERS)}"' in index
        or f'href="{compare_url(WAITERS, CSR)}"' in index
    )
    profile = get_html(client, csr.get_absolute_url())
    assert f'href="{compare_url(CSR, WAITERS)}"' in profile


def test_comparison_stays_within_its_query_budget(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(13):
        get_html(client, compare_url(CSR, WAITERS))


def test_compare_index_stays_within_its_query_budget(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        get_html(client, reverse("careers:compare-index"))
