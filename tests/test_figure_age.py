"""Pages that lead with the newest figures say how old they are, counted from today."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from occupations.formatting import Period

from .content import CSR_SLUG, WAITERS_SLUG
from .factories import FAQEntryFactory, OccupationFactory, annual_wage, growth
from .pages import folded, get_html, soup


def pay_outlook_and_a_question(occupation):
    annual_wage(occupation, "41600", 2020, month=5)
    growth(occupation, "3", 2019, 2029)
    FAQEntryFactory(occupation=occupation)


pytestmark = pytest.mark.occupation(
    current_figures_url="https://www.bls.gov/ooh/test.htm", parts=pay_outlook_and_a_question
)


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        (Period(2020, 2020, 5), date(2026, 11, 27), "more than six years ago"),
        (Period(2020, 2020, 5), date(2026, 5, 30), "more than five years ago"),
        (Period(2020, 2020, 5), date(2026, 5, 31), "more than six years ago"),
        (Period(2008, 2008), date(2026, 11, 27), "more than seventeen years ago"),
        # A projection is as old as its base year.
        (Period(2019, 2029), date(2026, 11, 27), "more than six years ago"),
        (Period(2026, 2026, 3), date(2026, 11, 27), "less than a year ago"),
        (Period(2025, 2025, 1), date(2026, 6, 1), "more than a year ago"),
        # Under two years, in half years: "about" only in the month the half year is reached.
        (Period(2025, 2025, 5), date(2026, 12, 3), "about a year and a half ago"),
        (Period(2025, 2025, 5), date(2027, 1, 3), "more than a year and a half ago"),
        (Period(2025, 2025, 5), date(2026, 11, 29), "more than a year ago"),
        (Period(2024, 2034), date(2026, 12, 3), "more than a year and a half ago"),
        (Period(2024, 2024, 5), date(2026, 6, 1), "more than two years ago"),
        (Period(1990, 1990), date(2026, 1, 1), "more than 35 years ago"),
    ],
)
def test_the_age_counts_whole_years_from_the_end_of_the_period(period, today, expected):
    assert period.age_on(today) == expected


def age_lines(html):
    return [" ".join(span.get_text().split()) for span in soup(html).select(".figure-age")]


def test_the_profile_says_how_old_its_newest_figures_are_and_where_to_check(client, occupation):
    with time_machine.travel(date(2026, 11, 27), tick=False):
        lines = age_lines(get_html(client, occupation.get_absolute_url()))
    source = occupation.source.short_title
    assert (
        f"May 2020, more than six years ago. Source: {source}. Check BLS for current pay." in lines
    )
    assert (
        f"Projected from 2019, more than six years ago. Source: {source}. "
        "Check BLS for the current projection." in lines
    )
    # The quick-facts box says the same in one line with its source.
    assert any(
        line.endswith("May 2020: more than six years ago. Check BLS for current pay.")
        for line in lines
    ), lines
    links = soup(get_html(client, occupation.get_absolute_url())).select(".figure-age a")
    outside = {a["href"] for a in links if not a["href"].startswith("/glossary/")}
    # Pay from the wage survey's page for the occupation, the projection from the editors'.
    assert outside == {occupation.current_pay_url, "https://www.bls.gov/ooh/test.htm"}
    assert occupation.current_pay_url.startswith("https://www.bls.gov/oes/current/oes")


def test_the_count_follows_the_date_even_for_a_cached_page(client, occupation, settings):
    settings.PAGE_CACHE_SECONDS = 600
    url = occupation.get_absolute_url()
    with time_machine.travel(date(2026, 5, 30), tick=False):
        first = client.get(url)
        assert "more than five years ago" in first.content.decode()
        assert client.get(url)["X-Page-Cache"] == "hit"
    with time_machine.travel(date(2026, 5, 31), tick=False):
        next_day = client.get(url, headers={"If-None-Match": first["ETag"]})
        assert next_day.status_code == 200, "yesterday's ETag must not still match"
        assert "more than six years ago" in next_day.content.decode()


@pytest.mark.parametrize("page", ["home", "faq", "compare", "over-time"])
def test_every_page_leading_with_the_newest_figures_says_how_old_they_are(client, occupation, page):
    other = OccupationFactory()
    annual_wage(other, "30000", 2016, month=5)
    urls = {
        "home": reverse("careers:home"),
        "faq": reverse("careers:occupation-faq", args=[occupation.slug]),
        "compare": reverse("careers:compare", args=[occupation.slug, other.slug]),
        "over-time": reverse("careers:over-time", args=[occupation.slug]),
    }
    FAQEntryFactory(occupation=occupation, figures=list(occupation.figure_set.all()))
    with time_machine.travel(date(2026, 11, 27), tick=False):
        lines = age_lines(get_html(client, urls[page]))
    assert any(re.search("May 2020[,:] more than six years ago", line) for line in lines), lines


def test_every_older_figure_says_how_old_it_is_too(client, db):
    """Not only the newest: each dated figure in the profile's tables, its similar
    occupations, the FAQ's lists and the comparison's older figures gives its period and its
    age, and a projection's age is its base year's."""
    profile = reverse("careers:occupation", args=[CSR_SLUG])
    faq = reverse("careers:occupation-faq", args=[CSR_SLUG])
    compare = reverse("careers:compare", args=[CSR_SLUG, WAITERS_SLUG])
    over_time = reverse("careers:over-time", args=[CSR_SLUG])
    with time_machine.travel(date(2026, 12, 3), tick=False):
        page, faq_page, compare_page, over_time_page = (
            soup(get_html(client, url)) for url in (profile, faq, compare, over_time)
        )
    shown = [folded(td) for td in page.select('td[data-label="Period"]')]
    shown = [period for period in shown if period != "No period given; not a current figure"]
    shown += [folded(td) for td in page.select('td[data-label="Median pay"]')]
    # An FAQ list's newest figure says its age after it, with its source.
    shown += [
        folded(li) for li in faq_page.select(".faq-figures li") if li.select(".figure-period")
    ]
    shown += [folded(span) for span in compare_page.select("td li .figure-period")]
    shown += [folded(th) for th in over_time_page.select("table.stack tbody th[scope=row]")]
    assert len(shown) > 30, shown
    ageless = [text for text in shown if " ago" not in text]
    assert not ageless
    assert "May 2020, more than six years ago" in shown
    assert "2008, more than seventeen years ago" in shown
    assert "2019–2029; projected from 2019, more than six years ago" in shown
    # A projected number of jobs is the count in the last year, as BLS gives it; the age is
    # the projection's, not 2034's.
    assert "2034; projected from 2024, more than a year and a half ago" in shown
    assert any(text.endswith("(May 2024, more than two years ago)") for text in shown)
