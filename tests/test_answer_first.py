"""Answer first: plain words, citations as footnotes, and what a reader came for on top.

The reading grade is Flesch-Kincaid, measured with textstat on the prose blocks of a page
(tests/reading.py says what counts as prose). The first-screen and phone-width checks need
a browser: they are in tests/test_browser.py.
"""

import re

import pytest
import textstat
from django.urls import reverse

from occupations.citations import SERIES_PREFIX
from occupations.content import profile_parts
from occupations.models import Occupation

from .content import CSR_SLUG, WAITERS_SLUG
from .pages import get_html, markers, references, soup
from .reading import prose_blocks

READ = {
    "home": reverse("careers:home"),
    "profile": reverse("careers:occupation", args=[CSR_SLUG]),
    "FAQ": reverse("careers:occupation-faq", args=[CSR_SLUG]),
    "handout": reverse("careers:handout", args=[CSR_SLUG]),
    "waiters": reverse("careers:occupation", args=[WAITERS_SLUG]),
    "waiters' handout": reverse("careers:handout", args=[WAITERS_SLUG]),
}
CITING = [
    *READ.values(),
    reverse("careers:over-time", args=[CSR_SLUG]),
    reverse("careers:compare", args=[CSR_SLUG, WAITERS_SLUG]),
    reverse("careers:about-data"),
]


def sentences(blocks):
    return [s for s in re.split(r"(?<=[.?!])\s+", " ".join(blocks)) if s]


@pytest.mark.parametrize("page", READ)
def test_the_prose_reads_at_grade_8_or_below(client, db, page):
    blocks = prose_blocks(get_html(client, READ[page]))
    assert len(" ".join(blocks).split()) > 150, "too little prose found to measure"
    grade = textstat.flesch_kincaid_grade(" ".join(blocks))
    assert grade <= 8, f"{page} reads at grade {grade}"


@pytest.mark.parametrize("page", READ)
def test_sentences_stay_short(client, db, page):
    """About 20 words at most: none over 25, and hardly any over 20."""
    found = sentences(prose_blocks(get_html(client, READ[page])))
    too_long = [s for s in found if len(s.split()) > 25]
    assert not too_long, too_long
    over_20 = [s for s in found if len(s.split()) > 20]
    assert len(over_20) <= len(found) * 0.05, over_20


@pytest.mark.parametrize("url", CITING)
def test_markers_and_references_match_one_to_one(client, db, url):
    html = get_html(client, url)
    page = soup(html)
    listed = references(html)
    found = markers(html)
    assert found, "no footnote markers"
    # Each marker shows its reference's number and leads to it; each reference is used.
    for ref, number in found:
        assert ref in listed, ref
        assert ref == f"ref-{number}"
    assert {ref for ref, _ in found} == set(listed)
    # Numbers run 1, 2, 3 … in the order the page first cites them.
    first_seen = list(dict.fromkeys(ref for ref, _ in found))
    assert first_seen == [f"ref-{n}" for n in range(1, len(listed) + 1)]
    # Each reference links back to every marker that cites it, and to nothing else.
    marker_ids = {a["id"]: a["href"][1:] for a in page.select("sup.fn a")}
    for item in page.select("ol.references > li"):
        back = [a["href"][1:] for a in item.select(".backlinks a")]
        assert back, item["id"]
        assert sorted(back) == sorted(m for m, ref in marker_ids.items() if ref == item["id"])
    # A marker is named for screen readers: "Source 3".
    for link in page.select("sup.fn a"):
        assert link["aria-label"].startswith(f"Source {link.get_text()}")


def cited_on_profile(occupation):
    records = [occupation, *occupation.figure_set.all()]
    for model in profile_parts():
        records += list(model.objects.filter(occupation=occupation))
    for setting in occupation.worksetting_set.all():
        records += list(setting.details.all())
    return records


def appears_in(citation, labels):
    """Whether some reference names this passage: its source and its lines or section, or,
    for a BLS series, the series (written "OEUN…13, …08" when several share a prefix)."""
    name = citation.source.short_title
    ours = [label for label in labels if label.startswith(name)]
    if citation.shows_section and citation.section.startswith(SERIES_PREFIX):
        series = citation.section.removeprefix(SERIES_PREFIX)
        return any(
            series in label or (series[:-2] in label and f"…{series[-2:]}" in label)
            for label in ours
        )
    if citation.shows_section:
        return any(f"“{citation.section}”" in label for label in ours)
    return any(re.search(rf"\b{re.escape(citation.locator)}\b", label) for label in ours)


@pytest.mark.parametrize("slug", [CSR_SLUG, WAITERS_SLUG])
def test_every_records_citation_is_in_the_references(client, db, slug):
    occupation = Occupation.objects.get(slug=slug)
    labels = [
        label for _, label in references(get_html(client, occupation.get_absolute_url())).values()
    ]
    missing = [
        f"{record._meta.model_name} {getattr(record, 'slug', record.pk)}: {citation}"
        for record in cited_on_profile(occupation)
        for citation in record.citations()
        if not appears_in(citation, labels)
    ]
    assert not missing, missing


def test_consecutive_items_on_one_passage_share_one_marker(client, db):
    """The job titles all stand on one passage: one marker for the list, named for the
    items it covers, not one per item."""
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    items = soup(html).select("section#job-titles li")
    assert len(items) > 1
    marked = [item.select("sup.fn a") for item in items]
    assert [len(m) for m in marked] == [0] * (len(items) - 1) + [1]
    (last,) = marked[-1]
    assert last["aria-label"].endswith(f"for this item and the {len(items) - 1} before it")


def test_references_name_sources_in_words_and_link_to_them(client, db):
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    page = soup(html)
    texts = {" ".join(li.get_text(" ").split()) for li in page.select("ol.references > li")}
    assert any("Career profile with 2008 figures , line" in t for t in texts)
    assert any("BLS Occupational Outlook Handbook (2025) , section" in t for t in texts)
    # A web source's reference opens it; every reference's name leads to its description.
    handbook = [li for li in page.select("ol.references > li") if "Handbook (2025)" in li.text]
    assert all(li.select_one('a[href^="https://www.bls.gov/"]') for li in handbook)
    described = {li["id"] for li in page.select(".source-list li[id^='source-']")}
    for label in page.select("ol.references .reference-label > a"):
        assert label["href"].removeprefix("#") in described
    # Each source says who published it and what period it describes.
    for item in page.select(".source-list li"):
        assert "Published by" in item.get_text()
        assert "figures describe" in item.get_text()


def test_the_glossary_defines_the_terms_the_figures_use(client, db):
    glossary = soup(get_html(client, reverse("careers:glossary")))
    for term in ("median", "percentile", "projection", "openings", "soc-code"):
        assert glossary.select_one(f"dt#{term} + dd"), term
    # The profile links each term where it first appears.
    profile = soup(get_html(client, reverse("careers:occupation", args=[CSR_SLUG])))
    links = [a["href"] for a in profile.select('a[href^="/glossary/#"]')]
    for term in ("median", "percentile", "projection", "openings", "soc-code"):
        assert f"/glossary/#{term}" in links


def test_the_profile_opens_with_its_quick_facts_each_linking_to_its_section(client, db):
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    page = soup(html)
    article = page.find("article")
    # Nothing but the title comes before the box.
    first, second = article.find_all(True, recursive=False)[:2]
    assert first.name == "h1"
    assert second.get("id") == "quick-facts"
    terms = [" ".join(dt.get_text().split()) for dt in second.select("dl.headline-facts dt")]
    assert terms == [
        "U.S. median pay",
        "Job outlook, 2024–2034",
        "Entry-level education",
        "Training",
        "Typical schedule",
        "Where they work",
    ]
    ids = {element["id"] for element in page.select("[id]")}
    for dd in second.select("dl.headline-facts dd"):
        (link,) = [a for a in dd.select("a[href*='#']") if "/glossary/" not in a["href"]][:1]
        section = link["href"].rpartition("#")[2]
        assert section in ids, link
        assert page.select_one(f"section#{section}"), section


@pytest.mark.parametrize("slug", [CSR_SLUG, WAITERS_SLUG])
def test_how_to_become_one_names_each_kind_once(client, db, slug):
    html = get_html(client, reverse("careers:occupation", args=[slug]))
    terms = [dt.get_text() for dt in soup(html).select("section#how-to-become-one > dl > dt")]
    assert terms
    assert len(terms) == len(set(terms)), terms


def test_a_group_marker_says_visibly_which_items_it_covers(client, db):
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    items = soup(html).select("section#job-titles li")
    note = items[-1].select_one("sup.fn .fn-covers")
    assert note is not None
    assert note.get_text() == f"(and the {len(items) - 1} above)"
