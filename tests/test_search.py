"""Job-title search: what a job seeker types finds the occupation, and odd input never breaks it.

These use the test database, so CI runs them on SQLite (the Python fallback) and again
on PostgreSQL (full-text search and trigrams).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from occupations.models import JobTitle
from occupations.search import FIELDS, MAX_QUERY_LENGTH, highlight, search

from .content import CSR_SLUG
from .factories import DutyFactory, FAQEntryFactory, JobTitleFactory, OccupationFactory
from .pages import soup

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("careers:search")


def found_slugs(query):
    return [result.occupation.slug for result in search(query).results]


@pytest.fixture
def dispatcher():
    """An occupation of our own whose words appear nowhere in the real content."""
    occupation = OccupationFactory(
        title="Ambulance dispatchers",
        definition="They take emergency calls and send crews.",
        summary="Night shifts are common.",
    )
    JobTitleFactory(occupation=occupation, name="emergency medical dispatcher")
    JobTitleFactory(occupation=occupation, name="radio operator")
    DutyFactory(occupation=occupation, text="Route ambulances to the scene of accidents")
    FAQEntryFactory(
        occupation=occupation,
        question="Is the work stressful?",
        answer="Dispatchers handle frightening situations calmly.",
    )
    return occupation


def test_every_job_title_of_the_profile_finds_it(csr):
    titles = [title.name for title in csr.jobtitle_set.all()]
    assert titles
    for title in titles:
        assert csr.slug in found_slugs(title), title


@pytest.mark.parametrize("query", ["CSR", "csr", "customer service rep", "Member Services Rep"])
def test_abbreviations_find_customer_service_representatives(csr, query):
    assert found_slugs(query)[0] == csr.slug


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("dispatchers", "Job title"),  # plural of a title word
        ("dispatching", "Job title"),  # another form of it
        ("routing ambulance", "Duty"),
        ("accident", "Duty"),
        ("frightening situation", "FAQ"),
    ],
)
def test_word_forms_find_the_field_they_are_in(dispatcher, query, field):
    results = search(query).results
    assert results[0].occupation == dispatcher
    assert field in {match.label for match in results[0].matches}


@pytest.mark.parametrize(
    "query",
    ["emergancy dispatcher", "emergency dispacher", "ambulanse", "radoi operator", "dispatcehr"],
)
def test_one_typo_still_finds_it(dispatcher, query):
    assert dispatcher.slug in found_slugs(query)


def test_a_title_match_ranks_above_several_duty_matches():
    by_title = OccupationFactory(title="Test harbor pilots")
    JobTitleFactory(occupation=by_title, name="tugboat captain")
    by_duty = OccupationFactory(title="Test deck hands")
    for chore in ("Tie up the tugboat", "Paint the tugboat", "Clean the tugboat deck"):
        DutyFactory(occupation=by_duty, text=chore)
    assert found_slugs("tugboat")[:2] == [by_title.slug, by_duty.slug]


def test_unpublished_occupations_are_not_found(dispatcher):
    dispatcher.is_published = False
    dispatcher.save()
    assert dispatcher.slug not in found_slugs("ambulance dispatcher")


def test_results_page_shows_the_matching_title_highlighted(client, dispatcher):
    response = client.get(SEARCH_URL, {"q": "medical dispatcher"})
    assert response.status_code == 200
    page = soup(response.content.decode())
    result = page.select_one(".search-results li")
    assert result.h2.a["href"] == dispatcher.get_absolute_url()
    # The job title is in title case: “Emergency Medical Dispatcher”.
    marked = {mark.get_text() for mark in result.select("mark")}
    assert {"Medical", "Dispatcher"} <= marked
    title_link = result.select_one("dd a mark").parent
    assert title_link["href"].startswith(dispatcher.get_absolute_url() + "#title-")


def test_highlighting_escapes_the_text_before_marking_it():
    html = highlight('<script>alert("dispatcher")</script> dispatcher', ("dispatcher",))
    assert "<script>" not in html
    assert html.count("<mark>dispatcher</mark>") == 2
    assert "&lt;script&gt;" in html


def test_the_query_is_shown_escaped(client):
    response = client.get(SEARCH_URL, {"q": '<img src=x onerror="alert(1)">'})
    assert response.status_code == 200
    assert b"<img src=x" not in response.content
    assert soup(response.content.decode()).select_one("#site-search-q")["value"].startswith("<img")


def test_no_results_says_so_and_links_to_the_occupations(client):
    response = client.get(SEARCH_URL, {"q": "zzyzx quuxotic"})
    page = soup(response.content.decode())
    assert "Nothing on this site matches" in page.main.get_text()
    assert page.main.find("a", href=reverse("careers:home"))


def test_an_empty_query_asks_for_one_and_runs_no_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get(SEARCH_URL)
    assert response.status_code == 200
    assert "Type a job title" in soup(response.content.decode()).main.get_text()


ODD_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    "customer " * 2_000,
    '"customer service"',
    "'; DROP TABLE occupations_jobtitle; --",
    "%",
    "_",
    "100%_off\\",
    "\\",
    "rep\\%",
    "😀 customer 😀",
    "rep\x00resentative",
    "\x00",
    "a & b | !c <-> d:*",  # tsquery syntax
    "ä ö ü ß ı İ",
    "the of and",  # stop words only: PostgreSQL's query has no lexemes
    "\u202e\u200b\ufeff",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_get_a_clean_page(client, query):
    response = client.get(SEARCH_URL, {"q": query})
    assert response.status_code == 200
    assert b"\x00" not in response.content


def test_invalid_utf8_and_nul_in_the_raw_query_string_get_a_clean_page(client):
    response = client.get(SEARCH_URL + "?q=%ff%fe%00rep%c3%28")
    assert response.status_code == 200


def test_a_repeated_parameter_gets_a_clean_page(client):
    response = client.get(SEARCH_URL + "?q=rep&q=csr&q[]=x")
    assert response.status_code == 200


def test_a_long_query_is_cut_and_the_page_says_so(client):
    response = client.get(SEARCH_URL, {"q": "representative " * 100})
    page = soup(response.content.decode())
    assert len(page.select_one("#site-search-q")["value"]) <= MAX_QUERY_LENGTH
    assert "only its first" in page.main.get_text()


def test_search_reads_a_fixed_number_of_queries(client, dispatcher, django_assert_max_num_queries):
    # One query per searched field, however many rows match; one for the places' names; then
    # one for the results' headline figures, or for the list of occupations when nothing
    # matched; and one more for a query of section words only, which lists every occupation.
    # A state alone searches no field.
    for query, more in (
        ("dispatcher", 2),
        ("customer service representative", 2),
        ("zzz", 2),
        ("salaries", 3),
        ("dispatcher wages", 2),
        ("pay in texas", 3),
        ("texas", 3 - len(FIELDS)),
        ("pay in columbus", 3),
        ("springfield ohio", 3),  # a city's name is searched for too ("college")
    ):
        with django_assert_max_num_queries(len(FIELDS) + more, info=query):
            client.get(SEARCH_URL, {"q": query})


def test_results_are_not_kept_but_browsers_and_cdns_may_keep_and_revalidate_them(
    client, settings, django_capture_on_commit_callbacks
):
    """Each query would be a page of its own, so none is kept in the page cache; but each
    carries its own ETag, and a current copy gets a 304 without running the search again."""
    settings.PAGE_CACHE_SECONDS = 86400
    response = client.get(SEARCH_URL, {"q": "representative"})
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == (
        f"public, max-age={settings.BROWSER_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.BROWSER_CACHE_SECONDS}"
    )
    etag = response["ETag"]
    assert client.get(SEARCH_URL, {"q": "call center"})["ETag"] != etag
    with CaptureQueriesContext(connection) as queries:
        again = client.get(SEARCH_URL, {"q": "representative"}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert not [query for query in queries if "occupations_" in query["sql"]], "no search ran"

    with django_capture_on_commit_callbacks(execute=True):
        title = JobTitle.objects.filter(occupation__slug=CSR_SLUG).first()
        title.name = "customer care representative"
        title.save()
    after_an_edit = client.get(SEARCH_URL, {"q": "representative"}, headers={"If-None-Match": etag})
    assert after_an_edit.status_code == 200
    assert after_an_edit["ETag"] != etag


def test_write_methods_are_refused(client):
    assert client.post(SEARCH_URL, {"q": "rep"}).status_code == 405


def test_every_page_has_the_search_form(client, csr):
    for url in (reverse("careers:home"), csr.get_absolute_url(), reverse("careers:about-data")):
        form = soup(client.get(url).content.decode()).select_one("header form[role=search]")
        assert form["action"] == SEARCH_URL
        assert form["method"] == "get"
        field = form.select_one("input[type=search][name=q]")
        assert form.select_one(f"label[for={field['id']}]")


def test_postgresql_uses_full_text_search_and_trigrams(dispatcher):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only; CI's second pass runs it")
    with CaptureQueriesContext(connection) as queries:
        search("dispacher")
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "to_tsvector" in sql
    assert "%>" in sql
