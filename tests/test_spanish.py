"""The site in Spanish under /es/: every page's twin, marked as Spanish, linked both ways."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from .content import CSR_SLUG as CSR
from .pages import folded, get_html, jsonld, soup

pytestmark = pytest.mark.django_db


def spanish(name, *args):
    with translation.override("es"):
        return reverse(name, args=args)


def english_url(name, *args):
    # The test client answers in this thread, so a Spanish page leaves Spanish active here.
    with translation.override("en"):
        return reverse(name, args=args)


def test_a_spanish_page_answers_at_its_twin_address_marked_as_spanish(client):
    assert spanish("careers:occupation", CSR) == f"/es/occupations/{CSR}/"
    page = soup(get_html(client, spanish("careers:occupation", CSR)))
    assert page.html["lang"] == "es"
    # The English stays where it always was.
    page = soup(get_html(client, english_url("careers:occupation", CSR)))
    assert page.html["lang"] == "en"


def test_until_published_the_spanish_is_neither_offered_nor_indexed(client, settings):
    settings.SPANISH_PUBLISHED = False
    page = soup(get_html(client, "/"))
    assert not page.select('link[hreflang], a[hreflang="es"]')
    page = soup(get_html(client, "/es/"))
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_once_published_each_page_links_its_twin_and_names_the_alternates(client, settings):
    settings.SPANISH_PUBLISHED = True
    path = english_url("careers:occupation-faq", CSR)
    page = soup(get_html(client, path))
    assert page.select_one('a[hreflang="es"]')["href"].endswith(f"/es{path}")
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert alternates["en"].endswith(path)
    assert alternates["es"].endswith(f"/es{path}")
    assert alternates["x-default"] == alternates["en"]

    twin = soup(get_html(client, f"/es{path}"))
    assert twin.select_one('link[rel="canonical"]')["href"].endswith(f"/es{path}")
    assert twin.select_one('a[hreflang="en"]')["href"].endswith(path)
    assert twin.select_one('meta[name="robots"]') is None


def test_the_english_pages_do_not_vary_on_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert "accept-language" not in response.get("Vary", "").lower()
    assert soup(response.content.decode()).html["lang"] == "en"


def numbers(text):
    return re.findall(r"\$[\d,]+(?:\.\d\d)?|\b\d{1,3}(?:,\d{3})+\b", text)


def test_the_spanish_first_screen_gives_the_same_figures_in_spanish_words(client):
    english = folded(
        soup(get_html(client, english_url("careers:occupation", CSR))).select_one("#quick-facts")
    )
    page = soup(get_html(client, spanish("careers:occupation", CSR)))
    box = folded(page.select_one("#quick-facts"))
    assert numbers(box) == numbers(english)
    assert "$44,770 al año" in box  # U.S. separators, Spanish words
    assert "mayo de 2025" in box  # Django's own month-and-year format for Spanish
    assert "Perspectivas de empleo, 2024–2034" in box
    assert "Menos empleos" in box
    assert page.select_one("h1").get_text() == "Representantes de servicio al cliente"


def test_job_titles_are_given_in_both_languages(client):
    page = soup(get_html(client, spanish("careers:occupation", CSR)))
    item = page.select_one("#job-titles li")
    assert folded(item).startswith("Representante de cuentas")
    assert item.select_one('span[lang="en"]').get_text() == "(“account representative”)"


def test_the_trail_and_the_pay_source_read_in_spanish(client):
    page = soup(get_html(client, spanish("careers:occupation", CSR)))
    trail = [link.get_text() for link in page.select(".breadcrumbs a")]
    assert trail == ["Inicio", "Representantes de servicio al cliente"]
    source = folded(page.select_one(".headline-pay .figure-source"))
    assert source.startswith("Fuente: Encuesta salarial de BLS, mayo de 2025 (hace")


def test_the_spanish_handout_sends_readers_to_the_spanish_profile(client):
    page = soup(get_html(client, spanish("careers:handout", CSR)))
    assert page.select_one(".profile-url a")["href"].endswith(f"/es/occupations/{CSR}/")
    assert folded(page.select_one("#handout-duties h2")) == "Qué hacen"
    assert folded(page.select_one("#handout-getting-in h2")) == "Cómo conseguir el empleo"


def test_about_the_data_reads_in_spanish_with_the_records_figures(client):
    page = soup(get_html(client, spanish("careers:about-data")))
    settled = folded(page.select_one("#settled"))
    assert "La guía fechaba sus $34,710 en mayo de 2020" in settled
    note = folded(page.select_one("#note-bls-wage-date"))
    assert "dividido entre 2,080 horas da $16.6875" in note
    assert "Qué hacemos:" in note


def test_the_language_link_keeps_a_pay_tables_order_but_the_alternates_stay_canonical(
    client, settings
):
    settings.SPANISH_PUBLISHED = True
    path = english_url("careers:pay-state", CSR, "texas")
    page = soup(get_html(client, f"{path}?sort=median"))
    spanish_link = page.select_one('a[hreflang="es"]')["href"]
    assert spanish_link.endswith(f"/es{path}?sort=median")
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert alternates["es"].endswith(f"/es{path}")
    # The Spanish table opens in the same order, and its link back keeps it too.
    twin = soup(get_html(client, spanish_link))
    assert twin.select_one('#areas th[aria-sort="descending"]') is not None
    assert twin.select_one('a[hreflang="en"]')["href"].endswith(f"{path}?sort=median")
    # An order the page does not know is the default one, and is not written into the page.
    made_up = soup(get_html(client, f"{path}?sort=%3Cscript%3E"))
    assert made_up.select_one('a[hreflang="es"]')["href"].endswith(f"/es{path}")


@pytest.mark.parametrize(
    ("missing", "other"),
    [
        ("/es/no-such-page/", "en"),
        ("/no-such-page/", "es"),
        # The view's own 404s: a mistyped occupation or state.
        (f"/es/occupations/{CSR}-typo/", "en"),
        (f"/occupations/{CSR}/pay/narnia/", "es"),
    ],
)
def test_the_language_link_on_a_missing_page_leads_to_the_other_languages_home(
    client, settings, missing, other
):
    """A missing address has no twin to translate to: the link used to lead to the same
    missing page in the same language."""
    settings.SPANISH_PUBLISHED = True
    page = soup(get_html(client, missing, status=404))
    link = page.select_one(f'a[hreflang="{other}"]')["href"]
    with translation.override(other):
        assert link.endswith(reverse("careers:home"))
    assert soup(get_html(client, link)).html["lang"] == other


def test_a_state_page_reads_as_spanish_prose(client):
    """A reviewer's findings: the state's own row says "del estado", and after the colon the
    outlook goes on in lower case, as Spanish (and English) write a phrase there."""
    page = soup(get_html(client, spanish("careers:pay-state", CSR, "texas")))
    text = folded(page)
    assert "Todos los trabajadores del estado" in text
    assert "del lugar" not in folded(page.select_one("#state-and-nation"))
    outlook = folded(page.select_one("#outlook p"))
    assert re.search(r"En el país, 2024[–-]2034: [a-zá-ú]", outlook), outlook


def test_the_spanish_faqs_structured_data_reads_in_spanish(client):
    """What search engines read of the Spanish FAQ: its name and each figure's source line."""
    data = jsonld(get_html(client, spanish("careers:occupation-faq", CSR)))
    assert data["name"] == "Representantes de servicio al cliente: preguntas frecuentes"
    answers = " ".join(q["acceptedAnswer"]["text"] for q in data["mainEntity"])
    assert "fuente: " in answers
    assert "source: " not in answers
    assert "(its publisher is not named)" not in answers
