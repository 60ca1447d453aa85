"""What a figure can measure, and the rules a figure must keep, each written once.

MEASURES says, for each kind of figure, its unit and which part of the profile
it belongs to: the unit follows from the kind, so nobody picks it. RULES lists
each rule once (the field it belongs to, its message, and the condition a valid
figure meets); Figure builds its database constraints and its clean() from it.

A later measure (wage percentiles, annual openings) is one more Kind and one more
MEASURES entry, plus a rule if it has one.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property

from .formatting import Unit


class Kind(models.TextChoices):
    MEDIAN_HOURLY_WAGE = "median_hourly_wage", "Median hourly wage"
    MEDIAN_ANNUAL_WAGE = "median_annual_wage", "Median annual wage"
    WAGE_P10_HOURLY = "wage_p10_hourly", "10th percentile hourly wage"
    WAGE_P10_ANNUAL = "wage_p10_annual", "10th percentile annual wage"
    WAGE_P90_HOURLY = "wage_p90_hourly", "90th percentile hourly wage"
    WAGE_P90_ANNUAL = "wage_p90_annual", "90th percentile annual wage"
    # "Change", not "growth": the value says which way it goes.
    EMPLOYMENT_GROWTH = "employment_growth", "Projected change in employment"
    EMPLOYMENT = "employment", "Number of jobs"
    PROJECTED_EMPLOYMENT = "projected_employment", "Projected number of jobs"
    EMPLOYMENT_CHANGE = "employment_change", "Projected change in jobs"
    ANNUAL_OPENINGS = "annual_openings", "Projected openings a year"


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
class Measure:
    unit: str
    topic: str
    statistic: str = ""  # for pay: a median hourly and a median yearly wage are one pair


MEASURES = {
    Kind.MEDIAN_HOURLY_WAGE: Measure(Unit.USD_PER_HOUR, Topic.PAY, Statistic.MEDIAN),
    Kind.MEDIAN_ANNUAL_WAGE: Measure(Unit.USD_PER_YEAR, Topic.PAY, Statistic.MEDIAN),
    Kind.WAGE_P10_HOURLY: Measure(Unit.USD_PER_HOUR, Topic.PAY, Statistic.P10),
    Kind.WAGE_P10_ANNUAL: Measure(Unit.USD_PER_YEAR, Topic.PAY, Statistic.P10),
    Kind.WAGE_P90_HOURLY: Measure(Unit.USD_PER_HOUR, Topic.PAY, Statistic.P90),
    Kind.WAGE_P90_ANNUAL: Measure(Unit.USD_PER_YEAR, Topic.PAY, Statistic.P90),
    Kind.EMPLOYMENT_GROWTH: Measure(Unit.PERCENT, Topic.OUTLOOK),
    Kind.EMPLOYMENT: Measure(Unit.JOBS, Topic.EMPLOYMENT),
    Kind.PROJECTED_EMPLOYMENT: Measure(Unit.JOBS, Topic.EMPLOYMENT),
    Kind.EMPLOYMENT_CHANGE: Measure(Unit.JOBS, Topic.EMPLOYMENT),
    Kind.ANNUAL_OPENINGS: Measure(Unit.JOBS, Topic.EMPLOYMENT),
}


def kinds_for(topic):
    return tuple(kind for kind, measure in MEASURES.items() if measure.topic == topic)


WAGE_KINDS = kinds_for(Topic.PAY)
MEDIAN_WAGE_KINDS = tuple(k for k in WAGE_KINDS if MEASURES[k].statistic == Statistic.MEDIAN)
OUTLOOK_KINDS = kinds_for(Topic.OUTLOOK)
EMPLOYMENT_KINDS = kinds_for(Topic.EMPLOYMENT)


@dataclass(frozen=True)
class Rule:
    """`condition` is what every valid figure meets; `kinds` limits the rule to some kinds."""

    name: str
    field: str
    message: str
    condition: Q
    kinds: tuple = ()

    @property
    def check(self):
        """The condition as the database checks it: true for the kinds the rule skips."""
        if not self.kinds:
            return self.condition
        return ~Q(kind__in=self.kinds) | self.condition

    @cached_property
    def constraint(self):
        return models.CheckConstraint(
            condition=self.check, name=self.name, violation_error_message=self.message
        )


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
        kinds=WAGE_KINDS,
    ),
    Rule(
        "figure_growth_in_range",
        "value",
        "Growth must be between -100 and 1000 percent.",
        Q(value__isnull=True) | Q(value__gte=-100, value__lte=1000),
        kinds=OUTLOOK_KINDS,
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

# The unit is set from the kind on every save; this constraint guards writes that skip
# save(), such as QuerySet.update() and SQL.
UNIT_FITS_KIND = models.CheckConstraint(
    condition=Q.create(
        [Q(kind=kind, unit=measure.unit) for kind, measure in MEASURES.items()],
        connector=Q.OR,
    ),
    name="figure_unit_fits_kind",
    violation_error_message="That unit does not fit what the figure measures.",
)
