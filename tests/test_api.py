"""The read-only JSON API under /api/v1/: what it answers, how it caches, what it refuses."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from occupations.content import profile_parts
from occupations.models import Figure, Occupation

from .factories import (
    DutyFactory,
    FAQEntryFactory,
    FigureFactory,
    OccupationFactory,
    ProfileNoteFactory,
    SourceFactory,
    annual_wage,
    full_profile,
    growth,
    hourly_wage,
)
from .pages import soup


def dated_and_undated_figures(occupation):
    """A dated wage, a projection, an undated claim, and a figure citing two passages."""
    annual_wage(occupation, "34710", 2020, month=5)
    hourly_wage(occupation, "16.69", 2020, month=5)
    growth(occupation, "2", 2019, 2029, comparison="slower than the average")
    second = SourceFactory()
    annual_wage(occupation, "35000", None, is_approximate=True, second_source=second, second_line=7)


pytestmark = [pytest.mark.django_db, pytest.mark.occupation(parts=dated_and_undated_figures)]


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response.json()


def figures_url(occupation):
    return reverse("api:figures", args=[occupation.slug])


def detail_url(occupation):
    return reverse("api:occupation", args=[occupation.slug])


def expected_citations(record):
    return [
        {
            "source": citation.source.slug,
            "lines": [] if citation.shows_section else list(citation.lines),
            "locator": citation.locator,
            "label": citation.label,
        }
        for citation in record.citations()
    ]


def cited(answer):
    return [
        {key: citation[key] for key in ("source", "lines", "locator", "label")}
        for citation in answer["citations"]
    ]


def test_every_published_figure_appears_with_its_source_and_period(client):
    listed = get_json(client, reverse("api:occupations"), page_size=100)
    published = Occupation.objects.published()
    assert {item["slug"] for item in listed["items"]} == {o.slug for o in published}
    assert listed["count"] == published.count()
    for occupation in published:
        answers = get_json(client, figures_url(occupation), page_size=100)
        by_slug = {answer["slug"]: answer for answer in answers["items"]}
        figures = Figure.objects.filter(occupation=occupation)
        assert set(by_slug) == {figure.slug for figure in figures}
        for figure in figures:
            answer = by_slug[figure.slug]
            assert answer["measure"] == figure.measure
            assert answer["unit"] == figure.unit
            expected_value = None if figure.value is None else float(figure.value)
            assert answer["value"] == expected_value
            assert answer["comparison"] == figure.comparison
            assert answer["approximate"] == figure.is_approximate
            assert answer["period"] == {
                "start": figure.period_start_year,
                "end": figure.period_end_year,
                "month": figure.period_month,
                "label": figure.period_label,
            }
            assert cited(answer) == expected_citations(figure)


def test_a_figure_citing_two_passages_lists_both(client, occupation):
    answers = get_json(client, figures_url(occupation), period="undated")["items"]
    [claim] = answers
    assert len(claim["citations"]) == 2
    assert claim["citations"][1]["lines"] == [7]
    assert claim["approximate"] is True
    assert claim["derived"] is False
    assert claim["text"] == "around $35,000 a year"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 4),
        ({"measure": "median_annual_wage"}, 2),
        ({"measure": "employment_growth"}, 1),
        ({"period": "2020"}, 3),
        ({"period": "2025"}, 1),
        ({"period": "2019-2029"}, 1),
        ({"period": "2019–2029"}, 1),
        ({"period": "2020-2020"}, 2),
        ({"period": "undated"}, 1),
        ({"measure": "median_hourly_wage", "period": "2020"}, 1),
        ({"measure": "median_hourly_wage", "period": "1999"}, 0),
    ],
)
def test_figures_filter_by_measure_and_period(client, occupation, params, expected):
    answer = get_json(client, figures_url(occupation), **params)
    assert answer["count"] == expected
    assert len(answer["items"]) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"measure": "shoe_size"},
        {"period": "last year"},
        {"period": "20201"},
        {"page": "0"},
        {"page": "x"},
        {"page": "99999999999999999999999"},
        {"page_size": "0"},
        {"page_size": "1000"},
    ],
)
def test_bad_parameters_get_a_clear_error_not_a_500(client, occupation, params):
    response = client.get(figures_url(occupation), params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_lists_are_paginated(client, occupation):
    first = get_json(client, figures_url(occupation), page_size=3)
    second = get_json(client, figures_url(occupation), page_size=3, page=2)
    beyond = get_json(client, figures_url(occupation), page_size=3, page=3)
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == 3
    assert len(second["items"]) == 1
    assert beyond["items"] == []
    slugs = [item["slug"] for item in first["items"] + second["items"]]
    assert len(set(slugs)) == 4


def test_detail_has_every_part_of_the_profile(client, occupation):
    DutyFactory(occupation=occupation, text="Answer the telephone")
    figure = occupation.figure_set.first()
    FAQEntryFactory(occupation=occupation, question="Is it hard?", figures=[figure])
    answer = get_json(client, detail_url(occupation))
    assert answer["slug"] == occupation.slug
    assert answer["soc_code"] == occupation.soc_code
    assert [duty["text"] for duty in answer["duties"]] == ["Answer the telephone"]
    assert answer["faq"][0]["figures"] == [figure.slug]
    assert len(answer["figures"]) == 4
    assert {source["slug"] for source in answer["sources"]} >= {occupation.source.slug}
    # Every part the profile shows has a list of its own in the answer.
    lists = {key for key, value in answer.items() if isinstance(value, list)}
    assert len(lists) >= len(profile_parts())


def test_detail_holds_a_record_of_every_kind_the_profile_shows(client, db):
    occupation = full_profile(OccupationFactory())
    ProfileNoteFactory(occupation=occupation, text="Overtime can add to pay.")
    answer = get_json(client, detail_url(occupation))
    empty = [key for key, value in answer.items() if isinstance(value, list) and not value]
    assert not empty, f"lists with nothing in them: {empty}"
    assert "Overtime can add to pay." in [note["text"] for note in answer["notes"]]


def test_a_source_read_as_a_web_page_is_cited_by_section_without_lines(client, db):
    handbook = SourceFactory(cites_by_section=True, document="private-copy.md")
    occupation = OccupationFactory(source=handbook, source_section="Summary")
    answer = get_json(client, detail_url(occupation))
    (citation,) = answer["citations"]
    assert citation["section"] == "Summary"
    assert citation["lines"] == []
    assert citation["first_line"] is None
    assert "private-copy.md" not in json.dumps(answer)


def test_detail_of_the_real_profile_lists_what_the_page_shows(client, csr):
    answer = get_json(client, detail_url(csr))
    assert [title["name"] for title in answer["job_titles"]] == [
        title.name for title in csr.jobtitle_set.all()
    ]
    assert cited(answer) == expected_citations(csr)


def test_unknown_and_unpublished_occupations_are_404(client, occupation):
    assert client.get(detail_url(OccupationFactory.build(slug="no-such-job"))).status_code == 404
    occupation.is_published = False
    occupation.save()
    assert client.get(detail_url(occupation)).status_code == 404
    assert client.get(figures_url(occupation)).status_code == 404
    listed = get_json(client, reverse("api:occupations"), page_size=100)
    assert occupation.slug not in {item["slug"] for item in listed["items"]}


def test_sources_are_listed_and_each_can_be_read(client):
    source = SourceFactory(url="https://example.org/report")
    listed = get_json(client, reverse("api:sources"), page_size=100)
    assert source.slug in {item["slug"] for item in listed["items"]}
    one = get_json(client, reverse("api:source", args=[source.slug]))
    assert one["url"] == "https://example.org/report"
    assert one["about_url"].endswith(f"/about-the-data/#source-{source.slug}")


def test_absolute_urls_come_from_the_site_url_not_the_host(client, settings, occupation):
    settings.SITE_URL = "https://careers.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    answer = client.get(detail_url(occupation), headers={"host": "attacker.example"}).json()
    assert answer["url"] == f"https://careers.example.org{occupation.get_absolute_url()}"
    assert answer["api_url"] == f"https://careers.example.org{detail_url(occupation)}"
    assert answer["figures"][0]["url"].startswith("https://careers.example.org/")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_methods_are_refused(client, occupation, method):
    for url in (reverse("api:occupations"), detail_url(occupation), figures_url(occupation)):
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405, url
        assert "POST" not in response["Allow"]
        assert "GET" in response["Allow"]


def test_any_origin_may_read(client, occupation):
    response = client.get(detail_url(occupation), headers={"origin": "https://other.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    preflight = client.options(detail_url(occupation))
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_head_answers_like_get_without_a_body(client, occupation):
    response = client.head(detail_url(occupation))
    assert response.status_code == 200
    assert response.content == b""


def test_openapi_description_covers_every_endpoint(client):
    description = get_json(client, "/api/v1/openapi.json")
    assert description["openapi"].startswith("3.")
    assert set(description["paths"]) == {
        "/api/v1/occupations/",
        "/api/v1/occupations/{slug}/",
        "/api/v1/occupations/{slug}/figures/",
        "/api/v1/sources/",
        "/api/v1/sources/{slug}/",
        "/api/v1/areas/",
        "/api/v1/occupations/{slug}/wages/",
    }
    for operations in description["paths"].values():
        assert set(operations) == {"get"}


def test_docs_page_loads_its_scripts_from_static_only(client):
    page = soup(client.get("/api/v1/docs/").content.decode())
    scripts = page.find_all("script")
    assert scripts
    for script in scripts:
        if script.get("type") == "application/json":
            continue  # data, which the CSP does not run
        assert script["src"].startswith("/static/"), script
        assert not script.get_text(strip=True)


def test_query_budget_does_not_grow_with_the_data(client, occupation):
    """The detail and the figure list read a fixed number of queries, however many rows."""

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    # One of each first: a part with no rows at all skips its nested queries.
    FAQEntryFactory(occupation=occupation, figures=[occupation.figure_set.first()])
    DutyFactory(occupation=occupation)
    before = (count(detail_url(occupation)), count(figures_url(occupation)))
    second = SourceFactory()
    for year in range(2000, 2006):
        annual_wage(occupation, "30000", year, second_source=second, second_line=3)
        DutyFactory(occupation=occupation)
        FAQEntryFactory(occupation=occupation, figures=[occupation.figure_set.first()])
    assert (count(detail_url(occupation)), count(figures_url(occupation))) == before
    # The occupation with its sources, its figures and their notes, the FAQ and its
    # figures, one query for each other part of the profile (11, and the work settings'
    # details when it has work settings), and the content version.
    assert before[0] <= 18
    assert before[1] <= 4


# --- Caching: the same content-version cache as the pages, in the real Redis.


@pytest.fixture
def cached(redis_cache, django_capture_on_commit_callbacks):
    """Responses cached in Redis; returns the figure to edit, built as if already committed."""
    with django_capture_on_commit_callbacks(execute=True):
        figure = FigureFactory(value=Decimal("34710"), period_start_year=2020, period_month=5)
    return figure


@pytest.mark.services
def test_an_edit_shows_on_the_next_request(client, cached, django_capture_on_commit_callbacks):
    url = figures_url(cached.occupation)
    first = client.get(url)
    assert first.json()["items"][0]["value"] == 34710.0
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        cached.value = Decimal("36000")
        cached.save()
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss"
    assert after.json()["items"][0]["value"] == 36000.0
    assert after["ETag"] != first["ETag"]


@pytest.mark.services
def test_a_matching_etag_gets_304(client, cached):
    url = detail_url(cached.occupation)
    first = client.get(url)
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    weak = client.get(url, headers={"if-none-match": "W/" + first["ETag"]})
    assert weak.status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


@pytest.mark.services
def test_etags_differ_by_query_and_unknown_parameters_share_one_entry(client, cached):
    url = figures_url(cached.occupation)
    plain = client.get(url)
    filtered = client.get(url, {"measure": "median_annual_wage"})
    assert plain["ETag"] != filtered["ETag"]
    made_up = client.get(url, {"utm_source": "newsletter"})
    assert made_up["ETag"] == plain["ETag"]
    assert made_up["X-Page-Cache"] == "hit"


@pytest.mark.services
def test_errors_are_not_cached(client, cached):
    url = figures_url(cached.occupation)
    for _ in range(2):
        response = client.get(url, {"page": "0"})
        assert response.status_code == 422
        assert "X-Page-Cache" not in response
        assert "ETag" not in response


def test_json_answers_parse_as_utf8(client, occupation):
    body = client.get(figures_url(occupation)).content
    assert json.loads(body.decode("utf-8"))["count"] == 4


def kept_answers(settings):
    """The names of the answers kept in the test's Redis keys."""
    import redis

    from .needs import REDIS, REDIS_TEST_DB

    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    with redis.Redis(*REDIS, db=REDIS_TEST_DB) as client:
        return {key.decode() for key in client.scan_iter(f"{prefix}:*page:*")}


@pytest.mark.services
def test_made_up_parameters_are_answered_without_filling_the_cache(client, cached, settings):
    """A flood of made-up periods, pages past the last, odd page sizes and other spellings of
    real values is answered, and adds nothing to the cache."""
    url = figures_url(cached.occupation)
    assert client.get(url)["X-Page-Cache"] == "miss"
    before = kept_answers(settings)
    for n in range(30):
        for params in (
            {"period": str(1900 + n)},  # no figures of that period
            {"page": str(n + 2)},  # past the last page
            {"page_size": str(n % 9 + 1)},  # not one of the kept sizes
            {"page": "0" * (n + 1) + "1"},
            {"page": ["+1", " 1", "1 ", "1.0", "١"][n % 5]},
            {"period": ["2020–2020", "٢٠٢٠", "２０２０", "2٠2٠", "2020"][n % 5]},
        ):
            response = client.get(url, params)
            assert response.status_code in (200, 422), params
    # Only the one plain spelling of a real request is kept.
    (new,) = kept_answers(settings) - before
    assert new.endswith("?period=2020")
    # The kept sizes are kept.
    assert client.get(url, {"page_size": "10"})["X-Page-Cache"] == "miss"
    assert client.get(url, {"page_size": "10"})["X-Page-Cache"] == "hit"
    # An answer that is not kept is still right.
    assert client.get(url, {"page_size": "3"}).json()["items"][0]["value"] == 34710.0


def test_the_docs_page_is_kept_like_the_answers(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 86400
    first = client.get("/api/v1/docs/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/api/v1/docs/")["X-Page-Cache"] == "hit"


def test_the_apis_root_leads_to_its_documentation(client, db):
    """/api/v1/ was a 404."""
    root = client.get("/api/v1/")
    assert root.status_code == 302
    assert root["Location"] == reverse("api:openapi-view")
    assert client.post("/api/v1/").status_code == 405  # as every other API address answers


def test_each_industry_list_says_what_it_is_and_the_period_of_its_figures(client, csr):
    """A share of the jobs or an industry's wage is a figure: it carries its period, as the
    profile's headings give it (“Largest employers in 2024…”), and an undated list says so."""
    sectors = get_json(client, detail_url(csr))["sectors"]
    by_name = {(sector["kind"], sector["name"]): sector for sector in sectors}
    retail = by_name["largest_employers", "retail trade"]
    assert retail["share_percent"] == 17
    assert retail["period"]["label"] == "2024"
    assert retail["kind_label"].startswith("Largest employers in 2024")
    wholesale = by_name["top_industry_pay", "wholesale trade"]
    assert (wholesale["median_hourly_wage"], wholesale["period"]["label"]) == (22.85, "May 2024")
    assert by_name["pays_most", "Insurance carriers"]["period"]["end"] == 2008
    assert by_name["employs_most", "finance"]["period"] == {
        "start": None,
        "end": None,
        "month": None,
        "label": "no period given",
    }
