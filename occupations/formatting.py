"""How amounts and periods read on the site, written once.

An Amount prints itself (“around $35,000 a year”), and a Period labels and sorts
itself (“May 2020”, “2019–2029”), so the models, the pay arithmetic and the views
never build these strings themselves.
"""

import calendar
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

HOURS_PER_YEAR = 2080  # 40 hours x 52 weeks: the usual full-time conversion.
HOURS_PER_YEAR_TEXT = f"{HOURS_PER_YEAR:,}"
MONTH_NAMES = tuple(calendar.month_name[1:])


class Unit(models.TextChoices):
    USD_PER_HOUR = "usd_hour", "US dollars per hour"
    USD_PER_YEAR = "usd_year", "US dollars per year"
    PERCENT = "percent", "Percent"
    JOBS = "jobs", "Jobs"


def format_amount(value, unit):
    if unit == Unit.USD_PER_HOUR:
        return f"${value.quantize(Decimal('0.01'), ROUND_HALF_UP):,} an hour"
    if unit == Unit.USD_PER_YEAR:
        return f"${value.quantize(Decimal('1'), ROUND_HALF_UP):,} a year"
    # A true minus sign: a hyphen reads as a dash, and a decline must not be missed.
    if unit == Unit.PERCENT:
        if value < 0:
            return f"−{abs(value).normalize():f} percent, a decline"
        return f"{value.normalize():f} percent"
    jobs = f"{abs(value).quantize(Decimal('1'), ROUND_HALF_UP):,} jobs"
    return f"−{jobs}" if value < 0 else jobs


def signed_percent(value):
    """A derived change: “+18.3 percent”, “-4.0 percent”."""
    return f"{value:+.1f} percent"


@dataclass(frozen=True)
class Amount:
    """A number in a unit. `derived` marks one the site computed (a page labels it so);
    `figure` is the sourced figure it is, or is derived from. A template writes it as
    {{ amount }}, which is str(amount)."""

    value: Decimal
    unit: str
    approximate: bool = False
    derived: bool = False
    figure: object = None

    def __str__(self):
        prefix = "around " if self.approximate else ""
        return prefix + format_amount(self.value, self.unit)

    @property
    def number(self):
        """The amount without its unit words: “$31,750” of “$31,750 a year”, “341,700” of
        “341,700 jobs”, “−5 percent” of “−5 percent, a decline”."""
        written = format_amount(self.value, self.unit)
        for words in (" a year", " an hour", " jobs", ", a decline"):
            written = written.removesuffix(words)
        return written

    def times(self, factor, **changes):
        """This amount multiplied by `factor`: derived by the site."""
        return replace(self, value=self.value * factor, derived=True, **changes)

    def in_unit(self, unit):
        """This wage in `unit`, derived at HOURS_PER_YEAR when it is the other wage unit;
        None when there is no such conversion."""
        if self.unit == unit:
            return self
        if (self.unit, unit) == (Unit.USD_PER_HOUR, Unit.USD_PER_YEAR):
            value = self.value * HOURS_PER_YEAR
        elif (self.unit, unit) == (Unit.USD_PER_YEAR, Unit.USD_PER_HOUR):
            value = self.value / HOURS_PER_YEAR
        else:
            return None
        return replace(self, value=value, unit=unit, derived=True)


@dataclass(frozen=True)
class Period:
    """The time a figure describes: years start to end, and a month for a one-month figure.

    An undated claim has no years at all; it labels itself so and sorts before
    every dated period.
    """

    start: int | None = None
    end: int | None = None
    month: int | None = None

    @property
    def is_dated(self):
        return self.end is not None

    @property
    def sort_key(self):
        """Later periods are newer; a month within a year is more precise than the year."""
        if not self.is_dated:
            return (0, 0)
        return (self.end, self.month or 12)

    @property
    def label(self):
        if not self.is_dated:
            return "no period given"
        if self.month:
            return f"{MONTH_NAMES[self.month - 1]} {self.end}"
        if self.start == self.end:
            return str(self.end)
        return f"{self.start}–{self.end}"

    @property
    def as_of(self):
        """The last day the figure describes, for counting its age: the end of its month,
        or of its first year for a projection (a projection is as old as its base year)."""
        if not self.is_dated:
            return None
        if self.month:
            return date(self.end, self.month, calendar.monthrange(self.end, self.month)[1])
        return date(self.start, 12, 31)

    def age_on(self, today):
        """“more than six years ago”, “about a year and a half ago”: whole years from as_of
        to `today` (half years under two), never rounded up, so a figure never reads newer
        than it is. “About” only in the month after the half year is reached."""
        if not self.is_dated:
            return ""
        months = whole_months(self.as_of, today)
        if months < 12:
            return "less than a year ago"
        if months < 18:
            return "more than a year ago"
        if months < 24:
            return f"{'about' if months == 18 else 'more than'} a year and a half ago"
        years = months // 12
        return f"more than {number_in_words(years)} years ago"

    def __str__(self):
        return self.label


def whole_months(start, end):
    """Whole months from `start` to `end`, never rounded up: a month is counted once its day
    comes round (or the month ends before it does)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day and end.day < calendar.monthrange(end.year, end.month)[1])


NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)


def number_in_words(number):
    """Small counts in words, as in running text; larger ones in figures."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else f"{number:,}"
