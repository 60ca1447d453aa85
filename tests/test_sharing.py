"""Pages that share well: a canonical URL, Open Graph and Twitter tags and a description of
their own on every page, all absolute URLs on CAREERS_SITE_URL whatever Host asked."""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from .content import CSR_SLUG as CSR
from .content import WAITERS_SLUG as WAITERS
from .pages import soup

SITE = "https://careers.example.org"
PAGES = [
    "/",
    f"/occupations/{CSR}/",
    f"/occupations/{CSR}/faq/",
    f"/occupations/{CSR}/over-time/",
    f"/occupations/{CSR}/handout/",
    f"/occupations/{WAITERS}/",
    f"/occupations/{WAITERS}/handout/",
    "/compare/",
    f"/compare/{CSR}/{WAITERS}/",
    "/about-the-data/",
]
HOSTS = ["testserver", "evil.example", "careers.example.org:8443"]


@pytest.fixture
def canonical_site(db, settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]


def head(client, path, host="testserver"):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    page = soup(response.content.decode())

    def meta(attribute, name):
        tags = page.find_all("meta", attrs={attribute: name})
        assert len(tags) == 1, f"{path}: {len(tags)} <meta {attribute}={name}>"
        return tags[0]["content"]

    (canonical,) = page.select('link[rel="canonical"]')
    return {
        "canonical": canonical["href"],
        "title": page.title.get_text(),
        "description": meta("name", "description"),
        "og": {
            name: meta("property", f"og:{name}")
            for name in ("title", "description", "url", "type", "site_name", "image")
        },
        "twitter": {
            name: meta("name", f"twitter:{name}")
            for name in ("card", "title", "description", "image")
        },
    }


@pytest.mark.parametrize("path", PAGES)
def test_canonical_and_open_graph_urls_use_the_site_url_whatever_the_host(
    client, canonical_site, path
):
    seen = []
    for host in HOSTS:
        tags = head(client, path, host)
        assert tags["canonical"] == f"{SITE}{path}"
        assert tags["og"]["url"] == tags["canonical"]
        assert tags["og"]["image"].startswith(f"{SITE}/static/img/social")
        assert tags["twitter"]["image"] == tags["og"]["image"]
        seen.append(tags)
    assert all(tags == seen[0] for tags in seen)


def test_every_page_has_open_graph_and_twitter_tags_and_a_description_of_its_own(
    client, canonical_site
):
    descriptions = {}
    for path in PAGES:
        tags = head(client, path)
        assert tags["og"]["type"] == "website"
        assert tags["og"]["site_name"] == settings.SITE_NAME
        assert tags["og"]["title"] == tags["title"] == tags["twitter"]["title"]
        assert tags["description"] == tags["og"]["description"] == tags["twitter"]["description"]
        assert tags["description"] == tags["description"].strip()
        assert len(tags["description"]) >= 40, path
        assert tags["twitter"]["card"] == "summary_large_image"
        descriptions.setdefault(tags["description"], []).append(path)
    repeated = {text: paths for text, paths in descriptions.items() if len(paths) > 1}
    assert not repeated


def test_the_reversed_comparison_points_at_the_canonical_order(client, canonical_site):
    tags = head(client, f"/compare/{WAITERS}/{CSR}/", "evil.example")
    assert tags["canonical"] == f"{SITE}/compare/{CSR}/{WAITERS}/"
    assert tags["og"]["url"] == tags["canonical"]


def test_query_strings_stay_out_of_the_canonical_url(client, canonical_site):
    assert head(client, f"/occupations/{CSR}/?utm_source=mail")["canonical"] == (
        f"{SITE}/occupations/{CSR}/"
    )


def test_error_pages_are_not_offered_for_sharing(client, canonical_site):
    page = soup(client.get("/occupations/no-such-job/").content.decode())
    assert not page.select('link[rel="canonical"]')
    assert not page.select('meta[property^="og:"]')
    assert page.select('meta[name="description"]')


def test_the_social_image_is_a_small_png_kept_in_static():
    path = finders.find("img/social.png")
    assert path, "static/img/social.png is missing"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (1200, 630)
    with open(path, "rb") as file:
        assert len(file.read()) < 30_000
