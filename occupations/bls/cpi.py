"""The CPI-U file (cu.data.*): the one series the site restates pay with."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .flatfiles import BlsFileError, rows

# CPI for All Urban Consumers, U.S. city average, all items, not seasonally adjusted.
SERIES = "CUUR0000SA0"
ANNUAL_AVERAGE = "M13"


@dataclass(frozen=True)
class IndexValue:
    year: int
    month: int | None  # None for the annual average
    value: Decimal
    line: int


def read_cpi(path):
    """The series' monthly values and annual averages; other series and periods are skipped."""
    found = {}
    for number, row in rows(path, ["series_id", "year", "period", "value"]):
        if row["series_id"] != SERIES:
            continue
        period = row["period"]
        if not (len(period) == 3 and period[0] == "M" and period[1:].isdigit()):
            continue  # semiannual averages (S01, S02)
        month = int(period[1:])
        if not 1 <= month <= 13 or not row["year"].isdigit():
            raise BlsFileError(path, number, f"period {row['year']} {period} is not a month")
        try:
            value = Decimal(row["value"])
        except InvalidOperation:
            raise BlsFileError(path, number, f"value {row['value']!r} is not a number") from None
        if value <= 0:
            raise BlsFileError(path, number, f"value {row['value']} is not above zero")
        key = (int(row["year"]), None if period == ANNUAL_AVERAGE else month)
        if key in found:
            raise BlsFileError(
                path, number, f"{SERIES} {row['year']} {period} repeats line {found[key].line}"
            )
        found[key] = IndexValue(*key, value, number)
    return list(found.values())
