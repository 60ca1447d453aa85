"""{{ record|shown:"text" }}: a record's text in the page's language, or its English, marked.

occupations/languages.py decides which; this writes it. English on a Spanish page carries
lang="en", so a screen reader reads it as English, and says so in words.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_noop

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


# Publishers whose names a Spanish page explains: the catalogue gives each its Spanish.
PUBLISHERS = (gettext_noop("U.S. Bureau of Labor Statistics"),)


@register.filter
def publisher(name):
    """A source's publisher as the page's language names it: "la Oficina de Estadísticas
    Laborales de EE. UU. (U.S. Bureau of Labor Statistics)"; other names as they are."""
    return gettext(name) if name in PUBLISHERS else name
