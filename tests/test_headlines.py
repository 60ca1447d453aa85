"""Every page that leads with figures leads with the newest: BLS's May 2025 pay with its
range, and the 2024–2034 outlook with its openings, each with its period, program and age.
The older figures stay, dated and attributed, and the site never calls the guide's 2019–29
change growth in its own words."""

import csv
import io
import json
import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from .content import CSR_SLUG, WAITERS_SLUG
from .factories import OccupationFactory, annual_wage
from .pages import folded, get_html, jsonld, soup

TODAY = date(2026, 12, 3)
CSR_LEAD = (
    "$44,770 a year",
    "$21.53 an hour",
    "Most earn between $31,750 and $63,590 a year ($15.27 to $30.57 an hour)",
    "From the BLS wage survey, May 2025: about a year and a half ago",
    "A decline of 5 percent",
    "153,700 fewer jobs",
    "Fewer jobs",
    "about 341,700 openings a year are expected, as people leave the job",
    "Job outlook, 2024–2034",
    "Projected from 2024, more than a year and a half ago",
)
WAITERS_LEAD = (
    "$35,230 a year",
    "Most earn between $18,100 and $64,720 a year",
    "A decline of 1 percent",
    "about 456,700 openings a year",
    "wage figures for waiters and waitresses include tips",
)
PAGES = {
    "home": (reverse("careers:home"), CSR_LEAD + WAITERS_LEAD),
    "profile": (reverse("careers:occupation", args=[CSR_SLUG]), CSR_LEAD),
    "FAQ": (reverse("careers:occupation-faq", args=[CSR_SLUG]), CSR_LEAD),
    "handout": (reverse("careers:handout", args=[CSR_SLUG]), CSR_LEAD),
    "waiters": (reverse("careers:occupation", args=[WAITERS_SLUG]), WAITERS_LEAD),
}


def lead_text(html):
    """What the page leads with: its headline blocks (the {% headline %} tag's markup)."""
    page = soup(html)
    blocks = page.select(".headline-facts, .headline-notes")
    assert blocks, "no headline on the page"
    return " ".join(folded(block) for block in blocks)


@pytest.mark.parametrize("page", PAGES)
def test_every_headline_leads_with_may_2025_pay_and_the_2024_34_outlook(client, db, page):
    url, expected = PAGES[page]
    with time_machine.travel(TODAY, tick=False):
        lead = lead_text(get_html(client, url))
    missing = [text for text in expected if text.lower() not in lead.lower()]
    assert not missing, lead


def test_the_comparison_leads_with_both_on_one_release(client, db):
    html = get_html(client, reverse("careers:compare", args=[CSR_SLUG, WAITERS_SLUG]))
    first = folded(soup(html).select_one("table.compare"))
    for text in (
        "$44,770 a year",
        "$35,230 a year",
        "(May 2025)",
        "(2024–2034)",
        "A decline of 5 percent",
        "A decline of 1 percent",
    ):
        assert text in first


# The pages that lead with figures, and the ones that discuss them.
LEADING = [
    reverse("careers:home"),
    reverse("careers:occupation", args=[CSR_SLUG]),
    reverse("careers:occupation-faq", args=[CSR_SLUG]),
    reverse("careers:handout", args=[CSR_SLUG]),
    reverse("careers:compare", args=[CSR_SLUG, WAITERS_SLUG]),
]
DISCUSSING = [reverse("careers:over-time", args=[CSR_SLUG]), reverse("careers:about-data")]


@pytest.mark.parametrize("url", LEADING)
def test_the_page_description_and_social_card_lead_with_the_newest(client, db, url):
    page = soup(get_html(client, url))
    for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
        content = page.select_one(selector)["content"]
        assert "U.S. median pay $44,770 a year (BLS wage survey, May 2025)" in content, selector
        assert "Jobs 2024–2034: a decline of 5 percent" in content, selector


def test_the_older_figures_stay_dated_and_attributed(client, db):
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    pay = folded(soup(html).select_one("section#pay"))
    for text in ("$42,830 a year", "May 2024", "$34,710 a year", "May 2020", "$14.36 an hour"):
        assert text in pay
    outlook = folded(soup(html).select_one("section#job-outlook"))
    for text in ("2 percent, slower than the average", "2019–2029", "18 percent", "2008–2018"):
        assert text in outlook


GROW = re.compile(r"[^.?]*\bgrow(th|s|ing)?\b[^.?]*[.?]", re.IGNORECASE)


@pytest.mark.parametrize("url", LEADING + DISCUSSING)
def test_no_page_calls_the_2019_29_change_growth_in_its_own_words(client, db, url):
    """Any sentence with "grow" or "growth" gives the guide's words as the guide's. A question
    claims nothing: the note that doubts the 2 percent is titled "Growth or decline?", and the
    figure is flagged with that title wherever it is listed."""
    text = folded(soup(get_html(client, url)).find("main"))
    for sentence in (match.group(0) for match in GROW.finditer(text)):
        if not sentence.endswith("?"):
            assert "guide" in sentence.lower(), sentence


def test_the_api_and_the_csv_lead_with_the_newest_and_name_program_and_release(client, db):
    answer = client.get(
        reverse("api:figures", args=[CSR_SLUG]) + "?measure=median_annual_wage"
    ).json()
    newest = answer["items"][0]
    assert (newest["value"], newest["period"]["label"]) == (44770.0, "May 2025")
    (citation,) = newest["citations"]
    assert citation["program"] == "Occupational Employment and Wage Statistics (OEWS)"
    assert citation["release"] == "May 2025"
    assert citation["section"] == "series OEUN000000000000043405113"
    rows = list(
        csv.DictReader(
            io.StringIO(get_html(client, reverse("careers:occupation-csv", args=[CSR_SLUG])))
        )
    )
    assert (rows[0]["period"], rows[0]["figure"]) == ("May 2025", "oews-2025a01-median-annual-wage")
    detail = client.get(reverse("api:occupation", args=[CSR_SLUG])).json()
    assert detail["figures"][0]["period"]["label"] == "May 2025"
    data = jsonld(get_html(client, reverse("careers:occupation", args=[CSR_SLUG])))
    assert data["estimatedSalary"]["median"] == 44770
    assert json.dumps(data).count("May 2025") >= 1


def test_the_newest_figures_carry_no_doubt(client, db):
    """The notes question the guide's figures, not BLS's newer ones, which lead without a
    "Questions about this figure" link."""
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    assert "Questions about this figure" not in lead_text(html)


def test_the_profile_compares_the_newest_pay_with_all_occupations_in_the_same_release(client, db):
    """The typed comparison is the handbook's, for May 2024: the newest official one, from
    the same release as the headline, comes first."""
    pay = folded(
        soup(get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))).select_one(
            "section#pay"
        )
    )
    newest = pay.index("In May 2025, the median for all occupations was $50,980 a year ($24.51")
    assert newest < pay.index("in May 2024 the median wage was $23.80 an hour")


def test_all_occupations_median_is_given_only_beside_a_headline_of_its_release(client, db):
    """A profile that leads with an older wage is not compared with a newer release."""
    occupation = OccupationFactory()
    annual_wage(occupation, "41600", 2020, month=5)
    pay = folded(soup(get_html(client, occupation.get_absolute_url())).select_one("section#pay"))
    assert "$41,600 a year" in pay
    assert "median for all occupations" not in pay


def test_the_faq_pay_answer_leads_with_the_newest_median_and_all_occupations_beside_it(client, db):
    """The answer's text quotes no older comparison before them (it quoted the handbook's
    May 2024 one); its list leads with the wage survey's May 2025 median and all
    occupations' from the same release, each cited."""
    page = soup(get_html(client, reverse("careers:occupation-faq", args=[CSR_SLUG])))
    assert "May 2024" not in folded(page.select_one("section#median-pay > p"))
    items = page.select("section#median-pay ul.faq-figures > li")
    assert folded(items[0]).startswith("Median annual wage: $44,770 a year (May 2025)")
    assert folded(items[1]).startswith(
        "In May 2025, the median for all occupations was $50,980 a year ($24.51 an hour)."
    )
    (marker,) = items[1].select("sup.fn a")
    reference = page.select_one(marker["href"])
    assert "series OEUN000000000000000000" in folded(reference)
    # Only the pay answer compares: the outlook's list has no such line.
    assert "median for all occupations" not in folded(page.select_one("section#job-outlook"))


def test_the_wage_surveys_pay_is_called_the_nations_and_a_typed_figure_is_not(client, db):
    """BLS's figures for the whole country (series OEUN…) lead as "U.S. median pay" in the
    headline, the page's description and search, so a job seeker does not take them for their
    own state's. A typed figure's source may not say where it holds: its headline says only
    "Median pay"."""
    occupation = OccupationFactory()
    annual_wage(occupation, "41600", 2020, month=5)
    page = soup(get_html(client, occupation.get_absolute_url()))
    assert folded(page.select_one(".headline-facts dt")) == "Median pay"
    assert "U.S." not in page.select_one('meta[name="description"]')["content"]

    profile = reverse("careers:occupation", args=[CSR_SLUG])
    page = soup(get_html(client, profile))
    assert folded(page.select_one(".headline-facts dt")) == "U.S. median pay"
    assert page.select_one('meta[name="description"]')["content"].count("U.S. median pay $44,770")
    search = soup(get_html(client, reverse("careers:search") + "?q=call+center"))
    assert folded(search.select_one(".search-figures")).startswith("U.S. median pay $44,770")
    spanish = soup(get_html(client, "/es" + profile))
    assert folded(spanish.select_one(".headline-facts dt")) == "Salario mediano en EE. UU."
