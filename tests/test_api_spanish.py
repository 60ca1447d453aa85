"""The API in Spanish: ?lang=es or Accept-Language: es gives the same fields and numbers with
Spanish text, and a shared cache keeps the two languages apart."""

import pytest
from django.urls import reverse

from .content import CSR_SLUG

pytestmark = pytest.mark.django_db

DETAIL = reverse("api:occupation", args=[CSR_SLUG])
FIGURES = reverse("api:figures", args=[CSR_SLUG])


def shape(value):
    """The answer's keys and value types, without the values."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value[:1]]
    return type(value).__name__


def numbers(value):
    if isinstance(value, dict):
        return [n for item in value.values() for n in numbers(item)]
    if isinstance(value, list):
        return [n for item in value for n in numbers(item)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


def test_lang_es_gives_the_same_fields_and_numbers_with_spanish_text(client):
    english = client.get(DETAIL).json()
    spanish = client.get(DETAIL, {"lang": "es"}).json()
    assert shape(spanish) == shape(english)
    assert numbers(spanish) == numbers(english)
    assert english["title"] == "Customer service representatives"
    assert spanish["title"] == "Representantes de servicio al cliente"
    assert spanish["slug"] == english["slug"]


def test_accept_language_asks_for_spanish_and_lang_en_overrides_it(client):
    assert (
        client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").json()["title"]
        == "Representantes de servicio al cliente"
    )
    assert (
        client.get(DETAIL, {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="es").json()["title"]
        == "Customer service representatives"
    )
    assert client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="fr").json()["title"] == (
        "Customer service representatives"
    )


SPANISH_TITLE = "Representantes de servicio al cliente"
ENGLISH_TITLE = "Customer service representatives"


@pytest.mark.parametrize(
    ("asked", "header", "title"),
    [
        ("es-US", "en", SPANISH_TITLE),
        ("ES-mx", "en", SPANISH_TITLE),
        ("en-GB", "es", ENGLISH_TITLE),
    ],
)
def test_lang_takes_a_regional_tag_as_its_language(client, asked, header, title):
    """?lang= reads a tag as Accept-Language does (es-US is Spanish), and still wins over it."""
    answer = client.get(DETAIL, {"lang": asked}, HTTP_ACCEPT_LANGUAGE=header)
    assert answer.json()["title"] == title


def test_figure_periods_read_in_spanish(client):
    items = client.get(FIGURES, {"lang": "es", "measure": "median_annual_wage"}).json()["items"]
    assert "mayo de 2025" in [item["period"]["label"] for item in items]


def test_units_series_releases_and_state_names_read_in_spanish(client):
    """What the Spanish pages write in Spanish, the Spanish API does too; English stays as
    it was."""
    figures = client.get(FIGURES, {"lang": "es", "measure": "median_annual_wage"}).json()
    (newest, *_older) = figures["items"]
    assert newest["unit_label"] == "dólares estadounidenses al año"
    citation = newest["citations"][0]
    assert citation["locator"].startswith("serie OEUN"), citation
    assert citation["label"].endswith(citation["locator"])

    wages = reverse("api:wages", args=[CSR_SLUG])
    spanish = client.get(wages, {"lang": "es", "area_type": "state"}).json()["items"]
    english = client.get(wages, {"area_type": "state"}).json()["items"]
    assert {row["release"] for row in spanish} == {"mayo de 2025"}
    assert {row["release"] for row in english} == {"May 2025"}
    names = {row["area"]["name"] for row in spanish}
    assert {"Carolina del Norte", "Distrito de Columbia"} <= names
    assert {"North Carolina", "District of Columbia"} <= {row["area"]["name"] for row in english}
    assert [row["area"]["slug"] for row in spanish] == [row["area"]["slug"] for row in english]


def test_answers_say_they_vary_on_the_language(client):
    response = client.get(DETAIL)
    assert "accept-language" in response["Vary"].lower()


@pytest.mark.services
def test_the_cache_keeps_each_language_apart(client, redis_cache):
    english = client.get(DETAIL)
    assert client.get(DETAIL)["X-Page-Cache"] == "hit"
    spanish = client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="es")
    assert spanish.json()["title"] == "Representantes de servicio al cliente"
    again = client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="es")
    assert again["X-Page-Cache"] == "hit"
    assert again.json()["title"] == "Representantes de servicio al cliente"
    assert again["ETag"] != english["ETag"]
    assert client.get(DETAIL)["Vary"].lower().count("accept-language") == 1
    assert client.get(DETAIL).json()["title"] == "Customer service representatives"


def test_the_description_says_how_to_ask_for_spanish(client):
    description = client.get(reverse("api:openapi-json")).json()["info"]["description"]
    assert "?lang=es" in description
    assert "Accept-Language" in description
