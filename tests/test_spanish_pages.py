"""Every public page in Spanish: it answers at its twin address, reads in Spanish (a word-list
check on the visible text), and gives the same figures as its English twin."""

import re
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from occupations import languages
from occupations.translation import TRANSLATED

from .content import CSR_SLUG as CSR
from .crawl import sampled_out, sitemap_paths
from .english import english_sentences
from .pages import get_html, soup

pytestmark = [pytest.mark.django_db, pytest.mark.same_on_every_database]


def spanish(name, *args):
    with translation.override("es"):
        return reverse(name, args=args)


def english_twin(path):
    return path.removeprefix("/es")


@pytest.fixture(scope="module")
def rendered(django_db_blocker):
    """A page's HTML, rendered once for all of this module's sweeps: they only read the
    loaded content, and the four of them asked for the same pages about 300 times."""
    client, pages = Client(), {}

    def html(path):
        if path not in pages:
            with django_db_blocker.unblock():
                pages[path] = get_html(client, path)
        return pages[path]

    return html


@pytest.fixture
def spanish_paths(client, settings):
    """The Spanish pages the sitemap lists (a few states of the 54), the handouts, a search
    and a page that is not there."""
    settings.SPANISH_PUBLISHED = True
    listed = sitemap_paths(get_html(client, reverse("careers:sitemap")))
    paths = [path for path in listed if path.startswith("/es/") and not sampled_out(path[3:])]
    return [
        *paths,
        spanish("careers:handout", CSR),
        spanish("careers:pay-state-handout", CSR, "new-jersey"),
        spanish("careers:search") + "?q=mesero",
        spanish("careers:search") + "?q=zzzz",
    ]


def test_the_sitemap_lists_each_page_in_both_languages_once_published(client, settings):
    settings.SPANISH_PUBLISHED = False
    english_only = sitemap_paths(get_html(client, reverse("careers:sitemap")))
    assert not [path for path in english_only if path.startswith("/es/")]
    settings.SPANISH_PUBLISHED = True
    both = sitemap_paths(get_html(client, reverse("careers:sitemap")))
    assert sorted(path for path in both if path.startswith("/es/")) == sorted(
        "/es" + path for path in english_only
    )


def test_every_spanish_page_answers_in_spanish(rendered, spanish_paths):
    for path in spanish_paths:
        page = soup(rendered(path))
        assert page.html["lang"] == "es", path
        assert page.select_one('link[hreflang="en"]') is not None, path


def test_no_english_sentence_is_left_on_a_spanish_page(client, rendered, spanish_paths):
    pages = {path: rendered(path) for path in spanish_paths}
    pages["/es/no-such-page/"] = get_html(client, "/es/no-such-page/", status=404)
    left = {path: found for path, html in pages.items() if (found := english_sentences(html))}
    assert left == {}


def test_the_word_check_finds_english_where_it_is(client):
    # The check itself: the English profile is English to it, the Spanish one is not.
    assert len(english_sentences(get_html(client, f"/occupations/{CSR}/"))) > 20
    assert english_sentences(get_html(client, spanish("careers:occupation", CSR))) == []


FIGURE = re.compile(r"\$\d{1,3}(?:,\d{3})*(?:\.\d\d)?|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)? ?%")


def figures(html):
    """The dollar amounts, grouped counts and percents of the page's main content."""
    main = soup(html).select_one("main")
    for element in main.select(".citation, .citations, time, .print-only"):
        element.decompose()
    return Counter(FIGURE.findall(main.get_text(" ")))


def test_the_figures_on_each_spanish_page_equal_the_english(rendered, spanish_paths):
    for path in spanish_paths:
        if "?q=" in path:
            continue
        assert figures(rendered(path)) == figures(rendered(english_twin(path))), path


def test_every_translated_text_has_its_current_spanish():
    # The loaded content: nothing reaches a Spanish reader in English but by a marked fallback,
    # and the CSV and the API, which carry no marks, have none to make.
    behind = [
        f"{model.__name__} {record.pk}: {names}"
        for model in TRANSLATED
        for record in model.objects.all()
        if (names := languages.stale_spanish(record))
    ]
    assert behind == []


def test_each_page_in_the_sitemap_names_itself_canonical_in_both_languages(
    client, rendered, settings
):
    # Comparisons especially: either order answers, and the canonical one must not depend on
    # the language the titles are sorted in.
    settings.SPANISH_PUBLISHED = True
    listed = sitemap_paths(get_html(client, reverse("careers:sitemap")))
    for path in (path for path in listed if not sampled_out(path.removeprefix("/es"))):
        canonical = soup(rendered(path)).select_one('link[rel="canonical"]')["href"]
        assert canonical.endswith(path), (path, canonical)
