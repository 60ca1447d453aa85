"""Where a fact stands: one or two passages, each a line or a run of lines.

A record cites its main passage (source, first line, optional last line) and,
when the fact rests on a second place, a second passage in the same document
or the other one. Every content model carries these fields (models.Cited);
this module holds the rules they keep, written once, and the Citation value
that pages, the API and the exports print.

Lines are always recorded, so the provenance tests can check each fact against
our copy of its document. A source that readers open as a web page (a BLS
handbook entry) is shown by its section instead, since its line numbers mean
nothing to a reader.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, ngettext

# A figure made from BLS's data files cites its series (section "series OEUN…"), which a
# reader looks up by its id: it reads as the series, not as a section of a page.
SERIES_PREFIX = "series "

# The fields of models.Cited that say where a fact stands, in the order forms show them.
FIELDS = (
    "source",
    "source_line",
    "source_line_end",
    "source_section",
    "second_source",
    "second_line",
    "second_line_end",
    "second_section",
)


@dataclass(frozen=True)
class CitationRule:
    suffix: str
    field: str
    message: str
    condition: Q

    def constraint(self, model_name):
        return models.CheckConstraint(
            condition=self.condition,
            name=f"{model_name}_{self.suffix}",
            violation_error_message=self.message,
        )


RULES = (
    CitationRule(
        "line_end_after_start",
        "source_line_end",
        "The last line cannot come before the first.",
        Q(source_line_end__isnull=True) | Q(source_line_end__gte=F("source_line")),
    ),
    CitationRule(
        "second_passage_complete",
        "second_line",
        "A second passage needs both its source and its first line.",
        Q(second_source__isnull=True, second_line__isnull=True)
        | Q(second_source__isnull=False, second_line__isnull=False),
    ),
    CitationRule(
        "second_line_end_after_start",
        "second_line_end",
        "The last line cannot come before the first.",
        Q(second_line_end__isnull=True)
        | Q(second_line__isnull=False, second_line_end__gte=F("second_line")),
    ),
)


def series_locator(ids):
    """“series OEUN…08”: the section is stored in English, and in Spanish one series is a
    “serie”. A table's pattern (“OEUM + each area's code + …”) names many series."""
    many = len(ids) > 1 or any(" + " in each for each in ids)
    return ngettext("series %(ids)s", "series %(ids)s", 2 if many else 1) % {"ids": ", ".join(ids)}


def constraints(model_name):
    return [rule.constraint(model_name) for rule in RULES]


@dataclass(frozen=True)
class Citation:
    """One passage: a source and the lines (or the section) the fact stands on."""

    source: object
    first_line: int | None = None
    last_line: int | None = None
    section: str = ""

    @property
    def lines(self):
        """The cited lines, first to last, as a tuple of numbers."""
        if self.first_line is None:
            return ()
        return tuple(range(self.first_line, (self.last_line or self.first_line) + 1))

    @property
    def shows_section(self):
        return bool(self.section) and self.source.cites_by_section

    @property
    def locator(self):
        """“line 48”, “lines 48–49” or “section “Pay””: what a reader looks for."""
        if self.shows_section:
            if self.section.startswith(SERIES_PREFIX):
                return series_locator([self.section.removeprefix(SERIES_PREFIX)])
            return gettext("section “%(section)s”") % {"section": self.section}
        if self.first_line is None:
            return ""
        if self.last_line and self.last_line != self.first_line:
            return gettext("lines %(first)s–%(last)s") % {
                "first": self.first_line,
                "last": self.last_line,
            }
        return gettext("line %(line)s") % {"line": self.first_line}

    @property
    def label(self):
        if not self.locator:
            return self.source.short_title
        return f"{self.source.short_title}, {self.locator}"

    def __str__(self):
        return self.label


def citations_of(record):
    """The record's passages, main one first."""
    found = [
        Citation(record.source, record.source_line, record.source_line_end, record.source_section)
    ]
    if record.second_source_id is not None:
        found.append(
            Citation(
                record.second_source,
                record.second_line,
                record.second_line_end,
                record.second_section,
            )
        )
    return found
