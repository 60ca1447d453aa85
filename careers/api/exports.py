"""An occupation's data as files: its figures as CSV, its whole profile as JSON.

Both are public pages like the others (cached by content version, with an ETag).
The JSON is the API's detail answer, so the two never drift apart.
"""

import csv
import re

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from careers.edge.decorators import safe_methods_only
from careers.pagecache.decorators import cached_public_page
from occupations import area_pay, selectors
from occupations.citations import SERIES_PREFIX

from .endpoints import occupation_detail
from .schemas import OccupationDetailOut

CSV_COLUMNS = (
    "occupation",
    "figure",
    "measure",
    "value",
    "unit",
    "text",
    "approximate",
    "period_start",
    "period_end",
    "period_month",
    "period",
    "comparison",
    "note",
    "source",
    "lines",
    "citation",
)
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list, with
# the tab and carriage return that some programs skip before looking).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A plain number such as -4.5 is not a formula: it stays a number.
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_safe(value):
    """The cell's text; one that a spreadsheet would run as a formula gets a leading '."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def figure_row(figure):
    period = figure.period
    citations = figure.citations()
    return (
        figure.occupation.slug,
        figure.slug,
        figure.get_measure_display(),
        figure.value,
        figure.get_unit_display(),
        figure.display_value,
        "yes" if figure.is_approximate else "no",
        period.start,
        period.end,
        period.month,
        period.label,
        figure.comparison,
        figure.note,
        "; ".join(citation.source.title for citation in citations),
        "; ".join(_lines(citation) for citation in citations),
        "; ".join(citation.label for citation in citations),
    )


def _lines(citation):
    lines = () if citation.shows_section else citation.lines
    if not lines:
        return ""
    return str(lines[0]) if len(lines) == 1 else f"{lines[0]}–{lines[-1]}"


@safe_methods_only
@cached_public_page
def occupation_csv(request, slug):
    occupation = get_object_or_404(selectors.published_occupations(), slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{occupation.slug}.csv"'
    # The byte-order mark tells Excel the file is UTF-8, so en dashes and curly quotes survive.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for figure in selectors.figures_of(occupation):
        writer.writerow([spreadsheet_safe(cell) for cell in figure_row(figure)])
    return response


STATE_CSV_COLUMNS = (
    "state",
    "state_code",
    "release",
    "jobs",
    "annual_p10",
    "annual_median",
    "annual_p90",
    "hourly_median",
    "all_workers_annual_median",
    "median_vs_all_workers_percent",
    "less_precise",
    "series",
)


@safe_methods_only
@cached_public_page
def pay_csv(request, slug):
    """The pay page's table of states as CSV: one row per state and territory. A value BLS
    did not release is the words "not released by BLS", never an empty cell or a zero."""
    occupation = get_object_or_404(selectors.published_occupations(), slug=slug)
    pay = area_pay.pay_by_place(occupation)
    if pay is None:
        raise Http404("No BLS wage survey release is on file yet.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{occupation.slug}-pay-by-state.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(STATE_CSV_COLUMNS)
    for row in pay.states:
        writer.writerow([spreadsheet_safe(cell) for cell in _state_row(pay.release, row)])
    return response


def _state_row(release, row):
    """Numbers as plain numbers (33290, 29920.00), so a spreadsheet can sum and sort them; a
    value BLS held back is its words, never an empty cell or a zero."""
    own = row.own
    versus = row.versus
    place = (row.area.name, row.area.state_code, release.label)
    if own is None:
        return (*place, *["no estimate from BLS"] * 8, "")
    everyone = row.all_workers
    return (
        *place,
        _plain(own.jobs.value),
        _plain(own.p10.annual),
        _plain(own.median.annual),
        _plain(own.p90.annual),
        _plain(own.median.hourly),
        _plain(everyone.median.annual) if everyone else "no estimate from BLS",
        "" if versus is None else f"{versus:.1f}",
        "yes" if own.less_precise else "no",
        own.citations()[0].section.removeprefix(SERIES_PREFIX),
    )


def _plain(value):
    """A count or a ReportedWage as a plain number; a held-back wage in words ("239200 or
    more" for BLS's top code, "not released by BLS")."""
    if isinstance(value, area_pay.ReportedWage):
        if value.marker == area_pay.Marker.TOP_CODED:
            return f"{value.sort_value} or more"
        value = value.value
    if value is None:
        return str(area_pay.NOT_RELEASED_TEXT)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


@safe_methods_only
@cached_public_page
def occupation_json(request, slug):
    data = OccupationDetailOut.from_orm(occupation_detail(slug)).model_dump(mode="json")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{slug}.json"'
    return response
