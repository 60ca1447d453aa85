"""The citation chip, written once: `{% cite record %}`.

One link per passage the record stands on, to the source in the page's source list,
labelled with the source's short title and the line(s), or the section for a source
read as a web page. A profile shows about a hundred of them, so the chip is built in
Python: as a template partial it cost more than a tenth of the page's render time.
"""

from django import template
from django.utils.html import format_html_join

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
