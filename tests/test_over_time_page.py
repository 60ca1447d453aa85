"""Figures over time: the dated figures side by side, with SVG charts and tables.

These tests build their own occupation with tests/factories.py; the real content's
figures over time are checked in tests/test_content.py.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.models import Figure, PriceIndex

from .factories import (
    FigureFactory,
    PriceIndexFactory,
    SourceFactory,
    annual_wage,
    growth,
    hourly_wage,
)
from .pages import block, cite_targets, get_html, soup, source_ids

ANNUAL = Figure.Measure.MEDIAN_ANNUAL_WAGE
HOURLY = Figure.Measure.MEDIAN_HOURLY_WAGE
GROWTH = Figure.Measure.EMPLOYMENT_GROWTH


def folded(element):
    return " ".join(element.get_text(" ").split())


def over_time_url(occupation):
    return reverse("careers:over-time", kwargs={"slug": occupation.slug})


def pay_and_growth_over_two_decades(occupation):
    """Pay in 2000 as an hourly figure, in May 2010 as a yearly one; growth for two periods."""
    # The index values are the test's own too, whatever the loaded content has.
    PriceIndex.objects.all().delete()
    hourly_wage(occupation, "10.00", 2000)
    annual_wage(occupation, "41600", 2010, month=5)
    growth(occupation, "18", 2000, 2010, "faster than average")
    growth(occupation, "2", 2010, 2020, "slower than the average")


pytestmark = pytest.mark.occupation(parts=pay_and_growth_over_two_decades)


def pay_rows(html):
    """(period, the row's text) for each row of the pay table, in page order; the row's
    heading is its period and its age ("2000, more than 25 years ago")."""
    pay = soup(block(html, "pay-over-time"))
    rows = [row for row in pay.select("tr") if row.find("th", scope="row")]
    return [(folded(row.find("th", scope="row")).split(",")[0], folded(row)) for row in rows]


def test_wages_are_compared_in_both_units_with_derived_labels(client, occupation):
    html = get_html(client, over_time_url(occupation))
    rows = pay_rows(html)
    assert [period for period, _ in rows] == ["2000", "May 2010"]
    assert all(" years ago" in text for _, text in rows), rows
    assert "$20,800 a year" in rows[0][1]
    assert "$10.00 an hour" in rows[0][1]
    assert "$41,600 a year" in rows[1][1]
    assert "$20.00 an hour" in rows[1][1]
    labels = soup(html).select("section#pay-over-time td span.derived-label")
    assert [label.get_text() for label in labels] == ["(worked out by this site)"] * 2
    assert "+100.0 percent" in block(html, "pay-over-time")


def test_growth_periods_and_wording_change_are_shown(client, occupation):
    outlook = folded(soup(block(get_html(client, over_time_url(occupation)), "outlook-over-time")))
    assert outlook.index("2000–2010") < outlook.index("2010–2020")
    assert "18 percent" in outlook
    assert "2 percent" in outlook
    # The quoted wording is marked as English (for a Spanish page); read it without the seams.
    quoted = " ".join(
        soup(block(get_html(client, over_time_url(occupation)), "outlook-over-time"))
        .get_text()
        .split()
    )
    assert "“faster than average” (2000–2010) to “slower than the average” (2010–2020)" in quoted


def test_undated_claims_are_left_out_of_the_time_series(client, occupation):
    FigureFactory(occupation=occupation, value=Decimal("35000"), is_approximate=True, undated=True)
    html = get_html(client, over_time_url(occupation))
    assert "35,000" not in html
    assert "no period given" not in html


def test_charts_are_inline_svg_with_title_description_and_a_table(client, occupation):
    page = soup(get_html(client, over_time_url(occupation)))
    charts = page.find_all("svg")
    assert len(charts) == 2
    for chart in charts:
        assert chart.get("role") == "img"
        labelled_by = chart["aria-labelledby"].split()
        for element_id in labelled_by:
            assert chart.find(id=element_id), f"{element_id} is not inside its chart"
        assert chart.find("title", id=True)
        assert chart.find("desc", id=True)
        assert not chart.has_attr("style")
        assert not chart.select("[style]")
    wage_chart = charts[0]
    assert "$20,800 a year (worked out by this site)" in folded(wage_chart)
    assert "$41,600 a year" in folded(wage_chart)
    bars = [float(bar["width"]) for bar in wage_chart.select('rect.chart-bar[x="0"][y]')]
    assert bars[0] < bars[1]
    assert len(page.find_all("table")) == 2


def test_edited_figure_shows_over_time(client, occupation):
    get_html(client, over_time_url(occupation))
    occupation.figure_set.filter(measure=HOURLY).update(value=Decimal("15.00"))
    pay = block(get_html(client, over_time_url(occupation)), "pay-over-time")
    assert "$15.00 an hour" in pay
    assert "$31,200 a year" in pay


def test_figures_over_time_cite_described_sources(client, occupation):
    FigureFactory(
        occupation=occupation, measure=ANNUAL, period_start_year=2005, source=SourceFactory()
    )
    html = get_html(client, over_time_url(occupation))
    assert len(set(cite_targets(html))) == 2
    assert set(cite_targets(html)) <= source_ids(html)


def test_single_period_occupation_says_there_is_no_change(client, db):
    occupation = FigureFactory().occupation
    html = get_html(client, over_time_url(occupation))
    assert "cover one period only" in html


def test_old_wage_is_restated_in_later_dollars_as_a_derived_value(client, occupation):
    cpi = SourceFactory()
    PriceIndexFactory(year=2000, value=Decimal("100.000"), source=cpi)
    PriceIndexFactory(year=2010, value=Decimal("150.000"), source=cpi)
    html = get_html(client, over_time_url(occupation))
    rows = dict(pay_rows(html))
    # 20,800 a year (10.00 an hour) x 150 / 100 = 31,200 in 2010 dollars, and 41,600 against
    # it is +33.3 percent after inflation. The May 2010 wage, with no May index on file, is
    # restated with 2010's annual average: itself.
    assert "about $31,200 a year (+33.3 percent to the newest)" in rows["2000"]
    assert "2000 annual average: 100.000" in rows["2000"]
    assert "about $41,600 a year" in rows["May 2010"]
    restated = block(html, "in-later-dollars", tag="div")
    assert "In 2010 dollars" in restated
    assert "worked out by this site" in restated
    assert "2000 annual average: 100.000; 2010 annual average: 150.000" in restated
    assert cite_targets(html, "div#in-later-dollars") == [f"source-{cpi.slug}"]
    assert "+33.3 percent</strong> after inflation" in block(html, "pay-over-time")


def test_a_may_wage_is_restated_with_mays_index(client, occupation):
    PriceIndexFactory(year=2000, value=Decimal("100.000"))
    PriceIndexFactory(year=2010, value=Decimal("150.000"))
    PriceIndexFactory(year=2010, month=5, value=Decimal("160.000"))
    PriceIndexFactory(year=2011, month=8, value=Decimal("200.000"))
    rows = dict(pay_rows(get_html(client, over_time_url(occupation))))
    # Into August 2011 dollars: 41,600 x 200 / 160 (May 2010) = 52,000; 20,800 x 200 / 100.
    assert "about $52,000 a year" in rows["May 2010"]
    assert "May 2010: 160.000" in rows["May 2010"]
    assert "about $41,600 a year (+25.0 percent to the newest)" in rows["2000"]


def test_no_restatement_without_both_index_years(client, occupation):
    PriceIndexFactory(year=2000)
    page = soup(get_html(client, over_time_url(occupation)))
    assert page.find(id="in-later-dollars") is None
    assert "+100.0 percent" in folded(page)


def test_a_projected_decline_is_drawn_leftwards_from_zero_not_left_out(client, occupation):
    """A decline drew no bar at all, which read as no change, or as less than the rest."""
    growth(occupation, "-5", 2020, 2030, "all occupations: +3 percent")
    chart = soup(get_html(client, over_time_url(occupation))).select_one("#growth-chart svg")
    zero = {float(line["x1"]) for line in chart.select("line.chart-zero")}
    assert len(zero) == 1
    (zero,) = zero
    rising = chart.select("rect.chart-bar:not(.chart-bar-decline)")
    (falling,) = chart.select("rect.chart-bar.chart-bar-decline")
    assert [float(bar["x"]) for bar in rising] == [zero, zero]
    # 18, 2 and −5 percent: each bar as long as its change, the decline ending at zero.
    assert float(falling["x"]) + float(falling["width"]) == pytest.approx(zero)
    assert float(falling["width"]) == pytest.approx(float(rising[1]["width"]) * 5 / 2, abs=0.2)
    assert float(rising[0]["width"]) == pytest.approx(float(rising[1]["width"]) * 9, abs=0.2)
    assert "2020–2030: −5 percent, a decline." in folded(chart.find("desc"))


def test_without_a_decline_bars_start_at_the_left_edge_with_no_zero_line(client, occupation):
    chart = soup(get_html(client, over_time_url(occupation))).select_one("#growth-chart svg")
    assert not chart.select("line.chart-zero")
    assert [bar["x"] for bar in chart.select("rect.chart-bar")] == ["0", "0"]
