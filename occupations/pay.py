"""Pay in both units, and pay over time, read from an occupation's prefetched figures.

Where a source states a wage in only one unit, the other is derived at
HOURS_PER_YEAR and marked as derived, so a page can label it.
"""

from dataclasses import dataclass

from .formatting import Amount, Unit, signed_percent
from .measures import MEASURES, Statistic, Topic


@dataclass(frozen=True)
class PayPair:
    """One period's wage, yearly and hourly."""

    annual: Amount
    hourly: Amount

    @property
    def figure(self):
        """The sourced figure the pair stands on."""
        return self.annual.figure if not self.annual.derived else self.hourly.figure

    @property
    def period_label(self):
        return self.figure.period_label


def _in_unit(figure, unit, wage_figures):
    """The wage in `unit`: as a source states it for the same period, else derived."""
    if figure.unit == unit:
        return figure.amount
    for other in wage_figures:
        if (
            other.unit == unit
            and other.statistic == figure.statistic
            and other.is_dated
            and other.period == figure.period
        ):
            return other.amount
    return figure.amount.in_unit(unit)


def counterpart(figure, wage_figures):
    """A wage in the other unit: as a source states it for the same period, else derived.

    None for a figure that is not a wage, and where deriving would claim more than the
    figure says: an undated or approximate wage ("around $35,000") gets no precise
    hourly rate.
    """
    if not figure.is_wage or figure.value is None:
        return None
    other = Unit.USD_PER_HOUR if figure.unit == Unit.USD_PER_YEAR else Unit.USD_PER_YEAR
    amount = _in_unit(figure, other, wage_figures)
    if amount.derived and (not figure.is_dated or figure.is_approximate):
        return None
    return amount


@dataclass(frozen=True)
class TableRow:
    """A row of a figure table: the figure, and for a wage its derived equivalent, if any."""

    figure: object
    derived: Amount | None = None


def table_rows(figures, wage_figures=()):
    """Rows for a figure table. A wage the sources also state in the other unit gets no
    derived equivalent: that figure has a row of its own."""
    rows = []
    for figure in figures:
        amount = counterpart(figure, wage_figures) if wage_figures else None
        rows.append(TableRow(figure, amount if amount is not None and amount.derived else None))
    return rows


def pay_pair(occupation, figure=None):
    """The newest dated wage (or the given one) as annual and hourly amounts.

    The one pay rule of the site: every page that shows a wage in both units uses it.
    """
    figure = figure or occupation.headline_wage
    if figure is None:
        return None
    wages = occupation.wage_figures
    return PayPair(
        annual=_in_unit(figure, Unit.USD_PER_YEAR, wages),
        hourly=_in_unit(figure, Unit.USD_PER_HOUR, wages),
    )


@dataclass(frozen=True)
class PayRange:
    """Where most pay falls: from the 10th to the 90th percentile, yearly and hourly."""

    low: PayPair
    high: PayPair


def pay_range(occupation, figure=None):
    """The 10th and 90th percentiles for the period of the headline wage (or `figure`),
    or None when a source gives no range for it."""
    figure = figure or occupation.headline_wage
    if figure is None:
        return None
    wages = occupation.wage_figures
    ends = []
    for statistic in (Statistic.P10, Statistic.P90):
        end = next(
            (
                f
                for f in wages
                if f.statistic == statistic and f.period == figure.period and f.value
            ),
            None,
        )
        if end is None:
            return None
        ends.append(
            PayPair(
                annual=_in_unit(end, Unit.USD_PER_YEAR, wages),
                hourly=_in_unit(end, Unit.USD_PER_HOUR, wages),
            )
        )
    return PayRange(*ends)


def wage_timeline(occupation):
    """One PayPair of median wages per dated period, oldest first."""
    pairs = []
    for figure in reversed(occupation.wage_figures):
        if figure.statistic != Statistic.MEDIAN or not figure.is_dated:
            continue
        if not any(figure.period == pair.figure.period for pair in pairs):
            pairs.append(pay_pair(occupation, figure))
    return pairs


def outlook_timeline(occupation):
    return [figure for figure in reversed(occupation.outlook_figures) if figure.is_dated]


@dataclass(frozen=True)
class RestatedPay:
    """A PayPair in a later period's dollars, derived with the CPI-U."""

    original: PayPair
    annual: Amount
    hourly: Amount
    indexes: tuple  # (the PriceIndex of the pay's period, the later PriceIndex)


def _index_key(index):
    return (index.year, index.month or 0)


def newest_index(price_indexes):
    """The newest period on file: a month beats the annual average of the year before it."""
    return max(price_indexes, key=_index_key, default=None)


def index_for(figure, price_indexes):
    """The index of a wage's own period: its month's (a May wage, May's index), else its
    year's annual average; None when neither is on file."""
    by_period = {(index.year, index.month): index for index in price_indexes}
    if figure.period_month:
        found = by_period.get((figure.period_end_year, figure.period_month))
        if found is not None:
            return found
    return by_period.get((figure.period_end_year, None))


def restate(pair, target, price_indexes):
    """`pair` in the dollars of `target` (a PriceIndex), or None without an index for it."""
    older = index_for(pair.figure, price_indexes)
    if older is None or target is None:
        return None
    factor = target.value / older.value
    return RestatedPay(
        original=pair,
        # The page says “about” itself; the restated amount carries no “around”.
        annual=pair.annual.times(factor, approximate=False),
        hourly=pair.hourly.times(factor, approximate=False),
        indexes=(older, target),
    )


def percent_change(old, new):
    return (new - old) / old * 100


@dataclass(frozen=True)
class PayRow:
    """One period's median on the figures-over-time page."""

    pair: PayPair
    restated: RestatedPay | None  # in the newest index period's dollars
    real_change: str | None  # from this period to the newest, after inflation


@dataclass(frozen=True)
class PayOverTime:
    wages: list  # PayPairs, oldest first
    rows: list  # a PayRow for each of them
    target: object  # the newest PriceIndex on file, whose dollars the rows are restated in
    change: str | None  # oldest to newest, before inflation
    real_change: str | None  # oldest to newest, after inflation

    @property
    def restates(self):
        """Whether two or more periods could be restated, so there is something to compare."""
        return sum(1 for row in self.rows if row.restated) >= 2

    @property
    def indexes(self):
        """Every PriceIndex the rows use, oldest first."""
        if not self.restates:
            return []
        used = {i.pk: i for row in self.rows if row.restated for i in row.restated.indexes}
        return sorted(used.values(), key=_index_key)


def pay_over_time(occupation, price_indexes):
    """How pay moved across the sources: each period's median, before and after inflation,
    and the change from the oldest to the newest once there are two periods.

    Every row is restated in the dollars of the newest index period on file, each from the
    index of its own period, so the change between two rows after inflation is the change
    with each end's own index: May to May where both are May figures.
    """
    price_indexes = list(price_indexes)
    wages = wage_timeline(occupation)
    target = newest_index(price_indexes)
    restated = [restate(pair, target, price_indexes) for pair in wages]
    newest = restated[-1] if restated else None
    rows = [
        PayRow(
            pair,
            later,
            signed_percent(percent_change(later.annual.value, newest.annual.value))
            if later and newest and later is not newest
            else None,
        )
        for pair, later in zip(wages, restated, strict=True)
    ]
    if len(wages) < 2:
        return PayOverTime(wages, rows, target, None, None)
    change = signed_percent(percent_change(wages[0].annual.value, wages[-1].annual.value))
    return PayOverTime(wages, rows, target, change, rows[0].real_change)


def has_older_figures(occupation):
    """Whether the profile's tables hold pay or outlook figures older than the headline ones
    (or undated): only then does the page point readers to them."""
    headline_periods = {
        figure.period
        for figure in (occupation.headline_wage, occupation.headline_outlook)
        if figure is not None
    }
    figures = [*occupation.wage_figures, *occupation.outlook_figures]
    return any(figure.period not in headline_periods for figure in figures)


def with_newest(figures, occupation):
    """`figures`, and before them the occupation's newest pay and outlook figure on the same
    topics where those are newer than all of them: so an answer that links older figures
    still leads with the newest (read from the occupation's prefetched figures)."""
    figures = list(figures)
    topics = {MEASURES[figure.measure].topic for figure in figures}
    added = []
    for newest in (occupation.headline_wage, occupation.headline_outlook):
        if newest is None or newest in figures:
            continue
        topic = MEASURES[newest.measure].topic
        same = [f for f in figures if MEASURES[f.measure].topic == topic]
        if topic in topics and all(newest.period.sort_key > f.period.sort_key for f in same):
            added.append(newest)
    return [*added, *figures]


TOPIC_ORDER = {Topic.PAY: 0, Topic.OUTLOOK: 1, Topic.EMPLOYMENT: 2}


def newest_first(figures):
    """Figures by topic (pay, outlook, jobs) and newest first within each (undated last),
    as selectors.figures_of orders them in the database."""

    def key(figure):
        year, month = figure.period.sort_key
        return (TOPIC_ORDER[MEASURES[figure.measure].topic], -year, -month)

    return sorted(figures, key=key)


def newest_marked(figures):
    """Figures newest first (undated last), each paired with whether it is the newest dated
    figure of its topic (pay, outlook, jobs): the one a page leads with."""
    ordered = sorted(figures, key=lambda figure: figure.period.sort_key, reverse=True)
    seen, marked = set(), []
    for figure in ordered:
        topic = MEASURES[figure.measure].topic
        newest = figure.is_dated and topic not in seen
        if newest:
            seen.add(topic)
        marked.append((figure, newest))
    return marked
