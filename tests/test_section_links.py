"""Links to every section: stable fragment ids, listed once in careers/pages/sections.py and
documented in docs/pages-and-links.md, each heading with a visible "link to this section"
anchor, and :target marking the section a link opened."""

import re

import pytest
from django.conf import settings

from careers.pages.sections import PROFILE_SECTIONS
from occupations.models import FAQEntry

from .content import CSR_SLUG, WAITERS_SLUG
from .pages import folded, get_html, soup

PROFILE = f"/occupations/{CSR_SLUG}/"
FAQ = f"/occupations/{CSR_SLUG}/faq/"
HANDOUT = f"/occupations/{CSR_SLUG}/handout/"


def docs_table(after_line):
    """The first column of the docs table that follows the line `after_line`."""
    text = (settings.BASE_DIR / "docs" / "pages-and-links.md").read_text()
    rest = text[text.index(after_line) :]
    table = re.search(r"\n(\|.*\|\n)+", rest).group(0)
    return re.findall(r"^\| `([^`]+)`", table, flags=re.M)


def profile_sections():
    """The profile's section ids, in page order, as careers/pages/sections.py lists them."""
    return [section_id for section_id, *_ in PROFILE_SECTIONS]


def documented_sections():
    return [cell.removeprefix("#") for cell in docs_table("Profile sections, in page order:")]


def documented_row_prefixes():
    cells = docs_table("Single rows and items on the profile:")
    assert all(cell.startswith("#") and cell.endswith("-<slug>") for cell in cells), cells
    return [cell.removeprefix("#").removesuffix("<slug>") for cell in cells]


def top_level_sections(page):
    return [section["id"] for section in page.select("article > .profile-body > section[id]")]


def test_the_profile_shows_its_sections_in_the_order_sections_py_lists_them(client, csr):
    page = soup(get_html(client, PROFILE))
    assert top_level_sections(page) == profile_sections()
    toc = [a["href"].removeprefix("#") for a in page.select("nav.toc a")]
    assert toc == profile_sections()


def test_the_docs_list_the_profile_sections_in_page_order():
    assert documented_sections() == profile_sections()


def test_every_id_on_the_profile_is_documented_and_every_row_kind_is_there(client, csr):
    page = soup(get_html(client, PROFILE))
    sections = profile_sections()
    prefixes = documented_row_prefixes()
    # Heading ids and the page frame's own ids are not link targets of their own.
    frame = {
        "main",
        "site-search-q",
        "profile-state-picker",  # the "Pay in your state" form's field
        "toc-heading",
        "quick-facts",
        "about-sources",
        *(f"{section}-heading" for section in sections),
    }
    undocumented = []
    for element in page.select("[id]"):
        # Footnotes are numbered per page; the docs say so, and that they are not stable.
        if re.fullmatch(r"cite-\d+-\d+|ref-\d+", element["id"]):
            continue
        name = element["id"].removesuffix("-heading") if element.name in {"h2", "h3"} else None
        if element["id"] in {*sections, *frame}:
            continue
        if not any((name or element["id"]).startswith(prefix) for prefix in prefixes):
            undocumented.append(element["id"])
    assert not undocumented, f"ids missing from docs/pages-and-links.md: {undocumented}"
    for prefix in prefixes:
        assert page.select(f'[id^="{prefix}"]'), f"no #{prefix}… on the profile"
    # Every row of every figure table has its id.
    rows = page.select("table tbody tr")
    assert rows
    assert all(row.get("id") for row in rows)


def test_every_faq_answer_is_its_question_slug(client, csr):
    page = soup(get_html(client, FAQ))
    answers = [section["id"] for section in page.select("section.faq-entry")]
    assert answers == list(FAQEntry.objects.filter(occupation=csr).values_list("slug", flat=True))
    assert answers
    assert [a["href"] for a in page.select("nav.toc a")] == [f"#{slug}" for slug in answers]


@pytest.mark.parametrize("path", [PROFILE, f"/occupations/{CSR_SLUG}/over-time/"])
def test_every_row_of_a_figure_table_has_the_id_of_its_figure(client, csr, path):
    page = soup(get_html(client, path))
    rows = page.select("table tbody tr")
    ids = [row.get("id", "") for row in rows]
    assert rows
    assert all(row_id.startswith(("figure-", "quality-", "similar-")) for row_id in ids)
    assert len(set(ids)) == len(ids)


# One page of each kind (a template each): a fragment link is written by its template.
PAGES_OF_EACH_KIND = [
    "/",
    PROFILE,
    FAQ,
    HANDOUT,
    f"/occupations/{CSR_SLUG}/over-time/",
    f"/occupations/{CSR_SLUG}/pay/",
    f"/occupations/{CSR_SLUG}/pay/ohio/",
    f"/occupations/{CSR_SLUG}/pay/ohio/handout/",
    f"/occupations/{WAITERS_SLUG}/pay/ohio/",
    "/compare/",
    f"/compare/{CSR_SLUG}/{WAITERS_SLUG}/",
    f"/compare/{CSR_SLUG}/{WAITERS_SLUG}/ohio/",
    "/about-the-data/",
    "/glossary/",
    "/search/?q=call+center",
]


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_every_link_within_the_page_finds_its_target(client, csr, path):
    page = soup(get_html(client, path))
    ids = {element["id"] for element in page.select("[id]")}
    targets = {a["href"][1:] for a in page.select('a[href^="#"]')}
    assert targets - ids == set()


@pytest.mark.parametrize(
    "path",
    [
        PROFILE,
        FAQ,
        f"/occupations/{CSR_SLUG}/over-time/",
        "/about-the-data/",
        f"/compare/{CSR_SLUG}/{WAITERS_SLUG}/",
    ],
)
def test_each_heading_has_a_link_to_its_section_named_after_it(client, csr, path):
    page = soup(get_html(client, path))
    sections = [
        s for s in page.select("section[id]") if s.find(True).get("class") == ["section-head"]
    ]
    headed = [s["id"] for s in page.select("section[id]") if s.find(["h2", "h3"])]
    assert [s["id"] for s in sections] == headed
    for section in sections:
        head = section.find(True)
        heading = head.find(["h2", "h3"])
        (link,) = head.select("a.section-link")
        assert link["href"] == f"#{section['id']}"
        # Its accessible name says where it leads, in place of the visible mark.
        assert link.get_text() == "#"
        assert link["aria-label"] == f"Link to {folded(heading)}"


@pytest.mark.browser
def test_a_section_link_is_reachable_by_keyboard_and_its_section_is_marked(
    browser, production_site
):
    page = browser.new_page()
    page.goto(production_site + PROFILE)
    link = page.get_by_role("link", name="Link to Pay", exact=True)
    assert link.is_visible()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#pay'")

    def background(selector):
        return page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")

    marked = background("section#pay")
    assert marked != background("section#summary")
    assert background("section#summary") == "rgba(0, 0, 0, 0)"
    # A FAQ answer opened from elsewhere is marked the same way.
    page.goto(production_site + FAQ)
    first = page.eval_on_selector("section.faq-entry", "e => e.id")
    page.goto(production_site + f"{FAQ}#{first}")
    assert background(f"section#{first}") == marked
    page.close()
