"""The read-only JSON API under /api/v1/, described by the OpenAPI document django-ninja
generates from the schemas in careers/api/schemas.py, and shown at /api/v1/docs/ by Swagger
UI (django-ninja's own page; its description links back to the site).

Every response goes through the same content-version cache as the pages
(careers/pagecache/): an edit shows on the next request, each response carries an
ETag and Last-Modified from the content version, and a matching If-None-Match
gets a 304. The data is public, so any origin may read it.
"""

import json
import re
from functools import wraps

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, urlencode
from ninja import NinjaAPI, Query, Swagger
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field

from careers.edge.canonical import absolute_url
from careers.edge.language import api_language
from careers.pagecache.decorators import cached_view
from occupations import area_pay, selectors
from occupations.content_version import content_changed_at

from .schemas import (
    AREA_TYPES,
    AreaFilters,
    AreaOut,
    ErrorOut,
    FigureFilters,
    FigureOut,
    InvalidRequestOut,
    OccupationDetailOut,
    OccupationOut,
    SourceOut,
    WageEstimateOut,
    WageFilters,
    readable_types,
)

READ_METHODS = ("GET", "HEAD", "OPTIONS")
# The query parameters any endpoint reads; the cache key keeps these and ignores the rest,
# so made-up parameters cannot fill the cache.
KNOWN_PARAMETERS = ("page", "page_size", "measure", "period", "area", "area_type", "industry")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # Django's slug converter's


# Answers for these page sizes (and the default) are kept in the page cache; any other size is
# answered, but rendered afresh each time, so that no client can fill the cache with sizes.
KEPT_PAGE_SIZES = ("10", "20", "50", "100")


class Pages(PageNumberPagination):
    """Numbered pages, bounded so that no request asks the database for an absurd offset."""

    class Input(PageNumberPagination.Input):
        page: int = Field(1, ge=1, le=10_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=100, **kwargs)


def description():
    """The API's description, in the Markdown Swagger UI shows at the top of the docs page:
    a link back to the site, what stays stable (said here, not left to the README), and
    where the data is explained, a page of the site. Its URLs are reversed when the
    description is asked for (careers.urls imports this module), and absolute: the
    description is read elsewhere too."""
    home = absolute_url(reverse("careers:home"))
    about = absolute_url(reverse("careers:about-data"))
    return (
        f"The read-only data of [{settings.SITE_NAME}]({home}), dated and sourced: "
        "occupations, their figures with the period each describes, and the sources and lines "
        "they come from.\n\n"
        "**Stability.** Within `/api/v1/`, nothing is removed or renamed and no field changes "
        "its type or meaning. New endpoints, optional parameters, fields and `measure` values "
        "may be added, so ignore fields you do not know; anything that would break a client "
        "goes to `/api/v2/`.\n\n"
        f"Where the figures come from, and how the site presents them: [About the data]"
        f"({about}).\n\n"
        "**Spanish.** Add `?lang=es` (`es-US` works too), or send `Accept-Language: es`, for "
        "the answers in Spanish: the same fields, with the same types and the same numbers; "
        "only text values (titles, duties, answers, period labels) change, and a text with no "
        "current Spanish stays in English. `?lang=en` asks for English whatever the header "
        "says. Answers vary on `Accept-Language`."
    )


class CareersAPI(NinjaAPI):
    """django-ninja's API, with the description above and types Swagger UI prints plainly
    (careers/api/schemas.py's readable_types)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["info"]["description"] = description()
        return readable_types(schema)


api = CareersAPI(
    title="Customer Service Careers API",
    version="1",
    urls_namespace="api",
    docs=Swagger(settings={"defaultModelsExpandDepth": 0}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)


def answers(schema, *, found=True):
    """The documented answers: the data, a 422 for parameters that do not validate, and a
    404 where the path names something that may not exist."""
    documented = {200: schema, 422: InvalidRequestOut}
    if not found:
        documented[404] = ErrorOut
    return documented


# Each operation's id is given: clients generate their method names from it, and django-ninja's
# own would change with the module's name (it did, when the API moved to careers/api/).
@api.get(
    "/occupations/",
    response=answers(list[OccupationOut]),
    url_name="occupations",
    operation_id="careers_api_occupations",
)
@paginate(Pages)
def occupations(request):
    """The published occupations."""
    return selectors.cited_occupations()


@api.get(
    "/occupations/{slug}/",
    response=answers(OccupationDetailOut, found=False),
    url_name="occupation",
    operation_id="careers_api_occupation",
)
def occupation(request, slug: str):
    """One occupation with every part of its profile."""
    return occupation_detail(existing_slug(slug))


@api.get(
    "/occupations/{slug}/figures/",
    response=answers(list[FigureOut], found=False),
    url_name="figures",
    operation_id="careers_api_figures",
)
@paginate(Pages)
def figures(request, slug: str, filters: Query[FigureFilters]):
    """An occupation's figures, each with its period and the passages it comes from."""
    found = get_object_or_404(selectors.published_occupations(), slug=existing_slug(slug))
    return selectors.figures_of(found).filter(_figure_filter(filters))


@api.get(
    "/sources/",
    response=answers(list[SourceOut]),
    url_name="sources",
    operation_id="careers_api_sources",
)
@paginate(Pages)
def sources(request):
    """The documents every fact comes from."""
    return selectors.sources()


@api.get(
    "/sources/{slug}/",
    response=answers(SourceOut, found=False),
    url_name="source",
    operation_id="careers_api_source",
)
def source(request, slug: str):
    return get_object_or_404(selectors.sources(), slug=existing_slug(slug))


@api.get(
    "/areas/",
    response=answers(list[AreaOut]),
    url_name="areas",
    operation_id="careers_api_areas",
)
@paginate(Pages)
def areas(request, filters: Query[AreaFilters]):
    """The places BLS's wage survey reports on: the nation, each state and territory, and each
    metropolitan and nonmetropolitan area, with BLS's codes and the site's slugs."""
    return area_pay.areas(AREA_TYPES.get(filters.area_type))


@api.get(
    "/occupations/{slug}/wages/",
    response=answers(list[WageEstimateOut], found=False),
    url_name="wages",
    operation_id="careers_api_wages",
)
@paginate(Pages)
def wages(request, slug: str, filters: Query[WageFilters]):
    """An occupation's pay and jobs by place and industry, from BLS's newest wage survey
    (OEWS) release: all industries in every place, and the nation by industry. A value BLS
    held back is null, with its marker saying why."""
    found = get_object_or_404(selectors.published_occupations(), slug=existing_slug(slug))
    return area_pay.wage_rows(
        found,
        area=filters.area,
        area_type=AREA_TYPES.get(filters.area_type),
        industry=filters.industry,
    )


def existing_slug(slug):
    """The slug, or a 404 when it could name nothing: PostgreSQL refuses a string with a NUL in
    it (/api/v1/occupations/%00/ was a 500 there), and no slug holds anything but these."""
    if not SLUG.fullmatch(slug):
        raise Http404
    return slug


def occupation_detail(slug):
    """The published occupation with its whole profile fetched; also the JSON export's data."""
    return selectors.profile_or_404(slug, faq=True)


def _figure_filter(filters):
    condition = Q()
    if filters.measure:
        condition &= Q(measure=filters.measure)
    if filters.period == "undated":
        condition &= Q(period_end_year__isnull=True)
    elif filters.period:
        first, _, last = filters.period.replace("–", "-").partition("-")
        if last:
            condition &= Q(period_start_year=int(first), period_end_year=int(last))
        else:
            condition &= Q(period_start_year__lte=int(first), period_end_year__gte=int(first))
    return condition


def _worth_keeping(request, response):
    """Whether an answer is kept in the cache: only for parameters written the one plain way
    (page=2, not page=02, +2 or 2.0; a period with a hyphen, not an en dash), a page size in
    KEPT_PAGE_SIZES, and a page that is not empty (past the last one, or a `period` or
    `measure` with no figures). Anything else is still answered, but rendered afresh, since any
    number of spellings and made-up values would otherwise each be kept. What one path may keep
    is then bounded by what is on file: its pages at four sizes, for each measure and period
    that has figures."""
    page, size = request.GET.get("page", "1"), request.GET.get("page_size", "50")
    if not (_plain_number(page) and size in KEPT_PAGE_SIZES):
        return False
    if "–" in request.GET.get("period", ""):
        return False
    if not response.get("Content-Type", "").startswith("application/json"):
        return True  # the docs page
    answer = json.loads(response.content)
    return not (isinstance(answer, dict) and answer.get("items") == [])


def _plain_number(value):
    return value.isascii() and value.isdigit() and not value.startswith("0")


def _cache_path(request):
    known = sorted((name, request.GET[name]) for name in KNOWN_PARAMETERS if name in request.GET)
    language = api_language(request)
    if language != settings.LANGUAGE_CODE:
        known.append(("lang", language))  # English is keyed by the path alone
    return f"{request.path}?{urlencode(known)}" if known else request.path


# Other sites may read the API from their pages' scripts.
CROSS_ORIGIN_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
    # The site-wide same-origin rule does not apply here.
    "Cross-Origin-Resource-Policy": "cross-origin",
}


def _with_api_headers(view):
    """Last-Modified, the cross-origin headers and Vary, on the answer the page cache keeps: so
    an answer from the early path (careers/pagecache/middleware.py) carries them too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            response["Last-Modified"] = http_date(content_changed_at().timestamp())
        _allow_cross_origin(response)
        # The language may come from Accept-Language: shared caches must key on it.
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return wrapper


def _allow_cross_origin(response):
    for header, value in CROSS_ORIGIN_HEADERS.items():
        response[header] = value


def public(view):
    """What every API URL does around django-ninja's view: caching, CORS, HEAD and 405s."""
    cached = cached_view(_with_api_headers(view), _cache_path, _worth_keeping)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method in ("GET", "HEAD"):
            # django-ninja declares GET only; HEAD is the same answer without its body.
            head = request.method == "HEAD"
            request.method = "GET"
            with translation.override(api_language(request)):
                response = cached(request, *args, **kwargs)
            if head:
                response.content = b""
        else:
            response = view(request, *args, **kwargs)  # django-ninja answers 405
        if response.status_code == 405:
            response["Allow"] = ", ".join(READ_METHODS)
        _allow_cross_origin(response)  # on errors and preflights too
        return response

    return wrapper


def urls():
    """django-ninja's URL patterns, as new patterns of our own whose views are wrapped by
    public(): HEAD and OPTIONS reach a path's view before django-ninja picks an operation,
    so they cannot be handled by an operation's decorator (ninja's decorate_view)."""
    patterns, app_name, namespace = api.urls
    wrapped = [
        URLPattern(pattern.pattern, public(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]
    return wrapped, app_name, namespace
