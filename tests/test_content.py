"""The real content, as the test database loads it (tests/fixtures/database.py): what its pages say.

This is the one module that knows the content's specifics (the customer service
representative's 8 duties, its May 2020 wage, the waiters' job counts). When an
editor changes the content, this module is the one to update; the page tests build
their own data with tests/factories.py.
"""

import re
from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import reverse

from occupations.models import EducationItem, Figure, Occupation, ProfileNote, QuickFact

from .content import CSR_SLUG, WAITERS_SLUG
from .pages import (
    block,
    cite_labels,
    cite_targets,
    current_figure_texts,
    folded,
    get_html,
    headline,
    jsonld,
    missing,
    soup,
    source_ids,
    text_of,
)

CSR_JOB_TITLES = (
    "Account representative",
    "Call center representative",
    "Customer service agent",
)


# The profile page


def test_csr_profile_leads_with_the_newest_dated_wage_and_projection(client, csr):
    html = get_html(client, csr.get_absolute_url())
    expected = {
        # section: (what its headline says, what the rest of the section says)
        "pay": (
            ("$44,770 a year", "(May 2025)", "BLS wage survey, May 2025"),
            ("$42,830 a year", "May 2024", "$34,710 a year", "May 2020", "$14.36 an hour", "2008"),
        ),
        "job-outlook": (
            ("−5 percent, a decline", "(2024–2034)"),
            ("2 percent", "2019–2029", "slower than the average", "18 percent", "2008–2018"),
        ),
    }
    for section_id, (lead, rest) in expected.items():
        assert missing(lead, headline(html, section_id)) == [], section_id
        assert missing(rest, text_of(html, section_id)) == [], section_id


def test_csr_undated_claims_are_the_two_undated_rows(client, csr):
    html = get_html(client, csr.get_absolute_url())
    assert not [text for text in current_figure_texts(html) if "around $35,000" in text]
    assert not [text for text in current_figure_texts(html) if "no period given" in text]
    undated_rows = [folded(row) for row in soup(html).select('tr.undated[id^="figure-"]')]
    assert len(undated_rows) == 2
    assert all("No period given; not a current figure" in row for row in undated_rows)


def test_broken_figure_from_the_newer_guide_never_appears(client, csr):
    html = get_html(client, csr.get_absolute_url())
    assert "around ,000" not in html
    assert "$,000" not in html


def test_csr_profile_cites_its_two_documents_and_blss_newer_figures(client, csr):
    html = get_html(client, csr.get_absolute_url())
    assert source_ids(html) == {
        "source-csr-profile-2008",
        "source-csr-guide-2020",
        "source-bls-ooh-csr-2025",
        "source-bls-oews-2025a01",
    }


def test_csr_profile_lists_its_duties_titles_and_sectors(client, csr):
    page = soup(get_html(client, csr.get_absolute_url()))
    duties = page.select_one("section#what-they-do")
    # BLS's 2025 list leads; the 2008 profile's, with fax and standard mail, follows, each
    # under its source's name (a new user's trial read the old list as today's job).
    lists = [
        (folded(ul.find_previous_sibling("p")), [folded(li) for li in ul.select("li")])
        for ul in duties.select("ul")
    ]
    assert [(lead, len(items)) for lead, items in lists] == [
        ("Typical duties (source: BLS Occupational Outlook Handbook (2025)):", 7),
        ("Typical duties (source: Career profile with 2008 figures):", 10),
    ]
    assert any(item.startswith("Handle returns or complaints.") for item in lists[0][1])
    assert any("fax" in item for item in lists[1][1])
    # BLS's channels, in words that say whose they are wherever the note sits.
    assert "BLS says they work mostly by phone. Some also serve customers" in folded(duties)
    assert "live chat" in folded(duties)
    titles = folded(page.select_one("section#job-titles"))
    for name in CSR_JOB_TITLES:
        assert name in titles
    where = folded(page.select_one("section#where-they-work"))
    assert "Depository credit intermediation" in where
    assert "Administrative support" in where


def test_csr_json_ld(client, csr):
    data = jsonld(get_html(client, csr.get_absolute_url()))
    assert data["@type"] == "Occupation"
    assert data["occupationalCategory"]["codeValue"] == "43-4051"
    salary = data["estimatedSalary"]
    assert salary["median"] == 44770
    assert (salary["percentile10"], salary["percentile90"]) == (31750, 63590)
    assert "May 2025" in salary["name"]
    assert "OEWS" in salary["name"]
    assert "customer service agent" in data["alternateName"]


@pytest.mark.parametrize("slug", [CSR_SLUG, WAITERS_SLUG])
def test_json_ld_skills_are_skills_and_education_is_schooling(client, db, slug):
    occupation = Occupation.objects.get(slug=slug)
    data = jsonld(get_html(client, occupation.get_absolute_url()))
    # An occupation with no qualities sends no skills property at all, not an empty list.
    skills = data.get("skills", [])
    assert set(skills) == {quality.name for quality in occupation.quality_set.all()}
    assert "A rewarding side" not in skills
    schooling = occupation.educationitem_set.filter(kind__in=EducationItem.SCHOOLING_KINDS)
    # The newest source's only (BLS's 2025 entry, listed first): the 2008 profile's "some
    # positions require a degree" would reach search results with no date.
    newest = schooling.filter(source__slug__startswith="bls-ooh-").filter(
        source__slug__endswith="2025"
    )
    assert data["educationRequirements"] == [item.text for item in newest]
    assert data["educationRequirements"], "every profile names its schooling"
    # Likewise the duties of the source listed first: BLS's 2025 list for representatives.
    duties = occupation.duty_set.filter(source=occupation.duty_set.first().source)
    assert data["responsibilities"] == [duty.text for duty in duties]
    assert "Give customers information by phone" not in " ".join(data["responsibilities"])
    for text in data["educationRequirements"]:
        assert "None needed" not in text
    courses = occupation.educationitem_set.exclude(kind__in=EducationItem.SCHOOLING_KINDS)
    assert not {item.text for item in courses} & set(data["educationRequirements"])


def test_sources_are_named_so_a_reader_knows_what_and_when(client, csr):
    """Each reference names its source in words and the period of its figures: the two
    documents state no date of their own, so they are named by their figures' years."""
    labels = set(cite_labels(get_html(client, csr.get_absolute_url())))
    assert labels
    assert any(label.startswith("Career guide with 2020 figures, line") for label in labels)
    assert any(label.startswith("Career profile with 2008 figures, line") for label in labels)
    assert any(label.startswith("BLS wage survey, May 2025, series OEU") for label in labels)
    assert any(
        label.startswith("BLS Occupational Outlook Handbook (2025), section") for label in labels
    )
    assert not any(label.startswith(("Newer guide", "Older profile")) for label in labels)


def test_the_waiters_handbook_entry_is_cited_by_section_not_by_a_file(client, db):
    html = get_html(client, reverse("careers:occupation", args=[WAITERS_SLUG]))
    labels = set(cite_labels(html))
    assert labels
    # Handbook entries by section; BLS's wage survey by the series a figure comes from.
    assert all(re.search(r"sections? “|, series OEU", label) for label in labels), labels
    assert ".md" not in html
    # Named by the periods its figures describe, never by an unchecked edition label.
    assert not re.search(r"\d{4}–\d{2} (data )?edition", soup(html).get_text())


def test_no_stated_figure_is_labelled_derived(client, db):
    """Where the source states both the hourly and the annual wage, both show as stated."""
    html = get_html(client, reverse("careers:occupation", args=[WAITERS_SLUG]))
    pay = soup(html).select_one("section#pay")
    assert "$9.61 an hour" in pay.get_text()
    assert "worked out" not in pay.select_one("p.headline").find_next("p").get_text()
    assert "$19,989" not in html


def test_a_quick_fact_that_gives_a_share_of_jobs_says_its_year(db):
    """A share such as "17 percent of jobs" describes one year (the handbook's 2024): undated,
    in the present tense, it would read as today's, beside newer figures that differ."""
    shares = [
        (fact.slug, text)
        for fact in QuickFact.objects.all()
        for text in (fact.text, fact.text_es)
        if re.search(r"\d\s*(percent|por ciento)", text)
    ]
    assert shares
    undated = [(slug, text) for slug, text in shares if not re.search(r"\b20\d\d\b", text)]
    assert not undated


def test_home_shows_the_csr_headline_wage(client, csr):
    html = get_html(client, reverse("careers:home"))
    assert soup(html).select(f'a[href="{csr.get_absolute_url()}"]')
    assert "$44,770 a year" in html
    assert "May 2025" in html
    assert "$34,710" not in html


def test_each_home_card_says_how_to_get_in_with_its_citation(client, db):
    """A job seeker's third question, how to get in, is answered on the home page too: each
    occupation's entry-level education, cited, linking to its profile's section."""
    page = soup(get_html(client, reverse("careers:home")))
    cards = page.select("li.card")
    assert len(cards) == 2
    for card, (slug, answer) in zip(
        cards,
        [
            (CSR_SLUG, "High school diploma or equivalent, typically"),
            (WAITERS_SLUG, "No formal educational credential, typically"),
        ],
        strict=True,
    ):
        (fact,) = (
            fact
            for fact in card.select(".fact")
            if fact.dt.get_text(strip=True) == "Entry-level education"
        )
        link = fact.select_one("dd a[href]")
        assert link.get_text(strip=True) == answer
        assert link["href"] == reverse("careers:occupation", args=[slug]) + "#how-to-become-one"
        assert fact.select("dd sup.fn a")
    # Two cards, one id each: the answers carry no ids that would repeat on this page.
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_waiters_job_counts_and_periods(client, db):
    html = get_html(client, reverse("careers:occupation", args=[WAITERS_SLUG]))
    outlook = text_of(html, "job-outlook")
    assert "2,600,500 jobs" in outlook
    assert "182,500 jobs" in outlook
    assert "2016–2026" in outlook


def test_waiters_hourly_wage_is_stated_not_derived(client, db):
    html = get_html(client, reverse("careers:occupation", args=[WAITERS_SLUG]))
    pay = text_of(html, "pay")
    assert "$9.61 an hour" in pay
    # The one caveat in the section heads the table's column of equivalents.
    assert all(label.find_parent("thead") for label in soup(html).select("#pay .derived-label"))
    assert "$19,989" not in pay  # the annual figure is stated: $19,990


def test_csr_approximate_undated_wage_gets_no_precise_rate(client, csr):
    pay = text_of(get_html(client, csr.get_absolute_url()), "pay")
    assert "around $35,000 a year" in pay
    assert "16.83" not in pay


@pytest.mark.parametrize(
    "url",
    [
        reverse("careers:occupation", args=[CSR_SLUG]),
        reverse("careers:over-time", args=[CSR_SLUG]),
        reverse("careers:occupation-faq", args=[CSR_SLUG]),
        reverse("careers:compare", args=[CSR_SLUG, WAITERS_SLUG]),
    ],
)
def test_the_guides_2_percent_is_flagged_with_the_note_that_doubts_it_wherever_it_is_listed(
    client, db, url
):
    """Copies of BLS's text call the guide's 2019–2029 change a decline: a reader of any list
    that shows the 2 percent sees the note's title beside it, linked (a new user's trial)."""
    flags = soup(get_html(client, url)).select(
        ".figure-note a[href$='#note-bls-growth-or-decline']"
    )
    assert flags
    for flag in flags:
        assert flag.get_text() == "Growth or decline?"
        assert "2 percent" in folded(flag.find_parent(["li", "tr"]))


def test_the_comparison_gives_each_occupations_newest_duties_only(client, db):
    """Seventeen duties in one cell, BLS's then the 2008 profile's with fax and standard
    mail, read as one list of today's duties (a review's note)."""
    page = soup(get_html(client, reverse("careers:compare", args=[CSR_SLUG, WAITERS_SLUG])))
    cells = page.select("tr#compare-duties td")
    shown = [folded(li) for li in cells[0].select("li")]
    bls = Occupation.objects.get(slug=CSR_SLUG).duty_set.filter(source__slug="bls-ooh-csr-2025")
    assert len(shown) == bls.count() == 7
    assert all(text.startswith(duty.text) for text, duty in zip(shown, bls, strict=True))
    assert not [text for text in shown if "fax" in text]
    # Education and training likewise: BLS's 2025 entry, not the 2008 profile's present-tense
    # "some positions require a degree" beside it with no date.
    education = folded(page.select_one("tr#compare-education td"))
    assert education.startswith("BLS says the typical entry-level education")
    assert "Some positions require" not in education
    training = folded(page.select_one("tr#compare-training td"))
    assert "typically 2 to 4 weeks" in training
    assert "Employers train the people they hire" not in training


# Figures over time


def csr_over_time(client):
    return get_html(client, reverse("careers:over-time", kwargs={"slug": CSR_SLUG}))


def test_the_outlook_notes_stand_on_their_own(db):
    """The outlook's notes come between its projections and the jobs table, before the table
    names the openings: a note that says "those openings" points at nothing a reader has seen."""
    notes = ProfileNote.objects.filter(section=ProfileNote.Section.JOB_OUTLOOK)
    assert notes
    for note in notes:
        for text in (note.text_en, note.text_es):
            assert not re.match(r"(all of )?(those|these|esas|esos|todas esas)\b", text, re.I), text


def test_csr_wages_over_time_in_both_units(client, db):
    html = csr_over_time(client)
    pay = soup(html).select_one("section#pay-over-time")
    rows = [row for row in pay.select("tr") if row.find("th", scope="row")]
    periods = [folded(row.find("th", scope="row")).split(",")[0] for row in rows]
    assert periods == ["2008", "May 2020", "May 2024", "May 2025"]
    assert missing(("$29,870 a year", "$14.36 an hour"), folded(rows[0])) == []
    assert missing(("$34,710 a year", "$16.69 an hour"), folded(rows[1])) == []
    assert missing(("$42,830 a year", "$20.59 an hour"), folded(rows[2])) == []
    assert (
        missing(("$44,770 a year", "$21.52 an hour"), folded(rows[3])) == []
        or missing(("$44,770 a year", "$21.53 an hour"), folded(rows[3])) == []
    )
    # Before inflation, 2008 to May 2025: 29,868.80 to 44,770.
    assert "+49.9 percent" in folded(pay)


def test_csr_growth_wording_changed_between_the_documents(client, db):
    outlook = text_of(csr_over_time(client), "outlook-over-time")
    assert outlook.index("2008–2018") < outlook.index("2019–2029") < outlook.index("2024–2034")
    assert "18 percent" in outlook
    assert "2 percent" in outlook
    assert "−5 percent, a decline" in outlook


def test_csr_undated_claims_are_left_out_of_the_time_series(client, db):
    html = csr_over_time(client)
    assert "35,000" not in html
    assert "no period given" not in html


def test_csr_wage_chart(client, db):
    wage_chart = folded(soup(csr_over_time(client)).find("svg"))
    assert "$29,870 a year (worked out by this site)" in wage_chart
    assert "$34,710 a year" in wage_chart
    assert "$44,770 a year" in wage_chart
    assert (
        "May 2025, in August 2026 dollars: about $46,650 a year (worked out by this site)"
        in wage_chart
    )


def test_waiters_pay_over_time_runs_from_may_2016_to_may_2025(client, db):
    html = get_html(client, reverse("careers:over-time", kwargs={"slug": WAITERS_SLUG}))
    pay = soup(html).select_one("section#pay-over-time")
    rows = [row for row in pay.select("tr") if row.find("th", scope="row")]
    assert [folded(row.find("th", scope="row")).split(",")[0] for row in rows] == [
        "May 2016",
        "May 2024",
        "May 2025",
    ]


def test_csr_pay_is_restated_in_the_newest_cpi_months_dollars(client, db):
    html = csr_over_time(client)
    pay = text_of(html, "pay-over-time")
    # 29,868.80 x 334.980 (August 2026) / 215.303 (2008's annual average) = 46,471, shown
    # to the nearest $10 (About the data, "conversion").
    assert "about $46,470 a year" in pay
    # 44,770 x 334.980 / 321.465 (May 2025) = 46,652; May 2020 to May 2025 after inflation:
    # 44,770 / 321.465 against 34,710 / 256.394, May to May: +2.9 percent.
    assert "about $46,650 a year" in pay
    assert "about $45,350 a year (+2.9 percent to the newest)" in pay
    assert "+0.4 percent after inflation" in pay
    restated = text_of(html, "in-later-dollars", tag="div")
    for index in ("2008 annual average: 215.303", "May 2020: 256.394", "August 2026: 334.980"):
        assert index in restated
    assert cite_targets(html, "div#in-later-dollars") == ["source-bls-cpi-u"]


# The FAQ page

CSR_FAQ_ANCHORS = (
    "what-is-a-customer-service-representative",
    "typical-duties",
    "skills-needed",
    "education-and-training",
    "job-outlook",
    "median-pay",
    "do-i-need-a-degree",
    "what-hours",
    "work-from-home",
    "highest-paying-industries",
    "bilingual",
    "next-steps",
)


def csr_faq(client):
    return get_html(client, reverse("careers:occupation-faq", kwargs={"slug": CSR_SLUG}))


def test_csr_faq_has_the_guides_six_questions_and_the_job_seekers_ones(client, db):
    page = soup(csr_faq(client))
    for anchor in CSR_FAQ_ANCHORS:
        assert page.select(f'section.faq-entry[id="{anchor}"]')
        assert page.select(f'a[href="#{anchor}"]')
    assert len(jsonld(str(page))["mainEntity"]) == 16


def test_csr_pay_answer_leads_with_the_newest_wage(client, db):
    html = csr_faq(client)
    answer = text_of(html, "median-pay")
    for text in (
        "$44,770 a year",
        "(May 2025)",
        "$42,830 a year",
        "$34,710 a year",
        "(2008, more than",
    ):
        assert text in answer
    assert answer.index("$44,770") < answer.index("$42,830") < answer.index("$34,710")
    assert set(cite_targets(html, "section#median-pay")) == {
        "source-bls-oews-2025a01",
        "source-bls-ooh-csr-2025",
        "source-csr-guide-2020",
        "source-csr-profile-2008",
    }
    pay = next(q for q in jsonld(html)["mainEntity"] if "earn" in q["name"])
    assert "$44,770 a year" in pay["acceptedAnswer"]["text"]
    assert "May 2025" in pay["acceptedAnswer"]["text"]


@pytest.mark.parametrize(
    ("anchor", "section"),
    [
        ("work-from-home", "Work Environment"),
        ("are-calls-monitored", "Work Environment"),
        ("is-it-stressful", "Work Environment"),
        ("what-hours", "Work Environment"),
        ("training-on-the-job", "How to Become One"),
        ("skills-needed", "How to Become One"),
        ("education-and-training", "How to Become One"),
    ],
)
def test_practical_answers_lead_with_what_blss_2025_entry_says(client, db, anchor, section):
    """A job seeker's everyday questions (from home? monitored? stressful? trained? which
    hours, skills, schooling?) were answered from the 2008 profile and the undated guide
    alone, though BLS's 2025 entry says the same things (a new user's trial). Each now leads
    with the handbook's words and its section, and keeps one older document after it."""
    html = csr_faq(client)
    answer = text_of(html, anchor)
    # The guide is named by its figures' year: "the newer guide" after BLS's 2025 entry read
    # as newer than 2025 (a review).
    assert answer.index("BLS's 2025 handbook entry") < answer.index(
        "older" if "older" in answer else "guide with 2020 figures"
    )
    assert "newer guide" not in answer
    labels = cite_labels(html, f"section#{anchor}")
    assert labels[0] == f"BLS Occupational Outlook Handbook (2025), section “{section}”"
    assert len(labels) == 2


def test_csr_growth_edit_shows_in_the_fifth_answer(client, db):
    Figure.objects.filter(slug="employment-growth-2019-2029").update(value=Decimal("3"))
    html = csr_faq(client)
    assert "3 percent" in block(html, "job-outlook")
    assert "3 percent" in jsonld(html)["mainEntity"][4]["acceptedAnswer"]["text"]


def test_waiters_have_no_questions_so_no_faq_page(client, db):
    get_html(client, reverse("careers:occupation-faq", args=[WAITERS_SLUG]), status=404)


# Comparing the two occupations


def csr_and_waiters(client, left=CSR_SLUG, right=WAITERS_SLUG):
    return get_html(client, reverse("careers:compare", kwargs={"left": left, "right": right}))


def test_csr_and_waiters_pay_side_by_side_on_one_release(client, db):
    html = csr_and_waiters(client)
    rows = {
        "compare-pay-annual": ("$44,770 a year", "$35,230 a year", "(May 2025)"),
        "compare-pay-range": ("$31,750 and $63,590 a year", "$18,100 and $64,720 a year"),
        "compare-outlook": ("A decline of 5 percent", "A decline of 1 percent", "(2024–2034)"),
        "compare-openings": ("About 341,700 openings a year", "About 456,700 openings a year"),
    }
    for row_id, texts in rows.items():
        row = text_of(html, row_id, tag="tr")
        assert missing(texts, row) == [], row_id
    older = text_of(html, "older-figures")
    for text in ("$34,710 a year", "(May 2020, ", "$19,990 a year", "(May 2016, ", "2016–2026"):
        assert text in older


def test_csr_and_waiters_lead_with_the_same_periods(client, db):
    html = csr_and_waiters(client)
    assert soup(html).find(id="periods-differ") is None
    assert html.index('id="compare-pay-annual"') < html.index('id="older-figures"')


def test_csr_and_waiters_list_the_handbook(client, db):
    html = csr_and_waiters(client, WAITERS_SLUG, CSR_SLUG)
    assert "source-bls-ooh-waiters-2016" in source_ids(html)


# About the data


def about_data(client):
    return get_html(client, reverse("careers:about-data"))


def test_each_real_source_gives_its_period(client, db):
    html = about_data(client)
    for slug, period in (
        ("csr-profile-2008", "2008 (wage); 2008–2018"),
        ("csr-guide-2020", "May 2020 (wage); 2019–2029"),
        ("bls-ooh-waiters-2016", "May 2016"),
    ):
        entry = text_of(html, f"source-{slug}", tag="li")
        assert period in entry
        assert "What we take from it" in entry
        assert "What it is" in entry


def test_the_three_disagreements_and_their_resolutions(client, db):
    disagreements = soup(about_data(client)).select_one("section#disagreements")
    for anchor in ("note-three-pay-statements", "note-faster-or-slower", "note-broken-salary"):
        note = disagreements.select_one(f"article#{anchor}")
        assert note is not None, f"no note {anchor}"
        assert "What we do:" in note.get_text()
    outlook = folded(disagreements.select_one("article#note-faster-or-slower"))
    assert "18 percent" in outlook
    assert "2 percent" in outlook
    assert "(undated: no period given)" in outlook


def test_broken_figure_is_explained_but_never_shown(client, db):
    html = about_data(client)
    assert "digits missing" in text_of(html, "note-broken-salary", tag="article")
    assert "around ,000" not in html


def test_broken_salary_note_shows_the_current_may_2020_wage(client, db):
    Figure.objects.filter(slug="median-annual-wage-may-2020").update(value=Decimal("35500"))
    assert "$35,500 a year" in text_of(about_data(client), "note-broken-salary", tag="article")


def test_the_loaded_price_index_years(client, db):
    html = about_data(client)
    section = soup(html).select_one("section#price-index")
    for value in ("215.303", "256.394", "314.069", "321.465", "334.980"):
        assert value in section.get_text()
    assert set(cite_targets(html, "section#price-index")) == {"source-bls-cpi-u"}


# The loaded records


def test_csr_has_its_duties_titles_guide_questions_and_2008_wage(csr):
    assert csr.duty_set.count() == 17
    assert csr.jobtitle_set.count() == 7
    # The guide's six questions, cited to its FAQ in one of their passages (two now lead
    # with BLS's newer answer).
    guide_faq = csr.faqentry_set.filter(
        Q(source__slug="csr-guide-2020", source_line__range=(47, 58))
        | Q(second_source__slug="csr-guide-2020", second_line__range=(47, 58))
    )
    assert guide_faq.count() == 6
    assert csr.figure_set.get(slug="median-hourly-wage-2008").value == Decimal("14.36")


def test_an_older_claim_that_newer_figures_contradict_is_told_as_the_older_sources(client, db):
    """The 2008 profile's "many work part time or split shifts" and the waiters' 2016 "no
    formal education is required" stood undated, in the present tense, beside BLS's 2025
    entries ("most work full time"; "some employers require or prefer a high school
    diploma"). They are now the older sources' words, in the past tense."""
    profile = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    assert "Most work full time; some work part time" in text_of(profile, "quick-facts", tag="div")
    for section in ("work-environment", "schedules"):
        text = text_of(profile, section)
        assert "The older profile said many worked part time or split shifts" in text
        assert "Many work part time" not in text
    assert "The newer guide said those in specialized sectors" in text_of(profile, "pay")
    faq = get_html(client, reverse("careers:occupation-faq", args=[CSR_SLUG]))
    # "What hours will I work?" now answers from BLS's 2025 entry ("most work full time") and
    # the 2020 guide; the 2008 claim is not repeated there in the present tense.
    hours = text_of(faq, "what-hours")
    assert hours.index("BLS's 2025 handbook entry says most work full time") < hours.index("2020")
    assert "many agents work part time" not in hours.lower()
    # The outlook's answer ends on its value, so "a decline" is not run into the period.
    outlook = text_of(faq, "job-outlook")
    assert "BLS projects employment over 2024–2034 to change by −5 percent, a decline." in outlook
    # "Do I need a degree?" leads with BLS's 2025 entry, and keeps the 2008 "require" as the
    # older profile's, in the past tense.
    degree = text_of(faq, "do-i-need-a-degree")
    assert degree.index("BLS says the typical entry-level education") < degree.index("older")
    assert "some positions required an associate or a bachelor's degree" in degree
    assert "Some positions require" not in degree
    waiters = get_html(client, reverse("careers:occupation", args=[WAITERS_SLUG]))
    becoming = text_of(waiters, "how-to-become-one")
    assert "No formal education is required" not in becoming
    # It is the typical education, not a minimum beside "some employers require a diploma".
    assert "Typical entry-level education BLS gives no formal educational credential" in becoming
    assert "Its 2016 entry said no formal education was required" in becoming


def test_similar_occupations_lead_with_blss_newest_median_where_it_has_their_code(client, db):
    """The similar occupations gave the handbook's May 2024 medians, though the shipped May
    2025 release holds the nation's median of each that has a code of its own (a new user's
    trial: tellers $43,030, not $39,340). Those lead now, cited to the release; a group the
    survey has no one code for (retail sales workers) keeps the handbook's."""
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    rows = {
        row.th.get_text(strip=True): folded(row.select("td")[-1])
        for row in soup(html).select("#similar-occupations tbody tr")
    }
    assert rows["Tellers"].startswith("$43,030 a year (May 2025,")
    assert rows["Computer support specialists"].startswith("$62,890 a year (May 2025,")
    assert rows["Retail sales workers"].startswith("$34,730 a year (May 2024,")
    caption = folded(soup(html).select_one("#similar-occupations caption"))
    assert caption.startswith(
        "Occupations BLS names as similar, with their median pay (for May 2025, from its wage "
        "survey)"
    )
    assert (
        "BLS wage survey, May 2025, series OEUN0000000000000 + 151230, 413021, 433071, 434171, "
        "439061 + 13" in cite_labels(html, "#similar-occupations")
    )


def test_a_similar_occupations_own_median_leads_when_it_is_newer_than_the_release(client, db):
    """The release's median leads only when it is at least as new (a review: a tellers row
    an editor dated May 2026 still showed May 2025's)."""
    from occupations.models import SimilarOccupation

    SimilarOccupation.objects.filter(slug="tellers").update(
        median_annual_wage=Decimal("46000"), period_year=2026, period_month=5
    )
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    (tellers,) = soup(html).select("#similar-tellers td")[-1:]
    assert folded(tellers).startswith("$46,000 a year (May 2026,")
