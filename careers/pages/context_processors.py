"""Values every page's template can use."""

from django.conf import settings
from django.templatetags.static import static

from careers.edge.canonical import absolute_url

from .footnotes import Footnotes

SOCIAL_IMAGE = "img/social.png"


def site(request=None):
    """The site's name, written once in settings and shown in every title and header.

    Templates rendered without a request (the 500 page) pass this dict in themselves.
    """
    return {"site_name": settings.SITE_NAME}


def sharing(request):
    """The canonical URL of the page and the social image, for <head>.

    Both are absolute on CAREERS_SITE_URL. A page's canonical URL is its own path there
    (query strings are ignored by every public page); a view that knows a better one
    (the comparison in its canonical order) passes `canonical_url` itself, which wins.
    """
    return {
        "canonical_url": absolute_url(request.path),
        "social_image_url": absolute_url(static(SOCIAL_IMAGE)),
    }


def footnotes(request):
    """A fresh, empty list of footnotes for each page (careers/pages/footnotes.py)."""
    return {"footnotes": Footnotes()}
