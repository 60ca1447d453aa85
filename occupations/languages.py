"""Which language a text is shown in: its Spanish on a Spanish page when that is written and
no older than its English; otherwise its English, marked as such, never an empty gap.

A record's `spanish_from` (models.Translated) holds, for each text, a digest of the English
its Spanish was written from; load_content and the admin set it when they write the
Spanish (note_spanish below). An English edit afterwards leaves the digest behind, and the
Spanish is then stale: the page falls back to the English and the admin flags it.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from .bilingual import columns, translated_fields

SPANISH = "es"


def digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Shown:
    text: str
    language: str  # the language the text is in
    fallback: bool  # English shown on a page in another language

    def __str__(self):
        return self.text


def spanish_is_current(record, name):
    english, spanish = (getattr(record, column) for column in columns(name))
    return bool(spanish) and record.spanish_from.get(name) == digest(english)


def shown(record, name, language=None):
    """`record`'s text `name` as a page in `language` (the active one) shows it."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    english = getattr(record, f"{name}_{settings.LANGUAGE_CODE}") or ""
    if language == settings.LANGUAGE_CODE or name not in translated_fields(type(record)):
        return Shown(english, settings.LANGUAGE_CODE, False)
    if spanish_is_current(record, name):
        return Shown(getattr(record, f"{name}_{SPANISH}"), SPANISH, False)
    return Shown(english, settings.LANGUAGE_CODE, bool(english))


def stale_spanish(record):
    """The names of `record`'s texts whose Spanish is missing or older than their English."""
    return [
        name
        for name in translated_fields(type(record))
        if getattr(record, f"{name}_{settings.LANGUAGE_CODE}")
        and not spanish_is_current(record, name)
    ]


def note_spanish(record, names):
    """Record that the Spanish of `names` was written from the English the record has now."""
    written = dict(record.spanish_from or {})
    for name in names:
        if getattr(record, f"{name}_{SPANISH}"):
            written[name] = digest(getattr(record, f"{name}_{settings.LANGUAGE_CODE}"))
        else:
            written.pop(name, None)
    record.spanish_from = written
