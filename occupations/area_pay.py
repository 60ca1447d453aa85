"""Pay where you live: an occupation's OEWS estimates by state, area and industry.

The reads the pay pages make, each in a fixed number of queries however many areas there
are, and the values they show. Every value is the newest OEWS release's, as BLS published
it; a value BLS held back reads as such ("not released by BLS", "$115.00 an hour or
more"), never as a zero or a blank.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Q, Value, When
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from .bls.models import Area, Industry, Marker, Release, WageEstimate
from .bls.states import POSTAL
from .citations import SERIES_PREFIX, Citation
from .formatting import Unit, format_amount, format_number

# BLS's top code, from footnote 5 of oe.footnote ("equal to or greater than $115.00 per hour
# or $239,200 per year"): a wage at or above it is published as "-" with that footnote.
TOP_CODE = {Unit.USD_PER_HOUR: Decimal("115.00"), Unit.USD_PER_YEAR: Decimal("239200")}

# An estimate is flagged as less precise when its relative standard error (RSE, BLS's
# datatypes 02 and 05) is above these. An RSE of 10% puts the 95% confidence interval at
# about 20% either side of a job count; BLS publishes the RSE for each estimate but does not
# publish one threshold of its own. Wage estimates are much more precise (the largest wage RSE
# of any state or area in May 2025 is 4.6%), so their bar is lower.
EMPLOYMENT_RSE_LIMIT = Decimal("10")
WAGE_RSE_LIMIT = Decimal("5")

NOT_RELEASED_TEXT = gettext_lazy("not released by BLS")
STATISTICS = (  # (name, label) in the order the tables show them
    ("p10", gettext_lazy("10th percentile")),
    ("p25", gettext_lazy("25th percentile")),
    ("median", gettext_lazy("Median")),
    ("p75", gettext_lazy("75th percentile")),
    ("p90", gettext_lazy("90th percentile")),
    ("mean", gettext_lazy("Mean (average)")),
)
# What the state and area tables sort by (?sort=), each with its key; name is the default.
SORTS = {
    "name": gettext_lazy("State"),
    "jobs": gettext_lazy("Jobs"),
    "median": gettext_lazy("Median pay"),
    "versus": gettext_lazy("Median against all workers"),
}


@dataclass(frozen=True)
class ReportedWage:
    """A wage as BLS reported it: an amount, at least the top code, or not released."""

    value: Decimal | None
    unit: str
    marker: str = ""

    @property
    def released(self):
        return self.value is not None or self.marker == Marker.TOP_CODED

    @property
    def sort_value(self):
        if self.marker == Marker.TOP_CODED:
            return TOP_CODE[self.unit]
        return self.value

    def __str__(self):
        if self.marker == Marker.TOP_CODED:
            return gettext("%(amount)s or more") % {
                "amount": format_amount(TOP_CODE[self.unit], self.unit)
            }
        if self.value is None:
            return str(NOT_RELEASED_TEXT)
        return format_amount(self.value, self.unit)

    @property
    def number(self):
        """Without its unit, for a table whose column says it: "$44,770"."""
        if self.marker == Marker.TOP_CODED:
            return gettext("%(amount)s or more") % {
                "amount": format_number(TOP_CODE[self.unit], self.unit)
            }
        return format_number(self.value, self.unit) if self.released else str(NOT_RELEASED_TEXT)


@dataclass(frozen=True)
class ReportedCount:
    value: Decimal | None

    def __str__(self):
        if self.value is None:
            return str(NOT_RELEASED_TEXT)
        return f"{self.value.quantize(Decimal('1')):,}"


@dataclass(frozen=True)
class WagePair:
    annual: ReportedWage
    hourly: ReportedWage


class Estimates:
    """One WageEstimate read for the pages: its wages in both units, its job count, how
    precise it is, and the BLS series it cites."""

    def __init__(self, estimate):
        self.estimate = estimate
        markers = estimate.markers

        def wage(field, unit):
            return ReportedWage(getattr(estimate, field), unit, markers.get(field, ""))

        for name, _ in STATISTICS:
            setattr(
                self,
                name,
                WagePair(
                    wage(f"annual_{name}", Unit.USD_PER_YEAR),
                    wage(f"hourly_{name}", Unit.USD_PER_HOUR),
                ),
            )
        self.jobs = ReportedCount(estimate.employment)

    @property
    def statistics(self):
        """(label, WagePair) in table order."""
        return [(label, getattr(self, name)) for name, label in STATISTICS]

    @property
    def less_precise(self):
        employment, wage = self.estimate.employment_rse, self.estimate.wage_rse
        return bool(
            (employment is not None and employment > EMPLOYMENT_RSE_LIMIT)
            or (wage is not None and wage > WAGE_RSE_LIMIT)
        )

    @property
    def precision(self):
        """The two relative standard errors, for the flag's explanation: "RSE of jobs 11.0%,
        of the mean wage 1.8%"."""
        employment, wage = self.estimate.employment_rse, self.estimate.wage_rse
        if employment is None and wage is None:
            return ""

        def shown(value):
            return str(NOT_RELEASED_TEXT) if value is None else f"{value}%"

        return gettext("RSE of jobs %(jobs)s, of the mean wage %(wage)s") % {
            "jobs": shown(employment),
            "wage": shown(wage),
        }

    @property
    def precision_known(self):
        return self.estimate.employment_rse is not None or self.estimate.wage_rse is not None

    def citations(self):
        """The series of the place's median pay, yearly and hourly, as the pages give it
        (“$44,770 a year, or $21.53 an hour”); cite_all makes them one reference."""
        return EstimateSeries(self.estimate, MEDIAN_DATATYPES).citations()

    @property
    def range_series(self):
        """The yearly 10th and 90th percentiles: “Most earn between …”."""
        return EstimateSeries(self.estimate, RANGE_DATATYPES)

    @property
    def jobs_series(self):
        return EstimateSeries(self.estimate, JOBS_DATATYPES)

    @property
    def every_series(self):
        """The same estimates, cited by every series a table of their statistics shows."""
        return EstimateSeries(self.estimate, TABLE_DATATYPES)


# BLS's datatypes (bls.models.DATATYPE_FIELDS): the median pay yearly (13) and hourly (08);
# the yearly 10th and 90th percentiles (11, 15); the jobs (01); and what a place's table
# shows, its jobs, means (03, 04) and percentiles (06 to 15).
MEDIAN_DATATYPES = ("13", "08")
RANGE_DATATYPES = ("11", "15")
JOBS_DATATYPES = ("01",)
TABLE_DATATYPES = ("01", "03", "04", *(f"{datatype:02}" for datatype in range(6, 16)))


@dataclass(frozen=True)
class EstimateSeries:
    """Some of one estimate's series, for the footnotes: each a passage of the release."""

    estimate: object
    datatypes: tuple

    def citations(self):
        source = self.estimate.release.source
        return [
            Citation(source, section=SERIES_PREFIX + series_id(self.estimate, datatype))
            for datatype in self.datatypes
        ]


@dataclass(frozen=True)
class SeriesCitation:
    """A table's citation: the release's source, and the series its rows come from, in words
    (a table of 54 states cites one reference, not 54)."""

    source: object
    series: str

    def citations(self):
        return [Citation(self.source, section=SERIES_PREFIX + self.series)]


def industry_table_citation(release, occupation):
    """The citation of a table of industries for the occupation, nationally."""
    digits = occupation.soc_code.replace("-", "")
    return SeriesCitation(
        release.source,
        gettext("OEUN%(nation)s + each industry's code + %(code)s + datatypes 01 and 13")
        % {"nation": Area.NATIONAL_CODE, "code": digits},
    )


def table_citation(release, occupation, area_type):
    """The citation of a table of states (area_type "S") or areas ("M") for the occupation."""
    digits = occupation.soc_code.replace("-", "")
    if area_type == Area.Type.STATE:
        each = gettext("each state's code")
    else:
        each = gettext("each area's code")
    return SeriesCitation(
        release.source,
        gettext(
            "OEU%(type)s + %(each)s + %(code)s + datatypes 01 to 15, and the same for all "
            "occupations (000000)"
        )
        % {"type": area_type, "each": each, "code": f"{Industry.ALL_INDUSTRIES_CODE}{digits}"},
    )


def series_id(estimate, datatype):
    area = estimate.area
    digits = estimate.soc_code.replace("-", "")
    return f"OEU{area.area_type}{area.code}{estimate.industry.code}{digits}{datatype}"


@dataclass(frozen=True)
class PlacePay:
    """One place's row: the occupation's estimates there (None when BLS has none for the
    place), and all workers' there, to compare with."""

    area: Area
    own: Estimates | None
    all_workers: Estimates | None

    @property
    def abbreviation(self):
        return POSTAL.get(self.area.state_code, "")

    @property
    def versus(self):
        """The median against all workers' in the same place, in percent; None when either
        is not released."""
        if self.own is None or self.all_workers is None:
            return None
        own, all_workers = self.own.median.annual, self.all_workers.median.annual
        if not (own.released and all_workers.released) or not all_workers.sort_value:
            return None
        return (own.sort_value / all_workers.sort_value - 1) * 100

    @property
    def versus_text(self):
        change = self.versus
        if change is None:
            return ""
        rounded = round(change)
        if rounded == 0:
            return gettext("about the same")
        if rounded > 0:
            return gettext("%(percent)s%% more") % {"percent": rounded}
        return gettext("%(percent)s%% less") % {"percent": -rounded}

    def sort_key(self, sort):
        """Highest first for the figures; places whose value is not released go last."""
        if sort == "name":
            return (0, self.area.shown_name)
        own = self.own
        value = {
            "jobs": own and own.jobs.value,
            "median": own and own.median.annual.sort_value,
            "versus": self.versus,
        }[sort]
        return (1, 0, self.area.shown_name) if value is None else (0, -value, self.area.shown_name)


def newest_release():
    """The newest OEWS release on file, or None before any import."""
    return Release.objects.filter(program=Release.Program.OEWS).select_related("source").first()


def _estimates(release, occupation, **filters):
    return (
        release.estimates.filter(
            soc_code__in=[occupation.soc_code, WageEstimate.ALL_OCCUPATIONS], **filters
        )
        .select_related("area", "industry")
        .order_by()
    )


def _rows(release, occupation, areas, estimates):
    by_cell = {}
    for estimate in estimates:
        estimate.release = release  # cited by its release's source: no query for each
        whose = "own" if estimate.soc_code == occupation.soc_code else "all"
        by_cell[(estimate.area_id, whose)] = Estimates(estimate)
    return [
        PlacePay(area, by_cell.get((area.pk, "own")), by_cell.get((area.pk, "all")))
        for area in areas
    ]


@dataclass(frozen=True)
class Industries:
    """The occupation's national jobs and pay by industry: BLS's sectors, and the industries
    (three-digit NAICS) with the most jobs."""

    sectors: list
    largest: list


@dataclass(frozen=True)
class IndustryPay:
    industry: Industry
    own: Estimates
    share: Decimal | None  # percent of the occupation's national jobs

    @property
    def name(self):
        """BLS's name without its sector numbers: "Retail Trade", not "Sectors 44 and 45 -
        Retail Trade"."""
        return SECTOR_PREFIX.sub("", self.industry.name)


# "Sector 11 - ", "Sectors 31, 32, and 33 - ": how BLS names its NAICS sectors.
SECTOR_PREFIX = re.compile(r"^Sectors? [\d, and]+ - ")


def is_naics_sector(industry):
    """BLS's sectors are NAICS sectors, coded "11--12" or "99-100", plus the government
    groupings of its own (999201, 999301: state and local government including schools and
    hospitals), which overlap NAICS sectors 61, 62 and 99. Only the NAICS sectors add up."""
    return industry.display_level == 2 and "-" in industry.code


@dataclass(frozen=True)
class PayByPlace:
    """What the pay page shows: the nation beside all workers, every state, and industries."""

    release: Release
    nation: PlacePay
    states: list
    industries: Industries

    def sorted_states(self, sort):
        return sorted(self.states, key=lambda row: row.sort_key(sort))


def _industries(release, occupation, national_jobs, count=10):
    estimates = (
        release.estimates.filter(
            soc_code=occupation.soc_code,
            area__code=Area.NATIONAL_CODE,
            industry__display_level__in=(2, 3),
        )
        .select_related("industry", "area")
        .order_by("industry__code")
    )
    rows = []
    for estimate in estimates:
        estimate.release = release
        jobs = estimate.employment
        share = jobs / national_jobs * 100 if jobs is not None and national_jobs else None
        rows.append(IndustryPay(estimate.industry, Estimates(estimate), share))
    sectors = [row for row in rows if is_naics_sector(row.industry)]
    detailed = [row for row in rows if row.industry.display_level == 3 and row.own.jobs.value]
    largest = sorted(detailed, key=lambda row: -row.own.jobs.value)[:count]
    return Industries(sectors, largest)


@dataclass(frozen=True)
class NationalPay:
    """All occupations' national estimates in the newest release, to compare the
    occupation's headline pay with; and the similar occupations' that it has, by SOC code."""

    release: Release
    all_workers: Estimates
    similar: dict = field(default_factory=dict)

    @property
    def similar_citation(self):
        """The one reference for every similar occupation's median from the release, naming
        each one's code: "OEUN0000000000000 + 151230, 413021… + 13"."""
        codes = ", ".join(sorted(code.replace("-", "") for code in self.similar))
        return SeriesCitation(
            self.release.source,
            gettext("OEUN%(nation)s%(industry)s + %(codes)s + 13")
            % {
                "nation": Area.NATIONAL_CODE,
                "industry": Industry.ALL_INDUSTRIES_CODE,
                "codes": codes,
            },
        )


def national_pay(similar_codes=()):
    """For the profile: the newest release's national estimates for all occupations and for
    `similar_codes`, two queries. None before any OEWS import, or when the release does not
    give all occupations' median."""
    release = newest_release()
    if release is None:
        return None
    estimates = release.estimates.filter(
        soc_code__in=[WageEstimate.ALL_OCCUPATIONS, *similar_codes],
        area__code=Area.NATIONAL_CODE,
        industry__code=Industry.ALL_INDUSTRIES_CODE,
    ).select_related("area", "industry")
    found = {}
    for estimate in estimates:
        estimate.release = release  # cited by its release's source: no query
        found[estimate.soc_code] = Estimates(estimate)
    all_workers = found.pop(WageEstimate.ALL_OCCUPATIONS, None)
    if all_workers is None or not all_workers.median.annual.released:
        return None
    similar = {code: pay for code, pay in found.items() if pay.median.annual.released}
    return NationalPay(release, all_workers, similar)


def pay_by_place(occupation):
    """The pay page's reads: four queries, whatever the number of states. None before any
    OEWS release is imported. An occupation the release has no estimates for gets its rows
    all the same, each saying so."""
    release = newest_release()
    if release is None:
        return None
    estimates = list(
        _estimates(
            release,
            occupation,
            area__area_type__in=(Area.Type.NATION, Area.Type.STATE),
            industry__code=Industry.ALL_INDUSTRIES_CODE,
        )
    )
    areas = sorted({e.area for e in estimates}, key=lambda area: area.name)
    rows = _rows(release, occupation, areas, estimates)
    nation = next((row for row in rows if row.area.area_type == Area.Type.NATION), None)
    if nation is None:
        return None
    states = [row for row in rows if row.area.area_type == Area.Type.STATE]
    jobs = nation.own.jobs.value if nation.own else None
    return PayByPlace(release, nation, states, _industries(release, occupation, jobs))


def states():
    """Every state and territory, by name: the "Pay in your state" list."""
    return (
        Area.objects.filter(area_type=Area.Type.STATE)
        .only("slug", "name", "area_type")
        .order_by("name")
    )


@dataclass(frozen=True)
class StatePay:
    """What a state's page shows: the state beside the nation, and its areas."""

    release: Release
    state: PlacePay
    nation: PlacePay
    areas: list  # PlacePay, including areas with no estimate for the occupation

    def sorted_areas(self, sort):
        return sorted(self.areas, key=lambda row: row.sort_key(sort))

    @property
    def largest_areas(self):
        """Up to five areas with the most jobs, for the handout."""
        with_jobs = [row for row in self.areas if row.own and row.own.jobs.value]
        return sorted(with_jobs, key=lambda row: -row.own.jobs.value)[:5]

    @property
    def largest_areas_cross_state_lines(self):
        """Whether one of those crosses a state line, and so counts jobs of other states."""
        return any(row.area.crosses_state_line for row in self.largest_areas)

    @property
    def areas_cross_state_lines(self):
        return any(row.area.crosses_state_line for row in self.areas)


def state_pay(occupation, state_slug, with_areas=True):
    """A state's page reads, in four queries (three without its areas); Http404 for a slug
    that names no state."""
    release = newest_release()
    places = Area.objects.filter(
        Q(area_type=Area.Type.STATE, slug=state_slug) | Q(code=Area.NATIONAL_CODE)
    )
    state = next((a for a in places if a.area_type == Area.Type.STATE), None)
    nation = next((a for a in places if a.code == Area.NATIONAL_CODE), None)
    if state is None or nation is None or release is None:
        raise Http404("No such state or territory.")
    metros = [
        area
        for area in (Area.objects.filter(area_type=Area.Type.METRO) if with_areas else [])
        if area.lies_in(state)
    ]
    estimates = _estimates(
        release,
        occupation,
        area__in=[state, nation, *metros],
        industry__code=Industry.ALL_INDUSTRIES_CODE,
    )
    rows = {
        row.area.pk: row for row in _rows(release, occupation, [state, nation, *metros], estimates)
    }
    return StatePay(
        release,
        rows[state.pk],
        rows[nation.pk],
        sorted((rows[area.pk] for area in metros), key=lambda row: row.area.name),
    )


def areas(area_type=None):
    """Every area on file, the nation first, then states, then areas, each by name; or those
    of one type."""
    found = Area.objects.order_by(_TYPE_ORDER, "name")
    return found.filter(area_type=area_type) if area_type else found


# The nation, then the states and territories, then the areas.
_TYPE_ORDER = Case(
    When(area_type=Area.Type.NATION, then=Value(0)),
    When(area_type=Area.Type.STATE, then=Value(1)),
    default=Value(2),
)
_AREA_TYPE_ORDER = Case(
    When(area__area_type=Area.Type.NATION, then=Value(0)),
    When(area__area_type=Area.Type.STATE, then=Value(1)),
    default=Value(2),
)


class LazyRows:
    """A queryset's estimates as Estimates, read one page at a time: the API pages through
    them with slicing and count(), and only the page's rows are read."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        rows = self.queryset[index]
        if isinstance(index, slice):
            return [Estimates(row) for row in rows]
        return Estimates(rows)


def wage_rows(occupation, area=None, area_type=None, industry=None):
    """The occupation's estimates in the newest release, for the API: by place (all
    industries) unless an industry is asked for, filtered by area (code or slug) and type."""
    release = newest_release()
    if release is None:
        return []
    rows = release.estimates.filter(
        soc_code=occupation.soc_code, industry__code=industry or Industry.ALL_INDUSTRIES_CODE
    ).select_related("area", "industry", "release__source")
    if area:
        rows = rows.filter(Q(area__code=area) | Q(area__slug=area))
    if area_type:
        rows = rows.filter(area__area_type=area_type)
    return LazyRows(rows.order_by(_AREA_TYPE_ORDER, "area__name", "industry__code"))
