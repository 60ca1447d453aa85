"""What every page leads with: the newest pay, with its range, and the newest outlook, with
the jobs it adds or loses and the openings a year, read from an occupation's prefetched
figures and notes. Pages, the API and the exports all take it from here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from .formatting import Amount, Unit
from .measures import Measure
from .pay import PayPair, PayRange, pay_pair, pay_range


def period_and_source(figure):
    """“May 2025, BLS wage survey”, or just the source's name when it carries the period
    already (“BLS wage survey, May 2025”)."""
    source = figure.source.short_title
    return source if figure.period_label in source else f"{figure.period_label}, {source}"


@dataclass(frozen=True)
class Outlook:
    """A projection's percent change, with its change in jobs and openings a year."""

    change: object  # the Figure of the percent change
    jobs: object = None  # the Figure of the change in jobs, same period
    openings: object = None  # the Figure of openings a year, same period

    @property
    def direction(self):
        """The way it goes, in plain words: "decline", "growth" or ""."""
        value = self.change.value
        if value is None:
            return ""
        if value < 0:
            return "decline"
        return "growth" if value > 0 else "no change"

    @property
    def plain(self):
        """The answer a job seeker asked for, in two words: “Fewer jobs”."""
        return {
            "decline": gettext("Fewer jobs"),
            "growth": gettext("More jobs"),
            "no change": gettext("About as many jobs"),
        }.get(self.direction, "")

    @property
    def summary(self):
        """“A decline of 5 percent”: the direction first, the size after."""
        value = self.change.value
        if value is None or value == 0:
            return self.change.display_value
        size = Amount(abs(value), Unit.PERCENT)
        if value < 0:
            return gettext("A decline of %(size)s") % {"size": size}
        return gettext("Growth of %(size)s") % {"size": size}

    @property
    def jobs_text(self):
        """“153,700 fewer jobs”."""
        if self.jobs is None or self.jobs.value is None:
            return ""
        count = f"{abs(self.jobs.value):,.0f}"
        if self.jobs.value < 0:
            text = gettext("%(count)s fewer jobs") % {"count": count}
        else:
            text = gettext("%(count)s more jobs") % {"count": count}
        return gettext("about %(amount)s") % {"amount": text} if self.jobs.is_approximate else text

    @property
    def openings_count(self):
        """“about 341,700”: the number of openings a year, for a page that links the word.
        Openings come from people leaving the job, so even a decline has them."""
        if self.openings is None or self.openings.value is None:
            return ""
        count = f"{self.openings.value:,.0f}"
        return (
            gettext("about %(amount)s") % {"amount": count}
            if self.openings.is_approximate
            else count
        )

    @property
    def openings_text(self):
        """“about 341,700 openings a year”."""
        if not self.openings_count:
            return ""
        return gettext("%(count)s openings a year") % {"count": self.openings_count}

    @property
    def period_label(self):
        return self.change.period_label


@dataclass(frozen=True)
class Headline:
    pay: PayPair | None
    range: PayRange | None
    outlook: Outlook | None
    notes: list  # the occupation's notes for beside the headline (ProfileNote HEADLINE)

    @property
    def sentence(self):
        """The headline in one plain sentence, for a page's description and social cards:
        “U.S. median pay $44,770 a year (BLS wage survey, May 2025). Jobs 2024–2034: a decline of 5
        percent, with about 341,700 openings a year.”"""
        parts = []
        if self.pay:
            figure = self.pay.figure
            source = period_and_source(figure)
            if self.pay.annual.derived:
                source = gettext("%(source)s, derived from the hourly wage") % {"source": source}
            if figure.is_national:
                text = gettext("U.S. median pay %(pay)s (%(source)s).")
            else:
                text = gettext("Median pay %(pay)s (%(source)s).")
            parts.append(text % {"pay": self.pay.annual, "source": source})
        if self.outlook:
            summary = self.outlook.summary[0].lower() + self.outlook.summary[1:]
            if self.outlook.openings_text:
                text = gettext("Jobs %(period)s: %(summary)s, with %(openings)s.") % {
                    "period": self.outlook.period_label,
                    "summary": summary,
                    "openings": self.outlook.openings_text,
                }
            else:
                text = gettext("Jobs %(period)s: %(summary)s.") % {
                    "period": self.outlook.period_label,
                    "summary": summary,
                }
            parts.append(text)
        return " ".join(parts)

    @property
    def figures(self):
        """Every figure the headline shows, for its citations and the page's sources."""
        found = []
        if self.pay:
            found += [self.pay.annual.figure, self.pay.hourly.figure]
        if self.range:
            for end in (self.range.low, self.range.high):
                found += [end.annual.figure, end.hourly.figure]
        if self.outlook:
            found += [self.outlook.change, self.outlook.jobs, self.outlook.openings]
        unique = []
        for figure in found:
            if figure is not None and figure not in unique:
                unique.append(figure)
        return unique


def outlook(occupation):
    change = occupation.headline_outlook
    if change is None:
        return None
    return Outlook(
        change=change,
        jobs=occupation.employment_figure(Measure.EMPLOYMENT_CHANGE, change.period),
        openings=occupation.employment_figure(Measure.ANNUAL_OPENINGS, change.period),
    )


def headline(occupation, notes=None):
    """The occupation's headline, from its prefetched figures and notes (every page that
    leads with it fetches its notes: selectors.with_headline, or with_parts); pass `notes`
    to give them otherwise, as search does."""
    if notes is None:
        notes = _headline_notes(occupation)
    return Headline(
        pay=pay_pair(occupation),
        range=pay_range(occupation),
        outlook=outlook(occupation),
        notes=notes,
    )


def _headline_notes(occupation):
    from .models import ProfileNote

    notes = occupation.profilenote_set.all()
    return [n for n in notes if n.section == ProfileNote.Section.HEADLINE]
