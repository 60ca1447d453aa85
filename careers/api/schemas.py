"""The shapes the JSON API answers with. django-ninja writes the OpenAPI description from them.

Each schema reads a model (or a Citation) directly; resolve_* methods give the
fields that are computed, such as absolute URLs, which always start with
CAREERS_SITE_URL, never with the Host a request carried.
"""

import json
import re
from copy import deepcopy
from datetime import date

from django.urls import reverse
from ninja import Field, Schema

from careers.edge.canonical import absolute_url
from occupations.measures import Measure
from occupations.pay import newest_first
from occupations.selectors import profile_sources

# ASCII digits: \d would also take ٢٠٢٠ or ２０２０, each a new spelling of one request.
PERIOD_PATTERN = r"^([0-9]{4}|[0-9]{4}[-–][0-9]{4}|undated)$"


class CitationOut(Schema):
    """One passage a fact stands on: lines of a document, or the section of a source read
    as a web page (whose lines are those of a copy no reader can open, so they are left out)."""

    # The source's own fields are read through the citation ("source.slug").
    source: str = Field(
        alias="source.slug", description="The source's slug, as in /api/v1/sources/."
    )
    short_title: str = Field(alias="source.short_title")
    program: str = Field(
        alias="source.program",
        description="For official statistics, the program or publication (“Occupational "
        "Employment and Wage Statistics (OEWS)”); empty for other documents.",
    )
    release: str = Field(
        alias="source.release",
        description="The program's release or edition (“May 2025”), or empty.",
    )
    first_line: int | None
    last_line: int | None
    lines: list[int] = Field(description="Every cited line, first to last; empty for a section.")
    section: str = Field(description="The section, for a source read as a web page; or empty.")
    locator: str = Field(description="“line 48”, “lines 48–49” or “section “Pay””.")
    label: str = Field(description="How the site prints the citation.")

    @staticmethod
    def resolve_first_line(citation):
        return None if citation.shows_section else citation.first_line

    @staticmethod
    def resolve_last_line(citation):
        return None if citation.shows_section or not citation.lines else citation.lines[-1]

    @staticmethod
    def resolve_lines(citation):
        return [] if citation.shows_section else list(citation.lines)


class CitedOut(Schema):
    citations: list[CitationOut]

    @staticmethod
    def resolve_citations(record):
        return record.citations()


class PeriodOut(Schema):
    start: int | None = Field(description="First year covered; null for an undated claim.")
    end: int | None = Field(description="Last year covered.")
    month: int | None = Field(description="Month (1–12) of a one-month figure such as May 2020.")
    label: str = Field(description="“May 2020”, “2019–2029” or “no period given”.")


def period_out(period):
    return {"start": period.start, "end": period.end, "month": period.month, "label": period.label}


class FigureOut(CitedOut):
    slug: str
    measure: Measure
    measure_label: str
    value: float | None = Field(description="In `unit`; null when the source gives only words.")
    unit: str
    unit_label: str
    text: str = Field(description="The value as the site prints it, “around $35,000 a year”.")
    approximate: bool = Field(description="The source rounds the figure (“around”).")
    derived: bool = Field(
        description="Computed by the site rather than given by the source. Figures listed "
        "here are always as the source gives them, so this is false."
    )
    period: PeriodOut
    comparison: str = Field(description="The source's comparison wording, or empty.")
    note: str
    url: str = Field(description="The figure on the profile page.")

    @staticmethod
    def resolve_measure_label(figure):
        return figure.get_measure_display()

    @staticmethod
    def resolve_value(figure):
        return None if figure.value is None else float(figure.value)

    @staticmethod
    def resolve_unit_label(figure):
        return figure.get_unit_display()

    @staticmethod
    def resolve_text(figure):
        return figure.display_value

    @staticmethod
    def resolve_approximate(figure):
        return figure.is_approximate

    @staticmethod
    def resolve_derived(figure):
        return False

    @staticmethod
    def resolve_period(figure):
        return period_out(figure.period)

    @staticmethod
    def resolve_url(figure):
        return absolute_url(figure.get_absolute_url())


class SourceOut(Schema):
    slug: str
    title: str
    short_title: str
    document: str = Field(
        description="The document's identifier; empty for a source read as a web page."
    )
    publisher: str
    program: str = Field(description="For official statistics, the program or publication.")
    release: str = Field(description="The program's release or edition (“May 2025”), or empty.")
    url: str = Field(description="Where the original can be read; empty if not public.")
    cites_by_section: bool
    period: str = Field(description="The period its figures describe, in words.")
    description: str
    used_for: str
    notes: str
    about_url: str = Field(description="The source on the About the data page.")

    @staticmethod
    def resolve_document(source):
        return "" if source.cites_by_section else source.document

    @staticmethod
    def resolve_about_url(source):
        return absolute_url(source.get_absolute_url())


class OccupationOut(CitedOut):
    slug: str
    title: str
    soc_code: str
    definition: str
    summary: str
    last_reviewed: date | None
    url: str = Field(description="The profile page.")
    api_url: str = Field(description="This occupation with all its parts.")

    @staticmethod
    def resolve_url(occupation):
        return absolute_url(occupation.get_absolute_url())

    @staticmethod
    def resolve_api_url(occupation):
        return absolute_url(reverse("api:occupation", args=[occupation.slug]))


class DutyOut(CitedOut):
    slug: str
    text: str


class JobTitleOut(CitedOut):
    slug: str
    name: str


class QualityOut(CitedOut):
    slug: str
    kind: str
    name: str
    description: str


class WorkSettingDetailOut(CitedOut):
    slug: str
    kind: str
    text: str


class WorkSettingOut(CitedOut):
    slug: str
    name: str
    description: str
    details: list[WorkSettingDetailOut]


class EducationItemOut(CitedOut):
    slug: str
    kind: str
    text: str


class SectorOut(CitedOut):
    slug: str
    kind: str
    kind_label: str = Field(
        description="What the list is, with its year and source: “Largest employers in "
        "2024, by share of the jobs (BLS handbook, 2025)”."
    )
    name: str
    period: PeriodOut = Field(description="The time its share or wage is for.")
    share_percent: int | None = Field(description="Its share of the occupation's jobs, if given.")
    median_hourly_wage: float | None = Field(
        description="The occupation's median hourly wage in it."
    )

    @staticmethod
    def resolve_kind_label(sector):
        return sector.get_kind_display()

    @staticmethod
    def resolve_period(sector):
        return period_out(sector.period)

    @staticmethod
    def resolve_median_hourly_wage(sector):
        wage = sector.median_hourly_wage
        return None if wage is None else float(wage)


class SimilarOccupationOut(CitedOut):
    slug: str
    name: str
    education: str = Field(description="Its typical entry-level education.")
    median_annual_wage: float
    period: str = Field(description="The period of the wage, such as “May 2024”.")

    @staticmethod
    def resolve_median_annual_wage(similar):
        return float(similar.median_annual_wage)

    @staticmethod
    def resolve_period(similar):
        return similar.period_label


class QuickFactOut(CitedOut):
    slug: str
    topic: str = Field(description="education, training, schedule or workplace.")
    text: str
    section: str = Field(description="The profile section that explains it.")


class AdvancementPathOut(CitedOut):
    slug: str
    title: str
    description: str


class TipOut(CitedOut):
    slug: str
    title: str
    text: str


class FAQEntryOut(CitedOut):
    slug: str
    question: str
    answer: str = Field(
        description="The answer as the page shows it, with the values of the figures it "
        "quotes written in from their records."
    )
    figures: list[str] = Field(description="Slugs of the figures shown with the answer.")

    @staticmethod
    def resolve_answer(entry):
        return entry.answer_text

    @staticmethod
    def resolve_figures(entry):
        return [figure.slug for figure in entry.figures.all()]


class ProfileNoteOut(CitedOut):
    slug: str
    section: str = Field(description="The profile section it belongs to.")
    text: str


class OccupationDetailOut(OccupationOut):
    """One occupation with every part of its profile and the sources they cite."""

    figures: list[FigureOut]
    duties: list[DutyOut]
    job_titles: list[JobTitleOut]
    qualities: list[QualityOut]
    work_settings: list[WorkSettingOut]
    education: list[EducationItemOut]
    sectors: list[SectorOut]
    similar_occupations: list[SimilarOccupationOut]
    quick_facts: list[QuickFactOut]
    advancement: list[AdvancementPathOut]
    tips: list[TipOut]
    notes: list[ProfileNoteOut] = Field(description="Cited sentences within a section.")
    faq: list[FAQEntryOut]
    sources: list[SourceOut] = Field(description="Every source the profile cites.")

    @staticmethod
    def resolve_figures(occupation):
        # Newest first, as every page leads: May 2025 before May 2024 before May 2020.
        return newest_first(occupation.figure_set.all())

    @staticmethod
    def resolve_duties(occupation):
        return occupation.duty_set.all()

    @staticmethod
    def resolve_job_titles(occupation):
        return occupation.jobtitle_set.all()

    @staticmethod
    def resolve_qualities(occupation):
        return occupation.quality_set.all()

    @staticmethod
    def resolve_work_settings(occupation):
        return occupation.worksetting_set.all()

    @staticmethod
    def resolve_education(occupation):
        return occupation.educationitem_set.all()

    @staticmethod
    def resolve_sectors(occupation):
        return occupation.sector_set.all()

    @staticmethod
    def resolve_similar_occupations(occupation):
        return occupation.similaroccupation_set.all()

    @staticmethod
    def resolve_quick_facts(occupation):
        return occupation.quickfact_set.all()

    @staticmethod
    def resolve_advancement(occupation):
        return occupation.advancementpath_set.all()

    @staticmethod
    def resolve_tips(occupation):
        return occupation.tip_set.all()

    @staticmethod
    def resolve_notes(occupation):
        return occupation.profilenote_set.all()

    @staticmethod
    def resolve_faq(occupation):
        return occupation.faqentry_set.all()

    @staticmethod
    def resolve_sources(occupation):
        return profile_sources(occupation)


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, such as “Not Found”.")


class InvalidRequestOut(Schema):
    detail: list[dict] = Field(description="Each parameter that was not understood, and why.")


class FigureFilters(Schema):
    measure: Measure | None = Field(None, description="Only figures of this measure.")
    period: str | None = Field(
        None,
        pattern=PERIOD_PATTERN,
        description="A year (2020: figures whose period includes it), a range (2019-2029: "
        "figures of exactly that period) or `undated` (claims with no period).",
    )


def readable_types(schema):
    """The OpenAPI document with its optional values as Swagger UI can print them plainly.

    Pydantic writes `int | None` as `anyOf: [{"type": "integer"}, {"type": "null"}]`, which
    Swagger UI prints as “integer | (integer | null)”. Here an answer's nullable field is
    one schema of `"type": ["integer", "null"]` (“integer | null”), the same JSON Schema; and
    a query parameter, which is absent rather than null when not given, is just its type.
    The models of the query parameters (FigureFilters, the pages' Input), which nothing
    refers to, are left out of the schemas: each operation lists its parameters.
    """
    schema = deepcopy(schema)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                parameter["schema"] = _without_null(parameter["schema"])
    components = schema.get("components", {}).get("schemas", {})
    for name in set(components) - _referenced(schema.get("paths", {}), components):
        del components[name]
    for component in components.values():
        properties = component.get("properties", {})
        for name, value in properties.items():
            properties[name] = _nullable_type(value)
    return schema


REFERENCE = re.compile(r'"#/components/schemas/([^"]+)"')


def _referenced(paths, components):
    """The names of the components the paths refer to, directly or through others."""
    found = set()
    pending = set(REFERENCE.findall(json.dumps(paths)))
    while pending:
        name = pending.pop()
        if name not in found and name in components:
            found.add(name)
            pending |= set(REFERENCE.findall(json.dumps(components[name])))
    return found


def _split_null(value):
    """The alternative of an `X | None` anyOf that is not null, or None for any other schema."""
    options = value.get("anyOf")
    if not isinstance(options, list) or len(options) != 2 or {"type": "null"} not in options:
        return None
    [other] = [option for option in options if option != {"type": "null"}]
    return other


def _without_null(value):
    other = _split_null(value)
    if other is None:
        return value
    rest = {key: item for key, item in value.items() if key != "anyOf"}
    return {**other, **rest}


def _nullable_type(value):
    other = _split_null(value)
    if other is None or not isinstance(other.get("type"), str):
        return value  # a nullable $ref keeps its anyOf: a type list cannot name it
    rest = {key: item for key, item in value.items() if key != "anyOf"}
    return {**other, **rest, "type": [other["type"], "null"]}


AREA_TYPES = {"nation": "N", "state": "S", "area": "M"}
AREA_TYPE_NAMES = {code: name for name, code in AREA_TYPES.items()}


class AreaOut(Schema):
    code: str = Field(description="BLS's seven-digit area code (0000000 is the nation).")
    slug: str
    name: str = Field(
        description="A state's name in the answer's language (“Carolina del Norte”); other "
        "areas keep BLS's name."
    )
    area_type: str = Field(
        description="`nation`, `state` (a state, the District of Columbia or a territory) or "
        "`area` (a metropolitan or nonmetropolitan area)."
    )
    state_code: str = Field(description="The FIPS code of its state (00 for the nation).")

    @staticmethod
    def resolve_name(area):
        # A state's name in the answer's language, as the pages write it; BLS's otherwise.
        return area.shown_name

    @staticmethod
    def resolve_area_type(area):
        return AREA_TYPE_NAMES[area.area_type]


class AreaFilters(Schema):
    area_type: str | None = Field(
        None, pattern=r"^(nation|state|area)$", description="Only areas of this type."
    )


class WageOut(Schema):
    annual: float | None = Field(description="US dollars a year; null when not released.")
    hourly: float | None = Field(description="US dollars an hour; null when not released.")
    text: str = Field(
        description="The yearly wage as the site prints it: “$44,770 a year”, “$239,200 a "
        "year or more” "
        "(at or above BLS's top code) or “not released by BLS”."
    )


class IndustryOut(Schema):
    code: str = Field(description="BLS's industry code (000000 is all industries).")
    name: str


class WageEstimateOut(Schema):
    release: str = Field(
        description="The OEWS release in the answer's language, such as “May 2025” or “mayo de "
        "2025”."
    )
    release_code: str = Field(description="BLS's code for it, such as 2025A01.")
    soc_code: str
    area: AreaOut
    industry: IndustryOut
    employment: float | None = Field(description="Wage and salary jobs; null when not released.")
    employment_rse: float | None = Field(description="Relative standard error of the job count, %.")
    wage_rse: float | None = Field(description="Relative standard error of the mean wage, %.")
    less_precise: bool = Field(
        description="True when the job count's RSE is above 10% or the mean wage's above 5%, "
        "the site's threshold for flagging an estimate as less precise."
    )
    p10: WageOut
    p25: WageOut
    median: WageOut
    p75: WageOut
    p90: WageOut
    mean: WageOut
    markers: dict[str, str] = Field(
        description="For each field BLS held back: `not_released`, or `top_coded` (at or "
        "above $115.00 an hour or $239,200 a year)."
    )
    series: str = Field(
        description="The BLS series id of the annual median; the other "
        "values' ids differ in their last two digits, the datatype."
    )

    @staticmethod
    def resolve_release(row):
        # BLS names a release by its month ("May 2025"), which reads in the answer's language.
        return row.estimate.release.period_label

    @staticmethod
    def resolve_release_code(row):
        return row.estimate.release.code

    @staticmethod
    def resolve_soc_code(row):
        return row.estimate.soc_code

    @staticmethod
    def resolve_area(row):
        return row.estimate.area

    @staticmethod
    def resolve_industry(row):
        return row.estimate.industry

    @staticmethod
    def resolve_employment(row):
        return _number(row.estimate.employment)

    @staticmethod
    def resolve_employment_rse(row):
        return _number(row.estimate.employment_rse)

    @staticmethod
    def resolve_wage_rse(row):
        return _number(row.estimate.wage_rse)

    @staticmethod
    def resolve_less_precise(row):
        return row.less_precise

    @staticmethod
    def resolve_markers(row):
        return row.estimate.markers

    @staticmethod
    def resolve_series(row):
        return row.citations()[0].section.removeprefix("series ")

    @staticmethod
    def resolve_p10(row):
        return _wage(row.p10)

    @staticmethod
    def resolve_p25(row):
        return _wage(row.p25)

    @staticmethod
    def resolve_median(row):
        return _wage(row.median)

    @staticmethod
    def resolve_p75(row):
        return _wage(row.p75)

    @staticmethod
    def resolve_p90(row):
        return _wage(row.p90)

    @staticmethod
    def resolve_mean(row):
        return _wage(row.mean)


def _wage(pair):
    return {
        "annual": _number(pair.annual.value),
        "hourly": _number(pair.hourly.value),
        "text": str(pair.annual),
    }


def _number(value):
    return None if value is None else float(value)


class WageFilters(Schema):
    area: str | None = Field(
        None,
        pattern=r"^[-a-z0-9]{1,220}$",
        description="One area, by its code (4800000) or slug (texas).",
    )
    area_type: str | None = Field(
        None, pattern=r"^(nation|state|area)$", description="Only areas of this type."
    )
    industry: str | None = Field(
        None,
        pattern=r"^[-0-9]{6}$",
        description="One industry, by BLS's code (000000, all industries, unless given; "
        "industries are estimated for the nation only).",
    )
