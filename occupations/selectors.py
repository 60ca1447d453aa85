"""The reads the pages and the admin make, each shaped for one page.

Every recipe fetches what its page shows in a fixed number of queries; the
model helpers (Occupation.wage_figures, .schedules, …) then read the prefetched
rows. The list of an occupation's parts comes from occupations/content.py, so a
new part is fetched without being named here. Every read is Django's select_related and
prefetch_related: one query for each relation a page shows, however many rows it has.
"""

from django.db.models import Case, Exists, F, OuterRef, Prefetch, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from .area_pay import JOBS_DATATYPES, EstimateSeries
from .bls.models import Area, Industry
from .content import profile_parts
from .models import (
    DataNote,
    Duty,
    EducationItem,
    FAQEntry,
    Figure,
    Occupation,
    PriceIndex,
    ProfileNote,
    QuickFact,
    Release,
    Sector,
    Source,
    WorkSetting,
    WorkSettingDetail,
)


def _cited(model):
    # Both passages' sources: citations() reads the second one too, when there is one.
    return model.objects.select_related("source", "second_source")


def _figures():
    return _cited(Figure)


def _figures_with_notes():
    """Figures as the pages that lead with the newest show them: with the notes that
    question them, so a headline figure can point at About the data."""
    # The English texts too, for DataNote.is_about: which figures each one questions; the
    # titles in both languages, which an older figure's flag shows (figure_note.html).
    notes = DataNote.objects.only(
        "id", "slug", "order", "occupation_id", "body_en", "resolution_en", "title_en", "title_es"
    )
    return _figures().prefetch_related(Prefetch("data_notes", queryset=notes))


def _part_queryset(model, linked_figures=_figures):
    """A part with its source, and with the rows the page shows beside it.

    `linked_figures` makes the queryset for figures the part links to (an FAQ entry's);
    a page that leads with one of them asks for their notes too.
    """
    queryset = _figures_with_notes() if model is Figure else _cited(model)
    if model is WorkSetting:
        queryset = queryset.prefetch_related(
            Prefetch("details", queryset=_cited(WorkSettingDetail))
        )
    for field in model._meta.many_to_many:
        if field.related_model is Figure:
            queryset = queryset.prefetch_related(Prefetch(field.name, queryset=linked_figures()))
    return queryset


def published_occupations():
    """Published occupations, each knowing whether it has an FAQ (pages link it only then), in
    the order of their English titles in either language: django-modeltranslation would
    otherwise order a Spanish page by the Spanish titles, and the site's own occupation
    would no longer come first."""
    return (
        Occupation.objects.published()
        .annotate(has_faq=Exists(FAQEntry.objects.filter(occupation=OuterRef("pk"))))
        .order_by("title_en")
    )


def others_to_compare(occupation):
    """The other published occupations, by title, for links to a comparison: their slugs
    and titles only (without published_occupations' has_faq, which costs the query most
    of its time)."""
    return Occupation.objects.published().exclude(pk=occupation.pk).only("slug", "title")


def with_figures(occupations):
    return occupations.prefetch_related(Prefetch("figure_set", queryset=_figures()))


def with_headline_figures(occupations):
    """With their figures and the notes that question them, for pages that lead with the
    newest."""
    return occupations.prefetch_related(Prefetch("figure_set", queryset=_figures_with_notes()))


def with_headline(occupations):
    """with_headline_figures, and the notes shown beside the headline (BLS's reason for the
    outlook, that waiters' wages include tips): all occupations/headline.py reads."""
    beside = _cited(ProfileNote).filter(section=ProfileNote.Section.HEADLINE)
    return with_headline_figures(occupations).prefetch_related(
        Prefetch("profilenote_set", queryset=beside)
    )


def with_way_in(occupations, topics=(QuickFact.Topic.EDUCATION,)):
    """With their quick facts on the way in (the entry-level education, and training if asked
    for), cited, as `way_in` (a list): the home page's cards and a state's pay page answer how
    to get in beside the pay and the outlook."""
    facts = _cited(QuickFact).filter(topic__in=topics)
    return occupations.prefetch_related(Prefetch("quickfact_set", queryset=facts, to_attr="way_in"))


def from_first_source(parts):
    """The parts from the source of the first (the editors list BLS's newest entry first):
    what a one-page handout, the comparison and the structured data give, where an older
    source's list would need its date beside it."""
    parts = list(parts)
    return [part for part in parts if part.source_id == parts[0].source_id] if parts else []


def leading_duties(occupation):
    return from_first_source(occupation.duty_set.all())


def for_state_handout(slug):
    """The published occupation a state's handout shows, or Http404: its headline (for the
    outlook), its own sources, its quick facts and its duties."""
    occupations = with_headline(published_occupations()).select_related("source", "second_source")
    occupations = occupations.prefetch_related(
        Prefetch("quickfact_set", queryset=_cited(QuickFact)),
        Prefetch("duty_set", queryset=_cited(Duty)),
    )
    return get_object_or_404(occupations, slug=slug)


def with_faq(occupations):
    return occupations.select_related("source", "second_source").prefetch_related(
        Prefetch(
            "faqentry_set", queryset=_part_queryset(FAQEntry, linked_figures=_figures_with_notes)
        )
    )


def with_profile(occupations):
    """The occupations with their own sources, and their figures with the notes that
    question them. Pass them to with_parts for the rest of the profile."""
    return occupations.select_related("source", "second_source").prefetch_related(
        Prefetch("figure_set", queryset=_figures_with_notes())
    )


def with_profile_and_faq(occupations):
    """with_profile and the FAQ: with with_parts, everything the API's detail of an
    occupation shows."""
    return with_profile(occupations).prefetch_related(
        Prefetch("faqentry_set", queryset=_part_queryset(FAQEntry))
    )


def profile_or_404(slug, faq=False):
    """The published occupation with this slug and everything its profile shows (and its
    FAQ, with faq=True, as the API's detail shows it), or Http404."""
    occupations = published_occupations()
    occupations = with_profile_and_faq(occupations) if faq else with_profile(occupations)
    return get_object_or_404(with_parts(occupations), slug=slug)


def with_parts(occupations):
    """with_profile's occupations with every other part the profile shows (duties, job
    titles, work settings and their details, …), each part with its sources, in its
    model's Meta.ordering: one query for each kind of part, for all the occupations.
    `occupation.duty_set.all()` and the like then read those rows."""
    return occupations.prefetch_related(
        *(
            Prefetch(f"{model._meta.model_name}_set", queryset=_part_queryset(model))
            for model in profile_parts()
            if model is not Figure  # with_profile's, with their notes
        )
    )


def figures_of(occupation):
    """An occupation's figures with their sources, for the API and the CSV export: by
    topic (pay, outlook, jobs) and, within each, newest first (undated last), as every page
    leads."""
    topic = Case(
        When(measure__in=Figure.WAGE_MEASURES, then=Value(0)),
        When(measure__in=Figure.OUTLOOK_MEASURES, then=Value(1)),
        default=Value(2),
    )
    return (
        _figures()
        .filter(occupation=occupation)
        .select_related("occupation")
        .order_by(
            topic,
            F("period_end_year").desc(nulls_last=True),
            Coalesce("period_month", 12).desc(),
            "measure",
            "order",
            "slug",
        )
    )


def cited_occupations():
    """Published occupations with their own citation's sources, for the API's list."""
    return published_occupations().select_related("source", "second_source")


def data_notes_for_about_page():
    return (
        _part_queryset(DataNote).filter(occupation__is_published=True).select_related("occupation")
    )


def price_indexes():
    return PriceIndex.objects.select_related("source")


def releases():
    """BLS's imported releases, newest first, with their source records."""
    return Release.objects.select_related("source")


def job_counts(occupations, release):
    """For each occupation (with its figures prefetched): its OEWS national employment in
    `release`, the newest (wage and salary jobs), with the employment series that holds it,
    beside its newest job count from the handbook (Employment Projections, self-employed
    included), for About the data."""
    estimates = {}
    if release is not None:
        national = release.estimates.filter(
            area__code=Area.NATIONAL_CODE,
            industry__code=Industry.ALL_INDUSTRIES_CODE,
            soc_code__in=[o.soc_code for o in occupations],
        ).select_related("area", "industry")
        estimates = {estimate.soc_code: estimate for estimate in national}
    counts = []
    for occupation in occupations:
        projected = next(
            (f for f in occupation.employment_figures if f.measure == Figure.Measure.EMPLOYMENT),
            None,
        )
        estimate = estimates.get(occupation.soc_code)
        if estimate is not None and estimate.employment is not None and projected is not None:
            counted = EstimateSeries(estimate, JOBS_DATATYPES)
            counts.append((occupation, release, estimate, counted, projected))
    return counts


def newest_median_annual(occupation):
    """The newest dated median annual wage of one occupation, read on its own (the
    importer's before-and-after report), or None."""
    figures = Figure.objects.select_related("source").filter(
        occupation=occupation,
        measure=Figure.Measure.MEDIAN_ANNUAL_WAGE,
        period_end_year__isnull=False,
    )
    return max(figures, key=lambda figure: figure.period.sort_key, default=None)


def sources():
    return Source.objects.all()


def sources_cited_by(records):
    """The distinct sources that a set of cited records (or sources) point at, by slug."""
    unique = {}
    for record in records:
        if isinstance(record, Source):
            unique[record.pk] = record
            continue
        for citation in record.citations():
            unique[citation.source.pk] = citation.source
    return sorted(unique.values(), key=lambda source: source.slug)


def profile_sources(occupation):
    """Every source an occupation's profile cites, read from with_profile's rows."""
    records = [occupation]
    for model in profile_parts():
        parts = getattr(occupation, f"{model._meta.model_name}_set").all()
        records.extend(parts)
        if model is WorkSetting:
            records.extend(detail for setting in parts for detail in setting.details.all())
    return sources_cited_by(records)


def by_kind(parts, kinds):
    """(kind label, parts of that kind) for each kind that has parts, in the order the
    model's Kind choices list them: each kind once, however the parts are ordered."""
    parts = list(parts)
    return [
        (label, [part for part in parts if part.kind == kind])
        for kind, label in kinds.choices
        if any(part.kind == kind for part in parts)
    ]


def sectors_by_kind(occupation):
    """The occupation's industries by kind (BLS's 2025 lists before the older profile's),
    from with_profile's rows."""
    return by_kind(occupation.sector_set.all(), Sector.Kind)


def education_items(occupation, kinds):
    """The occupation's education items of these kinds (EducationItem.SCHOOLING_KINDS and
    the like), in their order, from with_profile's rows."""
    return [item for item in occupation.educationitem_set.all() if item.kind in kinds]


def education_by_kind(occupation):
    """The occupation's education and training by kind, from with_profile's rows."""
    return by_kind(occupation.educationitem_set.all(), EducationItem.Kind)


def notes_by_section(occupation):
    """The profile's notes, grouped by the section they belong to, from with_profile's rows.

    Every section is a key, so a template can ask for one with no notes.
    """
    grouped = {section: [] for section in ProfileNote.Section.values}
    for note in occupation.profilenote_set.all():
        grouped[note.section].append(note)
    return grouped
