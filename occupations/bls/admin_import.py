"""The admin's "Import a BLS release": upload BLS's files, see what they would change, confirm.

The pages belong to the Release admin (ReleaseAdmin adds them to its URLs); the work is in
occupations/bls/uploads.py, which stages the files, and in the importer, which every import
goes through, from a shell (import_bls) or from here.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ..visible_text import visible_line
from . import uploads
from .flatfiles import BlsFileError
from .importer import DEFAULT_ORIGIN, EstimatesMissing, counts_line, what_is_missing
from .models import Release

PERMISSION = "occupations.add_release"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        return [self._clean_one(item, initial) for item in items]

    def _clean_one(self, item, initial):
        try:
            return super().clean(item, initial)
        except forms.ValidationError as error:
            if error.code != "empty":
                raise
            # Django's own message does not say which of the files it means.
            raise forms.ValidationError(
                f"{item.name} is empty. Nothing was imported: upload it again, whole.",
                code="empty",
            ) from None


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="BLS's files",
        help_text=(
            "BLS's OEWS files as BLS publishes them (oe.data.0.Current, oe.area, oe.industry, "
            "oe.occupation, oe.datatype, oe.footnote, oe.release), and the CPI-U file if you "
            "have it (cu.data.1.AllItems): select them all, or upload one zip of them; BLS's "
            "other files and notes such as README.md are left out. Nothing "
            "is imported until you confirm on the next page."
        ),
    )


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=32)
    # Asked, not filled in: a default would publish a claim about files no one checked (a
    # test file, a special request's zip).
    origin = forms.CharField(
        label="Where the files came from",
        max_length=1000,  # the shipped extract's own account (fixtures/bls/ORIGIN.txt) is 504
        widget=forms.TextInput(attrs={"class": "vTextField"}),  # the admin's full width
        validators=[visible_line],
        help_text=(
            "About the data shows it beside the files' names and checksums: say where you got "
            f"them, and when, such as “{DEFAULT_ORIGIN}, downloaded 2 April 2027”."
        ),
    )
    # Shown only when the preview found what the release leaves without estimates.
    missing_expected = forms.BooleanField(
        required=False,
        label=(
            "I have checked the files: BLS published no estimate for these in this release, "
            "and any the site has for them from it goes"
        ),
        label_suffix="",
    )


class ImportReleaseMixin:
    """For ReleaseAdmin: the import pages, and a button to them on the list of releases."""

    change_list_template = "admin/occupations/release/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="occupations_release_import",
            ),
            path(
                "import/confirm/",
                self.admin_site.admin_view(self.confirm_view),
                name="occupations_release_import_confirm",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": request.user.has_perm(PERMISSION)}
        return super().changelist_view(request, extra_context)

    def _page(self, request, template, **context):
        return TemplateResponse(
            request,
            f"admin/occupations/release/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Import a BLS release",
                **context,
            },
        )

    def import_view(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        uploads.clear_stale()
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                token, left_out = uploads.stage(form.cleaned_data["files"])
            except uploads.UploadError as error:
                form.add_error("files", str(error))
            else:
                try:
                    report = uploads.preview(token)
                except BlsFileError as error:
                    uploads.discard(token)
                    # The staging folder's random name means nothing to the editor.
                    message = str(error).replace(f"{token}: ", "The upload ")
                    form.add_error(None, f"Nothing was imported. {message}")
                else:
                    return self._preview_page(
                        request, report, ConfirmForm(initial={"token": token}), left_out
                    )
        return self._page(request, "import.html", form=form)

    def _preview_page(self, request, report, form, left_out=()):
        return self._page(
            request,
            "import_preview.html",
            report=report,
            left_out=left_out,
            counts=_counts(report),
            missing=[
                (title, what_is_missing(names), ", ".join(names))
                for title, names in report.missing.items()
            ],
            too_early=report.too_early(),
            medians=_medians(report),
            form=form,
        )

    def confirm_view(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        if request.method != "POST":
            return redirect("admin:occupations_release_import")
        if "cancel" in request.POST:  # whatever else the form holds
            uploads.discard(request.POST.get("token", ""))
            messages.info(request, "The upload was discarded. Nothing was imported.")
            return redirect("admin:occupations_release_changelist")
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            # The preview again, with what to fill in; a token no upload has starts over.
            try:
                report = uploads.preview(request.POST.get("token", ""))
            except (uploads.UploadError, BlsFileError) as error:
                messages.error(request, str(error))
                return redirect("admin:occupations_release_import")
            return self._preview_page(request, report, form)
        token = form.cleaned_data["token"]
        # Who imported it goes to the release's admin history, not to the public page.
        origin = form.cleaned_data["origin"]
        try:
            report = uploads.confirm(
                token, origin, missing_expected=form.cleaned_data["missing_expected"]
            )
        except EstimatesMissing as refusal:
            # The preview again, with the refusal, so the editor can tick the box or discard.
            form.add_error(
                "missing_expected",
                f"{refusal} Check the files, or tick the box to import the release as it is.",
            )
            return self._preview_page(request, refusal.report, form)
        except (uploads.UploadError, BlsFileError) as error:
            messages.error(request, str(error))
            return redirect("admin:occupations_release_import")
        release = Release.objects.filter(label=report.release).first() if report.release else None
        summary = "; ".join(
            counts_line(what, counts, unchanged=False)
            for what, counts in report.counts.items()
            if counts[0] or counts[1] or counts[3]
        )
        if release is not None:
            # The admin's history of the release says who imported it, and what changed.
            message = f"Imported from uploaded files. {summary or 'Nothing changed.'}"
            added = report.counts.get("releases", [0])[0]
            log = self.log_addition if added else self.log_change
            log(request, release, message)
        messages.success(
            request,
            f"Imported {report.release or 'the price index'}. {summary or 'Nothing changed.'}",
        )
        if release is not None:
            return redirect(reverse("admin:occupations_release_change", args=[release.pk]))
        return redirect("admin:occupations_release_changelist")


def _counts(report):
    return [(what, *counts) for what, counts in report.counts.items()]


def _medians(report):
    """(occupation, where, now, after) rows: the nation, then each occupation's largest states."""
    from ..area_pay import ReportedWage
    from ..formatting import Unit

    def figure_text(figure):
        return f"{figure.amount} ({figure.period_label})" if figure else "none"

    def value_text(value):
        return str(ReportedWage(value, Unit.USD_PER_YEAR)) if value is not None else "none"

    rows = [
        (title, "The nation", figure_text(before), figure_text(report.medians_after.get(title)))
        for title, before in report.medians_before.items()
    ]
    rows += [
        (title, state, value_text(before), value_text(after))
        for title, state, before, after in report.state_medians
    ]
    return rows
