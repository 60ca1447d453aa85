"""Figures over time: the two documents' figures side by side, with SVG charts and tables."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.models import Figure, PriceIndex

from .pages import block, cite_targets, get_html, source_ids


@pytest.fixture
def over_time_url(csr):
    return reverse("careers:over-time", kwargs={"slug": csr.slug})


def test_wages_are_compared_in_both_units_with_derived_labels(client, over_time_url):
    pay = block(get_html(client, over_time_url), "pay-over-time")
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", pay, re.S)
    assert [period for period, _ in rows] == ["2008", "May 2020"]
    assert "$29,869 a year" in rows[0][1]
    assert "$14.36 an hour" in rows[0][1]
    assert "$34,710 a year" in rows[1][1]
    assert "$16.69 an hour" in rows[1][1]
    assert pay.count('<span class="derived-label">(derived)</span>') == 2
    assert "+16.2 percent" in pay


def test_growth_periods_and_wording_change_are_shown(client, over_time_url):
    outlook = block(get_html(client, over_time_url), "outlook-over-time")
    assert outlook.index("2008–2018") < outlook.index("2019–2029")
    assert "18 percent" in outlook
    assert "2 percent" in outlook
    assert "“faster than average” (2008–2018) to “slower than the average” (2019–2029)" in outlook


def test_undated_claims_are_left_out_of_the_time_series(client, over_time_url):
    html = get_html(client, over_time_url)
    assert "35,000" not in html
    assert "no period given" not in html


def test_charts_are_inline_svg_with_title_description_and_a_table(client, over_time_url):
    html = get_html(client, over_time_url)
    charts = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(charts) == 2
    for chart in charts:
        assert 'role="img"' in chart
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', chart).group(1).split()
        for element_id in labelled_by:
            assert f'id="{element_id}"' in chart
        assert "<title " in chart
        assert "<desc " in chart
        assert " style=" not in chart
    wage_chart = charts[0]
    assert "$29,869 a year (derived)" in wage_chart
    assert "$34,710 a year" in wage_chart
    bars = [
        float(w)
        for w in re.findall(
            r'<rect class="chart-bar[^"]*" x="0" y="\d+" width="([\d.]+)"', wage_chart
        )
    ]
    assert bars[0] < bars[1]
    assert html.count("<table") == 2


def test_edited_figure_shows_over_time(client, over_time_url):
    Figure.objects.filter(slug="median-hourly-wage-2008").update(value=Decimal("15.00"))
    pay = block(get_html(client, over_time_url), "pay-over-time")
    assert "$15.00 an hour" in pay
    assert "$31,200 a year" in pay


def test_figures_over_time_cite_described_sources(client, over_time_url):
    html = get_html(client, over_time_url)
    assert set(cite_targets(html)) <= source_ids(html)


def test_single_period_occupation_says_there_is_no_change(client, db):
    html = get_html(client, reverse("careers:over-time", kwargs={"slug": "waiters-and-waitresses"}))
    assert "give pay for one period only" in html


def test_2008_wage_is_restated_in_2020_dollars_as_a_derived_value(client, over_time_url):
    restated = block(get_html(client, over_time_url), "in-later-dollars", tag="div")
    # 14.36 x 258.811 / 215.303 = 17.26 an hour; 29,868.80 x the same = 35,905 a year.
    assert "$35,905 a year" in restated
    assert "$17.26 an hour" in restated
    assert "derived with the consumer price index" in restated
    assert "-3.3 percent" in restated
    assert "2008: 215.303" in restated
    assert "2020: 258.811" in restated
    assert 'href="#source-bls-cpi-u"' in restated


def test_no_restatement_without_both_index_years(client, over_time_url):
    PriceIndex.objects.filter(year=2008).delete()
    html = get_html(client, over_time_url)
    assert 'id="in-later-dollars"' not in html
    assert "+16.2 percent" in html


def test_over_time_stays_within_its_query_budget(
    client, over_time_url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        get_html(client, over_time_url)
