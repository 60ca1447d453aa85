"""What a figure can measure, and the rules a figure must keep, each written once.

Measure lists what a figure can measure; MEASURES gives each measure's Definition: its
unit and which part of the profile it belongs to. The unit follows from the measure, so
nobody picks it. RULES lists
each rule once (the field it belongs to, its message, and the condition a valid
figure meets); Figure builds its database constraints and its clean() from it.

A later measure (wage percentiles, annual openings) is one more Measure and one more
MEASURES entry, plus a rule if it has one.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .formatting import HOURS_PER_YEAR, Unit


class Measure(models.TextChoices):
    MEDIAN_HOURLY_WAGE = "median_hourly_wage", _("Median hourly wage")
    MEDIAN_ANNUAL_WAGE = "median_annual_wage", _("Median annual wage")
    WAGE_P10_HOURLY = "wage_p10_hourly", _("10th percentile hourly wage")
    WAGE_P10_ANNUAL = "wage_p10_annual", _("10th percentile annual wage")
    WAGE_P90_HOURLY = "wage_p90_hourly", _("90th percentile hourly wage")
    WAGE_P90_ANNUAL = "wage_p90_annual", _("90th percentile annual wage")
    # "Change", not "growth": the value says which way it goes.
    EMPLOYMENT_GROWTH = "employment_growth", _("Projected change in employment")
    EMPLOYMENT = "employment", _("Number of jobs")
    PROJECTED_EMPLOYMENT = "projected_employment", _("Projected number of jobs")
    EMPLOYMENT_CHANGE = "employment_change", _("Projected change in jobs")
    ANNUAL_OPENINGS = "annual_openings", _("Projected openings a year")


class Topic(models.TextChoices):
    """Where on the profile a figure is shown."""

    PAY = "pay"
    OUTLOOK = "outlook"
    EMPLOYMENT = "employment"


class Statistic(models.TextChoices):
    """Which point of the wage distribution a pay figure gives."""

    MEDIAN = "median"
    P10 = "p10"
    P90 = "p90"


@dataclass(frozen=True)
class Definition:
    unit: str
    topic: str
    statistic: str = ""  # for pay: a median hourly and a median yearly wage are one pair


MEASURES = {
    Measure.MEDIAN_HOURLY_WAGE: Definition(Unit.USD_PER_HOUR, Topic.PAY, Statistic.MEDIAN),
    Measure.MEDIAN_ANNUAL_WAGE: Definition(Unit.USD_PER_YEAR, Topic.PAY, Statistic.MEDIAN),
    Measure.WAGE_P10_HOURLY: Definition(Unit.USD_PER_HOUR, Topic.PAY, Statistic.P10),
    Measure.WAGE_P10_ANNUAL: Definition(Unit.USD_PER_YEAR, Topic.PAY, Statistic.P10),
    Measure.WAGE_P90_HOURLY: Definition(Unit.USD_PER_HOUR, Topic.PAY, Statistic.P90),
    Measure.WAGE_P90_ANNUAL: Definition(Unit.USD_PER_YEAR, Topic.PAY, Statistic.P90),
    Measure.EMPLOYMENT_GROWTH: Definition(Unit.PERCENT, Topic.OUTLOOK),
    Measure.EMPLOYMENT: Definition(Unit.JOBS, Topic.EMPLOYMENT),
    Measure.PROJECTED_EMPLOYMENT: Definition(Unit.JOBS, Topic.EMPLOYMENT),
    Measure.EMPLOYMENT_CHANGE: Definition(Unit.JOBS, Topic.EMPLOYMENT),
    Measure.ANNUAL_OPENINGS: Definition(Unit.OPENINGS, Topic.EMPLOYMENT),
}


def measures_for(topic):
    return tuple(measure for measure, about in MEASURES.items() if about.topic == topic)


WAGE_MEASURES = measures_for(Topic.PAY)
MEDIAN_WAGE_MEASURES = tuple(m for m in WAGE_MEASURES if MEASURES[m].statistic == Statistic.MEDIAN)
OUTLOOK_MEASURES = measures_for(Topic.OUTLOOK)
EMPLOYMENT_MEASURES = measures_for(Topic.EMPLOYMENT)


@dataclass(frozen=True)
class Rule:
    """`condition` is what every valid figure meets; `measures` limits the rule to the
    figures of those measures."""

    name: str
    field: str
    message: str
    condition: Q
    measures: tuple = ()

    @property
    def check(self):
        """The condition as the database checks it: true for the measures the rule skips."""
        if not self.measures:
            return self.condition
        return ~Q(measure__in=self.measures) | self.condition

    @cached_property
    def constraint(self):
        return models.CheckConstraint(
            condition=self.check, name=self.name, violation_error_message=self.message
        )


def measures_in(unit, among):
    return tuple(measure for measure in among if MEASURES[measure].unit == unit)


# A typo guard, far above any wage in BLS's survey (whose best-paid occupations average
# around $200 an hour): a mistyped wage would otherwise lead the profile. It catches the
# extra digits of a slip, not every slip.
HIGHEST_WAGE = {Unit.USD_PER_HOUR: Decimal(1000), Unit.USD_PER_YEAR: Decimal(1000 * HOURS_PER_YEAR)}
# And far below any wage BLS reports (its lowest-paid occupations' 10th percentile is near
# $8 an hour, tips included): an hourly wage typed in the yearly field ($21.50 a year), or a
# yearly one that lost a digit ($4,283), would otherwise lead the profile too.
LOWEST_WAGE = {
    Unit.USD_PER_HOUR: Decimal("2.50"),
    Unit.USD_PER_YEAR: Decimal("2.50") * HOURS_PER_YEAR,
}


def believable_wage(unit):
    """The figures' wage limits, as field validators, for the other wages a profile prints
    (an industry's, a similar occupation's)."""
    kind = "An hourly" if unit == Unit.USD_PER_HOUR else "A yearly"
    low, high = LOWEST_WAGE[unit], HIGHEST_WAGE[unit]

    def dollars(amount):
        return f"${amount:,.2f}".removesuffix(".00")

    return [
        MinValueValidator(low, f"{kind} wage below {dollars(low)} is surely a typo: check it."),
        MaxValueValidator(high, f"{kind} wage above {dollars(high)} is surely a typo: check it."),
    ]


COUNTED_JOBS = (Measure.EMPLOYMENT, Measure.PROJECTED_EMPLOYMENT, Measure.ANNUAL_OPENINGS)


def _years_given():
    return Q(period_start_year__isnull=False, period_end_year__isnull=False)


def _no_years():
    return Q(period_start_year__isnull=True, period_end_year__isnull=True)


RULES = (
    Rule(
        "figure_wage_above_zero",
        "value",
        "A wage must be above zero.",
        Q(value__isnull=False, value__gt=0),
        measures=WAGE_MEASURES,
    ),
    *(
        Rule(
            f"figure_{per}_wage_believable",
            "value",
            f"{kind} wage above ${HIGHEST_WAGE[unit]:,} is surely a typo: check the value.",
            Q(value__isnull=True) | Q(value__lte=HIGHEST_WAGE[unit]),
            measures=measures_in(unit, WAGE_MEASURES),
        )
        for unit, per, kind in (
            (Unit.USD_PER_HOUR, "hourly", "An hourly"),
            (Unit.USD_PER_YEAR, "yearly", "A yearly"),
        )
    ),
    *(
        Rule(
            f"figure_{per}_wage_not_too_low",
            "value",
            message,
            Q(value__isnull=True) | Q(value__gte=LOWEST_WAGE[unit]),
            measures=measures_in(unit, WAGE_MEASURES),
        )
        for unit, per, message in (
            (
                Unit.USD_PER_HOUR,
                "hourly",
                f"An hourly wage below ${LOWEST_WAGE[Unit.USD_PER_HOUR]} is surely a typo: "
                "check the value.",
            ),
            (
                Unit.USD_PER_YEAR,
                "yearly",
                f"A yearly wage below ${LOWEST_WAGE[Unit.USD_PER_YEAR]:,.0f} (under "
                f"${LOWEST_WAGE[Unit.USD_PER_HOUR]} an hour, full time) is surely a typo: was "
                "an hourly wage typed in?",
            ),
        )
    ),
    Rule(
        "figure_jobs_above_zero",
        "value",
        "A number of jobs must be above zero.",
        Q(value__isnull=True) | Q(value__gt=0),
        measures=COUNTED_JOBS,
    ),
    Rule(
        "figure_growth_in_range",
        "value",
        "Growth must be between -100 and 1000 percent.",
        Q(value__isnull=True) | Q(value__gte=-100, value__lte=1000),
        measures=OUTLOOK_MEASURES,
    ),
    Rule(
        "figure_has_value_or_comparison",
        "value",
        "Give a value, or the source's comparison wording.",
        Q(value__isnull=False) | ~Q(comparison=""),
    ),
    Rule(
        "figure_period_both_years_or_neither",
        "period_end_year",
        "Give both the first and the last year, or neither.",
        _no_years() | _years_given(),
    ),
    Rule(
        "figure_period_in_order",
        "period_end_year",
        "The period cannot end before it starts.",
        Q(period_start_year__isnull=True)
        | Q(period_end_year__isnull=True)
        | Q(period_start_year__lte=F("period_end_year")),
    ),
    Rule(
        "figure_month_within_one_year",
        "period_month",
        "A month goes only with a period of one year.",
        Q(period_month__isnull=True)
        | Q(
            period_month__gte=1,
            period_month__lte=12,
            period_start_year__isnull=False,
            period_start_year=F("period_end_year"),
        ),
    ),
)

# The unit is set from the measure on every save; this constraint guards writes that skip
# save(), such as QuerySet.update() and SQL.
UNIT_FITS_MEASURE = models.CheckConstraint(
    condition=Q.create(
        [Q(measure=measure, unit=about.unit) for measure, about in MEASURES.items()],
        connector=Q.OR,
    ),
    name="figure_unit_fits_measure",
    violation_error_message="That unit does not fit what the figure measures.",
)
