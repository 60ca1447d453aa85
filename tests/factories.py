"""Small factories for tests of view logic, so they build the data they need.

The test database also holds the real content (loaded once per session by django_db_setup
in tests/fixtures/database.py). Everything built here has slugs, SOC codes and document
names of its own (test-…, 99-…), so it sits beside the real content without clashing.
Counts and values of the real content are checked in tests/test_content.py only.
"""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from occupations.measures import MEASURES
from occupations.models import (
    AdvancementPath,
    DataNote,
    Duty,
    EducationItem,
    FAQEntry,
    Figure,
    JobTitle,
    Occupation,
    PriceIndex,
    ProfileNote,
    Quality,
    QuickFact,
    Sector,
    SimilarOccupation,
    Source,
    Tip,
    WorkSetting,
    WorkSettingDetail,
)
from occupations.roles import EDITORS_GROUP


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
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"test-occupation-{n}")
    title = factory.Sequence(lambda n: f"Test occupation {n}")
    soc_code = factory.Sequence(lambda n: f"99-{n % 10000:04d}")
    definition = "Does the work a test needs done."
    source = factory.SubFactory(SourceFactory)
    source_line = 1

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        """parts=build: call build(occupation) once it is saved, to add its figures and the
        like (the `occupation` fixture's mark passes it on)."""
        if create and extracted:
            extracted(self)


class PartFactory(DjangoModelFactory):
    """A piece of one occupation's profile, cited to the occupation's source by default."""

    class Meta:
        abstract = True

    occupation = factory.SubFactory(OccupationFactory)
    slug = factory.Sequence(lambda n: f"part-{n}")
    source = factory.SelfAttribute("occupation.source")
    source_line = 1


class FigureFactory(PartFactory):
    """A dated median annual wage by default; the unit follows from the measure on save."""

    class Meta:
        model = Figure

    slug = factory.Sequence(lambda n: f"figure-{n}")
    measure = Figure.Measure.MEDIAN_ANNUAL_WAGE
    # Set on save too; here so that a figure built and not saved has it as well.
    unit = factory.LazyAttribute(lambda figure: MEASURES[figure.measure].unit)
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


class SimilarOccupationFactory(PartFactory):
    class Meta:
        model = SimilarOccupation

    slug = factory.Sequence(lambda n: f"similar-{n}")
    name = factory.Sequence(lambda n: f"Test similar occupation {n}")
    education = "High school diploma or equivalent"
    median_annual_wage = Decimal("40000.00")
    period_year = 2024
    period_month = 5


class QualityFactory(PartFactory):
    class Meta:
        model = Quality

    slug = factory.Sequence(lambda n: f"quality-{n}")
    kind = Quality.Kind.SKILL
    name = factory.Sequence(lambda n: f"Test skill {n}")
    description = "What the skill means."


class WorkSettingFactory(PartFactory):
    class Meta:
        model = WorkSetting

    slug = factory.Sequence(lambda n: f"setting-{n}")
    name = factory.Sequence(lambda n: f"Test setting {n}")
    description = "Where the work is done."


class WorkSettingDetailFactory(DjangoModelFactory):
    """A schedule by default, cited to its setting's source."""

    class Meta:
        model = WorkSettingDetail

    work_setting = factory.SubFactory(WorkSettingFactory)
    slug = factory.Sequence(lambda n: f"detail-{n}")
    kind = WorkSettingDetail.Kind.SCHEDULE
    text = factory.Sequence(lambda n: f"Test schedule {n}")
    source = factory.SelfAttribute("work_setting.source")
    source_line = 1


class EducationItemFactory(PartFactory):
    class Meta:
        model = EducationItem

    slug = factory.Sequence(lambda n: f"education-{n}")
    kind = EducationItem.Kind.MINIMUM
    text = factory.Sequence(lambda n: f"Test requirement {n}.")


class AdvancementPathFactory(PartFactory):
    class Meta:
        model = AdvancementPath

    slug = factory.Sequence(lambda n: f"path-{n}")
    title = factory.Sequence(lambda n: f"Test next step {n}")
    description = "Where the job can lead."


class TipFactory(PartFactory):
    class Meta:
        model = Tip

    slug = factory.Sequence(lambda n: f"tip-{n}")
    title = factory.Sequence(lambda n: f"Test tip {n}")
    text = "Advice for a test."


class ProfileNoteFactory(PartFactory):
    class Meta:
        model = ProfileNote

    slug = factory.Sequence(lambda n: f"fact-{n}")
    section = ProfileNote.Section.PAY
    text = factory.Sequence(lambda n: f"Test note on pay {n}.")


class QuickFactFactory(PartFactory):
    class Meta:
        model = QuickFact

    slug = factory.Sequence(lambda n: f"quick-fact-{n}")
    topic = QuickFact.Topic.EDUCATION
    text = factory.Sequence(lambda n: f"Test answer {n}")


def full_profile(occupation):
    """One record of every part, so every section of the profile has something to show."""
    FigureFactory(occupation=occupation)
    DutyFactory(occupation=occupation)
    WorkSettingDetailFactory(work_setting=WorkSettingFactory(occupation=occupation))
    EducationItemFactory(occupation=occupation)
    QualityFactory(occupation=occupation)
    SectorFactory(occupation=occupation)
    SimilarOccupationFactory(occupation=occupation)
    QuickFactFactory(occupation=occupation)
    JobTitleFactory(occupation=occupation)
    AdvancementPathFactory(occupation=occupation)
    TipFactory(occupation=occupation)
    FAQEntryFactory(occupation=occupation)
    ProfileNoteFactory(occupation=occupation)
    return occupation


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
    """One year's index. The loaded content has every year from 2000: use earlier ones."""

    class Meta:
        model = PriceIndex

    year = 1990
    value = Decimal("100.000")
    source = factory.SubFactory(SourceFactory)


# Short forms for the figures page tests build most: period years first, value as a string.


def wage(measure, occupation, value, year, month=None, **fields):
    """A wage of that measure; `month` makes it a one-month figure such as May 2020,
    and year=None an undated claim."""
    return FigureFactory(
        occupation=occupation,
        measure=measure,
        value=Decimal(value),
        period_start_year=year,
        period_month=month,
        **fields,
    )


def annual_wage(occupation, value, year, month=None, **fields):
    return wage(Figure.Measure.MEDIAN_ANNUAL_WAGE, occupation, value, year, month, **fields)


def hourly_wage(occupation, value, year, month=None, **fields):
    return wage(Figure.Measure.MEDIAN_HOURLY_WAGE, occupation, value, year, month, **fields)


def growth(occupation, value, first_year, last_year, comparison="", **fields):
    """Projected employment growth in percent over first_year–last_year."""
    return FigureFactory(
        occupation=occupation,
        measure=Figure.Measure.EMPLOYMENT_GROWTH,
        value=None if value is None else Decimal(value),
        comparison=comparison,
        period_start_year=first_year,
        period_end_year=last_year,
        **fields,
    )


def make_editor(username, password="a-long-Editor-passphrase-42"):
    """A staff account in the Editors group, as `create_editor` makes one."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user
