from itertools import combinations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from occupations.models import Occupation


class PageSitemap(Sitemap):
    def items(self):
        return ["careers:home", "careers:compare-index", "careers:about-data"]

    def location(self, name):
        return reverse(name)


class OccupationPagesSitemap(Sitemap):
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


class ComparisonSitemap(Sitemap):
    def items(self):
        return list(combinations(Occupation.objects.published().values_list("slug", flat=True), 2))

    def location(self, pair):
        return reverse("careers:compare", kwargs={"left": pair[0], "right": pair[1]})


SITEMAPS = {
    "pages": PageSitemap,
    "occupations": OccupationPagesSitemap,
    "comparisons": ComparisonSitemap,
}
