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
from django.utils import formats
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext

HOURS_PER_YEAR = 2080  # 40 hours x 52 weeks: the usual full-time conversion.
HOURS_PER_YEAR_TEXT = f"{HOURS_PER_YEAR:,}"
MONTH_NAMES = tuple(calendar.month_name[1:])


class Unit(models.TextChoices):
    USD_PER_HOUR = "usd_hour", gettext_lazy("US dollars per hour")
    USD_PER_YEAR = "usd_year", gettext_lazy("US dollars per year")
    PERCENT = "percent", gettext_lazy("Percent")
    JOBS = "jobs", gettext_lazy("Jobs")
    # Openings are counted apart from jobs: 341,700 openings a year are not 341,700 jobs.
    OPENINGS = "openings", gettext_lazy("Openings")


# Numbers keep the U.S. separators in both languages: the figures are U.S. dollars and counts,
# and a reader in the United States expects “$44,770” on a Spanish page too.


def format_number(value, unit):
    """The amount without its unit words: “$44,770”, “$21.53”, “−5 percent”, “341,700”."""
    if unit == Unit.USD_PER_HOUR:
        return f"${value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    if unit == Unit.USD_PER_YEAR:
        return f"${value.quantize(Decimal('1'), ROUND_HALF_UP):,}"
    # A true minus sign: a hyphen reads as a dash, and a decline must not be missed.
    if unit == Unit.PERCENT:
        number = f"{abs(value).normalize():f}"
        written = gettext("%(number)s percent") % {"number": number}
        return f"−{written}" if value < 0 else written
    count = f"{abs(value).quantize(Decimal('1'), ROUND_HALF_UP):,}"
    return f"−{count}" if value < 0 else count


def format_amount(value, unit):
    """The amount with its unit words: “$44,770 a year”, “−5 percent, a decline”."""
    number = format_number(value, unit)
    if unit == Unit.USD_PER_HOUR:
        return gettext("%(amount)s an hour") % {"amount": number}
    if unit == Unit.USD_PER_YEAR:
        return gettext("%(amount)s a year") % {"amount": number}
    if unit == Unit.PERCENT:
        return gettext("%(change)s, a decline") % {"change": number} if value < 0 else number
    count = int(abs(value).quantize(Decimal("1"), ROUND_HALF_UP))
    if unit == Unit.OPENINGS:
        return ngettext("%(count)s opening", "%(count)s openings", count) % {"count": number}
    return ngettext("%(count)s job", "%(count)s jobs", count) % {"count": number}


def signed_percent(value):
    """A derived change: “+18.3 percent”, “-4.0 percent”."""
    return gettext("%(number)s percent") % {"number": f"{value:+.1f}"}


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
        written = format_amount(self.shown_value, self.unit)
        return gettext("around %(amount)s") % {"amount": written} if self.approximate else written

    @property
    def number(self):
        """The amount without its unit words: “$31,750” of “$31,750 a year”, “341,700” of
        “341,700 jobs”, “−5 percent” of “−5 percent, a decline”."""
        return format_number(self.shown_value, self.unit)

    @property
    def shown_value(self):
        """The value as written. A yearly wage the site worked out is rounded to the nearest
        $10, as BLS rounds its own: $20.59 an hour makes BLS's $42,830 a year, not $42,827,
        whose last digits no source vouches for. Sums and changes use the exact value."""
        if self.derived and self.unit == Unit.USD_PER_YEAR:
            return (self.value / 10).quantize(Decimal("1"), ROUND_HALF_UP) * 10
        return self.value

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
    def is_projection(self):
        """Years start to end, as BLS projects employment (2024–2034): dated by its base year."""
        return self.is_dated and self.start != self.end

    @property
    def sort_key(self):
        """Later periods are newer; a month within a year is more precise than the year."""
        if not self.is_dated:
            return (0, 0)
        return (self.end, self.month or 12)

    @property
    def label(self):
        if not self.is_dated:
            return gettext("no period given")
        if self.month:
            return month_label(self.end, self.month)
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
            return gettext("less than a year ago")
        if months < 18:
            return gettext("more than a year ago")
        if months == 18:
            return gettext("about a year and a half ago")
        if months < 24:
            return gettext("more than a year and a half ago")
        years = number_in_words(months // 12)
        return gettext("more than %(years)s years ago") % {"years": years}

    def __str__(self):
        return self.label


def whole_months(start, end):
    """Whole months from `start` to `end`, never rounded up: a month is counted once its day
    comes round (or the month ends before it does)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (end.day < start.day and end.day < calendar.monthrange(end.year, end.month)[1])


NUMBER_WORDS = (
    gettext_noop("zero"),
    gettext_noop("one"),
    gettext_noop("two"),
    gettext_noop("three"),
    gettext_noop("four"),
    gettext_noop("five"),
    gettext_noop("six"),
    gettext_noop("seven"),
    gettext_noop("eight"),
    gettext_noop("nine"),
    gettext_noop("ten"),
    gettext_noop("eleven"),
    gettext_noop("twelve"),
    gettext_noop("thirteen"),
    gettext_noop("fourteen"),
    gettext_noop("fifteen"),
    gettext_noop("sixteen"),
    gettext_noop("seventeen"),
    gettext_noop("eighteen"),
    gettext_noop("nineteen"),
    gettext_noop("twenty"),
)


def number_in_words(number):
    """Small counts in words, as in running text; larger ones in figures."""
    if 0 <= number < len(NUMBER_WORDS):
        return gettext(NUMBER_WORDS[number])
    return f"{number:,}"


def month_label(year, month):
    """“May 2025”, “mayo de 2025”: Django's own month-and-year format for the language. A
    month or year out of range (on a record its own checks are about to refuse) reads as
    typed, “13/2020”, so the page that says what is wrong can still name the record."""
    try:
        return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")
    except ValueError:
        return f"{month}/{year}"
