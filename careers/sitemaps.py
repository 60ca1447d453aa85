from itertools import combinations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from occupations.models import Occupation

from .canonical import site_domain, site_scheme


class CanonicalSitemap(Sitemap):
    """Locations on the canonical origin, whatever Host the request carried."""

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class PageSitemap(CanonicalSitemap):
    def items(self):
        return ["careers:home", "careers:compare-index", "careers:about-data"]

    def location(self, name):
        return reverse(name)


class OccupationPagesSitemap(CanonicalSitemap):
    """Each published occupation's profile, FAQ and figures-over-time pages."""

    def items(self):
        slugs = Occupation.objects.published().values_list("slug", flat=True)
        return [
            (name, slug)
            for slug in slugs
            for name in ("careers:occupation", "careers:occupation-faq", "careers:over-time")
        ]

    def location(self, item):
        name, slug = item
        return reverse(name, kwargs={"slug": slug})


class ComparisonSitemap(CanonicalSitemap):
    def items(self):
        return list(combinations(Occupation.objects.published().values_list("slug", flat=True), 2))

    def location(self, pair):
        return reverse("careers:compare", kwargs={"left": pair[0], "right": pair[1]})


SITEMAPS = {
    "pages": PageSitemap,
    "occupations": OccupationPagesSitemap,
    "comparisons": ComparisonSitemap,
}
