"""Public pages are cached in Redis, and any committed content change shows on the next request.

These tests use the real Redis server on 127.0.0.1:6379, under a key prefix of their own.
"""

import json
import shutil
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careers.pagecache import store
from occupations.models import Figure, JobTitle

from .admin_forms import admin_post_data, form_errors
from .content import CSR_SLUG
from .factories import FAQEntryFactory, FigureFactory

PROFILE = reverse("careers:occupation", args=[CSR_SLUG])
FAQ = reverse("careers:occupation-faq", args=[CSR_SLUG])

pytestmark = [pytest.mark.django_db, pytest.mark.services]


@pytest.fixture(autouse=True)
def _pages_in_redis(redis_cache):
    """Every test here caches pages in the real Redis."""


@pytest.fixture
def wage(django_capture_on_commit_callbacks):
    """An occupation of the test's own with one wage, $34,710 a year, shown in one FAQ answer.

    Built as if committed before the test (its on-commit steps run), so the test's own
    change is the one that gives the content its next version.
    """
    with django_capture_on_commit_callbacks(execute=True):
        figure = FigureFactory(value=Decimal("34710"), period_start_year=2020, period_month=5)
        FAQEntryFactory(occupation=figure.occupation, figures=[figure])
    return figure


def profile_of(figure):
    return figure.occupation.get_absolute_url()


def faq_of(figure):
    return reverse("careers:occupation-faq", args=[figure.occupation.slug])


def cache_state(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.headers.get("X-Page-Cache"), response.content.decode()


def test_second_request_is_served_from_the_cache_without_queries(
    client, wage, django_assert_num_queries
):
    assert cache_state(client, profile_of(wage))[0] == "miss"
    with django_assert_num_queries(0):
        state, html = cache_state(client, profile_of(wage))
    assert state == "hit"
    assert "$34,710 a year" in html


def test_every_public_page_is_cached(client):
    paths = [
        reverse("careers:home"),
        PROFILE,
        FAQ,
        reverse("careers:over-time", args=[CSR_SLUG]),
        reverse("careers:compare-index"),
        reverse("careers:compare", args=[CSR_SLUG, "waiters-and-waitresses"]),
        reverse("careers:about-data"),
    ]
    for path in paths:
        assert cache_state(client, path)[0] == "miss", path
    for path in paths:
        assert cache_state(client, path)[0] == "hit", path


def test_query_strings_do_not_make_new_cache_entries(client):
    cache_state(client, PROFILE)
    assert cache_state(client, PROFILE + "?utm_source=counsellor&x=1")[0] == "hit"


def test_missing_pages_are_not_cached(client):
    for _ in range(2):
        response = client.get(reverse("careers:occupation", args=["no-such-job"]))
        assert response.status_code == 404
        assert "X-Page-Cache" not in response.headers


def test_committed_orm_change_shows_on_the_next_request(
    client, wage, django_capture_on_commit_callbacks
):
    cache_state(client, profile_of(wage))
    with django_capture_on_commit_callbacks(execute=True):
        figure = Figure.objects.get(pk=wage.pk)
        figure.value = 35500
        figure.save()
    state, html = cache_state(client, profile_of(wage))
    assert state == "miss"
    assert "$35,500 a year" in html


def delete_figure_then_cancel(figure):
    with transaction.atomic():
        Figure.objects.get(pk=figure.pk).delete()
        raise RuntimeError("editor cancelled")


def test_rolled_back_change_leaves_the_cached_pages_alone(
    client, wage, django_capture_on_commit_callbacks
):
    cache_state(client, profile_of(wage))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        delete_figure_then_cancel(wage)
    assert callbacks == []
    state, html = cache_state(client, profile_of(wage))
    assert state == "hit"
    assert "$34,710 a year" in html


def test_admin_save_and_revert_show_on_the_next_request(
    editor_client, wage, django_capture_on_commit_callbacks
):
    pages = (profile_of(wage), faq_of(wage))
    for path in pages:
        cache_state(editor_client, path)
    figure = Figure.objects.get(pk=wage.pk)
    url = reverse("admin:occupations_figure_change", args=[figure.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, admin_post_data(editor_client.get(url), value="36100", passage_checked="on")
        )
    assert response.status_code == 302, form_errors(response)
    for path in pages:
        state, html = cache_state(editor_client, path)
        assert (state, "$36,100 a year" in html) == ("miss", True), path

    previous = figure.history.all()[1]
    revert = reverse("admin:occupations_figure_simple_history", args=[figure.pk, previous.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(revert, admin_post_data(editor_client.get(revert)))
    assert response.status_code == 302, form_errors(response)
    state, html = cache_state(editor_client, profile_of(wage))
    assert state == "miss"
    assert "$34,710 a year" in html


def test_load_content_with_new_records_refreshes_the_pages(
    client, tmp_path, fixtures_dir, django_capture_on_commit_callbacks
):
    assert "help desk associate" not in cache_state(client, PROFILE)[1]
    for path in fixtures_dir.glob("*.json"):
        shutil.copy(path, tmp_path)
    fixture = tmp_path / "020_customer_service_representatives.json"
    records = json.loads(fixture.read_text())
    records.append(
        {
            "model": "occupations.jobtitle",
            "fields": {
                "occupation": [CSR_SLUG],
                "slug": "help-desk-associate",
                "order": 99,
                "source": ["csr-profile-2008"],
                "source_line": 6,
                "name": "help desk associate",
            },
        }
    )
    fixture.write_text(json.dumps(records))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_content", fixtures_dir=tmp_path, verbosity=0)
    assert JobTitle.objects.filter(slug="help-desk-associate").exists()
    state, html = cache_state(client, PROFILE)
    assert state == "miss"
    assert "help desk associate" in html


def test_pages_carry_a_validator_and_may_be_kept_by_browsers_and_cdns(client, settings):
    settings.BROWSER_CACHE_SECONDS = 120
    response = client.get(PROFILE)
    etag = response["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    expected = "public, max-age=120, stale-while-revalidate=120"
    assert response["Cache-Control"] == expected
    assert client.get(PROFILE)["Cache-Control"] == expected  # a hit too
    assert client.get(FAQ)["ETag"] != etag  # one validator per page
    assert client.get(PROFILE)["ETag"] == etag  # and the same one for a hit


@pytest.mark.parametrize("name", ["careers:sitemap", "careers:robots"])
def test_the_sitemap_and_robots_txt_are_kept_and_revalidated_like_pages(client, settings, name):
    url = reverse(name)
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"].startswith("public, max-age=")
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_a_matching_if_none_match_gets_a_304_without_a_body(client):
    etag = client.get(PROFILE)["ETag"]
    for asked in (etag, f"W/{etag}", f'"other", {etag}'):
        response = client.get(PROFILE, HTTP_IF_NONE_MATCH=asked)
        assert response.status_code == 304, asked
        assert response.content == b""
        assert response["ETag"] == etag
    assert client.get(PROFILE, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_an_edit_changes_the_validator(client, django_capture_on_commit_callbacks):
    etag = client.get(PROFILE)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        figure = Figure.objects.get(occupation__slug=CSR_SLUG, slug="median-annual-wage-may-2020")
        figure.value = 35500
        figure.save()
    response = client.get(PROFILE, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "$35,500 a year" in response.content.decode()


def test_error_pages_are_never_kept(client):
    response = client.get(reverse("careers:occupation", args=["no-such-job"]))
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_the_pages_kept_in_memory_are_bounded_and_the_oldest_go_first(settings):
    """Many distinct cached paths (the API keys its pages by query) cannot fill a
    worker's memory: past the bound, the least recently used entries are dropped."""
    memory = caches[store.MEMORY]
    bound = settings.CACHES[store.MEMORY]["OPTIONS"]["MAX_ENTRIES"]
    version = store.lookup(PROFILE)[0]
    paths = [f"/api/v1/occupations/?page={n}" for n in range(bound + 10)]
    for path in paths:
        store.keep(version, path, {"n": path})
    assert memory.get(store.page_key(version, paths[0])) is None
    assert memory.get(store.page_key(version, paths[-1])) == {"n": paths[-1]}


def test_a_page_kept_in_memory_lasts_no_longer_than_the_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    version = store.lookup(PROFILE)[0]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        store.keep(version, PROFILE, {"page": 1})
        key = store.page_key(version, PROFILE)
        clock.shift(59)
        assert caches[store.MEMORY].get(key) == {"page": 1}
        clock.shift(2)
        assert caches[store.MEMORY].get(key) is None
