"""Pay where you live: the pay page, a page per state, the map, sorting, and markers.

Figures are checked against BLS's own data file in fixtures/bls, read here independently of
the importer: a line of oe.data.0.Current is the source of truth for its series.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from occupations.area_pay import ReportedWage
from occupations.bls.models import Area, Marker, WageEstimate
from occupations.formatting import Unit

from .bls_files import SHIPPED
from .content import CSR_SLUG
from .pages import folded, get_html, markers, references, soup, text_of

WAITERS_SLUG = "waiters-and-waitresses"
CSR = "434051"
ALL_OCCUPATIONS = "000000"
# The statistics rows, with their datatypes (annual, hourly).
STATISTICS = {
    "10th percentile": ("11", "06"),
    "25th percentile": ("12", "07"),
    "Median": ("13", "08"),
    "75th percentile": ("14", "09"),
    "90th percentile": ("15", "10"),
    "Mean (average)": ("04", "03"),
}
STATES = {"New Jersey": "new-jersey", "Texas": "texas", "Puerto Rico": "puerto-rico"}
METROS = {  # an area, and the state page that lists it
    "New York-Newark-Jersey City, NY-NJ": "new-jersey",
    "Houston-Pasadena-The Woodlands, TX": "texas",
    "San Juan-Bayamon-Caguas, PR": "puerto-rico",
}


def read_tab_file(name):
    with open(SHIPPED / name, encoding="utf-8") as handle:
        header, *lines = handle.read().splitlines()
    columns = [c.strip() for c in header.split("\t")]
    return [
        dict(zip(columns, (v.strip() for v in line.split("\t")), strict=True)) for line in lines
    ]


@pytest.fixture(scope="module")
def extract():
    """{series id: value as BLS wrote it}, and {area name: (area type, code)}."""
    values = {row["series_id"]: row["value"] for row in read_tab_file("oe.data.0.Current")}
    areas = {
        row["area_name"]: (row["areatype_code"], row["area_code"])
        for row in read_tab_file("oe.area")
    }
    return values, areas


def series(areas, name, occupation, datatype):
    area_type, code = areas[name]
    return f"OEU{area_type}{code}000000{occupation}{datatype}"


def money(text, hourly):
    value = Decimal(text)
    return f"${value:,.2f} an hour" if hourly else f"${value:,.0f} a year"


def statistics_table(html, section):
    """{row heading: {column heading: cell text}} of the section's side-by-side table."""
    table = soup(html).select_one(f"#{section} table.place-statistics")
    return {
        row.th.get_text(strip=True): {
            cell["data-label"]: " ".join(cell.get_text().split()) for cell in row.select("td")
        }
        for row in table.select("tbody tr")
    }


def place_rows(html, section):
    """{place name: {column: text}} of the section's table of places, in page order."""
    table = soup(html).select_one(f"#{section} table.place-table")
    rows = {}
    for row in table.select("tbody tr"):
        rows[row.th.get_text(strip=True)] = {
            cell["data-label"]: " ".join(cell.get_text().split()) for cell in row.select("td")
        }
    return rows


def state_url(slug, state):
    return reverse("careers:pay-state", args=[slug, state])


@pytest.mark.parametrize("state", STATES)
def test_a_state_page_shows_the_extracts_figures_for_the_state_and_its_workers(
    client, db, extract, state
):
    values, areas = extract
    html = get_html(client, state_url(CSR_SLUG, STATES[state]))
    table = statistics_table(html, "state-and-nation")
    for heading, occupation, area in (
        (state, CSR, state),
        ("All workers in the state", ALL_OCCUPATIONS, state),
        ("United States", CSR, "National"),
    ):
        jobs = values[series(areas, area, occupation, "01")]
        assert table["Jobs"][heading] == f"{int(jobs):,}", (heading, "jobs")
        for label, (annual, hourly) in STATISTICS.items():
            expected = (
                f"{money(values[series(areas, area, occupation, annual)], False)}, "
                f"{money(values[series(areas, area, occupation, hourly)], True)}"
            )
            assert table[label][heading] == expected, (heading, label)


@pytest.mark.parametrize("metro", METROS)
def test_an_area_row_shows_the_extracts_figures(client, db, extract, metro):
    values, areas = extract
    html = get_html(client, state_url(CSR_SLUG, METROS[metro]))
    row = place_rows(html, "areas")[metro]

    def value(datatype):
        return values[series(areas, metro, CSR, datatype)]

    assert row["Jobs"] == f"{int(value('01')):,}"
    assert row["Median pay a year"] == money(value("13"), False).removesuffix(" a year")
    low, high = (money(value(d), False).removesuffix(" a year") for d in ("11", "15"))
    assert row["Most earn"] == f"{low} to {high}"


def test_an_area_that_crosses_a_state_line_is_listed_in_each_of_its_states(client, db):
    for state in ("new-york", "new-jersey"):
        rows = place_rows(get_html(client, state_url(CSR_SLUG, state)), "areas")
        assert "New York-Newark-Jersey City, NY-NJ" in rows, state


def test_every_state_is_in_the_table_the_map_and_the_sitemap(client, db):
    states = list(Area.objects.filter(area_type=Area.Type.STATE))
    assert len(states) == 54
    html = get_html(client, reverse("careers:pay", args=[CSR_SLUG]))
    assert set(place_rows(html, "states")) == {state.name for state in states}
    tiles = soup(html).select("#map svg a")
    assert {tile["href"] for tile in tiles} == {state_url(CSR_SLUG, state.slug) for state in states}
    assert all(tile.title.get_text().startswith(tile["aria-label"].split(":")[0]) for tile in tiles)
    sitemap = client.get(reverse("careers:sitemap")).content.decode()
    for slug in (CSR_SLUG, WAITERS_SLUG):
        for state in states:
            assert f"{state_url(slug, state.slug)}</loc>" in sitemap, (slug, state.slug)


@pytest.mark.same_on_every_database
def test_every_state_page_and_handout_answers_for_both_occupations(client, db):
    for slug in (CSR_SLUG, WAITERS_SLUG):
        for state in Area.objects.filter(area_type=Area.Type.STATE):
            url = state_url(slug, state.slug)
            assert client.get(url).status_code == 200, url
            handout = reverse("careers:pay-state-handout", args=[slug, state.slug])
            assert client.get(handout).status_code == 200, handout


def medians_in_order(html):
    return [row["Median pay a year"] for row in place_rows(html, "states").values()]


def as_number(text):
    return Decimal(text.lstrip("$").replace(",", ""))


def test_the_state_table_sorts_by_plain_links(client, db):
    url = reverse("careers:pay", args=[CSR_SLUG])
    html = get_html(client, url)
    names = list(place_rows(html, "states"))
    assert names == sorted(names)
    # The links sit above the table, so a phone (where the headings are hidden) has them too.
    links = {a.get_text(): a["href"] for a in soup(html).select("#states .sort-links a")}
    assert links == {
        "Jobs": f"{url}?sort=jobs#states",
        "Median pay": f"{url}?sort=median#states",
        "Median against all workers": f"{url}?sort=versus#states",
    }
    assert soup(html).select_one("#states .sort-links strong").get_text() == "State"

    by_median = get_html(client, f"{url}?sort=median")
    medians = [as_number(text) for text in medians_in_order(by_median)]
    assert medians == sorted(medians, reverse=True)
    assert next(iter(place_rows(by_median, "states"))) == "Washington"
    assert soup(by_median).select_one('#states th[aria-sort="descending"]').get_text() == (
        "Median pay a year"
    )

    by_jobs = place_rows(get_html(client, f"{url}?sort=jobs"), "states")
    jobs = [int(row["Jobs"].replace(",", "")) for row in by_jobs.values()]
    assert jobs == sorted(jobs, reverse=True)
    largest = max(
        place_rows(html, "states").items(), key=lambda r: int(r[1]["Jobs"].replace(",", ""))
    )
    assert next(iter(by_jobs)) == largest[0]

    # A made-up order is the default one, not an error.
    assert list(place_rows(get_html(client, f"{url}?sort=salary"), "states")) == names


def test_each_order_is_kept_in_the_page_cache_under_its_own_key(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    url = reverse("careers:pay", args=[CSR_SLUG])
    by_name = client.get(url)
    by_median = client.get(f"{url}?sort=median")
    again = client.get(f"{url}?sort=median")
    assert (by_name["X-Page-Cache"], by_median["X-Page-Cache"]) == ("miss", "miss")
    assert again["X-Page-Cache"] == "hit"
    assert medians_in_order(again.content.decode()) == medians_in_order(by_median.content.decode())
    assert medians_in_order(again.content.decode()) != medians_in_order(by_name.content.decode())
    # A made-up order shares the default's entry; a tracking parameter is answered early.
    assert client.get(f"{url}?sort=bogus")["X-Page-Cache"] == "hit"
    assert client.get(f"{url}?utm_source=mail")["X-Page-Cache"] == "hit"


def test_a_value_bls_did_not_release_reads_so_never_as_zero(client, db):
    estimate = (
        WageEstimate.objects.filter(
            soc_code="43-4051", area__area_type=Area.Type.METRO, markers__has_key="annual_median"
        )
        .select_related("area")
        .first()
    )
    assert estimate.markers["annual_median"] == Marker.NOT_RELEASED
    state = Area.objects.get(area_type=Area.Type.STATE, state_code=estimate.area.state_code)
    row = place_rows(get_html(client, state_url(CSR_SLUG, state.slug)), "areas")[estimate.area.name]
    assert row["Median pay a year"] == "not released by BLS"
    assert "$0" not in " ".join(row.values())


def test_a_top_coded_wage_reads_as_the_top_code_or_more(client, db):
    assert str(ReportedWage(None, Unit.USD_PER_HOUR, Marker.TOP_CODED)) == (
        "$115.00 an hour or more"
    )
    assert str(ReportedWage(None, Unit.USD_PER_YEAR, Marker.TOP_CODED)) == (
        "$239,200 a year or more"
    )
    # On a page: all workers' 90th percentile in New Jersey, marked as BLS marks a top code.
    estimate = WageEstimate.objects.get(
        soc_code=WageEstimate.ALL_OCCUPATIONS,
        area__slug="new-jersey",
        industry__code="000000",
    )
    estimate.annual_p90 = estimate.hourly_p90 = None
    estimate.markers = {"annual_p90": Marker.TOP_CODED, "hourly_p90": Marker.TOP_CODED}
    estimate.save()
    table = statistics_table(
        get_html(client, state_url(CSR_SLUG, "new-jersey")), "state-and-nation"
    )
    assert table["90th percentile"]["All workers in the state"] == (
        "$239,200 a year or more, $115.00 an hour or more"
    )


def test_the_top_code_is_the_one_bls_states_in_its_footnote():
    (footnote,) = [row for row in read_tab_file("oe.footnote") if row["footnote_code"] == "5"]
    assert "$115.00 per hour or $239,200 per year" in footnote["footnote_text"]


def test_an_area_with_no_estimate_for_the_occupation_is_listed_as_such(client, db):
    # BLS has no estimate for waiters and waitresses in Eagle Pass, TX.
    rows = place_rows(get_html(client, state_url(WAITERS_SLUG, "texas")), "areas")
    assert rows["Eagle Pass, TX"] == {
        "Estimate": "BLS published no estimate for waiters and waitresses here."
    }


def test_a_less_precise_estimate_is_flagged_with_its_error(client, db):
    rows = place_rows(get_html(client, reverse("careers:pay", args=[CSR_SLUG])), "states")
    # The Virgin Islands' job count has a relative standard error of 11.0%; Texas's 1.2%.
    assert rows["Virgin Islands"]["Precision"] == (
        "Less precise (RSE of jobs 11.0%, of the mean wage 1.8%)"
    )
    assert rows["Texas"]["Precision"] == "Usual"


def test_the_state_picker_sends_the_visitor_to_the_state_page(client, db):
    url = reverse("careers:pay-choose-state", args=[CSR_SLUG])
    response = client.get(url, {"state": "ohio"})
    assert response.status_code == 302
    assert response["Location"] == state_url(CSR_SLUG, "ohio")
    assert client.get(url, {"state": "narnia"}).status_code == 404
    response = client.get(url)
    assert response["Location"] == reverse("careers:pay", args=[CSR_SLUG]) + "#your-state"
    assert client.get(state_url(CSR_SLUG, "narnia")).status_code == 404


def test_the_profile_links_to_pay_by_state_and_has_the_picker(client, db):
    html = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    pay = soup(html).select_one("#pay")
    assert pay.select_one(f'a[href="{reverse("careers:pay", args=[CSR_SLUG])}"]')
    form = pay.select_one("form.state-picker")
    assert form["method"] == "get"
    assert form["action"] == reverse("careers:pay-choose-state", args=[CSR_SLUG])
    assert len(form.select("option[value]")) == 1 + 54
    quick_facts = soup(html).select_one(".headline-pay")
    assert quick_facts.select_one(f'a[href="{reverse("careers:pay", args=[CSR_SLUG])}"]')


def test_the_state_table_downloads_as_csv(client, db, extract):
    values, areas = extract
    response = client.get(reverse("careers:pay-csv", args=[CSR_SLUG]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 54
    texas = next(row for row in rows if row["state"] == "Texas")
    assert texas["annual_median"] == values[series(areas, "Texas", CSR, "13")]  # 40420
    assert texas["jobs"] == values[series(areas, "Texas", CSR, "01")]
    assert texas["series"] == series(areas, "Texas", CSR, "13")
    assert texas["release"] == "May 2025"


@pytest.mark.parametrize("section", ["states", "areas"])
def test_a_table_of_places_gives_its_release_and_age_once(client, db, section):
    """Under the table, one line says the release, its age and its source; the states' CSV
    link follows on its own, not after a second copy of that line."""
    path = reverse("careers:pay", args=[CSR_SLUG])
    if section == "areas":
        path = reverse("careers:pay-state", args=[CSR_SLUG, "ohio"])
    table = soup(get_html(client, path)).select_one(f"section#{section}")
    assert len(table.select(".figure-age")) == 1
    if section == "states":
        assert table.select_one("a[download]")["href"] == reverse(
            "careers:pay-csv", args=[CSR_SLUG]
        )


def test_the_pay_pages_reads_do_not_grow_with_the_number_of_areas(client, db):
    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    texas = state_url(CSR_SLUG, "texas")
    pay = reverse("careers:pay", args=[CSR_SLUG])
    before = count(texas), count(pay)
    release = WageEstimate.objects.first().release
    nation = WageEstimate.objects.get(
        soc_code="43-4051", area__code=Area.NATIONAL_CODE, industry__code="000000"
    )
    for number in range(30):
        area = Area.objects.create(
            code=f"99{number:05d}",
            area_type=Area.Type.METRO,
            state_code="48",
            name=f"Test area {number}, TX",
            slug=f"test-area-{number}",
        )
        WageEstimate.objects.create(
            release=release, soc_code="43-4051", area=area, industry=nation.industry
        )
    rows = place_rows(get_html(client, texas), "areas")
    assert "Test area 29, TX" in rows
    assert (count(texas), count(pay)) == before


def test_two_occupations_compare_in_a_state_beside_the_nation(client, db, extract):
    values, areas = extract
    url = reverse("careers:compare-state", args=[CSR_SLUG, WAITERS_SLUG, "texas"])
    html = get_html(client, url)
    table = statistics_table(html, "in-the-state")
    for heading, occupation, area in (
        ("Customer service representatives, Texas", CSR, "Texas"),
        ("Waiters and waitresses, Texas", "353031", "Texas"),
        ("Customer service representatives, the nation", CSR, "National"),
        ("Waiters and waitresses, the nation", "353031", "National"),
    ):
        annual, hourly = STATISTICS["Median"]
        assert table["Median"][heading] == (
            f"{money(values[series(areas, area, occupation, annual)], False)}, "
            f"{money(values[series(areas, area, occupation, hourly)], True)}"
        ), heading
    # One canonical order, whichever way round the page was asked for.
    reverse_url = reverse("careers:compare-state", args=[WAITERS_SLUG, CSR_SLUG, "texas"])
    canonical = soup(get_html(client, reverse_url)).select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith(url)
    assert (
        client.get(reverse("careers:compare-state", args=[CSR_SLUG, CSR_SLUG, "texas"])).status_code
        == 404
    )


def test_the_compare_page_and_a_state_page_lead_to_the_comparison_in_a_state(client, db):
    compare = get_html(client, reverse("careers:compare", args=[CSR_SLUG, WAITERS_SLUG]))
    form = soup(compare).select_one("#compare-in-a-state form")
    choose = reverse("careers:compare-choose-state", args=[CSR_SLUG, WAITERS_SLUG])
    assert form["action"] == choose
    response = client.get(choose, {"state": "ohio"})
    assert response["Location"] == reverse(
        "careers:compare-state", args=[CSR_SLUG, WAITERS_SLUG, "ohio"]
    )
    assert client.get(choose, {"state": "atlantis"}).status_code == 404
    state_page = get_html(client, state_url(CSR_SLUG, "ohio"))
    link = reverse("careers:compare-state", args=[CSR_SLUG, WAITERS_SLUG, "ohio"])
    assert soup(state_page).select_one(f'a[href="{link}"]')


@pytest.mark.parametrize("value", ["%00", "texas%00", "../texas", "x" * 300])
def test_a_state_choice_no_state_could_have_is_a_404_not_a_500(client, db, value):
    """PostgreSQL refuses a NUL in a query: the value is checked before it reaches one."""
    for url in (
        reverse("careers:pay-choose-state", args=[CSR_SLUG]),
        reverse("careers:compare-choose-state", args=[CSR_SLUG, WAITERS_SLUG]),
    ):
        assert client.get(f"{url}?state={value}").status_code == 404, url


def test_a_state_chosen_in_capitals_is_found(client, db):
    url = reverse("careers:pay-choose-state", args=[CSR_SLUG])
    assert client.get(url, {"state": "Mississippi"})["Location"] == state_url(
        CSR_SLUG, "mississippi"
    )


def test_the_sectors_are_naicss_and_their_shares_add_up(client, db):
    html = get_html(client, reverse("careers:pay", args=[CSR_SLUG]))
    sectors = soup(html).select("#industries table")[0]
    names = [row.th.get_text() for row in sectors.select("tbody tr")]
    assert "Retail Trade" in names
    assert not [name for name in names if name.startswith("Sector") or "OEWS" in name]
    shares = [row.select("td")[1].get_text() for row in sectors.select("tbody tr")]
    total = sum(Decimal(share.rstrip("%")) for share in shares if share[0].isdigit())
    assert Decimal("99") <= total <= Decimal("101"), total
    assert "0.0%" not in shares


def test_the_sector_table_says_why_its_leader_is_not_the_handbooks(client, db):
    """May 2025's sectors put finance and insurance first; the profile's handbook list (2024)
    puts retail trade first, with insurance carriers and related activities, one part of
    finance and insurance, second. A new user's trial found the two disagreeing with nothing
    to say why. The note holds for every occupation, so it names none of one's industries."""
    page = soup(get_html(client, reverse("careers:pay", args=[CSR_SLUG])))
    sectors = page.select("#industries table")[0]
    jobs = {
        row.th.get_text(): int(row.td.get_text().replace(",", ""))
        for row in sectors.select("tbody tr")
        if row.td.get_text()[0].isdigit()
    }
    assert max(jobs, key=jobs.get) == "Finance and Insurance"
    profile = get_html(client, reverse("careers:occupation", args=[CSR_SLUG]))
    assert "retail trade employed the most" in text_of(profile, "quick-facts", tag="div")
    for slug in (CSR_SLUG, WAITERS_SLUG):
        page = soup(get_html(client, reverse("careers:pay", args=[slug])))
        (note,) = [p for p in page.select("#industries p.note") if "largest employers" in folded(p)]
        assert "may name only part of a sector" in folded(note)
        assert "“Pay by sector” below counts whole sectors" in folded(note)
        assert note.a["href"] == reverse("careers:occupation", args=[slug]) + "#where-they-work"
        assert "retail" not in folded(note).lower()


def test_territories_and_the_district_read_as_places(client, db):
    html = get_html(client, state_url(CSR_SLUG, "district-of-columbia"))
    assert "the areas of the District of Columbia" in html
    guam = get_html(client, reverse("careers:pay-state-handout", args=[CSR_SLUG, "guam"]))
    assert "Jobs in Guam" in guam


def test_a_range_bls_held_back_reads_once(client, db):
    estimate = (
        WageEstimate.objects.filter(
            soc_code="43-4051",
            area__area_type=Area.Type.METRO,
            markers__has_key="annual_p10",
        )
        .select_related("area")
        .first()
    )
    assert estimate.marker("annual_p90") == Marker.NOT_RELEASED
    state = Area.objects.get(area_type=Area.Type.STATE, state_code=estimate.area.state_code)
    row = place_rows(get_html(client, state_url(CSR_SLUG, state.slug)), "areas")[estimate.area.name]
    assert row["Most earn"] == "not released by BLS"


@pytest.mark.parametrize("name", ["careers:pay-state", "careers:pay-state-handout"])
def test_a_place_that_takes_the_article_has_it_in_titles_and_headings(client, db, name):
    """“Pay in the Virgin Islands”, as the body text says, not “pay in Virgin Islands”."""
    page = soup(get_html(client, reverse(name, args=[CSR_SLUG, "virgin-islands"])))
    for text in (
        page.title.get_text(),
        folded(page.h1),
        page.select_one('meta[name="description"]')["content"],
    ):
        assert "in the Virgin Islands" in text, text
    compare = soup(
        get_html(
            client,
            reverse("careers:compare-state", args=[CSR_SLUG, WAITERS_SLUG, "district-of-columbia"]),
        )
    )
    assert "in the District of Columbia" in folded(compare.h1)


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        (
            "",
            "“Median against all workers there” (worked out by this site) compares two of "
            "BLS's medians.",
        ),
        (
            "/es",
            "El dato “Mediana frente a todos los trabajadores del lugar” (calculado por este "
            "sitio) compara dos medianas de BLS.",
        ),
    ],
)
def test_the_place_tables_say_in_a_whole_sentence_which_column_the_site_worked_out(
    client, db, prefix, sentence
):
    """The caption names the computed column, with its caveat beside it, in one sentence."""
    url = prefix + reverse("careers:pay", args=[CSR_SLUG])
    captions = soup(get_html(client, url)).select("table.place-table caption")
    assert captions
    for caption in captions:
        assert " ".join(caption.get_text().split()).endswith(sentence)


@pytest.mark.parametrize("page", ["careers:home", "careers:occupation"])
def test_pay_in_your_state_leads_to_a_page_that_asks_for_the_state_first(client, db, page):
    """On a phone the national table would fill the pay page's first screens: the headline's
    link leads to a page whose first section is the form that asks for the reader's state."""
    args = [] if page == "careers:home" else [CSR_SLUG]
    links = [
        link["href"]
        for link in soup(get_html(client, reverse(page, args=args))).select(".headline-pay a")
        if link.get_text(strip=True) == "Pay in your state"
    ]
    assert links
    pay = reverse("careers:pay", args=[CSR_SLUG])
    assert links[0] == pay
    first = soup(get_html(client, pay)).select_one("main section")
    assert first["id"] == "your-state"
    assert first.select_one("form.state-picker select[name=state]")


def cited_labels(html, element):
    """The labels of the references the markers inside `element` lead to."""
    listed = references(html)
    return [listed[ref][1] for ref, _ in markers(str(element))]


def test_each_pay_figure_cites_every_series_it_shows(client, db):
    """A median given yearly and hourly cites both series (datatypes 13 and 08); a column of
    a place's statistics, jobs, means and percentiles, cites all it shows; an industry table
    cites the industries' series, not the nation's all-industries one."""
    faq = get_html(client, reverse("careers:occupation-faq", args=[CSR_SLUG]))
    line = next(li for li in soup(faq).select(".faq-figures li") if "was $50,980" in folded(li))
    assert "($24.51 an hour)" in folded(line)
    assert cited_labels(faq, line) == [
        "BLS wage survey, May 2025, series OEUN000000000000000000013, …08"
    ]
    state = get_html(client, reverse("careers:pay-state", args=[CSR_SLUG, "texas"]))
    column = soup(state).select_one("table.place-statistics thead th:nth-of-type(2)")
    (label,) = cited_labels(state, column)
    assert label.startswith("BLS wage survey, May 2025, series OEUS480000000000043405101, …03")
    assert label.endswith("…14, …15")
    pay = get_html(client, reverse("careers:pay", args=[CSR_SLUG]))
    for caption in soup(pay).select("#industries caption, section caption"):
        if "sector" in folded(caption).lower():
            (label,) = cited_labels(pay, caption)
            assert "each industry's code + 434051 + datatypes 01 and 13" in label
            break
    else:
        raise AssertionError("no table of sectors on the pay page")


def test_a_state_page_sends_the_job_seeker_to_bls_pay_for_that_state(client, db):
    """ "Check BLS for current pay" beside a state's figures opens BLS's wage survey for that
    state (every occupation's pay there, this one's included); the national pay page opens
    the occupation's national pay."""
    url = reverse("careers:pay-state", args=[CSR_SLUG, "texas"])
    page = soup(get_html(client, url))
    links = {a["href"] for a in page.find_all("a") if folded(a) == "Check BLS for current pay"}
    assert links == {"https://www.bls.gov/oes/current/oes_tx.htm"}
    territory = soup(get_html(client, reverse("careers:pay-state", args=[CSR_SLUG, "puerto-rico"])))
    links = {a["href"] for a in territory.find_all("a") if folded(a) == "Check BLS for current pay"}
    assert links == {"https://www.bls.gov/oes/current/oes_pr.htm"}
    national = soup(get_html(client, reverse("careers:pay", args=[CSR_SLUG])))
    links = {a["href"] for a in national.find_all("a") if folded(a) == "Check BLS for current pay"}
    assert links == {"https://www.bls.gov/oes/current/oes434051.htm"}


def test_a_states_handout_and_page_cite_each_estimate_they_give(client, db):
    """The handout cited only the state's median for its range, the nation's median, all
    workers' median and the state's jobs, and the page's opening cited nothing. Series of
    two estimates in one reference are each written out, not abbreviated to the first's."""
    handout = get_html(client, reverse("careers:pay-state-handout", args=[CSR_SLUG, "texas"]))
    pay = soup(handout).select_one(".headline-facts")
    labels = " | ".join(cited_labels(handout, pay))
    for series in (
        "OEUS480000000000043405113, …08, …11, …15",  # the median and its range
        "OEUN000000000000043405113",  # the nation
        "OEUS480000000000000000013",  # all workers in Texas
        "OEUS480000000000043405101",  # the jobs
    ):
        assert series in labels, labels
    page = get_html(client, reverse("careers:pay-state", args=[CSR_SLUG, "texas"]))
    labels = " | ".join(cited_labels(page, soup(page).select_one("p.lede")))
    for series in (
        "OEUS480000000000043405113, …08",
        "OEUN000000000000043405113",
        "OEUS480000000000000000013",
    ):
        assert series in labels, labels


def test_check_bls_for_current_pay_opens_the_wage_surveys_page_for_the_occupation(client, db):
    """The handbook's entry quotes pay a year older than the wage survey's (May 2024 against
    the May 2025 the site leads with): a student who followed "current pay" there saw a lower,
    older figure. Pay links go to the survey's page for the occupation; the projection's
    still go to the handbook, which carries it."""
    handbook = "https://www.bls.gov/ooh/office-and-administrative-support/customer-service-representatives.htm"
    for url in (
        reverse("careers:occupation", args=[CSR_SLUG]),
        reverse("careers:occupation-faq", args=[CSR_SLUG]),
        reverse("careers:pay", args=[CSR_SLUG]),
        reverse("careers:home"),
    ):
        page = soup(get_html(client, url))
        pay = {a["href"] for a in page.find_all("a") if folded(a) == "Check BLS for current pay"}
        assert "https://www.bls.gov/oes/current/oes434051.htm" in pay, url
        assert handbook not in pay, url
    page = soup(get_html(client, reverse("careers:occupation", args=[CSR_SLUG])))
    outlook = {
        a["href"] for a in page.find_all("a") if folded(a) == "Check BLS for the current projection"
    }
    assert outlook == {handbook}


def test_a_state_pages_outlook_notes_say_they_are_national(client, db):
    """Under Texas's pay, "BLS expects less demand for them…" read as Texas's outlook; BLS
    projects only for the nation."""
    page = soup(get_html(client, reverse("careers:pay-state", args=[CSR_SLUG, "texas"])))
    notes = [folded(li) for li in page.select("ul.headline-notes > li")]
    assert notes
    assert all(note.startswith("Nationally: ") for note in notes), notes


@pytest.mark.parametrize(("state", "crossing"), [("ohio", True), ("puerto-rico", False)])
def test_a_state_handout_explains_areas_across_state_lines_only_where_it_lists_one(
    client, db, state, crossing
):
    """Ohio's largest area, Cincinnati, OH-KY-IN, counts its Kentucky and Indiana jobs too, and
    the handout says why. Puerto Rico's printed the same note, though none of its areas
    crosses a state line (a new user's trial): on one page of paper it only raised a doubt."""
    handout = get_html(client, reverse("careers:pay-state-handout", args=[CSR_SLUG, state]))
    areas = text_of(handout, "handout-areas")
    assert ("OH-KY-IN" in areas) == crossing
    assert ("An area that crosses a state line" in areas) == crossing


def test_an_area_crosses_a_state_line_when_its_name_lists_two_states():
    assert Area(name="Cincinnati, OH-KY-IN", area_type=Area.Type.METRO).crosses_state_line
    assert not Area(
        name="San Juan-Bayamon-Caguas, PR", area_type=Area.Type.METRO
    ).crosses_state_line
    assert not Area(
        name="Puerto Rico nonmetropolitan area", area_type=Area.Type.METRO
    ).crosses_state_line
    assert not Area(name="Ohio", area_type=Area.Type.STATE).crosses_state_line


def test_a_state_page_answers_will_there_be_jobs_and_how_to_get_in_before_its_tables(client, db):
    """A job seeker sent to Ohio's page found the pay, then the nation's outlook only about
    6,400 px down a phone's page, and the way in nowhere (a new user's trial). Both now come
    right after the pay, before the tables, each with its figures and citations."""
    html = get_html(client, state_url(CSR_SLUG, "ohio"))
    ids = [section["id"] for section in soup(html).select("main section[id]")]
    assert ids.index("outlook") < ids.index("how-to-get-in") < ids.index("state-and-nation")
    outlook = text_of(html, "outlook")
    assert "a decline of 5 percent" in outlook
    assert "341,700 openings a year" in outlook
    way_in = text_of(html, "how-to-get-in")
    assert "High school diploma or equivalent" in way_in
    assert "2 to 4 weeks" in way_in
    assert markers(html, "#how-to-get-in")
    link = soup(html).select_one("#how-to-get-in a[href$='#how-to-become-one']")
    assert link["href"] == f"/occupations/{CSR_SLUG}/#how-to-become-one"


@pytest.mark.parametrize(("state", "crossing"), [("ohio", True), ("puerto-rico", False)])
def test_a_state_page_explains_areas_across_state_lines_only_where_it_lists_one(
    client, db, state, crossing
):
    """As its handout does: Puerto Rico's page said an area across a state line is listed in
    each of its states, though none of its areas crosses one (a review)."""
    areas = text_of(get_html(client, state_url(CSR_SLUG, state)), "areas")
    assert ("OH-KY-IN" in areas) == crossing
    assert ("An area that crosses a state line" in areas) == crossing
