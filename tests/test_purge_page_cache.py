"""purge_page_cache: after a bulk change that sends no signals, pages show it."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from occupations.models import Figure

from .factories import FigureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """This module is about the page cache: turn it on, in local memory."""
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "purge-page-cache-tests",
        },
    }


def test_purge_page_cache_shows_a_bulk_update_on_the_next_request(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # as if committed before the test
        figure = FigureFactory(value=Decimal("34710"))
    profile = figure.occupation.get_absolute_url()
    assert "$34,710 a year" in client.get(profile).content.decode()
    Figure.objects.filter(pk=figure.pk).update(value=35000)
    # A bulk update sends no signal: the cached page is still served.
    cached = client.get(profile)
    assert cached.headers.get("X-Page-Cache") == "hit"
    assert "$34,710 a year" in cached.content.decode()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_page_cache", stdout=out)

    assert "rendered again" in out.getvalue()
    fresh = client.get(profile)
    assert fresh.headers.get("X-Page-Cache") == "miss"
    assert "$35,000 a year" in fresh.content.decode()
