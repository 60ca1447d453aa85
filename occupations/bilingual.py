"""The admin's side of the Spanish: each text an editor writes shows its English and its
Spanish side by side, one row of the form, labelled in plain words.

The columns come from django-modeltranslation (occupations/translation.py). Its own
TranslationAdmin rewrites an admin's fieldsets in place and assumes declared ones; the site's
admins build theirs (occupations/admin.py), so the two names are put in here instead.
"""

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LANGUAGE_WORDS = {"en": "in English", "es": "in Spanish"}


def translated_fields(model):
    """The names of `model`'s fields that have a column per language; () if none."""
    try:
        return tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()


def columns(name):
    """“answer” as its columns: (“answer_en”, “answer_es”)."""
    return tuple(f"{name}_{code}" for code in LANGUAGE_CODES)


def language_columns(model):
    """Every per-language column of `model`: answer_en, answer_es, ..."""
    return {column for name in translated_fields(model) for column in columns(name)}


def side_by_side(fields, model):
    """A fieldset's field list with each translated field as its languages, on one row, and
    the per-language columns Django lists on their own taken out."""
    translated = translated_fields(model)
    own_columns = language_columns(model)
    result = []
    for entry in fields:
        if isinstance(entry, (list, tuple)):
            entry = tuple(name for name in entry if name not in own_columns)
            if entry:
                result.append(entry)
        elif entry in translated:
            result.append(columns(entry))
        elif entry not in own_columns:
            result.append(entry)
    return result


def fieldsets_side_by_side(fieldsets, model):
    return [
        (name, {**options, "fields": side_by_side(options["fields"], model)})
        for name, options in fieldsets
    ]


def original_name(model, name):
    """“answer” of “answer_en”; any other name as it is."""
    for original in translated_fields(model):
        if name in columns(original):
            return original
    return name


def field_label(model, name):
    """A field's name in words: “answer in English” for a language's column (modeltranslation
    calls it “answer [en]”), its verbose name otherwise."""
    for original in translated_fields(model):
        for code, column in zip(LANGUAGE_CODES, columns(original), strict=True):
            if name == column:
                return f"{model._meta.get_field(original).verbose_name} {LANGUAGE_WORDS[code]}"
    return str(model._meta.get_field(name).verbose_name)


def label_languages(form):
    """“Answer in English”, “Answer in Spanish”, and the Spanish optional."""
    model = form._meta.model
    for name in translated_fields(model):
        for code, column in zip(LANGUAGE_CODES, columns(name), strict=True):
            if column in form.fields:
                field = form.fields[column]
                label = field_label(model, column)
                field.label = label[:1].upper() + label[1:]
                if code != settings.LANGUAGE_CODE:
                    field.required = False
                    field.help_text = (
                        "Leave empty until it is translated: the Spanish page then shows "
                        "the English, marked."
                    )


def empty_as_stored(form, cleaned_data):
    """An empty text stored one way per language (store_empty_texts), from a form."""
    model = form._meta.model
    for name in translated_fields(model):
        for code, column in zip(LANGUAGE_CODES, columns(name), strict=True):
            if column in cleaned_data and cleaned_data[column] in ("", None):
                cleaned_data[column] = _empty(code)
    return cleaned_data


def settle_texts(record):
    """Empty texts stored one way per language, and the English in the original columns."""
    store_empty_texts(record)
    english_in_the_original_columns(record)


def store_empty_texts(record):
    """An empty text stored one way per language: "" in English (as before there was
    Spanish), None in Spanish (“not translated yet”). modeltranslation leaves either in
    either, by widget and by path, and a save that changed nothing would then differ from
    what load_content stored, and be taken for an editor's change."""
    for name in translated_fields(type(record)):
        for code, column in zip(LANGUAGE_CODES, columns(name), strict=True):
            if getattr(record, column) in ("", None):
                setattr(record, column, _empty(code))


def _empty(code):
    return "" if code == settings.LANGUAGE_CODE else None


def english_in_the_original_columns(record):
    """The original column (``answer``) keeps the English, as it did before there was
    Spanish: the search's indexes (migration 0002) and any raw read of the table see the
    text an editor last saved, not the text the row was loaded with."""
    for name in translated_fields(type(record)):
        record.__dict__[name] = getattr(record, f"{name}_{settings.LANGUAGE_CODE}")
