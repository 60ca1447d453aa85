"""Citations as footnote markers: `{% cite record %}`, `{% cite_all a b c %}` and, at the
end of a page, `{% references %}` (see careers/pages/footnotes.py).

A marker is a superscript link to its reference, named "Source 3" for screen readers. A
profile shows about a hundred of them, so they are built in Python: as a template partial
the old chip cost more than a tenth of the page's render time.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext

from ..footnotes import by_source, runs

register = template.Library()


def markers(context, groups, covers=1):
    footnotes = context.get("footnotes")
    if footnotes is None or not groups:
        return ""
    if covers > 1:
        name = ngettext(
            "Source %(number)s, for this item and the %(count)s before it",
            "Source %(number)s, for this item and the %(count)s before it",
            covers - 1,
        )
    else:
        name = gettext("Source %(number)s")
    links = format_html_join(
        ",",
        '<a id="{}" href="#{}" aria-label="{}">{}</a>',
        (
            (
                marker,
                reference.anchor,
                name % {"number": reference.number, "count": covers - 1},
                reference.number,
            )
            for reference, marker in footnotes.cite(groups)
        ),
    )
    # A word joiner (U+2060) keeps the marker on the line of the word it follows.
    if covers > 1:
        # Said once, for sighted readers too: the items above it have no marker of their own.
        above = ngettext("(and the item above)", "(and the %(count)s above)", covers - 1) % {
            "count": covers - 1
        }
        return format_html(
            '\u2060<sup class="fn">{} <span class="fn-covers" aria-hidden="true">{}</span></sup>',
            links,
            above,
        )
    return format_html('\u2060<sup class="fn">{}</sup>', links)


@register.simple_tag(takes_context=True)
def cite(context, record, covers=1):
    """The record's markers, one per passage. covers=0 draws none: the item belongs to a
    run whose last item carries the marker (see the `runs` filter); covers=N > 1 names that."""
    if record is None or covers == 0:
        return ""
    return markers(context, [[citation] for citation in record.citations()], covers)


@register.simple_tag(takes_context=True)
def cite_all(context, *records):
    """One marker per source for several records that share their sources (a headline's pay
    and its range, say): six BLS series are one reference, not six."""
    return markers(context, by_source(records))


@register.filter(name="runs")
def runs_filter(records):
    """(record, covers) pairs: consecutive items citing the same passages share one marker."""
    return runs(records)


@register.inclusion_tag("careers/includes/references.html", takes_context=True)
def references(context, each_says_its_language=True):
    """The numbered references. On a Spanish page each says its source is in English; a
    handout, short of paper, says it once in its heading instead (each_says_its_language=False)."""
    footnotes = context.get("footnotes")
    return {
        "references": footnotes.references if footnotes else [],
        # A page that lists its sources links each reference to its entry there; the
        # others (home) link to About the data, which lists them all.
        "sources_here": "sources" in context,
        "each_says_its_language": each_says_its_language,
    }
