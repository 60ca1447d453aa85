"""What the editors' dashboard on the admin's index lists: what needs an editor's eye.

- stale figures (older than STALE_FIGURE_YEARS);
- the figures each occupation leads with, and how old they are, counted from today;
- BLS releases that are likely out but not on file: OEWS each spring, the Employment
  Projections each autumn;
- the last import of BLS's files;
- notes on About the data and FAQ answers whose linked figures changed after the text was
  last saved: a claim such as "matches around $35,000" may no longer hold.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from .bls.models import Release
from .formatting import whole_months
from .models import DataNote, FAQEntry, Figure, Occupation
from .selectors import with_headline_figures

# A figure the pages lead with that is older than this is marked "over a year old".
CHECK_AFTER_MONTHS = 12
# BLS publishes May's OEWS estimates in the spring of the year after next (May 2025 came
# out in spring 2026), and the projections from a base year in the autumn of the year
# after it (2024–2034 in September 2025). From these days the next one is likely out.
OEWS_LIKELY_OUT = (4, 1)  # 1 April
# Before this day of the year after, files of May's estimates are not likely BLS's: the
# import's preview warns (a test file, the wrong year).
OEWS_EARLIEST = (3, 1)  # 1 March
PROJECTIONS_LIKELY_OUT = (9, 15)  # 15 September


def age_in_words(months):
    """“1 year 7 months”, of a count of whole months."""
    years, months = divmod(max(months, 0), 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


@dataclass(frozen=True)
class Leading:
    occupation: Occupation
    figure: Figure
    age: str
    due: bool


@dataclass(frozen=True)
class Expected:
    name: str
    likely_since: date
    action: str  # what the editor does about it: the link's words
    url: str


def stale_figures():
    figures = Figure.objects.select_related("occupation").order_by("period_start_year", "slug")
    return [figure for figure in figures if figure.is_stale]


def leading_figures(today):
    rows = []
    for occupation in with_headline_figures(Occupation.objects.order_by("title")):
        for figure in (occupation.headline_wage, occupation.headline_outlook):
            if figure is None:
                continue
            months = whole_months(figure.period.as_of, today)
            rows.append(
                Leading(occupation, figure, age_in_words(months), months > CHECK_AFTER_MONTHS)
            )
    return rows


def expected_releases(today):
    """Releases BLS has likely published that the site does not have yet."""
    expected = []
    newest = Release.objects.filter(program=Release.Program.OEWS).first()
    if newest is not None:
        year = newest.period_year + 1
        out = date(year + 1, *OEWS_LIKELY_OUT)
        if today >= out:
            expected.append(
                Expected(
                    f"OEWS, May {year} (BLS's wage survey)",
                    out,
                    "Import",
                    reverse("admin:occupations_release_import"),
                )
            )
    projections = [
        figure.period.start
        for figure in Figure.objects.filter(measure__in=Figure.OUTLOOK_MEASURES)
        if figure.is_dated
    ]
    if projections:
        base = max(projections) + 1
        out = date(base + 1, *PROJECTIONS_LIKELY_OUT)
        if today >= out:
            # No flat files: the handbook's new entry is read and its figures entered, each
            # on a new figure's form (the admin fills a field from the query string).
            new_figure = reverse("admin:occupations_figure_add")
            expected.append(
                Expected(
                    f"Employment Projections, {base}–{base + 10} (the job outlook)",
                    out,
                    "Add its figures",
                    f"{new_figure}?measure={Figure.Measure.EMPLOYMENT_GROWTH}"
                    f"&period_start_year={base}&period_end_year={base + 10}",
                )
            )
    return expected


# What a figure's claim is: a note that speaks of it may be wrong once any of these changes.
FIGURE_CLAIM = ("value", "is_approximate", "period_start_year", "period_end_year", "period_month")


@dataclass(frozen=True)
class TextBehind:
    text: DataNote | FAQEntry
    figure: Figure
    then: str  # the figure as it was when the text was last saved

    @property
    def kind(self):
        return self.text._meta.verbose_name

    @property
    def admin_url(self):
        return reverse(
            f"admin:occupations_{self.text._meta.model_name}_change", args=[self.text.pk]
        )


def texts_behind_their_figures(texts):
    """Of `texts` (notes and FAQ answers, with their figures prefetched), those whose linked
    figures changed since the text was last saved, each with the figure as it read then.
    History says when each was saved, so nothing is stored twice."""
    behind = []
    for text in texts:
        written = (
            text.history.order_by("-history_date").values_list("history_date", flat=True).first()
        )
        if written is None:
            continue
        for figure in text.figures.all():
            then = (
                figure.history.filter(history_date__lte=written).order_by("-history_date").first()
            )
            if then is None:
                continue
            if any(getattr(then, name) != getattr(figure, name) for name in FIGURE_CLAIM):
                behind.append(TextBehind(text, figure, then.instance.display_value))
    return behind


def all_texts_behind_their_figures():
    texts = []
    for model in (DataNote, FAQEntry):
        texts += model.objects.select_related("occupation").prefetch_related("figures")
    return texts_behind_their_figures(texts)


def last_import():
    return Release.objects.order_by("-imported_at").first()


def dashboard(today=None):
    today = today or timezone.localdate()
    return {
        "stale": stale_figures(),
        "leading": leading_figures(today),
        "expected": expected_releases(today),
        "last_import": last_import(),
        "texts_behind": all_texts_behind_their_figures(),
        "today": today,
    }
