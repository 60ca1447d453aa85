from itertools import combinations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careers.edge.canonical import site_domain, site_scheme
from occupations import area_pay
from occupations.selectors import published_occupations


class CanonicalSitemap(Sitemap):
    """Locations on the canonical origin, whatever Host the request carried; once the Spanish
    is published, each page in both languages, each naming the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        if settings.SPANISH_PUBLISHED:
            return [code for code, _ in settings.LANGUAGES]
        return [settings.LANGUAGE_CODE]

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class PageSitemap(CanonicalSitemap):
    def items(self):
        return ["careers:home", "careers:compare-index", "careers:about-data", "careers:glossary"]

    def location(self, name):
        return reverse(name)


class OccupationPagesSitemap(CanonicalSitemap):
    """Each published occupation's profile, pay by state and figures over time, its FAQ if it
    has one, and its page for each state and territory."""

    def items(self):
        items = []
        states = list(area_pay.states().values_list("slug", flat=True))
        for slug, has_faq in published_occupations().values_list("slug", "has_faq"):
            items += [("careers:occupation", slug), ("careers:pay", slug)]
            items += [("careers:over-time", slug)]
            if has_faq:
                items.append(("careers:occupation-faq", slug))
            items += [("careers:pay-state", slug, state) for state in states]
        return items

    def location(self, item):
        name, slug, *state = item
        return reverse(name, args=[slug, *state])


class ComparisonSitemap(CanonicalSitemap):
    def items(self):
        return list(combinations(published_occupations().values_list("slug", flat=True), 2))

    def location(self, pair):
        return reverse("careers:compare", kwargs={"left": pair[0], "right": pair[1]})


SITEMAPS = {
    "pages": PageSitemap,
    "occupations": OccupationPagesSitemap,
    "comparisons": ComparisonSitemap,
}
