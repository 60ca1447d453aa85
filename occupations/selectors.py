"""The reads the pages and the admin make, each shaped for one page.

Every recipe fetches what its page shows in a fixed number of queries; the
model helpers (Occupation.wage_figures, .schedules, …) then read the prefetched
rows. The list of an occupation's parts comes from occupations/content.py, so a
new part is fetched without being named here.
"""

from django.db.models import Prefetch

from .content import profile_parts
from .models import (
    DataNote,
    FAQEntry,
    Figure,
    Occupation,
    PriceIndex,
    Source,
    WorkSetting,
    WorkSettingDetail,
)


def _cited(model):
    # Both passages' sources: citations() reads the second one too, when there is one.
    return model.objects.select_related("source", "second_source")


def _figures():
    return _cited(Figure)


def _part_queryset(model):
    """A part with its source, and with the rows the page shows beside it."""
    queryset = _cited(model)
    if model is WorkSetting:
        queryset = queryset.prefetch_related(
            Prefetch("details", queryset=_cited(WorkSettingDetail))
        )
    for field in model._meta.many_to_many:
        if field.related_model is Figure:
            queryset = queryset.prefetch_related(Prefetch(field.name, queryset=_figures()))
    return queryset


def published_occupations():
    return Occupation.objects.published()


def with_figures(occupations):
    return occupations.prefetch_related(Prefetch("figure_set", queryset=_figures()))


def with_faq(occupations):
    return occupations.select_related("source").prefetch_related(
        Prefetch("faqentry_set", queryset=_part_queryset(FAQEntry))
    )


def with_profile(occupations):
    """Everything the profile page shows: one query for each of its parts."""
    return occupations.select_related("source").prefetch_related(
        *(
            Prefetch(f"{model._meta.model_name}_set", queryset=_part_queryset(model))
            for model in profile_parts()
        )
    )


def figures_of(occupation):
    """An occupation's figures with their sources, for the API and the CSV export."""
    return _figures().filter(occupation=occupation).select_related("occupation")


def cited_occupations():
    """Published occupations with their own citation's sources, for the API's list."""
    return published_occupations().select_related("source", "second_source")


def data_notes_for_about_page():
    return (
        _part_queryset(DataNote).filter(occupation__is_published=True).select_related("occupation")
    )


def price_indexes():
    return PriceIndex.objects.select_related("source")


def sources():
    return Source.objects.all()


def sources_cited_by(records):
    """The distinct sources that a set of cited records (or sources) point at, by slug."""
    unique = {}
    for record in records:
        source = record if isinstance(record, Source) else record.source
        unique[source.pk] = source
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
