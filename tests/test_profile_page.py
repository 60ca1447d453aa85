"""The profile page: every section, every figure dated and sourced, a fixed query budget.

The tests of view logic build their own occupation with tests/factories.py; what the
real content says (its figures, duties and titles) is checked in tests/test_content.py.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from careers.pages import sections
from occupations.models import Figure

from .factories import (
    DataNoteFactory,
    DutyFactory,
    FigureFactory,
    JobTitleFactory,
    OccupationFactory,
    ProfileNoteFactory,
    SectorFactory,
    SourceFactory,
    annual_wage,
    full_profile,
    growth,
    hourly_wage,
    wage,
)
from .pages import (
    current_figure_texts,
    folded,
    get_html,
    headline,
    jsonld,
    references,
    soup,
    source_ids,
    text_of,
)

# The profile's section ids in page order, written once in careers/pages/sections.py.
PROFILE_SECTIONS = [section_id for section_id, *_ in sections.PROFILE_SECTIONS]


def profile_html(client, occupation):
    return get_html(client, occupation.get_absolute_url())


def top_level_sections(page):
    """The ids of the sections that open with their own h2, alone or paired with its
    "link to this section" anchor."""
    found = []
    for element in page.find_all("section", id=True):
        first = element.find(True)
        if first is not None and "section-head" in first.get("class", []):
            first = first.find(True)
        if (
            first is not None
            and first.name == "h2"
            and first.get("id") == f"{element['id']}-heading"
        ):
            found.append(element["id"])
    return found


def test_profile_has_every_section_in_order(client, occupation):
    page = soup(profile_html(client, full_profile(occupation)))
    # Each section opens with its own heading (a heading, not a region landmark, names it).
    assert top_level_sections(page) == PROFILE_SECTIONS
    for section_id in PROFILE_SECTIONS:
        assert page.select(f'a[href="#{section_id}"]'), f"table of contents misses {section_id}"


def test_a_section_with_nothing_in_it_is_left_out_with_its_contents_entry(client, occupation):
    DutyFactory(occupation=occupation)
    page = soup(profile_html(client, occupation))
    always = ["summary", "pay", "job-outlook", "cite", "sources"]
    assert top_level_sections(page) == [
        "summary",
        "what-they-do",
        "pay",
        "job-outlook",
        "cite",
        "sources",
    ]
    toc = [a["href"] for a in page.select("nav.toc a")]
    assert toc == ["#summary", "#what-they-do", *(f"#{section}" for section in always[1:])]
    for empty in set(PROFILE_SECTIONS) - set(always) - {"what-they-do"}:
        assert not page.select(f"#{empty}"), f"empty section {empty} is shown"


def test_section_notes_show_in_their_section_with_their_citations(client, occupation):
    ProfileNoteFactory(occupation=occupation, section="pay", text="Overtime can add to pay.")
    ProfileNoteFactory(
        occupation=occupation, section="what_they_do", text="Duties vary by employer."
    )
    page = soup(profile_html(client, occupation))
    pay = page.select_one("section#pay").get_text()
    assert "Overtime can add to pay." in pay
    duties = page.select_one("section#what-they-do")
    assert "Duties vary by employer." in duties.get_text()
    assert duties.select("sup.fn a")


def test_pay_leads_with_the_newest_dated_wage_and_its_derived_hourly(client, occupation):
    annual_wage(occupation, "41600", 2020, month=5)
    hourly_wage(occupation, "15.00", 2008)
    html = profile_html(client, occupation)
    lead = headline(html, "pay")
    assert "$41,600 a year" in lead
    assert "(May 2020)" in lead
    pay = text_of(html, "pay")
    assert "$20.00 an hour" in pay
    # The hourly rate is the site's arithmetic, and says so, linking to how it is done.
    said = soup(html).select_one("section#pay p.headline").find_next("p")
    assert " ".join(said.get_text().split()) == (
        "That is about $20.00 an hour at 2,080 hours a year (worked out by this site)."
    )
    assert said.select_one(".derived-label a")["href"] == "/about-the-data/#conversion"
    assert "$15.00 an hour" in pay
    assert "2008" in pay
    assert "$31,200 a year" in pay


def test_pay_worked_out_from_hourly_figures_says_so_beside_each_amount(client, occupation):
    hourly_wage(occupation, "20.00", 2025, month=5)
    for measure, value in (
        (Figure.Measure.WAGE_P10_HOURLY, "15.00"),
        (Figure.Measure.WAGE_P90_HOURLY, "30.00"),
    ):
        wage(measure, occupation, value, 2025, 5)
    box = soup(profile_html(client, occupation)).select_one(".headline-pay")
    said = " ".join(box.get_text().split())
    assert said.startswith("$41,600 a year (worked out by this site), or $20.00 an hour.")
    assert "the 10th to 90th percentiles (yearly amounts worked out by this site)." in said
    caveats = box.select(".derived-label a")
    assert [a["href"] for a in caveats] == ["/about-the-data/#conversion"] * 2


def test_outlook_leads_with_the_newest_dated_projection(client, occupation):
    growth(occupation, "2", 2019, 2029, "slower than the average")
    growth(occupation, "18", 2008, 2018, "faster than average")
    html = profile_html(client, occupation)
    lead = headline(html, "job-outlook")
    for words in ("2 percent", "(2019–2029)", "slower than the average"):
        assert words in lead
    outlook = text_of(html, "job-outlook")
    for words in ("18 percent", "2008–2018", "faster than average"):
        assert words in outlook


def test_a_note_is_linked_from_the_figure_it_questions_not_the_one_it_quotes_instead(
    client, occupation
):
    """A note on an older figure may quote the newer one that now leads, in what the site does
    about it. Linked from the lead, it would read as a doubt about the lead."""
    old = growth(occupation, "2", 2019, 2029, slug="growth-2019-2029")
    new = growth(occupation, "-5", 2024, 2034, slug="growth-2024-2034")
    older_note = DataNoteFactory(
        occupation=occupation,
        body="The guide says [[growth-2019-2029]]; copies of the handbook call it a decline.",
        resolution="The newer projection leads: [[growth-2024-2034]].",
        figures=[old, new],
    )
    page = soup(profile_html(client, occupation))
    lead = page.select_one("section#job-outlook .figure-age")
    assert "Our note on this figure" not in lead.get_text()
    # In the table of every projection, the doubt is flagged on the older figure's row.
    (flag,) = page.select(f"tr#{old.anchor} .figure-note a")
    assert (flag.get_text(), flag["href"]) == (older_note.title, older_note.get_absolute_url())
    assert not page.select(f"tr#{new.anchor} .figure-note")

    questioned = DataNoteFactory(
        occupation=occupation,
        body="Is [[growth-2024-2034]] a decline?",
        resolution="BLS says so.",
        figures=[new],
    )
    lead = soup(profile_html(client, occupation)).select_one("section#job-outlook .figure-age")
    (link,) = lead.find_all("a", string="Our note on this figure")
    assert link["href"] == questioned.get_absolute_url()


def test_undated_claims_are_never_shown_as_current(client, occupation):
    annual_wage(occupation, "30000", 2020)
    annual_wage(occupation, "41600", None, is_approximate=True)
    growth(occupation, None, None, None, "much faster")
    html = profile_html(client, occupation)
    for lead in current_figure_texts(html):
        assert "around $41,600" not in lead
        assert "no period given" not in lead
    undated_rows = soup(html).select('tr.undated[id^="figure-"]')
    assert len(undated_rows) == 2
    for row in undated_rows:
        assert "No period given; not a current figure" in folded(row)


def test_every_figure_links_to_a_source_described_on_the_page(client, occupation):
    other_source = SourceFactory()
    annual_wage(occupation, "30000", 2020, month=5)
    hourly_wage(occupation, "15", 2020, source=other_source)
    growth(occupation, "4", 2020, 2030)
    html = profile_html(client, occupation)
    described = source_ids(html)
    assert described == {f"source-{occupation.source.slug}", f"source-{other_source.slug}"}
    page = soup(html)
    figure_spans = page.select("span.figure")
    assert figure_spans
    table_rows = page.select('tr[id^="figure-"]')
    # Each figure has exactly one anchored row, which its get_absolute_url() points at.
    assert sorted(row["id"] for row in table_rows) == sorted(
        f"figure-{f.slug}" for f in occupation.figure_set.all()
    )
    listed = references(html)
    for fragment in figure_spans + table_rows:
        (cite,) = fragment.select("sup.fn a")
        assert listed[cite["href"].removeprefix("#")][0] in described


def test_profile_lists_duties_titles_and_sectors(client, occupation):
    DutyFactory.create_batch(3, occupation=occupation)
    JobTitleFactory(occupation=occupation, name="Test agent")
    JobTitleFactory(occupation=occupation, name="Test clerk")
    SectorFactory(occupation=occupation, name="Test banking")
    SectorFactory(occupation=occupation, name="Test support", kind="pays_most")
    page = soup(profile_html(client, occupation))
    assert len(page.select('section#what-they-do li[id^="duty-"]')) == 3
    titles = folded(page.select_one("section#job-titles"))
    for name in ("Test agent", "Test clerk"):
        assert name in titles
    where = folded(page.select_one("section#where-they-work"))
    assert "Test banking" in where
    assert "Test support" in where


def test_the_handbooks_industries_link_to_the_newest_surveys(client, csr):
    """The industry lists on the profile are the handbook's (2024, May 2024); a job seeker
    finds BLS's newer wage survey, dated, one link away."""
    html = profile_html(client, csr)
    pay_url = reverse("careers:pay", args=[csr.slug])
    where = soup(html).select_one("section#where-they-work")
    (link,) = where.select(f'a[href="{pay_url}#industries"]')
    assert link.parent is where.find("p"), "the newest leads, before the handbook's lists"
    assert link.parent.get_text() == (
        "Newest figures, from BLS's wage survey of May 2025: Pay by industry."
    )


def test_editor_change_to_a_figure_shows_on_the_next_request(client, occupation):
    figure = annual_wage(occupation, "34710", 2020)
    profile_html(client, occupation)
    Figure.objects.filter(pk=figure.pk).update(value=Decimal("36000"))
    pay = text_of(profile_html(client, occupation), "pay")
    assert "$36,000 a year" in pay
    assert "$34,710" not in pay


def test_newer_dated_figure_takes_the_lead(client, occupation):
    annual_wage(occupation, "34710", 2020, month=5)
    profile_html(client, occupation)
    annual_wage(occupation, "39680", 2024, month=5)
    lead = headline(profile_html(client, occupation), "pay")
    assert "$39,680 a year" in lead
    assert "(May 2024)" in lead


def test_profile_is_machine_readable_json_ld(client, occupation):
    annual_wage(occupation, "41600", 2020, month=5)
    JobTitleFactory(occupation=occupation, name="test agent")
    data = jsonld(profile_html(client, occupation))
    assert data["@type"] == "Occupation"
    assert data["occupationalCategory"]["codeValue"] == occupation.soc_code
    assert data["estimatedSalary"]["median"] == 41600
    assert "May 2020" in data["estimatedSalary"]["name"]
    assert "test agent" in data["alternateName"]


def test_pages_carry_no_inline_script_or_style(client, csr):
    for url in (reverse("careers:home"), csr.get_absolute_url(), reverse("careers:about-data")):
        page = soup(client.get(url).content.decode())
        assert not page.select("[style]")
        assert not page.find_all("style")
        assert all(
            script.get("type") == "application/ld+json" for script in page.find_all("script")
        )


def test_unknown_slug_gets_the_styled_404_page(client, db):
    response = client.get(reverse("careers:occupation", kwargs={"slug": "no-such-job"}))
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    page = soup(html)
    assert page.select('link[rel="stylesheet"][href*="css/site."]')
    assert page.select('a[href="/"]')


@pytest.mark.parametrize("name", ["home", "about-data"])
def test_other_public_pages_render(client, csr, name):
    response = client.get(reverse(f"careers:{name}"))
    assert response.status_code == 200


def test_home_links_to_the_profile_with_dated_headline_figures(client, occupation):
    annual_wage(occupation, "41600", 2020, month=5)
    html = get_html(client, reverse("careers:home"))
    assert soup(html).select(f'a[href="{occupation.get_absolute_url()}"]')
    assert "$41,600 a year" in html
    assert "May 2020" in html


def test_unpublished_profile_is_not_found(client, db):
    occupation = OccupationFactory(is_published=False)
    assert client.get(occupation.get_absolute_url()).status_code == 404


def test_job_counts_are_shown_with_their_periods(client, occupation):
    FigureFactory(
        occupation=occupation,
        measure=Figure.Measure.EMPLOYMENT,
        value=1500000,
        period_start_year=2016,
    )
    FigureFactory(
        occupation=occupation,
        measure=Figure.Measure.EMPLOYMENT_CHANGE,
        value=75000,
        period_start_year=2016,
        period_end_year=2026,
    )
    FigureFactory(
        occupation=occupation,
        measure=Figure.Measure.ANNUAL_OPENINGS,
        value=120000,
        is_approximate=True,
        period_start_year=2016,
        period_end_year=2026,
    )
    outlook = text_of(profile_html(client, occupation), "job-outlook")
    assert "1,500,000 jobs" in outlook
    assert "75,000 jobs" in outlook
    assert "2016–2026" in outlook
    # Openings are not jobs: 120,000 of them a year is not 120,000 jobs.
    assert "around 120,000 openings" in outlook
    assert "120,000 jobs" not in outlook


def test_a_wage_the_source_states_is_never_shown_as_derived(client, occupation):
    annual_wage(occupation, "19990", 2016, month=5)
    hourly_wage(occupation, "9.61", 2016, month=5)
    html = profile_html(client, occupation)
    pay = text_of(html, "pay")
    assert "$9.61 an hour" in pay
    # The one caveat in the section heads the table's column of equivalents.
    assert all(label.find_parent("thead") for label in soup(html).select("#pay .derived-label"))
    assert "$19,989" not in pay  # the annual figure is stated: $19,990


def test_no_precise_rate_is_derived_from_an_approximate_undated_wage(client, occupation):
    annual_wage(occupation, "41600", None, is_approximate=True)
    pay = text_of(profile_html(client, occupation), "pay")
    assert "around $41,600 a year" in pay
    assert "20.00" not in pay


def test_a_source_list_names_each_source_without_repeating_its_short_title(client, csr):
    """“BLS Occupational Outlook Handbook (2025): BLS Occupational Outlook Handbook (2025):
    Customer Service Representatives” read twice on screen."""
    page = soup(get_html(client, csr.get_absolute_url()))
    for item in page.select(".source-list > li"):
        name = folded(item.select_one("strong"))
        assert folded(item).count(name) == 1, folded(item)[:200]
    handbook = page.select_one(".source-list > li#source-bls-ooh-csr-2025")
    assert folded(handbook.select_one(".source-title")) == ": Customer Service Representatives"
