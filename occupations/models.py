"""The occupation profile and the sources every fact in it comes from.

Every record that states a fact carries a citation: the source document and
the line on which the fact stands. Figures are records of their own, each with
the period it describes, so the site can always say how old a number is.
"""

import functools
import operator
from datetime import MAXYEAR

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models, router, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import citations, languages, measures, quoting
from .formatting import Amount, Period, Unit
from .load_records import LoadedRecord  # noqa: F401  (a model of this app, kept beside the loader)

# Every text field an editor fills refuses invisible characters (occupations/visible_text.py):
# visible_line for a field of one line, visible_paragraphs for a text box.
from .visible_text import visible_line, visible_paragraphs


class EditConflict(Exception):
    """Someone else saved the record after this copy of it was read."""


class Translated(models.Model):
    """A record with texts in Spanish beside their English (occupations/translation.py).

    `spanish_from` keeps, for each text whose Spanish was written, a digest of the English it
    was written from: when the English changes after it, the Spanish is older than its
    English, and the Spanish page shows the English, marked (occupations/languages.py)."""

    spanish_from = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic locking: every save of a record checks and bumps its version.

    A copy read at version 3 can only be saved while the row is still at version 3;
    if someone saved it meanwhile the save raises EditConflict instead of silently
    undoing their change. The admin's forms check the same thing first and explain
    it to the editor (see occupations/admin.py).
    """

    version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one with every save; used to detect concurrent edits."
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        with transaction.atomic(using=kwargs.get("using")):
            # One conditional UPDATE: it matches only while nobody else has saved the row,
            # and on PostgreSQL it waits for (then sees) a concurrent transaction's save.
            claimed = (
                type(self)
                ._base_manager.using(kwargs.get("using"))
                .filter(pk=self.pk, version=self.version)
                .update(version=F("version") + 1)
            )
            if not claimed:
                raise EditConflict(
                    f"{self._meta.verbose_name} {self.pk} was changed since it was read "
                    f"(at version {self.version}) or deleted; read it again and reapply "
                    "the change."
                )
            self.version += 1
            try:
                return super().save(*args, **kwargs)
            except BaseException:
                self.version -= 1
                raise


# A source's link is shown to every reader: only web addresses, never ftp:, file: or
# javascript:. The same rule is a database constraint on Source, for writes that skip clean().
WEB_ADDRESS_MESSAGE = "Enter a web address that starts with http:// or https://."
web_address = URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)


class WebAddressFormField(forms.URLField):
    default_validators = [web_address]
    # Form fields replace a validator's "invalid" message with their own: say the same thing.
    default_error_messages = {"invalid": WEB_ADDRESS_MESSAGE}


class WebAddressField(models.URLField):
    """A URL field that accepts http and https only, in forms and in full_clean()."""

    default_validators = [web_address, visible_line]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, **kwargs})


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Source(Translated, Versioned):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200, validators=[visible_line])
    short_title = models.CharField(
        max_length=60,
        help_text="The name readers see in every reference, for example “Career profile with 2008 "
        "figures”: what the source is and the period its figures describe.",
        validators=[visible_line],
    )
    document = models.CharField(
        max_length=200,
        unique=True,
        help_text="File name of the document, for example 000_d3ec8798476469da.txt, or the name "
        "of a statistical series.",
        validators=[visible_line],
    )
    publisher = models.CharField(max_length=200, blank=True, validators=[visible_line])
    url = WebAddressField(blank=True, help_text="Where the original can be read, if public.")
    program = models.CharField(
        max_length=120,
        blank=True,
        help_text="For official statistics: the program or publication, such as “Occupational "
        "Employment and Wage Statistics (OEWS)”. Empty for other documents.",
        validators=[visible_line],
    )
    release = models.CharField(
        max_length=60,
        blank=True,
        help_text="The program's release or edition, such as “May 2025”; empty if not known.",
        validators=[visible_line],
    )
    cites_by_section = models.BooleanField(
        default=False,
        help_text="Readers open this source as a web page: cite its sections, not the line "
        "numbers of our copy.",
    )
    period = models.CharField(
        max_length=100,
        help_text="The period its figures describe, for example “2008 and 2008–2018”.",
        validators=[visible_line],
    )
    description = models.TextField(
        help_text="What the document is, in the site's own words.", validators=[visible_paragraphs]
    )
    used_for = models.TextField(
        blank=True,
        help_text="What the site takes from this source, in a sentence or two.",
        validators=[visible_paragraphs],
    )
    notes = models.TextField(
        blank=True,
        help_text="Known problems and how the site treats them.",
        validators=[visible_paragraphs],
    )

    objects = SourceQuerySet.as_manager()
    # Its history is registered in occupations/translation.py, after its Spanish columns.

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url="")
                | Q(url__istartswith="http://")
                | Q(url__istartswith="https://"),
                name="source_url_is_a_web_address",
                violation_error_message=WEB_ADDRESS_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:about-data") + f"#source-{self.slug}"

    def natural_key(self):
        return (self.slug,)

    @property
    def title_after_short(self):
        """The title less the short title it may begin with, for a list that names the source
        by its short title first and would otherwise say it twice."""
        return self.title.removeprefix(f"{self.short_title}: ")


SECTION_FIELDS = [("source", "source_section"), ("second_source", "second_section")]


def broken_rules(instance, rules):
    """The messages of the rules `instance` breaks, each under its field: `rules` are
    (field, CheckConstraint) pairs, asked as full_clean() asks a constraint
    (CheckConstraint.validate(), one query each).

    clean() calls this because full_clean() puts a broken constraint's message among the
    non-field errors, and editors and the loader need it beside the field it is about.

    The rules are first asked together, as one constraint: a record that keeps them all,
    as nearly every record does, costs one query instead of one per rule. (Asked one by
    one, the rules took 1.2 s of a 3 s load_content rerun, 204 records.) Only when the
    conjunction fails is each rule asked, to say which.
    """
    if not rules:
        return {}
    together = models.CheckConstraint(
        condition=functools.reduce(operator.and_, (c.condition for _, c in rules)),
        name="all_rules",
    )
    try:
        together.validate(type(instance), instance)
        return {}
    except ValidationError:
        pass
    errors = {}
    for field, constraint in rules:
        try:
            constraint.validate(type(instance), instance)
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
    return errors


class Cited(Translated, Versioned):
    """A fact with the passage, or two, it stands on (see occupations/citations.py)."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT)
    source_line = models.PositiveIntegerField(
        validators=[MinValueValidator(1)],
        help_text="Line number in the source document where this fact stands (the first, "
        "when it runs over several lines).",
    )
    source_line_end = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="The last line, when the fact runs over several lines.",
    )
    source_section = models.CharField(
        max_length=100,
        blank=True,
        help_text="For a source readers open as a web page: the section it stands in, "
        "such as “Pay”. Shown instead of the line number.",
        validators=[visible_line],
    )
    second_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="When the fact also rests on a second passage: its source (the same "
        "document or the other one).",
    )
    second_line = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    second_line_end = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)]
    )
    second_section = models.CharField(max_length=100, blank=True, validators=[visible_line])
    # Every content model keeps its past values: who changed what, and when. The history is
    # registered in occupations/translation.py, once the Spanish columns exist.

    class Meta:
        abstract = True

    def rules(self):
        """The (field, CheckConstraint) pairs clean() checks: the citation rules."""
        model_name = self._meta.model_name
        return [(rule.field, rule.constraint(model_name)) for rule in citations.RULES]

    def clean(self):
        """Check the rules, each message next to its field."""
        super().clean()
        errors = broken_rules(self, self.rules())
        for source_field, section_field in SECTION_FIELDS:
            source = getattr(self, source_field) if getattr(self, f"{source_field}_id") else None
            if source is not None and source.cites_by_section and not getattr(self, section_field):
                errors.setdefault(section_field, []).append(
                    "Readers open this source as a web page: name the section the fact is in."
                )
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None):
        """The model's constraints, but for the rules clean() has just checked: full_clean()
        would otherwise ask each of them again, one query each."""
        checked = {constraint.name for _, constraint in self.rules()}
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for constraint in self._meta.constraints:
            if constraint.name in checked:
                continue
            try:
                constraint.validate(type(self), self, exclude=exclude, using=using)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def citations(self):
        return citations.citations_of(self)


class OccupationQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        return self.filter(is_published=True)


class Occupation(Cited):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200, validators=[visible_line])
    soc_code = models.CharField(
        "SOC code",
        max_length=7,
        unique=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}$", "Use the form 43-4051."), visible_line],
    )
    definition = models.TextField(
        help_text="One or two sentences: what the job is.", validators=[visible_paragraphs]
    )
    summary = models.TextField(
        blank=True,
        help_text="A short overview for the top of the page.",
        validators=[visible_paragraphs],
    )
    is_published = models.BooleanField(default=True)
    current_figures_url = WebAddressField(
        "where to check current figures",
        blank=True,
        help_text="A public page with the latest outlook, such as the occupation's entry in "
        "the BLS Occupational Outlook Handbook. Shown next to the newest projection, with how "
        "old it is. Pay links to BLS's wage survey page for the SOC code.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When an editor last checked this profile against its sources; shown publicly.",
    )

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soc_code__regex=r"^[0-9]{2}-[0-9]{4}$"),
                name="occupation_soc_code_format",
            ),
            *citations.constraints("occupation"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:occupation", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    # The helpers below read prefetched rows (see occupations/selectors.py), so a page
    # can call them freely without adding queries.

    def figures_for(self, measures):
        """Dated figures of these measures, newest first, then the undated claims."""
        chosen = [figure for figure in self.figure_set.all() if figure.measure in measures]
        return sorted(chosen, key=lambda figure: figure.period.sort_key, reverse=True)

    @cached_property
    def wage_figures(self):
        return self.figures_for(Figure.WAGE_MEASURES)

    @cached_property
    def outlook_figures(self):
        return self.figures_for(Figure.OUTLOOK_MEASURES)

    @cached_property
    def employment_figures(self):
        return self.figures_for(Figure.EMPLOYMENT_MEASURES)

    @cached_property
    def headline_wage(self):
        """The newest dated median wage (a percentile never leads)."""
        return next(
            (
                f
                for f in self.wage_figures
                if f.is_dated and f.measure in Figure.MEDIAN_WAGE_MEASURES
            ),
            None,
        )

    @property
    def current_pay_url(self):
        """Where BLS publishes the occupation's newest pay: the wage survey's page for its SOC
        code (oes434051.htm). The handbook's entry (current_figures_url) quotes that pay a
        year later, so it showed a student older pay than the site's."""
        digits = self.soc_code.replace("-", "")
        return f"https://www.bls.gov/oes/current/oes{digits}.htm" if digits else ""

    @cached_property
    def headline_outlook(self):
        return next((figure for figure in self.outlook_figures if figure.is_dated), None)

    def employment_figure(self, measure, period):
        """The job-count figure of `measure` for the same period (a projection's openings)."""
        return next(
            (f for f in self.employment_figures if f.measure == measure and f.period == period),
            None,
        )

    def schedules(self):
        return [
            detail
            for setting in self.worksetting_set.all()
            for detail in setting.details.all()
            if detail.kind == WorkSettingDetail.Kind.SCHEDULE
        ]


class PartQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug, occupation_slug):
        return self.get(slug=slug, occupation__slug=occupation_slug)


DISPLAY_ORDER_HELP = "Where it comes in its list on the page: lower numbers come first."


class OccupationPart(Cited):
    """A piece of one occupation's profile, with an editor-controlled order.

    Every model with a foreign key to Occupation is one of these; occupations/content.py
    finds them from Occupation's relations.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE)
    slug = models.SlugField(help_text="Unique within the occupation; used in links.")
    order = models.PositiveSmallIntegerField(
        "display order", default=0, help_text=DISPLAY_ORDER_HELP
    )

    objects = PartQuerySet.as_manager()
    anchor_prefix = ""
    on_profile = True  # shown on the profile page, so its query fetches it

    class Meta:
        abstract = True
        # The model's own column: ordering by "occupation" would join the occupation's
        # table just to sort by its title.
        ordering = ["occupation_id", "order", "slug"]

    def get_absolute_url(self):
        return f"{self.occupation.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (self.slug, *self.occupation.natural_key())

    natural_key.dependencies = ["occupations.occupation", "occupations.source"]

    @property
    def anchor(self):
        return f"{self.anchor_prefix}{self.slug}"


def _part_constraints(model_name):
    """The constraints every part keeps: a slug unique in its occupation, and the citation rules."""
    return [
        models.UniqueConstraint(
            fields=["occupation", "slug"], name=f"{model_name}_unique_slug_per_occupation"
        ),
        *citations.constraints(model_name),
    ]


class Figure(OccupationPart):
    """One number with what it measures, its period and its source.

    A figure with no period is an undated claim: the site shows it only as
    something a source said, never as the current value. What a measure
    is counted in, and the rules every figure keeps, are in occupations/measures.py.
    """

    Measure = measures.Measure
    Unit = Unit
    WAGE_MEASURES = measures.WAGE_MEASURES
    MEDIAN_WAGE_MEASURES = measures.MEDIAN_WAGE_MEASURES
    OUTLOOK_MEASURES = measures.OUTLOOK_MEASURES
    EMPLOYMENT_MEASURES = measures.EMPLOYMENT_MEASURES

    measure = models.CharField(max_length=30, choices=Measure)
    value = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Dollars for wages, percent for growth. Leave empty only when the source "
        "gives a comparison and no number.",
    )
    # Follows from the measure (set on every save); kept as a column for queries and exports.
    unit = models.CharField(max_length=10, choices=Unit, editable=False)
    is_approximate = models.BooleanField(
        default=False, help_text="Tick when the source rounds the figure (“around $35,000”)."
    )
    period_start_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
        help_text="First year the figure covers: 2019 for “2019–2029”, 2020 for “May 2020”.",
    )
    period_end_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
        help_text="Last year the figure covers: 2029 for “2019–2029”; the same year for one year.",
    )
    period_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Month number for a one-month figure: 5 for “May 2020”.",
    )
    comparison = models.CharField(
        max_length=100,
        blank=True,
        help_text="The source's comparison wording, if any: “faster than the average”.",
        validators=[visible_line],
    )
    note = models.TextField(
        blank=True,
        help_text="Anything a reader should know about it.",
        validators=[visible_paragraphs],
    )
    release = models.ForeignKey(
        "occupations.Release",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="figures",
        help_text="Set on figures made from a BLS release by import_bls; those are read only.",
    )
    anchor_prefix = "figure-"

    class Meta(OccupationPart.Meta):
        ordering = ["occupation_id", "measure", "order", "slug"]
        constraints = [
            *_part_constraints("figure"),
            *(rule.constraint for rule in measures.RULES),
            measures.UNIT_FITS_MEASURE,
        ]

    def __str__(self):
        return f"{self.get_measure_display()}, {self.period_label}: {self.display_value}"

    def save(self, *args, **kwargs):
        self.set_unit()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "measure" in update_fields:
            kwargs["update_fields"] = {*update_fields, "unit"}
        return super().save(*args, **kwargs)

    def set_unit(self):
        definition = measures.MEASURES.get(self.measure)
        if definition is not None:
            self.unit = definition.unit

    def rules(self):
        """The citation rules and the figure's own (occupations/measures.py)."""
        return [*super().rules(), *((rule.field, rule.constraint) for rule in measures.RULES)]

    def clean(self):
        # The unit follows from the measure; set it before the rules look at it.
        self.set_unit()
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.period_not_over():
            if self.period_month is None and self.period_start_year != self.period_end_year:
                field, message = (
                    "period_start_year",
                    f"A projection counts from its first year, and {self.period_start_year} "
                    "is not over yet.",
                )
            else:
                field, message = (
                    "period_end_year",
                    f"{self.period_label} is not over yet: a figure describes a period that "
                    "has ended.",
                )
            errors.setdefault(field, []).append(message)
        if errors:
            raise ValidationError(errors)

    def period_not_over(self):
        """Whether the period ends after today, which no figure can (a projection counts from
        its first year). Time-dependent, so a check in clean(), not in the database."""
        start, end, month = self.period_start_year, self.period_end_year, self.period_month
        if (
            start is None
            or end is None
            or not 1 <= (month or 1) <= 12
            or not 1 <= start <= end <= MAXYEAR
        ):
            return False  # no period, or one the fields' own checks refuse
        return self.period.as_of > timezone.localdate()

    @property
    def period(self):
        return Period(self.period_start_year, self.period_end_year, self.period_month)

    @property
    def is_dated(self):
        return self.period.is_dated

    @property
    def period_label(self):
        return self.period.label

    @property
    def is_stale(self):
        """Older than STALE_FIGURE_YEARS, counted from the period's first year.

        A projection is as old as its base year, so 2019–2029 counts from 2019.
        """
        return self.is_dated and self.period_start_year < stale_before_year()

    @property
    def amount(self):
        """The value as an Amount, or None when the source gave only a comparison."""
        if self.value is None:
            return None
        return Amount(self.value, self.unit, approximate=self.is_approximate, figure=self)

    @property
    def display_value(self):
        return self.comparison_shown if self.amount is None else str(self.amount)

    @property
    def comparison_shown(self):
        """The source's comparison wording in the page's language: its Spanish on a Spanish
        page when that is current, else the English."""
        return languages.shown(self, "comparison").text

    @property
    def value_with_comparison(self):
        """“2 percent, slower than the average”: the value and the source's wording. Wording
        that names what it compares with (“all occupations: +3 percent”) is a figure of its
        own, set off by a semicolon: after a comma, “−5 percent, a decline, all occupations:
        +3 percent” ran on, and brackets would meet the period's. The Spanish wording (“frente
        a +3 por ciento para todas las ocupaciones”) reads on after a comma."""
        if self.value is None or not self.comparison:
            return self.display_value
        shown = self.comparison_shown
        return f"{self.display_value}{'; ' if ':' in shown else ', '}{shown}"

    @property
    def is_wage(self):
        return self.measure in self.WAGE_MEASURES

    @property
    def is_count_at_end(self):
        """A projected number of jobs is the count in the projection's last year: BLS gives
        “2,660,300 in 2034” for 2024–2034."""
        return self.measure == self.Measure.PROJECTED_EMPLOYMENT

    @property
    def is_national(self):
        """Imported from a BLS release, whose figures are only its national, all-industries
        series (OEUN…; occupations/bls/importer.py). A typed figure's source may not say
        where it holds, so the site does not say it for it."""
        return self.release_id is not None

    @property
    def note_on_it(self):
        """The first of the prefetched notes that questions this figure (DataNote.is_about):
        the one its "Our note on this figure" link opens."""
        return next((note for note in self.data_notes.all() if note.is_about(self)), None)

    def quoted_by(self):
        """The FAQ answers and notes whose text quotes this figure by its slug."""
        texts = [*self.faq_entries.all(), *self.data_notes.all()]
        return [text for text in texts if self.slug in text.quoted_slugs()]

    @property
    def statistic(self):
        return measures.MEASURES[self.measure].statistic


class Duty(OccupationPart):
    text = models.CharField(max_length=300, validators=[visible_line])
    anchor_prefix = "duty-"

    class Meta(OccupationPart.Meta):
        verbose_name_plural = "duties"
        constraints = [*_part_constraints("duty")]

    def __str__(self):
        return self.text


class JobTitle(OccupationPart):
    name = models.CharField(
        max_length=100, help_text="Exactly as the source writes it.", validators=[visible_line]
    )
    anchor_prefix = "title-"

    class Meta(OccupationPart.Meta):
        constraints = [
            *_part_constraints("jobtitle"),
            models.UniqueConstraint(
                fields=["occupation", "name"], name="jobtitle_unique_name_per_occupation"
            ),
        ]

    def __str__(self):
        return self.name


class Quality(OccupationPart):
    class Kind(models.TextChoices):
        SKILL = "skill", _("Skill or quality (from the skills table)")
        CHARACTERISTIC = "characteristic", _("Job characteristic")

    kind = models.CharField(max_length=20, choices=Kind)
    name = models.CharField(max_length=100, validators=[visible_line])
    description = models.TextField(validators=[visible_paragraphs])
    anchor_prefix = "quality-"

    class Meta(OccupationPart.Meta):
        verbose_name_plural = "qualities"
        constraints = [*_part_constraints("quality")]

    def __str__(self):
        return self.name


class WorkSetting(OccupationPart):
    name = models.CharField(max_length=100, validators=[visible_line])
    description = models.TextField(validators=[visible_paragraphs])
    anchor_prefix = "setting-"

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("worksetting")]

    def __str__(self):
        return self.name


class WorkSettingDetailQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug, setting_slug, occupation_slug):
        return self.get(
            slug=slug,
            work_setting__slug=setting_slug,
            work_setting__occupation__slug=occupation_slug,
        )


class WorkSettingDetail(Cited):
    """A channel, tool or schedule that belongs to one work setting."""

    class Kind(models.TextChoices):
        CHANNEL = "channel", _("Channel (how customers are reached)")
        TOOL = "tool", _("Tool")
        SCHEDULE = "schedule", _("Schedule")

    work_setting = models.ForeignKey(WorkSetting, on_delete=models.CASCADE, related_name="details")
    slug = models.SlugField(help_text="Unique within the work setting.")
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.CharField(max_length=300, validators=[visible_line])
    order = models.PositiveSmallIntegerField(
        "display order", default=0, help_text=DISPLAY_ORDER_HELP
    )

    objects = WorkSettingDetailQuerySet.as_manager()

    class Meta:
        ordering = ["work_setting_id", "kind", "order", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_setting", "slug"], name="worksettingdetail_unique_slug_per_setting"
            ),
            *citations.constraints("worksettingdetail"),
        ]

    def __str__(self):
        return f"{self.work_setting.name}: {self.text}"

    def get_absolute_url(self):
        return self.work_setting.get_absolute_url()

    def natural_key(self):
        return (self.slug, *self.work_setting.natural_key())

    natural_key.dependencies = ["occupations.worksetting"]


class EducationItem(OccupationPart):
    class Kind(models.TextChoices):
        # In the order a profile lists them: what is usual, then what some employers want.
        TYPICAL = "typical", _("Typical entry-level education")
        MINIMUM = "minimum", _("Minimum requirement")
        REQUIRED_BY_SOME = "required_by_some", _("Required by some employers")
        REQUIRED_OR_PREFERRED = "require_or_prefer", _("Required or preferred by some employers")
        PREFERRED = "preferred", _("Preferred by some employers")
        COURSE = "course", _("Helpful course")
        EXPERIENCE = "experience", _("Work experience in a related occupation")
        ON_THE_JOB = "on_the_job", _("On-the-job training")
        CERTIFICATION = "certification", _("Certification or training program")

    # How the comparison page and the JSON-LD group the kinds.
    # What some employers want beyond the usual: the handout lists only these.
    SOME_EMPLOYERS_KINDS = frozenset(
        {Kind.REQUIRED_BY_SOME, Kind.REQUIRED_OR_PREFERRED, Kind.PREFERRED}
    )
    SCHOOLING_KINDS = frozenset(
        {
            Kind.TYPICAL,
            Kind.MINIMUM,
            Kind.REQUIRED_BY_SOME,
            Kind.REQUIRED_OR_PREFERRED,
            Kind.PREFERRED,
        }
    )
    EXPERIENCE_KINDS = frozenset({Kind.EXPERIENCE})
    TRAINING_KINDS = frozenset({Kind.ON_THE_JOB, Kind.CERTIFICATION})

    kind = models.CharField(max_length=20, choices=Kind)
    text = models.CharField(max_length=300, validators=[visible_line])
    anchor_prefix = "education-"

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("educationitem")]

    def __str__(self):
        return self.text


class Sector(OccupationPart):
    # The labels say where the lists come from: neither is a current ranking.
    class Kind(models.TextChoices):
        LARGEST_EMPLOYERS = (
            "largest_employers",
            _("Largest employers in 2024, by share of the jobs (BLS handbook, 2025)"),
        )
        TOP_INDUSTRY_PAY = (
            "top_industry_pay",
            _("Median hourly wage in the top industries, May 2024 (BLS handbook, 2025)"),
        )
        EMPLOYS_MOST = "employs_most", _("Main employers, as the older profile names them")
        PAYS_MOST = "pays_most", _("Highest-paying, in the older profile's 2008 wage passage")

    kind = models.CharField(max_length=20, choices=Kind)
    name = models.CharField(
        max_length=150, help_text="Exactly as the source names it.", validators=[visible_line]
    )
    share_percent = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="The industry's share of the occupation's jobs, as the source gives it.",
    )
    median_hourly_wage = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=measures.believable_wage(measures.Unit.USD_PER_HOUR),
        help_text="The occupation's median hourly wage in this industry, as the source gives it.",
    )
    anchor_prefix = "sector-"

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("sector")]

    def __str__(self):
        return self.name

    @property
    def period(self):
        """The time its share or wage is for, as its list's label gives it: the handbook's
        shares of the jobs are for 2024 and its industry wages for May 2024; the older profile
        dates its wage passage 2008 and its list of main employers not at all."""
        return SECTOR_PERIODS[self.kind]

    @property
    def hourly_wage_text(self):
        """“$22.97 an hour”, in the page's language."""
        if self.median_hourly_wage is None:
            return ""
        return str(Amount(self.median_hourly_wage, Unit.USD_PER_HOUR))


class ProfileNote(OccupationPart):
    """A cited sentence that belongs to one section of the profile but is not a list item:
    how duties vary, what else affects pay, the context of an old outlook."""

    class Section(models.TextChoices):
        HEADLINE = "headline", _("Beside the headline pay and outlook")
        WHAT_THEY_DO = "what_they_do", _("What they do")
        PAY = "pay", _("Pay")
        JOB_OUTLOOK = "job_outlook", _("Job outlook")

    section = models.CharField(max_length=20, choices=Section)
    text = models.TextField(validators=[visible_paragraphs])
    anchor_prefix = "fact-"

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("profilenote")]

    def __str__(self):
        return self.text


SECTOR_PERIODS = {
    Sector.Kind.LARGEST_EMPLOYERS: Period(2024, 2024),
    Sector.Kind.TOP_INDUSTRY_PAY: Period(2024, 2024, 5),
    Sector.Kind.EMPLOYS_MOST: Period(),
    Sector.Kind.PAYS_MOST: Period(2008, 2008),
}


class SimilarOccupation(OccupationPart):
    """An occupation the source names as similar, with its entry-level education and pay."""

    name = models.CharField(
        max_length=150, help_text="Exactly as the source names it.", validators=[visible_line]
    )
    education = models.CharField(
        max_length=150, help_text="Its typical entry-level education.", validators=[visible_line]
    )
    median_annual_wage = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        validators=measures.believable_wage(measures.Unit.USD_PER_YEAR),
    )
    period_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    period_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    soc_code = models.CharField(
        "SOC code",
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^\d{2}-\d{4}$", "Use the form 15-1230."), visible_line],
        help_text="The one code in BLS's wage survey that is exactly this occupation (15-1230 "
        "for computer support specialists). Once a release is imported with it (load_content "
        "imports the shipped files again; an editor's own import needs its files again), that "
        "release's national median shows in place of the source's, unless the source's is "
        "newer. Leave blank when the source's occupation spans several codes (retail sales "
        "workers are cashiers and retail salespersons; financial clerks are not SOC 43-3000).",
    )
    anchor_prefix = "similar-"

    class Meta(OccupationPart.Meta):
        verbose_name_plural = "similar occupations"
        constraints = [*_part_constraints("similaroccupation")]

    def __str__(self):
        return self.name

    @property
    def pay(self):
        return Amount(self.median_annual_wage, Unit.USD_PER_YEAR)

    @property
    def period(self):
        return Period(self.period_year, self.period_year, self.period_month)

    @property
    def period_label(self):
        return self.period.label


class QuickFact(OccupationPart):
    """One line of the profile's quick-facts box, as the handbook's summary table gives it:
    a short answer ("High school diploma or equivalent") that links to the section that
    explains it. Pay and the outlook come from the figures, so they are not quick facts."""

    class Topic(models.TextChoices):
        EDUCATION = "education", _("Entry-level education")
        TRAINING = "training", _("Training")
        SCHEDULE = "schedule", _("Typical schedule")
        WORKPLACE = "workplace", _("Where they work")

    # The profile section each topic's answer is explained in.
    SECTIONS = {
        Topic.EDUCATION: "how-to-become-one",
        Topic.TRAINING: "how-to-become-one",
        Topic.SCHEDULE: "schedules",
        Topic.WORKPLACE: "where-they-work",
    }

    topic = models.CharField(max_length=20, choices=Topic)
    text = models.CharField(
        max_length=160,
        help_text="A short answer, in a few words, with the source's hedges.",
        validators=[visible_line],
    )
    anchor_prefix = "quick-fact-"

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("quickfact")]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.text}"

    @property
    def section(self):
        return self.SECTIONS[self.topic]

    @property
    def is_way_in(self):
        """Education or training, which a handout gives under "How to get in"; the schedule
        and the workplace go with what the job is."""
        return self.section == "how-to-become-one"


class AdvancementPath(OccupationPart):
    title = models.CharField(max_length=150, validators=[visible_line])
    description = models.TextField(validators=[visible_paragraphs])
    anchor_prefix = "advancement-"

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("advancementpath")]

    def __str__(self):
        return self.title


class Tip(OccupationPart):
    title = models.CharField(max_length=150, validators=[visible_line])
    text = models.TextField(validators=[visible_paragraphs])
    anchor_prefix = "tip-"

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("tip")]

    def __str__(self):
        return self.title


# The pay page's sections an FAQ answer may send readers to for BLS's newest wage survey: the
# ids are the pay page's own (careers/pages/sections.py), so a link opens at its heading.
NEWEST_PAY_SECTIONS = [
    ("your-state", "Pay in your state"),
    ("industries", "Pay by industry"),
]

QUOTING_HELP = (
    " To state a linked figure, write its name in double brackets, [[median-hourly-wage-may-2024]],"
    " and the page shows its value; [[…|number]] gives the number alone, [[…|period]] its period."
)


class QuotesFigures:
    """A text that states figures it links: the page writes their values from the records
    (occupations/quoting.py). `quoting_fields` names the texts; each reads rendered as
    `<field>_text`."""

    quoting_fields = ()

    def quoted(self, name):
        """The text as the page's language shows it (occupations/languages.py), with the
        values of the figures it quotes written in."""
        from .languages import shown

        text = shown(self, name)
        # In the language of the text shown: an English text on a Spanish page (its Spanish
        # not written yet) writes "$44,770 a year", not "$44,770 al año", into its sentence.
        with translation.override(text.language):
            return quoting.render(text.text, self.figures.all())

    def quoted_slugs(self):
        return [
            slug
            for name in self.quoting_fields
            for slug in quoting.quoted_slugs(getattr(self, name))
        ]


class FAQEntry(QuotesFigures, OccupationPart):
    question = models.CharField(max_length=250, validators=[visible_line])
    # An answer is a paragraph or two: the longest of the content's is about 600 characters.
    answer = models.TextField(
        help_text="The answer in plain words, at most 2,000 characters." + QUOTING_HELP,
        # A validator, not max_length: max_length makes the browser cut a longer paste at
        # 2,000 characters without a word, mid-word, and saves that.
        validators=[visible_paragraphs, MaxLengthValidator(2000)],
    )
    figures = models.ManyToManyField(
        Figure,
        blank=True,
        related_name="faq_entries",
        help_text="Figures shown with the answer, and the ones it may quote.",
    )
    newest_pay_link = models.CharField(
        "link to the newest pay",
        max_length=20,
        blank=True,
        choices=NEWEST_PAY_SECTIONS,
        help_text=(
            "Ends the answer with a link to this part of the pay page, dated with BLS's"
            " newest wage survey on file. Use it where the answer's own figures are older."
        ),
    )
    anchor_prefix = ""
    on_profile = False  # shown on the FAQ page, which fetches it
    quoting_fields = ("answer",)

    class Meta(OccupationPart.Meta):
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"
        constraints = [*_part_constraints("faqentry")]

    def __str__(self):
        return self.question

    @property
    def answer_text(self):
        return self.quoted("answer")


class DataNote(QuotesFigures, OccupationPart):
    """A place where the sources disagree or fall short, and what the site does about it.

    The figures involved are linked, not retyped, so the note always shows their
    current values.
    """

    title = models.CharField(max_length=200, validators=[visible_line])
    body = models.TextField(
        help_text="What the sources say, in words." + QUOTING_HELP,
        validators=[visible_paragraphs],
    )
    resolution = models.TextField(
        help_text="What the site shows, and why." + QUOTING_HELP,
        validators=[visible_paragraphs],
    )
    figures = models.ManyToManyField(
        Figure,
        blank=True,
        related_name="data_notes",
        help_text="The figures the note is about: shown with it, and the ones it may quote.",
    )
    anchor_prefix = "note-"
    on_profile = False  # shown on the About the data page
    quoting_fields = ("body", "resolution")

    class Meta(OccupationPart.Meta):
        constraints = [*_part_constraints("datanote")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("careers:about-data") + f"#{self.anchor}"

    def is_about(self, figure):
        """Whether the note questions `figure`: every figure it links, but one that only its
        resolution quotes, as a note on an older figure quotes the newer one that leads. (The
        English is read: a translation quotes the same figures.)"""
        return figure.slug in quoting.quoted_slugs(self.body_en) or figure.slug not in (
            quoting.quoted_slugs(self.resolution_en)
        )


def stale_before_year():
    """Figures whose period starts before this year are flagged as stale."""
    return timezone.now().year - settings.STALE_FIGURE_YEARS


class PriceIndexQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, month=None):
        return self.get(year=year, month=month)

    def annual(self):
        return self.filter(month__isnull=True)


class PriceIndex(Versioned):
    """One year's or one month's consumer price index, to restate an old wage in a later
    period's dollars. A May wage is restated with May's index; a yearly one with the
    annual average."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1900), MaxValueValidator(2200)]
    )
    month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Empty for the annual average.",
    )
    value = models.DecimalField(
        max_digits=10, decimal_places=3, help_text="The index, e.g. 258.811."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT)
    history = HistoricalRecords()

    objects = PriceIndexQuerySet.as_manager()

    class Meta:
        ordering = ["year", "month"]
        verbose_name_plural = "price indexes"
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(month__isnull=True), name="priceindex_one_per_year"
            ),
            models.UniqueConstraint(
                fields=["year", "month"],
                condition=Q(month__isnull=False),
                name="priceindex_one_per_month",
            ),
            models.CheckConstraint(
                condition=Q(value__gt=0),
                name="priceindex_value_above_zero",
                violation_error_message="An index value must be above zero.",
            ),
        ]

    def __str__(self):
        return f"{self.source.short_title} {self.period_label}: {self.value}"

    def get_absolute_url(self):
        return reverse("careers:about-data") + "#price-index"

    @property
    def period_label(self):
        if self.month:
            return Period(self.year, self.year, self.month).label
        return gettext("%(year)s annual average") % {"year": self.year}

    @property
    def dollars_label(self):
        """Whose dollars an amount restated with it is in: “August 2026”, or “2010”."""
        return Period(self.year, self.year, self.month).label

    def natural_key(self):
        return (self.year, self.month)

    def citations(self):
        """A statistical series: cited as a whole, with no line."""
        return [citations.Citation(self.source)]


class ContentVersion(models.Model):
    """One row that changes with every committed content change.

    Cached pages are keyed by it. It lives in the database, written in the same
    transaction as the change, so an edit made while the cache is unreachable
    is never forgotten: the cache only holds a copy (see occupations/content_version.py).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="contentversion_single_row"),
        ]

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


from .bls.models import Area, Industry, Release, WageEstimate  # noqa: E402, F401 (this app's)
