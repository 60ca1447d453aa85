"""The OEWS files: the lookups, then the data file, read as one release and checked.

Only the cells the site shows are kept: its own occupations (by SOC code) and all
occupations, in every area and industry, and the nation's all-industry cells of the similar
occupations a profile lists with a code of their own. Memory grows with those cells, not with the
file, so BLS's full data file (six million rows) reads in the same bounded space.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from ..formatting import Unit, format_amount
from ..measures import HIGHEST_WAGE, LOWEST_WAGE
from .flatfiles import BlsFileError, lookup, rows
from .models import DATATYPE_FIELDS, Marker, WageEstimate

# OEU, area type (1), area (7), industry (6), occupation (6), datatype (2): 25 characters.
SERIES_ID = re.compile(r"OEU([NSM])(\d{7})([0-9A-Z-]{6})(\d{6})(\d{2})")
ALL_OCCUPATIONS = "000000"
ALL_INDUSTRIES = "000000"
NOT_RELEASED, TOP_CODED = "8", "5"
DASH = "-"  # BLS's one non-numeric value; its footnote says what it means
WAGE_UNITS = {"hourly": Unit.USD_PER_HOUR, "annual": Unit.USD_PER_YEAR}  # by field name

LOOKUP_FILES = (
    "oe.area",
    "oe.industry",
    "oe.occupation",
    "oe.datatype",
    "oe.footnote",
    "oe.release",
)


@dataclass
class Cell:
    """One area x industry x occupation: its values and markers by field, and their lines."""

    area_code: str
    industry_code: str
    soc_code: str
    values: dict = field(default_factory=dict)
    markers: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)


@dataclass
class OewsRelease:
    code: str
    label: str
    year: int
    month: int | None
    areas: dict  # code: row of oe.area
    industries: dict  # code: row of oe.industry
    cells: dict  # (area, industry, SOC code): Cell
    rows_read: int = 0
    rows_kept: int = 0


def soc_digits(soc_code):
    """43-4051 as BLS's series ids write it: 434051."""
    return soc_code.replace("-", "")


def soc_code(digits):
    return f"{digits[:2]}-{digits[2:]}"


def read_release(files, site_soc_codes, national_soc_codes=()):
    """Read the OEWS files (a dict of name to path: the lookups and one or more data files):
    every cell of `site_soc_codes`, and the nation's all-industry cell of `national_soc_codes`
    (the similar occupations a profile compares pay with)."""
    missing = [name for name in LOOKUP_FILES if name not in files]
    if missing:
        raise BlsFileError(files["data"][0], None, f"needs {', '.join(missing)} beside it")
    areas = lookup(files["oe.area"], "area_code", ["areatype_code", "area_name", "state_code"])
    industries = lookup(files["oe.industry"], "industry_code", ["industry_name", "display_level"])
    occupations = lookup(files["oe.occupation"], "occupation_code", ["occupation_name"])
    datatypes = lookup(files["oe.datatype"], "datatype_code", ["datatype_name"])
    footnotes = lookup(files["oe.footnote"], "footnote_code", ["footnote_text"])
    releases = lookup(files["oe.release"], "release_date", ["description"])
    keep = {ALL_OCCUPATIONS, *(soc_digits(code) for code in site_soc_codes)}
    nation_only = {soc_digits(code) for code in national_soc_codes} - keep
    release = None
    cells = {}
    read = kept = 0
    for path in files["data"]:
        for number, row in rows(path, ["series_id", "year", "period", "value", "footnote_codes"]):
            read += 1
            match = SERIES_ID.fullmatch(row["series_id"])
            if match is None:
                raise BlsFileError(
                    path,
                    number,
                    f"series id {row['series_id']!r} is not an OEWS series id "
                    "(OEU, area type, 7-digit area, 6-character industry, 6-digit occupation, "
                    "2-digit datatype)",
                )
            this_release = row["year"] + row["period"]
            if release is None:
                if this_release not in releases:
                    raise BlsFileError(
                        path,
                        number,
                        f"release {this_release} is not in oe.release "
                        f"(which lists {', '.join(releases)})",
                    )
                release = (this_release, path, number)
            elif this_release != release[0]:
                raise BlsFileError(
                    path,
                    number,
                    f"this row is from release {this_release}, but line "
                    f"{release[2]} of {release[1].name} is from {release[0]}: one release at "
                    "a time",
                )
            area_type, area, industry, occupation, datatype = match.groups()
            if occupation not in keep and not (
                occupation in nation_only and area_type == "N" and industry == ALL_INDUSTRIES
            ):
                continue
            kept += 1
            _check_codes(path, number, match, areas, industries, occupations, datatypes)
            codes = _footnote_codes(path, number, row["footnote_codes"], footnotes)
            key = (area, industry, soc_code(occupation))
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = Cell(*key)
            name = DATATYPE_FIELDS[datatype]
            if name in cell.lines:
                raise BlsFileError(
                    path, number, f"series {row['series_id']} repeats line {cell.lines[name]}"
                )
            cell.lines[name] = number
            value, marker = _value(path, number, row["value"], codes)
            if value is not None:
                _check_fits(path, number, row["value"], name, value)
            cell.values[name] = value
            if marker:
                cell.markers[name] = marker
    if release is None:
        raise BlsFileError(files["data"][0], None, "holds no estimates")
    code = release[0]
    label = releases[code]["description"]
    year, month = _period(files["oe.release"], code, label)
    return OewsRelease(code, label, year, month, areas, industries, cells, read, kept)


def _check_codes(path, number, match, areas, industries, occupations, datatypes):
    area_type, area, industry, occupation, datatype = match.groups()
    if area not in areas:
        raise BlsFileError(path, number, f"area {area} is not in oe.area")
    if areas[area]["areatype_code"] != area_type:
        raise BlsFileError(
            path,
            number,
            f"area {area} is type {areas[area]['areatype_code']} in oe.area, "
            f"but the series id says {area_type}",
        )
    if industry not in industries:
        raise BlsFileError(path, number, f"industry {industry} is not in oe.industry")
    if occupation not in occupations:
        raise BlsFileError(path, number, f"occupation {occupation} is not in oe.occupation")
    if datatype not in datatypes or datatype not in DATATYPE_FIELDS:
        raise BlsFileError(
            path,
            number,
            f"datatype {datatype} is unknown (oe.datatype and the site know "
            f"{', '.join(sorted(set(datatypes) & set(DATATYPE_FIELDS)))})",
        )


def _footnote_codes(path, number, text, footnotes):
    codes = [code for code in re.split(r"[,\s]+", text) if code]
    for code in codes:
        if code not in footnotes:
            raise BlsFileError(path, number, f"footnote {code} is not in oe.footnote")
    return codes


def _value(path, number, text, codes):
    """The value and its marker. A dash is a value BLS kept back: footnote 8 says it was not
    released, footnote 5 that it is at or above the top code; it is never a zero."""
    if text == DASH:
        if NOT_RELEASED in codes:
            return None, Marker.NOT_RELEASED.value
        if TOP_CODED in codes:
            return None, Marker.TOP_CODED.value
        raise BlsFileError(path, number, "the value is “-” with neither footnote 8 nor 5")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise BlsFileError(
            path, number, f"value {text!r} is neither a number nor BLS's “-”"
        ) from None
    if not value.is_finite() or value < 0:
        raise BlsFileError(path, number, f"value {text!r} is not a count or an amount")
    return value, Marker.TOP_CODED.value if TOP_CODED in codes else ""


def _check_fits(path, number, text, name, value):
    """A value the database can keep, and no wage outside the figures' own typo guards
    (occupations/measures.py): a damaged file would otherwise lead the profile with it."""
    try:
        WageEstimate._meta.get_field(name).run_validators(value)
    except ValidationError as error:
        raise BlsFileError(path, number, f"value {text!r}: {' '.join(error.messages)}") from None
    unit = WAGE_UNITS.get(name.partition("_")[0])
    if unit is not None and value > HIGHEST_WAGE[unit]:
        raise BlsFileError(
            path,
            number,
            f"value {text!r} is above {format_amount(HIGHEST_WAGE[unit], unit)}, more than "
            "any wage BLS publishes",
        )
    if unit is not None and value < LOWEST_WAGE[unit]:
        raise BlsFileError(
            path,
            number,
            f"value {text!r} is below {format_amount(LOWEST_WAGE[unit], unit)}, less than "
            "any wage BLS publishes",
        )


def _period(path, code, label):
    """May 2025 for 2025A01: the month from BLS's own description of the release."""
    try:
        when = datetime.strptime(label, "%B %Y")
    except ValueError:
        raise BlsFileError(
            path, None, f"release {code} is described as {label!r}, not as a month and year"
        ) from None
    if str(when.year) != code[:4]:
        raise BlsFileError(path, None, f"release {code} is described as {label!r}")
    return when.year, when.month
