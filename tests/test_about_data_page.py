"""About the data: each source, every disagreement and its resolution, the 2,080-hour rule.

These tests add their own sources, notes and index years with tests/factories.py; the
real content's sources and notes are checked in tests/test_content.py.
"""

from decimal import Decimal

from django.urls import reverse

from occupations.models import Figure, Occupation, Source

from .content import CSR_SLUG
from .factories import (
    DataNoteFactory,
    FAQEntryFactory,
    FigureFactory,
    OccupationFactory,
    PriceIndexFactory,
    SourceFactory,
    growth,
    hourly_wage,
)
from .pages import cite_targets, get_html, markers, references, soup, text_of


def about(client):
    return get_html(client, reverse("careers:about-data"))


def test_each_source_says_what_it_is_its_period_and_what_we_take(client, db):
    source = SourceFactory(period="May 2030 (wage); 2030–2040")
    entry = text_of(about(client), f"source-{source.slug}", tag="li")
    assert "May 2030 (wage); 2030–2040" in entry
    assert "What we take from it" in entry
    assert "What it is" in entry


def test_a_source_that_names_no_publisher_says_so(client, db):
    """The two older documents name no publisher; their entries say it in the page's words,
    not in the title (which Spanish pages show in English)."""
    unnamed = SourceFactory(publisher="", url="")
    named = SourceFactory(publisher="U.S. Bureau of Labor Statistics")
    html = about(client)
    assert "Published by Not stated" in text_of(html, f"source-{unnamed.slug}", tag="li")
    assert "Published by U.S. Bureau of Labor Statistics" in text_of(
        html, f"source-{named.slug}", tag="li"
    )


def test_disagreements_and_their_resolutions_are_explained(client, db):
    occupation = OccupationFactory()
    dated = growth(occupation, "18", 2008, 2018)
    undated = growth(occupation, "2", None, None)
    notes = [
        DataNoteFactory(occupation=occupation, figures=[dated, undated]),
        DataNoteFactory(occupation=occupation),
    ]
    disagreements = soup(about(client)).select_one("section#disagreements")
    for note in notes:
        article = disagreements.select_one(f"article#{note.anchor}")
        assert article is not None, f"no note {note.anchor} among the disagreements"
        assert "What we do:" in article.get_text()
    outlook = " ".join(disagreements.select_one(f"article#{notes[0].anchor}").get_text(" ").split())
    assert "18 percent" in outlook
    assert "2 percent" in outlook
    assert "(undated: no period given)" in outlook


def test_the_two_old_doubts_are_not_called_settled(client, db):
    """Copies of the handbook made two of the guide's figures doubtful (bls-cross-check.md:
    strong enough to flag, not to replace them). BLS's newer figures lead now, so the doubts
    no longer touch what a reader sees first, but nothing BLS published since answers them."""
    page = soup(about(client))
    section = page.select_one("section#settled")
    heading = " ".join(section.find("h2").get_text(" ").split())
    text = " ".join(section.get_text(" ").split())
    assert "settled" not in heading.lower()
    assert "settle" not in text.lower()
    assert "Neither doubt is resolved" in text
    assert "figures we lead with" in text


def test_conversion_rule_is_stated(client, db):
    conversion = text_of(about(client), "conversion")
    assert "2,080 hours a year" in conversion
    assert "rounded to the nearest $10" in conversion


def test_each_comparison_the_site_works_out_links_to_how_it_is_worked_out(client, db):
    """A percentage against all workers, an industry's share of the jobs and a change over
    time are the site's arithmetic: their caveat links to the section that says how, not to
    the hourly-and-yearly conversion."""
    comparisons = text_of(about(client), "comparisons")
    assert "divided by the median of all workers in the same place" in comparisons
    assert "divided by the occupation's jobs in the whole country" in comparisons
    assert "the later figure divided by the earlier one" in comparisons
    # Each page, and the blocks (by selector and a phrase they hold) whose caveat it is.
    pages = {
        "careers:pay": [("table.place-table caption", "against all"), ("p", "Shares are of")],
        "careers:pay-state": [("p.lede", "All workers in Texas")],
        "careers:over-time": [("p", "before inflation")],
    }
    for name, blocks in pages.items():
        args = [CSR_SLUG, "texas"] if name == "careers:pay-state" else [CSR_SLUG]
        page = soup(get_html(client, reverse(name, args=args)))
        for selector, phrase in blocks:
            found = [block for block in page.select(selector) if phrase in block.get_text()]
            links = [a["href"] for block in found for a in block.select(".derived-label a")]
            assert links, f"{name}: no caveat in a {selector} with “{phrase}”"
            assert set(links) == {"/about-the-data/#comparisons"}, (name, phrase, links)


def test_notes_show_current_figure_values(client, db):
    figure = FigureFactory(value=Decimal("34710"))
    note = DataNoteFactory(occupation=figure.occupation, figures=[figure])
    about(client)
    Figure.objects.filter(pk=figure.pk).update(value=Decimal("35500"))
    assert "$35,500 a year" in text_of(about(client), note.anchor, tag="article")


def test_the_price_index_values_in_use_and_the_method_are_shown(client, db):
    # A wage from 1990 is restated with 1990's index, so the page lists it.
    index = PriceIndexFactory(year=1990, value=Decimal("123.456"))
    hourly_wage(Occupation.objects.get(slug=CSR_SLUG), "5.00", 1990)
    html = about(client)
    section = soup(html).select_one("section#price-index")
    assert "123.456" in section.get_text()
    assert index.source.slug in {
        target.removeprefix("source-") for target in cite_targets(html, "section#price-index")
    }


def test_home_links_to_every_page_type(client, db):
    occupation = OccupationFactory()
    FAQEntryFactory(occupation=occupation)
    page = soup(get_html(client, reverse("careers:home")))
    for url in (
        occupation.get_absolute_url(),
        reverse("careers:occupation-faq", kwargs={"slug": occupation.slug}),
        reverse("careers:over-time", kwargs={"slug": occupation.slug}),
        reverse("careers:compare-index"),
        reverse("careers:about-data"),
    ):
        assert page.select(f'a[href="{url}"]'), f"home does not link to {url}"


def test_each_job_count_cites_the_passage_that_holds_it(client, db):
    """“OEWS counted 2,595,750 wage and salary jobs in May 2025; the handbook gives 2,814,000
    for 2024”: the handbook's count cites its Summary, and the wage survey's its employment
    series (datatype 01), not the handbook too."""
    html = get_html(client, reverse("careers:about-data"))
    listed = references(html)
    for item in soup(html).select("section#bls-programs ul > li"):
        labels = [listed[ref][1] for ref, _ in markers(str(item))]
        text = " ".join(item.get_text(" ").split())
        if "2,595,750" in text:
            assert any("series OEUN000000000000043405101" in label for label in labels), labels
            assert any("Summary" in label for label in labels), labels
            break
    else:
        raise AssertionError("no OEWS job count on About the data")


def test_what_a_source_gives_claims_no_whole_profile_that_other_sources_share(client, db):
    """About the data said the waiters' 2016 entry gave "everything on the waiters and
    waitresses profile", which has led with BLS's 2025 entry since that was added (a new
    user's trial). Its entry now says it gives the waiters' older figures."""
    for source in Source.objects.filter(used_for__icontains="everything on the"):
        for occupation in Occupation.objects.all():
            if occupation.title.lower() in source.used_for.lower():
                cited = {occupation.source_id, occupation.second_source_id}
                cited |= set(occupation.figure_set.values_list("source_id", flat=True))
                assert cited - {None} == {source.pk}, f"{source.slug}: {source.used_for}"
    entry = text_of(about(client), "source-bls-ooh-waiters-2016", tag="li")
    assert "their older figures (May 2016 pay" in entry
