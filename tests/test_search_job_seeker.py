"""Search as a job seeker meets it: each result's pay and outlook with their periods and
sources, job titles as an ad prints them, pay and outlook words that lead to those sections,
and a plain answer when the site does not cover the job.

These use the test database (the real content), so CI runs them on SQLite and PostgreSQL.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from occupations.models import Occupation
from occupations.search import search, section_of, title_case

from .content import CSR_SLUG, WAITERS_SLUG
from .factories import JobTitleFactory
from .pages import folded, soup

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("careers:search")
BLS_HANDBOOK = "https://www.bls.gov/ooh/"


def results_page(client, query):
    return results_page_at(client, SEARCH_URL, query)


def results_page_at(client, url, query):
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return soup(response.content.decode())


def spanish_results_page(client, query):
    with translation.override("es"):
        url = reverse("careers:search")
    return results_page_at(client, url, query)


def result_for(page, slug):
    """The <li> of the result whose heading links to that occupation's profile."""
    url = reverse("careers:occupation", args=[slug])
    for item in page.select(".search-results > li"):
        if item.h2.a["href"] == url:
            return item
    raise AssertionError(f"no result for {slug}")


def matches_of(result):
    """(label, link, text) of each match a result shows, in order."""
    return [
        (folded(dt), dt.find_next_sibling("dd").a["href"], folded(dt.find_next_sibling("dd")))
        for dt in result.select(".search-matches dt")
    ]


def test_each_result_shows_the_headline_pay_and_outlook_with_period_and_source(client, csr):
    result = result_for(results_page(client, "call center"), CSR_SLUG)
    figures = folded(result.select_one(".search-figures"))
    pay = csr.headline_wage
    outlook = csr.headline_outlook
    # The newest median pay, its period and its program; the outlook's period and source.
    assert re.search(r"U.S. median pay \$[\d,]+ a year, or \$[\d.]+ an hour", figures), figures
    assert pay.period_label in figures
    assert pay.source.short_title in figures
    assert f"Jobs {outlook.period_label}:" in figures
    assert f"From the {outlook.source.short_title}." in figures
    assert "))" not in figures  # no brackets inside brackets
    assert "openings a year" in figures


def test_every_result_of_a_search_has_its_figures(client):
    page = results_page(client, "customer")
    items = page.select(".search-results > li")
    assert len(items) == Occupation.objects.published().count()
    for item in items:
        assert "U.S. median pay $" in folded(item.select_one(".search-figures"))


def test_job_titles_are_in_title_case_and_still_highlighted(client, csr):
    JobTitleFactory(occupation=csr, name="call center agent")
    result = result_for(results_page(client, "call center agent"), CSR_SLUG)
    titles = [text for label, _, text in matches_of(result) if label == "Job title"]
    assert "Call Center Agent" in titles
    title = next(
        dd for dd in result.select(".search-matches dd") if folded(dd) == "Call Center Agent"
    )
    assert [mark.get_text() for mark in title.select("mark")] == ["Call", "Center", "Agent"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call center agent", "Call Center Agent"),
        ("director of member services", "Director of Member Services"),
        ("IT help desk agent", "IT Help Desk Agent"),
        ("server's assistant", "Server's Assistant"),
        ("front-desk clerk", "Front-Desk Clerk"),
    ],
)
def test_title_case(text, expected):
    assert title_case(text) == expected


PAY_WORDS = ["salary", "Salaries", "SALARY", "pay", "wage", "wages", "Hourly", "hourly pay"]
OUTLOOK_WORDS = ["outlook", "Outlook", "job outlook", "jobs outlook", "growth"]
SECTION_WORDS = [(query, "Pay", "#pay") for query in PAY_WORDS] + [
    (query, "Job outlook", "#job-outlook") for query in OUTLOOK_WORDS
]


@pytest.mark.parametrize(("query", "label", "anchor"), SECTION_WORDS, ids=lambda v: v)
def test_pay_and_outlook_words_lead_to_that_section_of_each_profile(client, query, label, anchor):
    page = results_page(client, query)
    for slug in (CSR_SLUG, WAITERS_SLUG):
        first = matches_of(result_for(page, slug))[0]
        assert first[0] == label
        assert first[1] == reverse("careers:occupation", args=[slug]) + anchor


def test_the_sections_linked_are_on_the_profile(client, csr):
    profile = soup(client.get(csr.get_absolute_url()).content.decode())
    for query in ("salary", "outlook"):
        _, url, _ = matches_of(result_for(results_page(client, query), CSR_SLUG))[0]
        anchor = url.partition("#")[2]
        assert profile.find("section", id=anchor), anchor


def test_a_pay_word_beside_a_job_title_adds_the_pay_link_to_what_it_found(client):
    page = results_page(client, "customer service salary")
    result = result_for(page, CSR_SLUG)
    labels = [label for label, _, _ in matches_of(result)]
    assert labels[0] == "Pay"
    assert "Job title" in labels or "Occupation" in labels


def test_a_pay_word_beside_an_unknown_job_finds_nothing(client):
    """“barista salary” is not the pay of the occupations the site covers."""
    page = results_page(client, "barista salary")
    assert not page.select(".search-results")
    assert "Nothing on this site matches" in folded(page.main)


def test_section_words_and_their_forms():
    assert section_of("salaries").anchor == "pay"
    assert section_of("salery").anchor == "pay"  # a typo in a long word
    assert section_of("outlooks").anchor == "job-outlook"
    for word in ("page", "paging", "grow", "representative", "job"):
        assert section_of(word) is None, word


def test_a_section_query_lists_the_sections_before_what_matched_them():
    """Matching rows (an FAQ on wages) still rank; the section comes first in each result."""
    found = search("wages")
    assert {result.occupation.slug for result in found.results} >= {CSR_SLUG, WAITERS_SLUG}
    for result in found.results:
        assert result.shown_matches[0].label == "Pay"


@pytest.mark.parametrize("query", ["barista", "nurse", "zzyzx quuxotic"])
def test_no_match_says_what_the_site_covers_and_points_to_the_bls_handbook(client, query):
    page = results_page(client, query)
    text = folded(page.main)
    assert "Try a shorter title" not in text
    assert "This site covers only these occupations" in text
    covered = {link["href"] for link in page.select(".search-covered a")}
    assert covered == {o.get_absolute_url() for o in Occupation.objects.published()}
    handbook = page.main.find("a", href=BLS_HANDBOOK)
    assert handbook is not None
    assert "search the BLS Occupational Outlook Handbook" in text
    assert "Occupational Outlook Handbook" in folded(handbook)


@pytest.mark.parametrize(
    ("query", "state"),
    [
        ("pay in texas", "texas"),
        ("Texas", "texas"),
        ("salary texas", "texas"),
        ("customer service representative new york", "new-york"),
        ("wages in west virginia", "west-virginia"),
        ("pay in washington dc", "district-of-columbia"),
        ("salary washington d.c.", "district-of-columbia"),
        ("DC", "district-of-columbia"),
        ("texas or california", "texas"),  # the first leads; the other is not searched for
        ("sueldo en nuevo mexico", "new-mexico"),  # Spanish words on the English page
    ],
)
def test_a_state_in_the_query_leads_to_the_pay_there(client, query, state):
    """A job seeker asks what the job pays where they live: the state's name is not searched
    for (no duty mentions Texas), it leads to the occupation's pay in that state."""
    result = result_for(results_page(client, query), CSR_SLUG)
    label, url, _ = matches_of(result)[0]
    place = client.get(url)
    assert url == reverse("careers:pay-state", args=[CSR_SLUG, state])
    assert place.status_code == 200
    assert label == f"Pay in {place.context['area'].place_name}"


def test_a_state_on_a_spanish_page_is_named_as_spanish_writes_it(client):
    with translation.override("es"):
        nueva_york = reverse("careers:pay-state", args=[CSR_SLUG, "new-york"])
    page = spanish_results_page(client, "sueldo en nueva york")
    label, link, _ = matches_of(result_for_spanish(page, CSR_SLUG))[0]
    assert (label, link) == ("Salario en Nueva York", nueva_york)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A city leads every area named after it, each on its state's page.
        ("pay in columbus", ["Columbus, GA-AL", "Columbus, IN", "Columbus, OH"]),
        # Only the areas a city names in full: not Eugene-Springfield, OR.
        (
            "springfield",
            ["Springfield, IL", "Springfield, MA", "Springfield, MO", "Springfield, OH"],
        ),
        ("salem", ["Salem, OR"]),
        # With a state, only the areas that state's page lists, then the state's own page.
        ("springfield ohio", ["Springfield, OH", "Ohio"]),
        # As the site (and an address) writes it, with the postal abbreviation.
        ("Columbus, OH", ["Columbus, OH", "Ohio"]),
        ("portland or", ["Portland-Vancouver-Hillsboro, OR-WA", "Oregon"]),
        ("springfield oh", ["Springfield, OH", "Ohio"]),
        # "or" between two cities is a word, not Oregon.
        (
            "pay in columbus or cleveland",
            ["Columbus, GA-AL", "Columbus, IN", "Columbus, OH", "Cleveland, OH", "Cleveland, TN"],
        ),
        # Beside the job's name, or after "in".
        ("customer service columbus", ["Columbus, GA-AL", "Columbus, IN", "Columbus, OH"]),
        ("call center jobs in columbus", ["Columbus, GA-AL", "Columbus, IN", "Columbus, OH"]),
        # A name readers give that BLS's does not have.
        ("new york city", ["New York-Newark-Jersey City, NY-NJ"]),
        ("cincinnati kentucky", ["Cincinnati, OH-KY-IN", "Kentucky"]),
        # A whole hyphenated name beats its parts: not Salem, OR as well.
        ("winston-salem salary", ["Winston-Salem, NC"]),
        # The longest name wins: the city, not the state of Kansas.
        ("kansas city", ["Kansas City, MO-KS"]),
        # A state's name wins over the city of the same name.
        ("new york", ["New York"]),
        ("honolulu", ["Urban Honolulu, HI"]),
    ],
)
def test_a_city_in_the_query_leads_to_its_area_on_the_state_page(client, query, expected):
    """A job seeker types where they live, which is often a city: each link leads to the
    area's row of the pay table on its state's page, where the row says what it pays."""
    result = result_for(results_page(client, query), CSR_SLUG)
    places = [(label, url) for label, url, _ in matches_of(result) if label.startswith("Pay in")]
    assert [label.removeprefix("Pay in ") for label, _ in places] == expected
    for label, url in places:
        path, _, row_id = url.partition("#")
        page = soup(client.get(path).content.decode())
        state = page.h1.get_text()
        if row_id:
            row = page.find(id=row_id)
            assert row.name == "tr", url
            assert folded(row.th) == label.removeprefix("Pay in "), url
            assert row.find("td"), url  # the area's figures, or BLS's "no estimate"
            assert row in page.select("#areas tr"), url
        else:
            assert state.endswith(f"pay in {label.removeprefix('Pay in ')}"), url


def test_a_city_beside_other_words_is_searched_for_as_a_word(client):
    """ "College" is also Fairbanks-College, AK: in a question about a degree it finds the
    answer, not Alaska's pay."""
    result = result_for(results_page(client, "do I need a college degree"), CSR_SLUG)
    labels = [label for label, _, _ in matches_of(result)]
    assert "FAQ" in labels
    assert not [label for label in labels if label.startswith("Pay in")]


def test_a_spanish_word_that_is_also_a_city_and_a_state_code_stays_a_word(client):
    """ "Mesa de ayuda" is a help desk, not Phoenix-Mesa-Chandler, AZ in Delaware (DE)."""
    page = spanish_results_page(client, "mesa de ayuda")
    labels = [folded(dt) for dt in page.select(".search-matches dt")]
    assert not [label for label in labels if label.startswith("Salario en")]


def test_a_city_on_a_spanish_page_leads_to_the_spanish_state_page(client):
    with translation.override("es"):
        puerto_rico = reverse("careers:pay-state", args=[CSR_SLUG, "puerto-rico"])
    page = spanish_results_page(client, "sueldo en san juan")
    label, link, text = matches_of(result_for_spanish(page, CSR_SLUG))[0]
    assert label == "Salario en San Juan-Bayamon-Caguas, PR"
    assert link.startswith(puerto_rico + "#")
    assert text.endswith("una de las áreas en Puerto Rico")
    # A place named with its article reads "en el Distrito de Columbia", never "de el".
    page = spanish_results_page(client, "salario en arlington")
    texts = [text for _, _, text in matches_of(result_for_spanish(page, CSR_SLUG))]
    assert any(text.endswith("una de las áreas en el Distrito de Columbia") for text in texts)
    assert not [text for text in texts if " de el " in text]


def result_for_spanish(page, slug):
    with translation.override("es"):
        url = reverse("careers:occupation", args=[slug])
    (item,) = [item for item in page.select(".search-results > li") if item.h2.a["href"] == url]
    return item


def test_small_words_are_not_searched_for_or_highlighted(client):
    page = results_page(client, "customer service jobs in texas")
    marked = {folded(mark).lower() for mark in page.select("mark")}
    assert marked
    assert not marked & {"in", "jobs in"}
