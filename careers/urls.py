from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.generic import RedirectView

from .api import endpoints as api
from .api import exports
from .pages import pay_views, views


class CitationFileConverter:
    """The file types a citation downloads as: RIS and BibTeX."""

    regex = "ris|bib"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CitationFileConverter, "citation_file")

public_patterns = [
    path("", views.home, name="home"),
    path("occupations/<slug:slug>/", views.occupation_detail, name="occupation"),
    path("occupations/<slug:slug>.csv", exports.occupation_csv, name="occupation-csv"),
    path("occupations/<slug:slug>.json", exports.occupation_json, name="occupation-json"),
    path("occupations/<slug:slug>/faq/", views.occupation_faq, name="occupation-faq"),
    path("occupations/<slug:slug>/handout/", views.occupation_handout, name="handout"),
    path(
        "occupations/<slug:slug>/cite.<citation_file:extension>",
        views.citation_file,
        {"page": "profile"},
        name="profile-citation",
    ),
    path(
        "occupations/<slug:slug>/faq/cite.<citation_file:extension>",
        views.citation_file,
        {"page": "faq"},
        name="faq-citation",
    ),
    path("occupations/<slug:slug>/over-time/", views.occupation_over_time, name="over-time"),
    path("occupations/<slug:slug>/pay/", pay_views.occupation_pay, name="pay"),
    path("occupations/<slug:slug>/pay/state/", pay_views.choose_state, name="pay-choose-state"),
    path("occupations/<slug:slug>/pay/states.csv", exports.pay_csv, name="pay-csv"),
    path("occupations/<slug:slug>/pay/<slug:state>/", pay_views.state_pay, name="pay-state"),
    path(
        "occupations/<slug:slug>/pay/<slug:state>/cite.<citation_file:extension>",
        pay_views.state_citation_file,
        name="pay-state-citation",
    ),
    path(
        "occupations/<slug:slug>/pay/<slug:state>/handout/",
        pay_views.state_handout,
        name="pay-state-handout",
    ),
    path("compare/", views.compare_index, name="compare-index"),
    path("compare/<slug:left>/<slug:right>/", views.compare, name="compare"),
    path(
        "compare/<slug:left>/<slug:right>/state/",
        pay_views.compare_choose_state,
        name="compare-choose-state",
    ),
    path(
        "compare/<slug:left>/<slug:right>/<slug:state>/",
        pay_views.compare_state,
        name="compare-state",
    ),
    path("about-the-data/", views.about_data, name="about-data"),
    path("glossary/", views.glossary, name="glossary"),
    path("search/", views.search, name="search"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    # The API's root leads to its documentation, which lists what it serves.
    path(
        "api/v1/",
        RedirectView.as_view(pattern_name="api:openapi-view", http_method_names=["get", "head"]),
        name="api-root",
    ),
    path("api/v1/", api.urls()),
    # Every public page in English at its address as it always was, and in Spanish under /es/
    # (careers/edge/language.py).
    *i18n_patterns(path("", include((public_patterns, "careers"))), prefix_default_language=False),
]

handler400 = "careers.pages.views.bad_request"
handler404 = "careers.pages.views.page_not_found"
handler500 = "careers.pages.views.server_error"
