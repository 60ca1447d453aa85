"""Values every page's template can use."""

from typing import NamedTuple

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext

from careers.edge.canonical import absolute_url

from .footnotes import Footnotes

SOCIAL_IMAGE = "img/social.png"


def site(request=None):
    """The site's name, written once in settings and shown in every title and header, in
    the page's language.

    Templates rendered without a request (the 500 page) pass this dict in themselves.
    """
    return {"site_name": gettext(settings.SITE_NAME)}


def sharing(request):
    """The canonical URL of the page and the social image, for <head>.

    Both are absolute on CAREERS_SITE_URL. A page's canonical URL is its own path there
    (query strings are ignored by every public page); a view that knows a better one
    (the comparison in its canonical order) passes `canonical_url` itself, which wins.
    """
    return {
        "canonical_url": absolute_url(request.path),
        "social_image_url": absolute_url(static(SOCIAL_IMAGE)),
        "languages": page_languages(request),
        # A page in a language not yet offered is there to be checked, not found.
        "unpublished_language": translation.get_language() != settings.LANGUAGE_CODE
        and not settings.SPANISH_PUBLISHED,
    }


class PageLanguage(NamedTuple):
    code: str
    name: str  # in that language, as the language link shows it
    url: str  # the page's canonical address in that language
    current: bool  # whether this is the page's own language


def page_languages(request):
    """This page in each of the site's languages, for the language link and the hreflang
    alternates.

    A page that reads its query string (a search's ?q=, a pay table's ?sort=) also gives its
    template `language_query`, the part it read, which the language link adds, so that
    switching language keeps what the reader asked for. Other pages ignore their query string
    and are cached whatever it is, so theirs is never written into the page."""
    if not settings.SPANISH_PUBLISHED:
        return []
    current = translation.get_language()
    return [
        PageLanguage(
            code,
            LANGUAGE_NAMES[code],
            absolute_url(_in_language(request, code)),
            code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def _in_language(request, code):
    """The address of this page in `code`; on a page not found (careers.pages.views
    .page_not_found marks it), that language's home page, as the same address there is
    missing too."""
    if getattr(request, "page_missing", False):
        with translation.override(code):
            return reverse("careers:home")
    return translate_url(request.path, code)


# Each language named in itself, as a language link shows it.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def footnotes(request):
    """A fresh, empty list of footnotes for each page (careers/pages/footnotes.py)."""
    return {"footnotes": Footnotes()}
