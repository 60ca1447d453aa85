"""Pay in both units, and figures over time, read from an occupation's prefetched figures.

Where a source states a wage in only one unit, the other is derived at
HOURS_PER_YEAR and marked as derived, so a page can label it.
"""

from dataclasses import dataclass
from decimal import Decimal

from .models import Figure, format_amount


@dataclass(frozen=True)
class Amount:
    text: str
    figure: Figure  # the sourced figure the amount is, or is derived from
    derived: bool
    value: Decimal


@dataclass(frozen=True)
class PayPair:
    annual: Amount
    hourly: Amount

    @property
    def figure(self):
        return self.annual.figure if not self.annual.derived else self.hourly.figure

    @property
    def period_label(self):
        return self.figure.period_label


def _same_period(a, b):
    return (a.period_start_year, a.period_end_year, a.period_month) == (
        b.period_start_year,
        b.period_end_year,
        b.period_month,
    )


def _amount(figure, unit, wage_figures):
    if figure.unit == unit:
        return Amount(figure.display_value, figure, False, figure.value)
    for other in wage_figures:
        if other.unit == unit and other.is_dated and _same_period(other, figure):
            return Amount(other.display_value, other, False, other.value)
    derived = figure.derived_equivalent
    return Amount(str(derived), figure, True, derived.value)


def pay_pair(occupation, figure=None):
    """The newest dated wage (or the given one) as annual and hourly amounts."""
    figure = figure or occupation.headline_wage
    if figure is None:
        return None
    wages = occupation.wage_figures
    return PayPair(
        annual=_amount(figure, Figure.Unit.USD_PER_YEAR, wages),
        hourly=_amount(figure, Figure.Unit.USD_PER_HOUR, wages),
    )


def wage_timeline(occupation):
    """One PayPair per dated period, oldest first."""
    pairs = []
    for figure in reversed(occupation.wage_figures):
        if figure.is_dated and not any(_same_period(figure, pair.figure) for pair in pairs):
            pairs.append(pay_pair(occupation, figure))
    return pairs


def outlook_timeline(occupation):
    return [figure for figure in reversed(occupation.outlook_figures) if figure.is_dated]


@dataclass(frozen=True)
class RestatedPay:
    """An older PayPair in a later year's dollars, derived with a price index."""

    original: PayPair
    year: int
    annual: str
    hourly: str
    annual_value: Decimal
    indexes: tuple  # (older PriceIndex, later PriceIndex)


def restate(pair, year, price_indexes):
    """`pair` in `year` dollars, or None when either year's index is missing."""
    by_year = {index.year: index for index in price_indexes}
    older, later = by_year.get(pair.figure.period_end_year), by_year.get(year)
    if older is None or later is None:
        return None
    factor = later.value / older.value
    annual = pair.annual.value * factor
    hourly = pair.hourly.value * factor
    return RestatedPay(
        original=pair,
        year=year,
        annual=format_amount(annual, Figure.Unit.USD_PER_YEAR),
        hourly=format_amount(hourly, Figure.Unit.USD_PER_HOUR),
        annual_value=annual,
        indexes=(older, later),
    )


def percent_change(old, new):
    """Derived change between two amounts, as a signed percentage string."""
    change = (new - old) / old * 100
    return f"{change:+.1f} percent"
