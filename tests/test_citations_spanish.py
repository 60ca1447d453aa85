"""Citing a Spanish page: APA 7, MLA 9 and Chicago in their Spanish-language forms, files
that say the page is in Spanish, and references that say each source is in English."""

import datetime

import bibtexparser
import pytest
import rispy
import time_machine
from django.urls import reverse
from django.utils import translation

from .content import CSR_SLUG
from .pages import folded, get_html, soup
from .test_citations import citations

pytestmark = pytest.mark.django_db

SITE = "https://careers.example.org"
TODAY = datetime.datetime(2027, 2, 3, 15, 0, tzinfo=datetime.UTC)
SITE_ES = "Carreras en Servicio al Cliente"


@pytest.fixture(autouse=True)
def canonical_site_and_clock(settings, csr):
    settings.SITE_URL = SITE
    csr.last_reviewed = datetime.date(2026, 11, 9)
    csr.save()
    with time_machine.travel(TODAY, tick=False):
        yield


def spanish(name, *args):
    with translation.override("es"):
        return reverse(name, args=args)


def test_the_spanish_profile_is_cited_in_the_styles_spanish_forms(client):
    path = spanish("careers:occupation", CSR_SLUG)
    url = f"{SITE}{path}"
    title = "Representantes de servicio al cliente (SOC 43-4051)"
    assert citations(get_html(client, path)) == {
        "APA (7.ª edición)": f"{SITE_ES}. (2026, 9 de noviembre). {title}."
        f" Recuperado el 3 de febrero de 2027, de {url}",
        "MLA (9.ª edición)": f"“{title}.” {SITE_ES}, 9 nov. 2026, {url}."
        " Consultado el 3 feb. 2027.",
        "Chicago": f"{SITE_ES}. “{title}.” Última revisión: 9 de noviembre de 2026."
        f" Consultado el 3 de febrero de 2027. {url}.",
    }


def test_a_spanish_page_never_reviewed_is_cited_sin_fecha(client, csr):
    csr.last_reviewed = None
    csr.save()
    cited = citations(get_html(client, spanish("careers:occupation", CSR_SLUG)))
    assert cited["APA (7.ª edición)"].startswith(f"{SITE_ES}. (s. f.). Representantes")


def test_the_spanish_files_say_the_page_is_in_spanish(client):
    ris = client.get(spanish("careers:profile-citation", CSR_SLUG, "ris")).content.decode()
    assert "LA  - es\r\n" in ris
    (entry,) = rispy.loads(ris)
    assert entry["language"] == "es"
    assert entry["title"] == "Representantes de servicio al cliente (SOC 43-4051)"
    assert entry["urls"] == [f"{SITE}/es/occupations/{CSR_SLUG}/"]

    bib_response = client.get(spanish("careers:faq-citation", CSR_SLUG, "bib"))
    assert bib_response["Content-Disposition"] == (f'attachment; filename="{CSR_SLUG}-faq-es.bib"')
    bib = bib_response.content.decode()
    (entry,) = bibtexparser.parse_string(bib).entries
    fields = {name: field.value.strip("{}") for name, field in entry.fields_dict.items()}
    assert fields["language"] == "es"
    assert fields["langid"] == "spanish"
    assert fields["title"] == "Representantes de servicio al cliente: preguntas frecuentes"
    # Its own key, so a reader who keeps both languages' entries gets no clash.
    assert entry.key == f"{CSR_SLUG}-faq-es"

    with translation.override("en"):  # the client leaves the last page's language active
        english = client.get(reverse("careers:profile-citation", args=[CSR_SLUG, "ris"]))
    assert "LA  - en\r\n" in english.content.decode()


def test_each_reference_says_its_source_is_in_english_and_keeps_its_passage(client):
    page = soup(get_html(client, spanish("careers:occupation", CSR_SLUG)))
    references = [folded(item) for item in page.select("ol.references li")]
    assert references
    assert all("(fuente en inglés)" in reference for reference in references)
    # The passage stays cited by line or by section, in Spanish words.
    assert any("línea " in reference or "líneas " in reference for reference in references)
    sections = page.select('ol.references .reference-label span[lang="en"]')
    assert sections, "a web page's section keeps its English name, marked"


def test_a_wage_survey_figure_is_cited_by_its_serie_in_spanish(client):
    """A BLS series id is one series: in Spanish "serie", where "series" is a plural (a
    state's column of statistics cites thirteen)."""
    page = soup(get_html(client, spanish("careers:over-time", CSR_SLUG)))
    references = [folded(item) for item in page.select("ol.references li")]
    assert any("serie OEUN000000000000043405113 (" in reference for reference in references)
    assert not any("series OEUN000000000000043405113 (" in reference for reference in references)
    page = soup(get_html(client, spanish("careers:pay-state", CSR_SLUG, "texas")))
    references = [folded(item) for item in page.select("ol.references li")]
    assert any("series OEUS480000000000043405101, …03" in reference for reference in references)
    # A table's pattern ("OEUM + each area's code + …") names every area's series.
    assert any("series OEUM + el código de cada área" in reference for reference in references)
    assert not any("serie OEUM" in reference for reference in references)
