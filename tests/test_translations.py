"""The Spanish catalogue is whole: every string of the templates and the code has its Spanish,
none is fuzzy, and the compiled catalogue the site reads is the one written."""

from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"


def test_every_string_is_translated_and_none_is_fuzzy():
    # .ci/run runs makemessages first, so a string added to a template or the code and not
    # translated yet is an empty entry here.
    catalogue = polib.pofile(CATALOGUE)
    assert catalogue.metadata["Language"] == "es"
    assert not [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not [entry.msgid for entry in catalogue.obsolete_entries()]


def test_every_plural_has_each_of_spanishs_forms():
    # Django's Spanish has three plural forms; one left out shows the English for that count.
    catalogue = polib.pofile(CATALOGUE)
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    short = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural
        and sorted(k for k, v in entry.msgstr_plural.items() if v) != list(range(forms))
    ]
    assert not short


def test_the_compiled_catalogue_is_the_written_one():
    written = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(CATALOGUE) if e.msgid}
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.mofile(CATALOGUE.with_suffix(".mo"))
        if e.msgid
    }
    assert compiled == written
