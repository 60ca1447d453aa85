"""A page's citations as numbered footnotes, Wikipedia's way.

The text carries small numbered markers; the page ends with the numbered references,
each naming its source in words and the passage (its lines, its section or its series).
One reference per passage: the forty facts that stand on line 19 of a document share
number 3, so a profile with about a hundred citations lists a few dozen references.

A Footnotes object lives for one render of one page (careers.pages.context_processors.footnotes
gives each page a fresh one). Django renders a template top to bottom, so by the time the
page's reference list is drawn every marker above it has taken its number.
"""

from dataclasses import dataclass, field
from string import ascii_lowercase
from urllib.parse import urlsplit

from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, ngettext

from occupations.citations import SERIES_PREFIX, series_locator


def passage_key(citation):
    return (citation.source.pk, citation.locator)


@dataclass
class Reference:
    number: int
    source: object
    passages: list
    markers: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"ref-{self.number}"

    @property
    def locator(self):
        """“line 19”, “sections “Summary”, “Pay””, or the series ids: what a reader looks up.
        HTML: a section's name is the source's own English, marked so on a page in another
        language."""
        sections, series, lines = [], [], []
        for citation in self.passages:
            if citation.shows_section and citation.section.startswith(SERIES_PREFIX):
                series.append(citation.section.removeprefix(SERIES_PREFIX))
            elif citation.shows_section:
                sections.append(citation.section)
            elif citation.locator:
                lines.append(citation.locator)
        parts = []
        if sections:
            sections = list(dict.fromkeys(sections))
            word = ngettext("section", "sections", len(sections))
            # On an English page the page's own lang already says so.
            name = "“{}”" if get_language() == "en" else '“<span lang="en">{}</span>”'
            names = format_html_join(", ", name, ((s,) for s in sections))
            parts.append(format_html("{} {}", word, names))
        if series:
            # Series of one estimate differ only in their last two digits, the datatype:
            # "OEUN…13, …08" names six series in a line instead of four. Another estimate's
            # series (the nation's beside a state's) is written out again.
            shown, estimate = [], None
            for each in series:
                shown.append(f"…{each[-2:]}" if each[:-2] == estimate else each)
                estimate = each[:-2]
            parts.append(series_locator(shown))
        parts.extend(dict.fromkeys(lines))
        return format_html_join("; ", "{}", ((part,) for part in parts))

    @property
    def host(self):
        return urlsplit(self.source.url).hostname.removeprefix("www.")

    @property
    def backlinks(self):
        """(marker id, label) for the links back to the text: one “↑” (label ""), or
        “a b c” for a reference cited in several places, each back to its own place."""
        if len(self.markers) == 1:
            return [(self.markers[0], "")]
        labels = ascii_lowercase if len(self.markers) <= 26 else range(1, len(self.markers) + 1)
        return list(zip(self.markers, map(str, labels), strict=False))

    def add_marker(self):
        marker = f"cite-{self.number}-{len(self.markers) + 1}"
        self.markers.append(marker)
        return marker


class Footnotes:
    def __init__(self):
        self.references = []
        self._by_passages = {}
        # Each passage's first reference, so a single passage finds it without rereading
        # every reference's passages, a cost that grew with the square of a page's citations.
        self._first_holding = {}

    def reference_for(self, citations):
        """The reference of these passages (all from one source), numbered on first use.

        A group reuses an earlier reference that already holds exactly its passages, and a
        single passage reuses the first reference that holds it (a headline's six series
        then serve the pay table's rows too).
        """
        keyed = {passage_key(c): c for c in citations}
        keys = tuple(keyed)
        found = self._by_passages.get(keys)
        if found is None and len(keys) == 1:
            found = self._first_holding.get(keys[0])
        if found is None:
            found = Reference(len(self.references) + 1, citations[0].source, list(keyed.values()))
            self.references.append(found)
            for key in keys:
                self._first_holding.setdefault(key, found)
        self._by_passages.setdefault(keys, found)
        return found

    def cite(self, groups):
        """A marker for each group of passages, one per reference: [(reference, marker id)].
        Two passages that one reference already holds (a handbook fact in its "Summary"
        and its "Job Outlook") get one marker, not "2, 2"."""
        marked = []
        for group in groups:
            reference = self.reference_for(group)
            if any(reference is seen for seen, _ in marked):
                continue
            marked.append((reference, reference.add_marker()))
        return marked


def by_source(records):
    """The passages of several records, one group per source, in first-seen order."""
    groups = {}
    for record in records:
        # A template passes "" for what it does not have (a range no source gives).
        if not hasattr(record, "citations"):
            continue
        for citation in record.citations():
            passages = groups.setdefault(citation.source.pk, [])
            if passage_key(citation) not in map(passage_key, passages):
                passages.append(citation)
    return list(groups.values())


def runs(records):
    """(record, covers) for each record of a list: a record that cites what the next one
    cites gets covers=0 (no marker of its own); the last of such a run carries the one
    marker, with covers counting the items it speaks for."""
    records = list(records)
    keys = [tuple(passage_key(c) for c in record.citations()) for record in records]
    result = []
    run = 0
    for index, record in enumerate(records):
        run += 1
        last = index + 1 == len(records) or keys[index + 1] != keys[index]
        result.append((record, run if last else 0))
        if last:
            run = 0
    return result
