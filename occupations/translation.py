"""Which content fields have a Spanish twin (django-modeltranslation), and their history.

django-modeltranslation keeps each language in a column of the same row (``answer_en``,
``answer_es``), so one save, one version check and one history entry cover both languages;
django-parler's separate translation table would have needed history and the version check
of their own. Names that are names (a source's title, its publisher, a job title's own
wording in English) stay as the source writes them; the Spanish page adds the Spanish beside
them where the text is a title.

simple-history builds a record's history table from the fields the model has when it is
registered, so the content models are registered for history here, after their Spanish
columns exist, as django-simple-history's notes on django-modeltranslation ask.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from . import models

TRANSLATED = {
    models.Source: ("short_title", "period", "description", "used_for", "notes"),
    models.Occupation: ("title", "definition", "summary"),
    models.Figure: ("comparison", "note"),
    models.Duty: ("text",),
    models.JobTitle: ("name",),
    models.Quality: ("name", "description"),
    models.WorkSetting: ("name", "description"),
    models.WorkSettingDetail: ("text",),
    models.EducationItem: ("text",),
    models.Sector: ("name",),
    models.ProfileNote: ("text",),
    models.SimilarOccupation: ("name", "education"),
    models.QuickFact: ("text",),
    models.AdvancementPath: ("title", "description"),
    models.Tip: ("title", "text"),
    models.FAQEntry: ("question", "answer"),
    models.DataNote: ("title", "body", "resolution"),
}

for model, names in TRANSLATED.items():
    # The English is required where the field always was; the Spanish never is.
    options = {"fields": names, "required_languages": ("en",)}
    register(model)(type(f"{model.__name__}Translation", (TranslationOptions,), options))
    simple_history.register(model, app="occupations")
