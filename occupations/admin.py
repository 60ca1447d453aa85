"""The editors' whole tool: every content model, with history, revert and clear validation.

Validation comes from the models (clean() and the database constraints), so the
admin, the loader and the database all apply the same rules.
"""

import copy
import dataclasses
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import transaction
from django.db.models import CharField, Count, IntegerField
from django.forms.models import model_to_dict
from django.http import Http404
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import bilingual, citations, languages, models, quoting, selectors
from .bls.admin_import import ImportReleaseMixin
from .content import occupation_parts
from .dashboard import texts_behind_their_figures
from .formatting import Period
from .passages import has_copy, passage_text, section_line

admin.site.site_header = "Customer Service Careers: editors"
# The admin's side list of every model took 300 px from each change list, whose columns then
# ran out of their box at 1280 px; the index and the breadcrumbs lead to every list.
admin.site.enable_nav_sidebar = False
admin.site.site_title = "Customer Service Careers admin"
admin.site.index_title = "Site content"

# Django's own warning icon, beside a word that says what is wrong (the icon alone is
# decoration to a screen reader).


def warning_icon():
    # A function: the static file's hashed name is known only once the app has started.
    return format_html(
        '<img src="{}" alt="" width="14" height="14">', static("admin/img/icon-alert.svg")
    )


# Every form that edits a record shows all of its citation, since Cited.clean() can put a
# message next to any of these fields.
CITATION_FIELDS = list(citations.FIELDS)


class ChangeSummaryMixin:
    """After a save, say what changed, in the words the admin's history uses, and the
    record's own values before and after ("Value: 34710.00 → 41230.00"), so a wrong digit
    shows at once."""

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        summary = entry.get_change_message() if entry else ""
        if summary and summary != "No fields changed.":
            values = before_and_after(obj)
            self.message_user(request, f"What changed: {summary} {values}".strip())
        return entry


def before_and_after(obj):
    """“Value: 14.36 → 14.40; Period month: (empty) → 5.”, from the record's newest two
    versions in its history; "" when it has no earlier one."""
    latest = obj.history.first()
    previous = latest.prev_record if latest is not None else None
    if previous is None:
        return ""
    delta = latest.diff_against(previous, excluded_fields=unshown_columns(type(obj)))
    changes = [
        f"{capfirst(bilingual.field_label(type(obj), change.field))}: "
        f"{shown_value(change.old, 60)} → {shown_value(change.new, 60)}"
        for change in delta.changes
    ]
    return "; ".join(changes) + "." if changes else ""


def unshown_columns(model):
    """What a list of changes leaves out: the version, and the original column of each text
    with a column per language, which repeats the English (“Answer” beside “Answer in
    English”)."""
    return ["version", *bilingual.translated_fields(model)]


def shown_value(value, length=None):
    """A value as the history and the save message show it: “(empty)”, not “None”, and a
    long text cut to `length` characters."""
    if value is None or value == "":
        return "(empty)"
    return Truncator(str(value)).chars(length) if length else value


class VersionedForm(forms.ModelForm):
    """Every content form: refuses to save over a change someone made after it was opened.

    The form carries, hidden, the version of the record it was opened at. If the record
    has moved on when it comes back, clean() refuses it and says who changed what. The
    editor's input stays in the form; fields they did not touch take the new values, and
    the hidden version moves to the current one, so saving again applies their input
    without undoing the other change by accident.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @cached_property
    def changed_data(self):
        # The tick boxes are the editor's answers, not changes to the record: history and the
        # "What changed" message leave them out.
        answers = ("passage_checked", "spanish_checked")
        return [name for name in super().changed_data if name not in answers]

    spanish_checked = forms.BooleanField(
        required=False,
        label="The Spanish still says the same",
        help_text="Tick when you changed the English only in a way its Spanish already says "
        "(a typo, say). Otherwise the Spanish page shows the English, marked, until the Spanish "
        "is updated.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        # simple-history's revert page edits a copy built from an old record, at that
        # record's version: the revert must be checked against the row as it is now,
        # and keeps the row's slug (fixed once saved, see below).
        if getattr(instance, "_history", None) is not None and instance.pk is not None:
            now = self._rows().first()
            if now is not None:
                for name in ("version", "slug"):
                    if hasattr(now, name):
                        setattr(instance, name, getattr(now, name))
                        self.initial[name] = getattr(now, name)
        # load_content and every link find a record by its slug: renaming a saved one
        # would orphan it. A disabled field ignores whatever is posted for it.
        if "slug" in self.fields and not instance._state.adding:
            self.fields["slug"].disabled = True
            self.fields["slug"].help_text = "Fixed once the record is saved."
        bilingual.label_languages(self)

    def _post_clean(self):
        super()._post_clean()
        # The form has put its values on the record: the original columns take the English,
        # and a Spanish text written now was written from the English beside it.
        bilingual.english_in_the_original_columns(self.instance)
        names = bilingual.translated_fields(type(self.instance))
        if getattr(self, "cleaned_data", {}).get("spanish_checked"):
            written = names
        else:
            written = [name for name in names if f"{name}_es" in self.changed_data]
        if written:
            languages.note_spanish(self.instance, written)

    def clean(self):
        cleaned_data = bilingual.empty_as_stored(self, super().clean())
        self._refuse_names_where_nothing_quotes(cleaned_data)
        if self.instance._state.adding or self.instance.pk is None:
            # A new record starts at the model's first version, whatever was posted.
            cleaned_data.pop("version", None)
            return cleaned_data
        opened_at = cleaned_data.get("version")
        current = self._current_version(lock=True)
        if current is None or opened_at == current:
            # Gone meanwhile: the admin and the inline formset report that themselves.
            return cleaned_data
        message = self._what_changed_since(opened_at)
        self._show_current_values(current, opened_at)
        raise ValidationError(message, code="edit_conflict")

    def _refuse_names_where_nothing_quotes(self, cleaned_data):
        for name in quoting.brackets_where_nothing_quotes(type(self.instance), cleaned_data):
            self.add_error(name, quoting.NOT_HERE[0].upper() + quoting.NOT_HERE[1:])

    def _rows(self):
        return type(self.instance)._base_manager.filter(pk=self.instance.pk)

    def _current_version(self, lock):
        rows = self._rows()
        # The admin saves in one transaction; locking the row there means nobody can
        # save it between this check and our save (PostgreSQL; SQLite has one writer).
        if lock and transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def _record_at(self, version):
        if version is None:
            return None
        return self.instance.history.filter(version=version).order_by("-history_date").first()

    def _what_changed_since(self, opened_at):
        name = self.instance._meta.verbose_name
        if opened_at is None:
            return (
                f"This form does not say which version of the {name} it was opened at, so "
                "it could undo someone else's change. It now holds the current version: "
                "check the values and save again."
            )
        later = self.instance.history.filter(version__gt=opened_at).select_related("history_user")
        users = list(dict.fromkeys(record.history_user for record in later))
        # Saves without a signed-in user come from load_content or the shell.
        who = " and ".join(
            user.get_username() if user else "load_content or the shell" for user in users
        )
        before, latest = self._record_at(opened_at), self.instance.history.first()
        if before is None or latest is None:
            what = "Their changes were not recorded in the history"
        else:
            delta = latest.diff_against(
                before,
                excluded_fields=unshown_columns(type(self.instance)),
                foreign_keys_are_objs=True,
            )
            what = "What changed: " + (
                "; ".join(
                    f"{self._label(change.field)}: {_shown(change.old)} → {_shown(change.new)}"
                    for change in delta.changes
                )
                or "nothing you can see here"
            )
        return (
            f"{who or 'Someone'} saved this {name} while you were editing it. {what}. "
            "Nothing of yours was saved yet, and your input is still here; "
            "save again to apply it."
        )

    def _label(self, field_name):
        return capfirst(bilingual.field_label(type(self.instance), field_name))

    def _show_current_values(self, current, opened_at):
        """Move the form to the current version, keeping what the editor typed."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(current)
        before, now = self._record_at(opened_at), self._rows().first()
        if before is not None and now is not None:
            names = [name for name in self.fields if name != "version" and name in _fields(now)]
            opened_values = model_to_dict(before, fields=names)
            current_values = model_to_dict(now, fields=names)
            for name in names:
                untouched = not self.fields[name].has_changed(
                    opened_values.get(name), self[name].data
                )
                if untouched and opened_values.get(name) != current_values[name]:
                    _put(data, self.add_prefix(name), self.fields[name], current_values[name])
        self.data = data


# Fields that are not what a record claims: where it stands, how it is filed, and notes.
NOT_CLAIMS = {
    *CITATION_FIELDS,
    "id",
    "occupation",
    "slug",
    "order",
    "version",
    "note",
    "title",
    "soc_code",
    "is_published",
    "last_reviewed",
    "work_setting",
    "kind",
    "section",
}


class CitedForm(VersionedForm):
    """A record that cites a passage: a change to what it says, with its citation left as it
    was, is saved only once the editor confirms the passage still says it.

    An editor changed a median wage from $34,710 to $41,230, and the site went on crediting
    $41,230 to "Newer guide, line 58", which says $34,710. The form now stops such a save,
    says what the site will show and what the cited passage says (from the site's copy of the
    document, where it has one), and asks the editor to confirm or to fix the citation.
    """

    passage_checked = forms.BooleanField(
        required=False,
        label="The cited passage says this",
        help_text="Tick to save a change to what this record says without changing its "
        "source: only when the passage already says the new value or wording.",
    )

    # The citation's fields, named as an editor copying a fact would say them.
    CITATION_LABELS = {
        "source": ("Source", "The document or web page the fact comes from."),
        "source_line": ("Line", "The line of our copy of the document the fact is on."),
        "source_line_end": ("Last line", "If the passage runs over several lines."),
        "source_section": (
            "Section",
            "For a web page: the heading of the part the fact is in, as the page writes it "
            "(“Pay”, “How to Become One”).",
        ),
        "second_source": ("Second source", "Only for a fact that rests on two places."),
        "second_line": ("Second passage's line", ""),
        "second_line_end": ("Second passage's last line", ""),
        "second_section": ("Second passage's section", ""),
    }

    # Where the form asks the editor to correct the citation; a row of an inline has no
    # citation fields of its own (LabelledRowsForm).
    CORRECT_IT = "if not, correct the source (under “Source”)."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, help_text) in self.CITATION_LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
                if help_text:
                    self.fields[name].help_text = help_text
        if "source_line" in self.fields:
            # For a web page the section is enough: the line is found from it (clean()).
            self.fields["source_line"].required = False
            self.fields[
                "source_line"
            ].help_text += (
                " For a web page, leave it empty and name the section: the site finds the line."
            )

    def clean(self):
        cleaned_data = super().clean()
        self._line_from_section(cleaned_data)
        # A revert (simple-history's form) restores a version with the citation it had.
        reverting = getattr(self.instance, "_history", None) is not None
        if self.instance._state.adding or self.errors or reverting:
            return cleaned_data
        # A translation says what the English says: the English passage still stands.
        translations = bilingual.language_columns(type(self.instance)) - {
            f"{name}_{settings.LANGUAGE_CODE}"
            for name in bilingual.translated_fields(type(self.instance))
        }
        claims = [
            name
            for name in self.changed_data
            if bilingual.original_name(type(self.instance), name) not in NOT_CLAIMS
            and name not in translations
            and name != "passage_checked"
            and name in _fields(self.instance)
        ]
        cited_changed = [name for name in self.changed_data if name in CITATION_FIELDS]
        if claims and not cited_changed and not cleaned_data.get("passage_checked"):
            # On the tick box itself, so its fieldset opens and the question sits beside it.
            self.add_error(
                "passage_checked" if "passage_checked" in self.fields else None,
                ValidationError(self._unconfirmed(claims, cleaned_data), code="passage_unchecked"),
            )
        return cleaned_data

    def _line_from_section(self, cleaned_data):
        """A fact from a web page, cited by its section only: its line in the site's copy of
        the page, or a clear error when the site cannot find it."""
        if "source_line" not in self.fields or cleaned_data.get("source_line"):
            return
        source, section = cleaned_data.get("source"), cleaned_data.get("source_section")
        if source is not None and source.cites_by_section and not section:
            return  # the model asks for the section, which gives the line: one message, not two
        line = section_line(source, section) if source and source.cites_by_section else None
        if line:
            cleaned_data["source_line"] = line
        elif source is not None:
            if not (source.cites_by_section and section):
                message = "Give the line the fact is on."
            elif not has_copy(source):
                message = (
                    "Give the line the fact is on: the site has no copy of this page here "
                    f"(CAREERS_SOURCE_DOCUMENTS), so it cannot find where “{section}” begins."
                )
            else:
                message = (
                    "Give the line the fact is on, or a section as the page writes it (the "
                    f"site has no “{section}” in its copy)."
                )
            self.add_error("source_line", message)

    def _unconfirmed(self, claims, cleaned_data):
        # The instance takes the form's values only after clean(): a copy shows the new ones.
        record = copy.copy(self.instance)
        for name in claims:
            setattr(record, name, cleaned_data.get(name))
        changed = ", ".join(
            bilingual.field_label(type(self.instance), name).lower()
            if name not in bilingual.language_columns(type(self.instance))
            else bilingual.field_label(type(self.instance), name)
            for name in claims
        )
        if isinstance(record, models.Figure):
            shows = f"{record.display_value}, {record.period_label}"
        elif isinstance(record, models.QuotesFigures):
            # As the page will write it, with the quoted figures' values.
            figures = cleaned_data.get("figures") or record.figures.all()
            shows = "; ".join(
                quoting.render(
                    str(cleaned_data.get(name, getattr(record, name))),
                    figures,
                    missing="[[{slug}]] (not linked under Figures)",
                )
                for name in claims
            )
        else:
            shows = "; ".join(str(getattr(record, name)) for name in claims)
        citation = record.citations()[0] if hasattr(record, "citations") else None
        where = citation.label if citation else "its source"
        quoted = passage_text(
            citation.source if citation else None,
            citation.first_line if citation else None,
            citation.last_line if citation else None,
        )
        says = (
            f"That passage says: “{quoted}”"
            if quoted
            else "The site has no copy of that document here: check it in the source."
        )
        return (
            f"You changed the {changed} but not where it stands. The site will show "
            f"“{shown_value(shows, 400)}”, "
            f"credited to {where}. {says} If the passage says this, tick “The cited passage "
            f"says this” and save again; {self.CORRECT_IT}"
        )


def _fields(instance):
    return {field.name for field in instance._meta.concrete_fields}


def _shown(value):
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return Truncator(str(value)).chars(80)


def _put(data, key, field, value):
    """Write a model value into POST data the way a browser would send it."""
    if isinstance(field, forms.BooleanField):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    else:
        data[key] = "" if value is None else str(value)


def _require_number(value):
    # ASCII digits only: str.isdigit() also takes "²", which int() then refuses.
    if not re.fullmatch(r"[0-9]{1,18}", str(value)):
        raise Http404("No such record.")


class VersionlessHistoryChanges(HistoricalRecordContextHelper):
    """The history page lists what editors changed; the version number is bookkeeping. A
    blank value reads “(empty)”, not Python's “None”."""

    def context_for_delta_changes(self, delta):
        shown = [change for change in delta.changes if change.field != "version"]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=shown))

    def prepare_delta_change_value(self, change, value):
        return super().prepare_delta_change_value(change, shown_value(value))


class BoundedNumbers:
    """Number inputs that keep their model field's bounds (a month 1–12, a year 1900–2200).

    Django checks a model field's validators only after the form has written the value into
    the record, and a record with month 13 could not even name itself on the error page:
    with the bounds on the form field, the value never reaches the record, and the browser
    offers only numbers in range."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, IntegerField):
            # Django adds the database's own range too: the narrowest bounds are the field's.
            lows = [v.limit_value for v in db_field.validators if isinstance(v, MinValueValidator)]
            highs = [v.limit_value for v in db_field.validators if isinstance(v, MaxValueValidator)]
            if lows:
                kwargs.setdefault("min_value", max(lows))
            if highs:
                kwargs.setdefault("max_value", min(highs))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class WorkedOutFilter(admin.SimpleListFilter):
    """A yes/no list filter whose rows are worked out in Python, not SQL: `flagged(queryset)`
    gives the pks that match. Fine for the content lists, a few hundred rows read by editors
    only. `answers` names the two: (value, label) for "flagged", then "not flagged". (Not
    `choices`, which is the list filter's own method.)"""

    answers = ()

    def lookups(self, request, model_admin):
        return list(self.answers)

    def queryset(self, request, queryset):
        (flagged_value, _), (other_value, _) = self.answers
        if self.value() not in (flagged_value, other_value):
            return queryset
        flagged = self.flagged(queryset)
        if self.value() == flagged_value:
            return queryset.filter(pk__in=flagged)
        return queryset.exclude(pk__in=flagged)

    def flagged(self, queryset):
        raise NotImplementedError


class SpanishFilter(WorkedOutFilter):
    """Records whose Spanish is missing or older than their English (occupations/languages.py),
    from each record's digests."""

    title = "Spanish"
    parameter_name = "spanish"
    answers = (("behind", "Missing or older than the English"), ("current", "Up to date"))

    def flagged(self, queryset):
        return [record.pk for record in queryset if languages.stale_spanish(record)]


class VersionedAdmin(BoundedNumbers, ChangeSummaryMixin, SimpleHistoryAdmin):
    form = VersionedForm

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if bilingual.translated_fields(self.model):
            return [*filters, SpanishFilter]
        return filters

    def get_fieldsets(self, request, obj=None):
        # Each text's English and Spanish side by side (occupations/bilingual.py), and after
        # the record's own fields, where its Spanish stands.
        fieldsets = bilingual.fieldsets_side_by_side(
            super().get_fieldsets(request, obj), self.model
        )
        # Both go in the Spanish fieldset below; a form without fieldsets of its own lists
        # every field, so they would show twice.
        moved = ("spanish_state", "spanish_checked")
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in moved]})
            for name, options in fieldsets
        ]
        if not bilingual.translated_fields(self.model):
            return fieldsets
        spanish = ("Spanish", {"fields": ["spanish_state", "spanish_checked"]})
        return [fieldsets[0], spanish, *fieldsets[1:]]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if bilingual.translated_fields(self.model):
            return [*readonly, "spanish_state"]
        return readonly

    @admin.display(description="Spanish")
    def spanish_state(self, record):
        if record is None or record.pk is None:
            return "Write the Spanish beside each English text, or leave it for later."
        stale = languages.stale_spanish(record)
        if not stale:
            return "Up to date: every text has its Spanish, written from its English as it is."
        names = ", ".join(bilingual.field_label(type(record), name) for name in stale)
        return format_html(
            "{} <strong>Missing or older than the English</strong>: {}. The Spanish page shows "
            "the English for these, marked.",
            warning_icon(),
            names,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A refused save has already put the form's values on the record: the page's title
        # and breadcrumbs name it as it still is in the database, not as if it had saved.
        form = context.get("adminform") and context["adminform"].form
        if change and obj is not None and obj.pk and form is not None and form.errors:
            saved = self.model._default_manager.filter(pk=obj.pk).first()
            if saved is not None:
                context = {**context, "original": saved, "title": context.get("title")}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        # The URL takes any text; simple-history would turn a non-number into a 500.
        _require_number(object_id)
        if not request.user.has_perm("auth.change_user"):
            # simple-history links each editor's name to their user page, which an editor
            # may not open (a 403): the name alone, then.
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        _require_number(object_id)
        _require_number(version_id)
        # One transaction, as Django's own change view: the version check in the form
        # then holds its row lock until the revert is saved.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return VersionlessHistoryChanges(self.model, historical_record)


class ContentAdmin(VersionedAdmin):
    """Every cited record's form: its own fields first, then where it stands, folded."""

    form = CitedForm

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "cited_passage"]

    def get_fieldsets(self, request, obj=None):
        """The record's own fields, then its citation in a "Source" fieldset of its own: for a
        source read as a web page, its section; for a document, its lines and what they say.
        The line numbers of a web-page source are kept (our checks read them) but folded
        away, since they mean nothing to a reader."""
        moved = {*CITATION_FIELDS, "passage_checked", "cited_passage"}
        # A form posted back is one the admin refused (a save redirects): its sections open,
        # so the error beside a citation field is in sight.
        folded = [] if request.method == "POST" else ["collapse"]
        own = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field not in moved]
            if fields:
                own.append((name, {**options, "fields": fields}))
        by_section = obj is not None and obj.source_id and obj.source.cites_by_section
        if by_section:
            source = (
                "Source",
                {
                    "fields": ["source", "source_section", "cited_passage", "passage_checked"],
                    "classes": folded,
                    "description": "This source is a web page: readers find the fact by the "
                    "section named here. The passage is shown as the site's copy of the page "
                    "has it.",
                },
            )
            lines = (
                "Line numbers in our copy of the page",
                {
                    "fields": ["source_line", "source_line_end"],
                    "classes": folded,
                    "description": "Kept for the site's own checks; readers never see them.",
                },
            )
            second = (
                "A second passage (rare)",
                {
                    "fields": ["second_source", "second_line", "second_line_end", "second_section"],
                    "classes": folded,
                },
            )
            return [*own, source, lines, second]
        source = (
            "Source",
            {
                "fields": [
                    "source",
                    ("source_line", "source_line_end"),
                    "cited_passage",
                    "source_section",
                    "passage_checked",
                ],
                "classes": folded,
                "description": "Where the fact stands: the document, and the line it is on (and "
                "the last line, if it runs over several). The passage is shown below as our copy "
                "of the document has it. For a web page, such as a BLS handbook entry, name its "
                "section instead.",
            },
        )
        second = (
            "A second passage (rare)",
            {
                "fields": ["second_source", ("second_line", "second_line_end"), "second_section"],
                "classes": folded,
                "description": "Only for a fact that rests on two places.",
            },
        )
        return [*own, source, second]

    @admin.display(description="Source", ordering="source__short_title")
    def source_name(self, record):
        # The short title: the full one made every list wider than the window.
        return record.source.short_title

    @admin.display(description="What the passage says")
    def cited_passage(self, record):
        if record is None or record.pk is None:
            return "Shown once the record is saved."
        text = passage_text(record.source, record.source_line, record.source_line_end)
        return text or "The site has no copy of this document here; check it in the source."

    list_select_related = ["source"]
    save_on_top = True


class PartAdmin(ContentAdmin):
    list_select_related = ["occupation", "source"]
    list_filter = ["occupation", "source"]


class InlineOptions(BoundedNumbers):
    """What every inline shares: the form that keeps each row's version, and no blank rows
    until an editor asks for one."""

    form = VersionedForm
    extra = 0

    def get_fieldsets(self, request, obj=None):
        return bilingual.fieldsets_side_by_side(super().get_fieldsets(request, obj), self.model)


class LabelledRowsForm(CitedForm):
    """A row of a tabular inline: Django heads its columns but labels no input, so each
    input is named for screen readers by its column and its row ("Value, median annual
    wage, May 2020")."""

    CORRECT_IT = "if not, correct its source on its own page (the row's “Change” link)."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = str(self.instance) if self.instance.pk else "new row"
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label}, {row}")


class CompactInline(InlineOptions, admin.TabularInline):
    """A few columns of an occupation's parts, to change in place; everything else, and new
    rows, on the part's own page (the row's link, and the Parts list above)."""

    form = LabelledRowsForm
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FigureInline(CompactInline):
    """Figures typed from the documents: their value and period, the fields an editor changes
    most. Figures made from a BLS release are read only, on their own admin page."""

    model = models.Figure
    verbose_name_plural = "Figures typed from the documents (BLS's imported ones are in Figures)"
    fields = [
        "measure",
        "value",
        "is_approximate",
        "period_start_year",
        "period_end_year",
        "period_month",
        "passage_checked",
        "version",
    ]
    readonly_fields = ["measure"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(release__isnull=True)


class DutyInline(CompactInline):
    model = models.Duty
    fields = ["order", "text", "passage_checked", "version"]


@admin.register(models.Source)
class SourceAdmin(VersionedAdmin):
    list_display = ["title", "short_title", "document", "period", "publisher"]
    list_filter = ["publisher"]
    search_fields = ["title", "short_title", "document", "description", "notes"]
    prepopulated_fields = {"slug": ["short_title_en"]}


@admin.register(models.Occupation)
class OccupationAdmin(ContentAdmin):
    """The occupation's own fields; its figures and duties to change in place, and a link to
    each of its parts, with their count. Every part in one page made 1,385 form controls and a
    figures table 4,455 px wide."""

    list_display = ["title", "soc_code", "is_published", "last_reviewed", "stale_figures"]
    list_filter = ["is_published", "last_reviewed"]
    search_fields = ["title", "soc_code", "definition", "summary"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["parts"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "soc_code", "is_published", "last_reviewed", "version"]},
        ),
        ("Overview", {"fields": ["definition", "summary"]}),
        (
            "Parts of the profile",
            {
                "fields": ["parts"],
                "description": "Each part has a page of its own, with its source: open one to "
                "change or add its records.",
            },
        ),
    ]
    inlines = [FigureInline, DutyInline]

    def get_queryset(self, request):
        return selectors.with_figures(super().get_queryset(request))

    @admin.display(description="Stale figures")
    def stale_figures(self, occupation):
        return sum(figure.is_stale for figure in occupation.figure_set.all())

    @admin.display(description="Parts")
    def parts(self, occupation):
        if occupation.pk is None:
            return "Save the occupation first; then add its parts."
        rows = []
        for model in occupation_parts():
            meta = model._meta
            listing = reverse(f"admin:occupations_{meta.model_name}_changelist")
            adding = reverse(f"admin:occupations_{meta.model_name}_add")
            count = model.objects.filter(occupation=occupation).count()
            rows.append(
                (
                    f"{listing}?occupation__id__exact={occupation.pk}",
                    capfirst(meta.verbose_name_plural),
                    count,
                    f"{adding}?occupation={occupation.pk}",
                    meta.verbose_name,
                )
            )
        return format_html(
            '<ul class="occupation-parts">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{} ({})</a> · <a href="{}">new {}</a></li>',
                rows,
            ),
        )


class StaleFilter(admin.SimpleListFilter):
    title = "freshness"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", "Stale"), ("no", "Current"), ("undated", "Undated")]

    def queryset(self, request, queryset):
        cutoff = models.stale_before_year()
        if self.value() == "yes":
            return queryset.filter(period_start_year__lt=cutoff)
        if self.value() == "no":
            return queryset.filter(period_start_year__gte=cutoff)
        if self.value() == "undated":
            return queryset.filter(period_start_year__isnull=True)
        return queryset


class PeriodFilter(admin.SimpleListFilter):
    """Figures by the period they describe, newest first: “May 2025”, “2024–2034”."""

    title = "period"
    parameter_name = "period"

    def lookups(self, request, model_admin):
        periods = (
            models.Figure.objects.filter(period_end_year__isnull=False)
            .values_list("period_start_year", "period_end_year", "period_month")
            .distinct()
        )
        found = [Period(start, end, month) for start, end, month in periods]
        ordered = sorted(set(found), key=lambda period: period.sort_key, reverse=True)
        return [(f"{p.start}-{p.end}-{p.month or 0}", p.label) for p in ordered]

    def queryset(self, request, queryset):
        value = self.value() or ""
        parts = value.split("-")
        if len(parts) != 3 or not all(part.isdigit() for part in parts):
            return queryset
        start, end, month = (int(part) for part in parts)
        return queryset.filter(
            period_start_year=start, period_end_year=end, period_month=month or None
        )


class FiguresChangedFilter(WorkedOutFilter):
    """Texts whose linked figures changed since the text was last saved (the dashboard's
    list), read from history."""

    title = "figures changed since saved"
    parameter_name = "figures_changed"
    answers = (("yes", "Changed: check the text"), ("no", "Not changed"))

    def flagged(self, queryset):
        return {item.text.pk for item in texts_behind_their_figures(queryset)}


@admin.register(models.Figure)
class FigureAdmin(PartAdmin):
    list_display = [
        "measure",
        "occupation",
        "shown_value",
        "period",
        "stale",
        "source_name",
    ]
    list_filter = [StaleFilter, PeriodFilter, "measure", "unit", "occupation", "source"]
    search_fields = ["slug", "comparison", "note", "occupation__title"]
    fieldsets = [
        (None, {"fields": ["occupation", "slug", "order", "measure", "version"]}),
        ("Value", {"fields": ["value", "is_approximate", "comparison"]}),
        (
            "Period",
            {
                "description": "“May 2020” is 2020, 2020, month 5. “2019–2029” is 2019, 2029. "
                "“2008” is 2008, 2008. Leave all empty only for a claim the source did not date.",
                "fields": ["period_start_year", "period_end_year", "period_month"],
            },
        ),
        ("Source", {"fields": [*CITATION_FIELDS, "passage_checked"]}),
        ("Note", {"fields": ["note"]}),
    ]

    @admin.display(description="Value", ordering="value")
    def shown_value(self, figure):
        return figure.display_value

    def get_search_results(self, request, queryset, search_term):
        """A figure found by its value as the site writes it: “$34,710”, “34,710” or
        “34710” (the box otherwise searches names and notes only)."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        number = search_term.strip().lstrip("$").replace(",", "")
        if re.fullmatch(r"[0-9]+(\.[0-9]+)?", number):
            found |= queryset.filter(value=number)
        return found, may_have_duplicates

    def get_deleted_objects(self, objs, request):
        """A figure that an FAQ answer or a note quotes by name is kept until the text no
        longer quotes it: the page would have nothing to write in its place."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        quoting = [
            f"{text._meta.verbose_name.capitalize()} “{text}” quotes {figure}"
            for figure in objs
            for text in figure.quoted_by()
        ]
        return deleted, counts, perms_needed, [*protected, *quoting]

    def has_change_permission(self, request, obj=None):
        # A figure import_bls made from a BLS release changes with the next import, never
        # by typing: editors see it, read only.
        if obj is not None and obj.release_id is not None:
            return False
        return super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        figure = self.get_object(request, object_id)
        if figure is not None and figure.release_id is not None:
            # Read only, and an editor told “BLS corrected it” must learn why and what to do.
            messages.info(
                request,
                format_html(
                    "This figure comes from BLS's own files ({}), so it cannot be typed over. "
                    'If BLS corrects it, <a href="{}">import BLS\'s corrected files</a>; the '
                    "import replaces it.",
                    figure.source.short_title,
                    reverse("admin:occupations_release_import"),
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.release_id is not None:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="Period", ordering="period_end_year")
    def period(self, figure):
        return figure.period_label

    @admin.display(description="Freshness")
    def stale(self, figure):
        """A warning for a stale figure: shown as Django's green tick ("True"), it read as
        "fine"."""
        if not figure.is_dated:
            return "Undated"
        if figure.is_stale:
            return format_html(
                "{} <strong>Stale</strong>: {}, {}",
                warning_icon(),
                figure.period_label,
                figure.period.age_on(timezone.localdate()),
            )
        return "Current"


@admin.register(models.Duty)
class DutyAdmin(PartAdmin):
    list_display = ["text", "occupation", "order", "source_name"]
    search_fields = ["text"]


@admin.register(models.JobTitle)
class JobTitleAdmin(PartAdmin):
    list_display = ["name", "occupation", "order", "source_name"]
    search_fields = ["name"]


@admin.register(models.Quality)
class QualityAdmin(PartAdmin):
    list_display = ["name", "kind", "occupation", "order", "source_name"]
    list_filter = ["kind", *PartAdmin.list_filter]
    search_fields = ["name", "description"]


class WorkSettingDetailInline(CompactInline):
    """The details' wording and order, in place; a new detail, and its citation, on the
    detail's own page (its citation columns took the table past 1280 px)."""

    model = models.WorkSettingDetail
    fields = ["order", "kind", "text", "passage_checked", "version"]


@admin.register(models.WorkSetting)
class WorkSettingAdmin(PartAdmin):
    list_display = ["name", "occupation", "order", "source_name", "detail_count"]
    search_fields = ["name", "description"]
    inlines = [WorkSettingDetailInline]

    @admin.display(description="Channels, tools and schedules")
    def detail_count(self, setting):
        return setting.details.count()


@admin.register(models.WorkSettingDetail)
class WorkSettingDetailAdmin(ContentAdmin):
    list_display = ["text", "kind", "work_setting", "order", "source_name"]
    list_filter = ["kind", "work_setting__occupation", "source"]
    list_select_related = ["work_setting__occupation", "source"]
    search_fields = ["text", "work_setting__name"]


@admin.register(models.EducationItem)
class EducationItemAdmin(PartAdmin):
    list_display = ["text", "kind", "occupation", "order", "source_name"]
    list_filter = ["kind", *PartAdmin.list_filter]
    search_fields = ["text"]


@admin.register(models.Sector)
class SectorAdmin(PartAdmin):
    list_display = ["name", "kind", "occupation", "order", "source_name"]
    list_filter = ["kind", *PartAdmin.list_filter]
    search_fields = ["name"]


@admin.register(models.SimilarOccupation)
class SimilarOccupationAdmin(PartAdmin):
    list_display = [
        "name",
        "occupation",
        "median_annual_wage",
        "period_year",
        "order",
        "source_name",
    ]
    list_filter = ["period_year", *PartAdmin.list_filter]
    search_fields = ["name"]


@admin.register(models.QuickFact)
class QuickFactAdmin(PartAdmin):
    # The answer first, in a box wide enough to read it; then where it stands.
    fields = ["occupation", "topic", "text", "order", "slug", *CITATION_FIELDS, "version"]
    formfield_overrides = {CharField: {"widget": forms.TextInput(attrs={"size": 80})}}
    list_display = ["text", "topic", "occupation", "order", "source_name"]
    list_filter = ["topic", *PartAdmin.list_filter]
    search_fields = ["text"]


@admin.register(models.AdvancementPath)
class AdvancementPathAdmin(PartAdmin):
    list_display = ["title", "occupation", "order", "source_name"]
    search_fields = ["title", "description"]


@admin.register(models.Tip)
class TipAdmin(PartAdmin):
    list_display = ["title", "occupation", "order", "source_name"]
    search_fields = ["title", "text"]


class QuotableFigures(forms.ModelMultipleChoiceField):
    """The figures a text may link, as boxes to tick, each with the name to quote it by."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, occupation, **kwargs):
        figures = models.Figure.objects.select_related("occupation")
        self.occupation = occupation
        if occupation is not None:
            figures = figures.filter(occupation=occupation)
        super().__init__(figures, required=False, **kwargs)

    def label_from_instance(self, figure):
        shown = str(figure) if self.occupation else f"{figure.occupation.title}: {figure}"
        return f"{shown}. Quote it as [[{figure.slug}]]"


class QuotingForm(CitedForm):
    """A text that quotes figures by name (occupations/quoting.py): each name it quotes must
    be one of the figures it links, and those must be its own occupation's.

    The figures are boxes to tick, the occupation's own once it is saved: the admin's
    autocomplete box hid the names to quote, and axe found it unlabelled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "figures" in self.fields:
            occupation = self.instance.occupation if self.instance.occupation_id else None
            # The model's help: the admin's own adds how to pick several from a list box.
            model_field = self.instance._meta.get_field("figures")
            self.fields["figures"] = QuotableFigures(
                occupation, label=self.fields["figures"].label, help_text=model_field.help_text
            )

    def clean(self):
        cleaned_data = super().clean()
        figures = cleaned_data.get("figures")
        occupation = cleaned_data.get("occupation") or getattr(self.instance, "occupation", None)
        if figures is None or occupation is None:
            return cleaned_data
        strangers = [figure for figure in figures if figure.occupation_id != occupation.pk]
        if strangers:
            self.add_error(
                "figures",
                "These figures belong to another occupation: "
                + "; ".join(str(figure) for figure in strangers),
            )
        linked = [figure.slug for figure in figures]
        known = occupation.figure_set.values_list("slug", flat=True)
        for column in sorted(quoting.quoting_columns(type(self.instance))):
            if column in cleaned_data:
                try:
                    quoting.check(cleaned_data[column], linked, known)
                except ValidationError as error:
                    self.add_error(column, error)
        return cleaned_data


class QuotingAdmin(PartAdmin):
    """FAQ answers and notes on About the data: texts that may quote their figures."""

    form = QuotingForm
    list_filter = [FiguresChangedFilter, *PartAdmin.list_filter]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("figures")

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "as_shown", "figures_changed"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        (name, options), *rest = fieldsets
        shown = [
            field for field in options["fields"] if field not in ("as_shown", "figures_changed")
        ]
        return [(name, {**options, "fields": ["figures_changed", *shown, "as_shown"]}), *rest]

    @admin.display(description="As the page shows it")
    def as_shown(self, record):
        if record is None or record.pk is None:
            return "Shown once the record is saved."
        return format_html_join(
            "", "<p>{}</p>", ((record.quoted(name),) for name in record.quoting_fields)
        )

    @admin.display(description="Figures changed since saved")
    def figures_changed(self, record):
        """A warning while a linked figure has changed since the text was last saved: a
        claim such as “matches around $35,000” may no longer hold."""
        if record is None or record.pk is None:
            return "—"
        behind = texts_behind_their_figures([record])
        if not behind:
            return "No: the text was saved after its figures last changed."
        return format_html(
            "{} {}. Check the text still holds, and save it.",
            warning_icon(),
            "; ".join(f"{item.figure}, was {item.then}" for item in behind),
        )

    @admin.display(description="Figures changed")
    def figures_changed_flag(self, record):
        if not texts_behind_their_figures([record]):
            return "—"
        return format_html("{} Check the text", warning_icon())


@admin.register(models.FAQEntry)
class FAQEntryAdmin(QuotingAdmin):
    list_display = [
        "question",
        "occupation",
        "order",
        "figure_count",
        "figures_changed_flag",
        "source_name",
    ]
    search_fields = ["question", "answer"]

    @admin.display(description="Figures")
    def figure_count(self, entry):
        return len(entry.figures.all())


@admin.register(models.ProfileNote)
class ProfileNoteAdmin(PartAdmin):
    list_display = ["text", "occupation", "section", "order", "source_name"]
    list_filter = ["occupation", "section", "source"]
    search_fields = ["text"]


@admin.register(models.DataNote)
class DataNoteAdmin(QuotingAdmin):
    list_display = [
        "title",
        "occupation",
        "order",
        "figures_changed_flag",
        "source_name",
        "public_link",
    ]
    search_fields = ["title", "body", "resolution"]

    @admin.display(description="On the site")
    def public_link(self, note):
        return format_html('<a href="{}">About the data</a>', note.get_absolute_url())


class ReadOnly:
    """For data import_bls reads from BLS's files: shown to editors and admins, never typed
    (the next import would undo an edit). Next year's release is imported, not entered: see
    docs/content-and-editors.md."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.PriceIndex)
class PriceIndexAdmin(ReadOnly, VersionedAdmin):
    list_display = ["year", "month", "value", "source"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["year"]


class BlsDataAdmin(ReadOnly, admin.ModelAdmin):
    """BLS's releases, areas, industries and estimates."""


@admin.register(models.Release)
class ReleaseAdmin(ImportReleaseMixin, BlsDataAdmin):
    list_display = ["label", "program", "code", "imported_at", "estimate_count"]
    list_filter = ["program"]
    readonly_fields = ["files_read"]
    exclude = ["files"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(estimates_count=Count("estimates"))

    @admin.display(description="Estimates", ordering="estimates_count")
    def estimate_count(self, release):
        return release.estimates_count

    @admin.display(description="Files read")
    def files_read(self, release):
        return format_html_join(
            "\n",
            "<p>{} ({} bytes), SHA-256 {}</p>",
            ((f["name"], f"{f['bytes']:,}", f["sha256"]) for f in release.files),
        )


@admin.register(models.Area)
class AreaAdmin(BlsDataAdmin):
    list_display = ["name", "area_type", "code", "state_code"]
    list_filter = ["area_type"]
    search_fields = ["name", "code"]


@admin.register(models.Industry)
class IndustryAdmin(BlsDataAdmin):
    list_display = ["name", "code", "display_level"]
    search_fields = ["name", "code"]


@admin.register(models.WageEstimate)
class WageEstimateAdmin(BlsDataAdmin):
    # The release and BLS's markers are on each estimate's page: with them the list ran out
    # of its box at 1280 px.
    list_display = ["area", "industry", "soc_code", "employment", "annual_median", "hourly_median"]
    list_filter = ["release", "soc_code", "area__area_type"]
    list_select_related = ["release", "area", "industry"]
    search_fields = ["area__name", "industry__name", "soc_code"]
