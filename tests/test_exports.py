"""An occupation's figures as CSV and its profile as JSON, linked from the profile."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from careers.api.exports import CSV_COLUMNS, spreadsheet_safe
from occupations.models import Figure

from .factories import FigureFactory, OccupationFactory, SourceFactory, annual_wage, growth
from .pages import soup

pytestmark = pytest.mark.django_db


def csv_url(occupation):
    return reverse("careers:occupation-csv", args=[occupation.slug])


def json_url(occupation):
    return reverse("careers:occupation-json", args=[occupation.slug])


def read_csv(client, occupation):
    response = client.get(csv_url(occupation))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel looks for
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def expected_row(figure):
    citations = figure.citations()
    return {
        "figure": figure.slug,
        "value": "" if figure.value is None else str(figure.value),
        "unit": figure.get_unit_display(),
        "period": figure.period_label,
        "period_start": str(figure.period_start_year or ""),
        "comparison": figure.comparison,
        "citation": "; ".join(citation.label for citation in citations),
    }


def test_one_row_per_figure_matching_the_database(client, csr):
    rows = read_csv(client, csr)
    figures = Figure.objects.filter(occupation=csr)
    assert len(rows) == figures.count()
    by_slug = {row["figure"]: row for row in rows}
    for figure in figures:
        row = by_slug[figure.slug]
        assert {key: row[key] for key in expected_row(figure)} == expected_row(figure)


def test_rows_follow_an_edit(client):
    figure = annual_wage(OccupationFactory(), "34710", 2020, month=5)
    assert read_csv(client, figure.occupation)[0]["value"] == "34710.00"
    figure.value = Decimal("36000")
    figure.period_start_year = figure.period_end_year = 2021
    figure.save()
    [row] = read_csv(client, figure.occupation)
    assert row["value"] == "36000.00"
    assert row["period"] == "May 2021"
    assert row["text"] == "$36,000 a year"


def test_en_dashes_and_two_passages_survive(client):
    occupation = OccupationFactory()
    second = SourceFactory(short_title="Other source")
    growth(
        occupation,
        "2",
        2019,
        2029,
        source_line=48,
        source_line_end=49,
        second_source=second,
        second_line=7,
    )
    [row] = read_csv(client, occupation)
    assert row["period"] == "2019–2029"
    assert row["lines"] == "48–49; 7"
    assert row["citation"].endswith("; Other source, line 7")
    assert row["source"].endswith(f"; {second.title}")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("-4.50", "-4.50"),  # a plain negative number stays a number
        ("faster than average", "faster than average"),
        (None, ""),
        (Decimal("-12.00"), "-12.00"),
    ],
)
def test_formula_like_cells_are_escaped(cell, expected):
    assert spreadsheet_safe(cell) == expected


def test_a_formula_in_the_data_is_escaped_in_the_file(client):
    figure = FigureFactory(
        measure=Figure.Measure.EMPLOYMENT_GROWTH,
        value=None,
        comparison="=cmd|'/c calc'!A1",
        note="@SUM(1+1)",
    )
    [row] = read_csv(client, figure.occupation)
    assert row["comparison"] == "'=cmd|'/c calc'!A1"
    assert row["note"] == "'@SUM(1+1)"


def test_json_export_is_the_api_detail(client, csr):
    exported = client.get(json_url(csr))
    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("application/json")
    api = client.get(reverse("api:occupation", args=[csr.slug]))
    assert exported.json() == api.json()


def test_the_profile_links_to_both_exports(client, csr):
    page = soup(client.get(csr.get_absolute_url()).content.decode())
    assert page.find("a", href=csv_url(csr))
    assert page.find("a", href=json_url(csr))


def test_unknown_and_unpublished_occupations_are_404(client):
    hidden = OccupationFactory(is_published=False)
    for url in (csv_url(hidden), json_url(hidden)):
        assert client.get(url).status_code == 404
    missing = OccupationFactory.build(slug="no-such-job")
    assert client.get(csv_url(missing)).status_code == 404


@pytest.mark.services
def test_a_cached_csv_keeps_its_file_name(client, redis_cache, csr):
    first = client.get(csv_url(csr))
    second = client.get(csv_url(csr))
    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Disposition"].endswith(f'filename="{csr.slug}.csv"')
    assert second["Content-Type"] == "text/csv; charset=utf-8"
    assert second.content == first.content
