"""Search from a Spanish page: the words of a Spanish job ad find the occupation, accents or
none, on SQLite's fallback and on PostgreSQL's full-text search (CI runs both)."""

import pytest
from django.urls import reverse
from django.utils import translation

from occupations.search import FIELDS, search

from .content import CSR_SLUG
from .pages import folded, get_html, soup

pytestmark = pytest.mark.django_db

WAITERS = "waiters-and-waitresses"


def found_in_spanish(query):
    with translation.override("es"):
        return [result.occupation.slug for result in search(query).results]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("representante de servicio al cliente", CSR_SLUG),
        ("agente de atención al cliente", CSR_SLUG),
        ("Agente de Atencion al Cliente", CSR_SLUG),  # as typed without accents
        ("representantes de servicios al cliente", CSR_SLUG),
        ("mesero", WAITERS),
        ("mesera", WAITERS),
        ("meseras", WAITERS),
    ],
)
def test_spanish_job_ad_words_find_their_occupation_first(query, slug):
    assert found_in_spanish(query)[:1] == [slug]


def test_an_accent_typed_or_left_out_finds_the_same():
    assert found_in_spanish("atención al cliente") == found_in_spanish("atencion al cliente")
    assert found_in_spanish("capacitación")[:1] == found_in_spanish("capacitacion")[:1] != []


def test_english_words_still_find_it_from_a_spanish_page():
    assert found_in_spanish("waiter")[:1] == [WAITERS]
    assert found_in_spanish("call center representative")[:1] == [CSR_SLUG]


def test_the_english_search_does_not_read_spanish():
    with translation.override("en"):
        assert search("mesero").results == []


def test_the_spanish_results_page_shows_the_spanish_title_and_spanish_figures(client):
    with translation.override("es"):
        url = reverse("careers:search")
    page = soup(get_html(client, url + "?q=mesera"))
    assert page.html["lang"] == "es"
    first = folded(page.select_one("ol.results li, .results li, main li"))
    assert "Meseros y meseras" in first
    assert "Salario mediano" in first
    assert "al año" in first


def test_a_spanish_search_reads_as_many_queries_as_an_english_one(
    client, django_assert_max_num_queries
):
    with translation.override("es"):
        url = reverse("careers:search")
    with django_assert_max_num_queries(len(FIELDS) + 2):
        client.get(url, {"q": "agente de atención al cliente"})


def test_the_language_link_on_a_results_page_keeps_the_search(client, settings):
    """A reader who switches language on their results sees the same search's results,
    not an empty search box."""
    settings.SPANISH_PUBLISHED = True
    with translation.override("es"):
        spanish_url = reverse("careers:search")
    page = soup(get_html(client, spanish_url + "?q=++atención+al+cliente"))
    english = client.get(page.select_one('a[hreflang="en"]')["href"])
    assert english.wsgi_request.GET["q"] == "atención al cliente"  # as it was searched
    assert CSR_SLUG in english.content.decode()
    # The alternates name the search page itself, as its canonical link does.
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert alternates["en"].endswith(reverse("careers:search"))
