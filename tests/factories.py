"""Small factories for tests of view logic, so they build the data they need.

The test database also holds the real content (loaded once per session by
conftest.django_db_setup). Everything built here has slugs, SOC codes and document
names of its own (test-…, 99-…), so it sits beside the real content without clashing.
Counts and values of the real content are checked in tests/test_content.py only.
"""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from occupations.models import (
    DataNote,
    Duty,
    FAQEntry,
    Figure,
    JobTitle,
    Occupation,
    PriceIndex,
    Sector,
    Source,
)


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"test-source-{n}")
    title = factory.Sequence(lambda n: f"Test source document {n}")
    short_title = factory.Sequence(lambda n: f"Test source {n}")
    document = factory.Sequence(lambda n: f"test-source-{n}.txt")
    publisher = "Test publisher"
    period = "2020"
    description = "A document made up for a test."
    used_for = "Whatever the test needs."


class OccupationFactory(DjangoModelFactory):
    class Meta:
        model = Occupation

    slug = factory.Sequence(lambda n: f"test-occupation-{n}")
    title = factory.Sequence(lambda n: f"Test occupation {n}")
    soc_code = factory.Sequence(lambda n: f"99-{n % 10000:04d}")
    definition = "Does the work a test needs done."
    source = factory.SubFactory(SourceFactory)
    source_line = 1


class PartFactory(DjangoModelFactory):
    """A piece of one occupation's profile, cited to the occupation's source by default."""

    class Meta:
        abstract = True

    occupation = factory.SubFactory(OccupationFactory)
    slug = factory.Sequence(lambda n: f"part-{n}")
    source = factory.SelfAttribute("occupation.source")
    source_line = 1


class FigureFactory(PartFactory):
    """A dated median annual wage by default; the unit follows from the kind on save."""

    class Meta:
        model = Figure

    slug = factory.Sequence(lambda n: f"figure-{n}")
    kind = Figure.Kind.MEDIAN_ANNUAL_WAGE
    value = Decimal("30000")
    period_start_year = 2020
    period_end_year = factory.SelfAttribute("period_start_year")

    class Params:
        undated = factory.Trait(period_start_year=None, period_end_year=None, period_month=None)


class DutyFactory(PartFactory):
    class Meta:
        model = Duty

    slug = factory.Sequence(lambda n: f"duty-{n}")
    text = factory.Sequence(lambda n: f"Test duty {n}")


class JobTitleFactory(PartFactory):
    class Meta:
        model = JobTitle

    slug = factory.Sequence(lambda n: f"title-{n}")
    name = factory.Sequence(lambda n: f"test title {n}")


class SectorFactory(PartFactory):
    class Meta:
        model = Sector

    slug = factory.Sequence(lambda n: f"sector-{n}")
    kind = Sector.Kind.EMPLOYS_MOST
    name = factory.Sequence(lambda n: f"Test sector {n}")


class WithFiguresFactory(PartFactory):
    """A part that shows figures: pass figures=[...] to link them."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def figures(self, create, extracted, **kwargs):
        if create and extracted:
            self.figures.set(extracted)


class FAQEntryFactory(WithFiguresFactory):
    class Meta:
        model = FAQEntry

    slug = factory.Sequence(lambda n: f"question-{n}")
    question = factory.Sequence(lambda n: f"Test question {n}?")
    answer = "A test answer."


class DataNoteFactory(WithFiguresFactory):
    class Meta:
        model = DataNote

    slug = factory.Sequence(lambda n: f"note-{n}")
    title = factory.Sequence(lambda n: f"Test note {n}")
    body = "The sources disagree."
    resolution = "The site shows both."


class PriceIndexFactory(DjangoModelFactory):
    """One year's index. The loaded content has 2008 and 2020: use other years."""

    class Meta:
        model = PriceIndex

    year = 2000
    value = Decimal("100.000")
    source = factory.SubFactory(SourceFactory)


# Short forms for the figures page tests build most: period years first, value as a string.


def wage(kind, occupation, value, year, month=None, **fields):
    """A median wage of that kind; `month` makes it a one-month figure such as May 2020,
    and year=None an undated claim."""
    return FigureFactory(
        occupation=occupation,
        kind=kind,
        value=Decimal(value),
        period_start_year=year,
        period_month=month,
        **fields,
    )


def annual_wage(occupation, value, year, month=None, **fields):
    return wage(Figure.Kind.MEDIAN_ANNUAL_WAGE, occupation, value, year, month, **fields)


def hourly_wage(occupation, value, year, month=None, **fields):
    return wage(Figure.Kind.MEDIAN_HOURLY_WAGE, occupation, value, year, month, **fields)


def growth(occupation, value, first_year, last_year, comparison="", **fields):
    """Projected employment growth in percent over first_year–last_year."""
    return FigureFactory(
        occupation=occupation,
        kind=Figure.Kind.EMPLOYMENT_GROWTH,
        value=None if value is None else Decimal(value),
        comparison=comparison,
        period_start_year=first_year,
        period_end_year=last_year,
        **fields,
    )
