"""The citation chip, written once: `{% cite record %}`.

One link per passage the record stands on, to the source in the page's source list,
labelled with the source's short title and the line(s), or the section for a source
read as a web page. A profile shows about a hundred of them, so the chip is built in
Python: as a template partial it cost more than a tenth of the page's render time.
"""

from django import template
from django.utils.html import format_html_join

from occupations.citations import SERIES_PREFIX

register = template.Library()


@register.simple_tag
def cite(record):
    if record is None:
        return ""
    return format_html_join(
        " ",
        '<a class="cite" href="#source-{}">{}</a>',
        ((citation.source.slug, citation.label) for citation in record.citations()),
    )


@register.simple_tag
def cite_all(*records):
    """One chip per source for several records that share their sources (a headline's pay
    and its range, say), naming each passage once: four BLS series are one chip, not four."""
    by_source = {}
    for record in records:
        # A template passes "" for what it does not have (a range no source gives).
        if not hasattr(record, "citations"):
            continue
        for citation in record.citations():
            passages = by_source.setdefault(citation.source.slug, (citation.source, []))[1]
            if citation not in passages:
                passages.append(citation)
    return format_html_join(
        " ",
        '<a class="cite" href="#source-{}">{}</a>',
        ((source.slug, joined_label(source, found)) for source, found in by_source.values()),
    )


def joined_label(source, found):
    """“BLS OEWS, May 2025, series OEUN…13, …08”; “…, sections “Summary”, “Pay””."""
    shown = [c.section for c in found if c.shows_section]
    series = [s for s in shown if s.startswith(SERIES_PREFIX)]
    sections = [s for s in shown if not s.startswith(SERIES_PREFIX)]
    lines = [c.locator for c in found if not c.shows_section and c.locator]
    parts = []
    if series:
        # Series of one cell differ only in their last two digits, the datatype.
        parts.append(", …".join([series[0], *(s[-2:] for s in series[1:])]))
    if sections:
        unique = list(dict.fromkeys(sections))
        word = "section" if len(unique) == 1 else "sections"
        parts.append(f"{word} " + ", ".join(f"“{s}”" for s in unique))
    parts.extend(dict.fromkeys(lines))
    return ", ".join([source.short_title, *parts])
