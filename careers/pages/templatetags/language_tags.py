"""{{ record|shown:"text" }}: a record's text in the page's language, or its English, marked.

occupations/languages.py decides which; this writes it. English on a Spanish page carries
lang="en", so a screen reader reads it as English, and says so in words.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from occupations import languages

register = template.Library()


@register.filter
def shown(record, name):
    text = languages.shown(record, name)
    # A text that quotes figures gets their values written in, in the same language.
    written = record.quoted(name) if name in getattr(record, "quoting_fields", ()) else text.text
    if not text.fallback:
        return written
    return format_html(
        '<span lang="en">{}</span> <span class="in-english">{}</span>',
        written,
        gettext("(in English)"),
    )
