"""An editor imports BLS's next release in the admin: upload, preview (nothing written), confirm.

The files are a plausible May 2026 release made by tests/bls_files.py from the shipped extract's
lookups; the database holds the shipped May 2025.
"""

import datetime
import io
import os
import time
import zipfile

import pytest
import time_machine
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from occupations.bls.admin_import import ConfirmForm
from occupations.bls.models import Release, WageEstimate

from .bls_files import release_folder, series
from .pages import soup

IMPORT = reverse("admin:occupations_release_import")
CONFIRM = reverse("admin:occupations_release_import_confirm")
ORIGIN = "BLS's time-series files, download.bls.gov/pub/time.series/oe/, on 2 April 2027"


@pytest.fixture
def staging(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return tmp_path / "var" / "imports"


@pytest.fixture
def may_2026(tmp_path):
    data = release_folder(tmp_path / "bls")
    return sorted(data.parent.iterdir())


def as_uploads(paths):
    return [SimpleUploadedFile(path.name, path.read_bytes()) for path in paths]


def as_zip(paths, name="oews.zip"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in paths:
            archive.write(path, f"oe/{path.name}")  # BLS's files in a folder of the zip
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def state():
    return Release.objects.count(), WageEstimate.objects.count()


def preview(client, files):
    return client.post(IMPORT, {"files": files})


def token_of(response):
    return response.context["form"].initial["token"]


def test_the_list_of_releases_offers_the_import_to_an_editor(editor_client):
    page = editor_client.get(reverse("admin:occupations_release_changelist"))
    assert IMPORT in page.content.decode()
    assert editor_client.get(IMPORT).status_code == 200


@pytest.mark.parametrize("packed", ["files", "zip"])
def test_the_preview_shows_what_would_change_and_writes_nothing(
    editor_client, staging, may_2026, packed
):
    before = state()
    files = as_uploads(may_2026) if packed == "files" else [as_zip(may_2026)]
    response = preview(editor_client, files)
    assert response.status_code == 200
    html = response.content.decode()
    assert "May 2026" in html
    assert "Nothing has been imported yet." in html
    counts = {what: (added, changed) for what, added, changed, *_ in response.context["counts"]}
    assert counts["releases"] == (1, 0)
    assert counts["estimates"][0] == 1  # the one national cell of the new release
    medians = response.context["medians"]
    assert (
        "Customer service representatives",
        "The nation",
        "$44,770 a year (May 2025)",
        "$45,970 a year (May 2026)",
    ) in medians
    # Its three largest states: from May 2025, since May 2026 (here) has none of its own.
    assert [row[1:] for row in medians if row[0] == "Customer service representatives"][1:] == [
        ("Texas", "$40,420 a year", "none"),
        ("Florida", "$40,440 a year", "none"),
        ("California", "$49,560 a year", "none"),
    ]
    assert state() == before
    assert len(list(staging.iterdir())) == 1  # kept for the confirmation
    # May 2026 (here) has none of the states May 2025 has: it warns, as of a file cut short.
    warning = " ".join(soup(html).select_one("#missing").get_text(" ").split())
    assert "Check the files first." in warning
    assert (
        "Customer service representatives: 54 states and territories (Alabama, Alaska, Arizona,"
        in warning
    )
    # And the waiters, whom it leaves out: the nation too, whose pay every page leads with.
    assert "Waiters and waitresses: the nation and 54 states and territories (the nation, " in (
        warning
    )


def test_confirming_imports_the_release_and_records_who_did(
    client, editor_client, editor, staging, may_2026
):
    token = token_of(preview(editor_client, as_uploads(may_2026)))
    origin = "bls.gov/oes/special.requests/oesm26all.zip, downloaded 2 April 2027"
    response = editor_client.post(
        CONFIRM, {"token": token, "missing_expected": "on", "origin": origin}
    )
    release = Release.objects.get(label="May 2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:occupations_release_change", args=[release.pk])
    national = release.estimates.get(soc_code="43-4051", area__code="0000000")
    assert national.annual_median == 45970
    # Where the files came from is what the editor wrote; who imported them stays in the
    # admin's history, off the public page.
    assert release.origin == origin
    about = client.get(reverse("careers:about-data")).content.decode()
    assert origin in about
    assert "Uploaded in the admin by" not in about
    entry = LogEntry.objects.get(object_id=str(release.pk), user=editor)
    assert entry.is_addition()
    assert "estimates: 1 added" in entry.get_change_message()
    assert not list(staging.iterdir())
    # The site leads with it at once.
    profile = editor_client.get(
        reverse("careers:occupation", args=["customer-service-representatives"])
    )
    assert "$45,970 a year" in profile.content.decode()


def test_a_release_without_the_states_on_file_is_refused_until_the_editor_ticks_the_box(
    editor_client, staging, may_2026
):
    """A data file cut short at a line's end reads as a smaller release; the states it lacks
    would lose their pay pages' figures. Confirmed without the box ticked, nothing is written
    and the preview comes back with why."""
    before = state()
    token = token_of(preview(editor_client, as_uploads(may_2026)))
    refused = editor_client.post(CONFIRM, {"token": token, "origin": ORIGIN})
    assert refused.status_code == 200
    errors = refused.context["form"].errors["missing_expected"]
    assert errors == [
        "Nothing was imported: May 2026 has no estimate for 54 states and territories that "
        "the newest release on file has (Customer service representatives: Alabama, Alaska, "
        "Arizona and 51 more). A file cut short looks like this. Check the files, or tick the "
        "box to import the release as it is."
    ]
    assert state() == before
    # Shown first on the page, as what the box's description reads out, under a plain label.
    page = soup(refused.content.decode())
    (box,) = page.select("input[name=missing_expected]")
    described = page.select_one(f"#{box['aria-describedby']}")
    assert described.get_text(" ", strip=True) == errors[0]
    assert described.find_previous("table") is None  # above the tables, not under them
    label = page.select_one(f"label[for={box['id']}]").get_text()
    assert label == (
        "I have checked the files: BLS published no estimate for these in this release, and "
        "any the site has for them from it goes"
    )
    ticked = editor_client.post(
        CONFIRM, {"token": token, "missing_expected": "on", "origin": ORIGIN}
    )
    assert ticked.status_code == 302
    assert Release.objects.filter(label="May 2026").exists()


def test_a_release_with_every_state_on_file_imports_without_the_box(
    editor_client, staging, tmp_path
):
    """May 2025's state rows for the site's occupations, as May 2026's: nothing is missing."""
    shipped = (settings.BASE_DIR / "fixtures" / "bls" / "oe.data.0.Current").read_text()
    rows = [
        line.replace("\t2025\t", "\t2026\t")
        for line in shipped.splitlines()[1:]
        if line.startswith(("OEUS", "OEUN")) and line[17:23] in ("434051", "353031")
    ]
    folder = release_folder(tmp_path / "whole", rows=rows).parent
    response = preview(editor_client, as_uploads(sorted(folder.iterdir())))
    assert soup(response.content.decode()).select_one("#missing") is None
    confirmed = editor_client.post(CONFIRM, {"token": token_of(response), "origin": ORIGIN})
    assert confirmed.status_code == 302
    release = Release.objects.get(label="May 2026")
    assert release.estimates.filter(area__area_type="S", soc_code="43-4051").count() == 54


def test_a_bad_file_shows_its_file_and_line_and_imports_nothing(editor_client, staging, may_2026):
    data = next(path for path in may_2026 if path.name == "oe.data.0.Current")
    lines = data.read_text().splitlines()
    lines[3] = f"{series('13')}\t2026\tA01\tabc\t"
    data.write_text("\n".join(lines) + "\n")
    before = state()
    response = preview(editor_client, as_uploads(may_2026))
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("Nothing was imported.")
    assert "oe.data.0.Current" in errors[0]
    assert "line 4" in errors[0]
    assert state() == before
    assert not list(staging.iterdir())


def test_an_empty_file_is_named_and_nothing_is_imported(editor_client, staging, may_2026):
    before = state()
    files = [
        SimpleUploadedFile(
            path.name, b"" if path.name == "oe.data.0.Current" else path.read_bytes()
        )
        for path in may_2026
    ]
    response = preview(editor_client, files)
    assert response.context["form"].errors["files"] == [
        "oe.data.0.Current is empty. Nothing was imported: upload it again, whole."
    ]
    assert state() == before


def test_a_file_that_is_not_blss_is_refused_in_words(editor_client, staging):
    response = preview(editor_client, [SimpleUploadedFile("salaries.xlsx", b"PK...")])
    assert response.context["form"].errors["files"] == [
        "salaries.xlsx is not one of BLS's files (oe.data.*, oe.area, oe.industry, "
        "oe.occupation, oe.datatype, oe.footnote, oe.release, cu.data.*) or a zip of them."
    ]
    assert not staging.exists() or not list(staging.iterdir())


def test_a_discarded_or_abandoned_preview_leaves_nothing_behind(editor_client, staging, may_2026):
    before = state()
    token = token_of(preview(editor_client, as_uploads(may_2026)))
    editor_client.post(CONFIRM, {"token": token, "cancel": "Discard"})
    assert not list(staging.iterdir())
    token_of(preview(editor_client, as_uploads(may_2026)))
    (abandoned,) = staging.iterdir()
    an_hour_ago = time.time() - 3601
    os.utime(abandoned, (an_hour_ago, an_hour_ago))
    editor_client.get(IMPORT)  # the next visit clears it
    assert not list(staging.iterdir())
    assert state() == before
    # And its token no longer imports anything.
    response = editor_client.post(CONFIRM, {"token": abandoned.name, "origin": ORIGIN}, follow=True)
    assert "no longer on file" in response.content.decode()
    assert state() == before


def test_only_an_editor_may_send_a_large_body(editor_client, staging, settings):
    def large():
        size = settings.MAX_REQUEST_BODY_BYTES + 1
        return SimpleUploadedFile("oe.data.0.Current", b"x" * size)

    client = Client()  # signed out
    response = client.post(IMPORT, {"files": [large()]})
    assert response.status_code == 403  # before the admin's sign-in redirect reads anything
    # The same size to any other address is refused outright.
    assert client.post(reverse("admin:login"), {"files": [large()]}).status_code == 413
    # An editor's upload of that size is read (and here refused as a data file, in words).
    response = editor_client.post(IMPORT, {"files": [large()]})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()[0].startswith("Nothing was imported.")


def test_a_damaged_zip_is_refused_in_words(editor_client, staging, may_2026):
    packed = as_zip(may_2026)
    data = bytearray(packed.read())
    # Damage the compressed bytes of the first entry, past its header.
    for offset in range(120, 400):
        data[offset] ^= 0xFF
    damaged = SimpleUploadedFile("oews.zip", bytes(data), content_type="application/zip")
    before = state()
    response = preview(editor_client, [damaged])
    assert response.status_code == 200
    (error,) = response.context["form"].errors["files"]
    assert "cannot be unpacked" in error, error
    assert state() == before
    assert not list(staging.iterdir())


def test_an_upload_without_data_names_no_staging_folder(editor_client, staging, may_2026):
    lookups = [path for path in may_2026 if not path.name.startswith("oe.data")]
    response = preview(editor_client, as_uploads(lookups))
    (error,) = response.context["form"].non_field_errors()
    assert error.startswith("Nothing was imported. The upload holds no BLS")


def test_files_already_imported_offer_only_discard(editor_client, staging):
    """“Nothing would change” came with a “Confirm and import” button all the same."""
    shipped = settings.BASE_DIR / "fixtures" / "bls"
    names = ["oe.data.0.Current", "oe.area", "oe.industry", "oe.occupation", "oe.datatype"]
    names += ["oe.footnote", "oe.release"]
    response = preview(editor_client, as_uploads([shipped / name for name in names]))
    page = soup(response.content.decode())
    assert "Nothing would change: this release is already imported." in page.get_text()
    buttons = [button["value"] for button in page.select("form input[type=submit]")]
    assert buttons == ["Discard"]
    discarded = editor_client.post(CONFIRM, {"token": token_of(response), "cancel": "Discard"})
    assert discarded.status_code == 302
    assert not list(staging.iterdir())


def test_the_editor_says_where_the_files_came_from(editor_client, staging, may_2026):
    """A default filled in for them published “BLS's time-series files” for any file."""
    token = token_of(preview(editor_client, as_uploads(may_2026)))
    response = editor_client.post(CONFIRM, {"token": token, "missing_expected": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors["origin"] == ["This field is required."]
    assert "Median pay a year, before and after" in response.content.decode()  # the preview
    assert not Release.objects.filter(label="May 2026").exists()
    # Discard skips the browser's own check of the required box: it did nothing until the
    # editor typed an origin for files they meant to throw away.
    discard = soup(response.content.decode()).select_one("input[name=cancel]")
    assert discard.has_attr("formnovalidate")


def test_the_files_that_come_with_blss_are_left_out_and_named(editor_client, staging, may_2026):
    """An editor who selected a whole folder, its README.md with it, had the upload refused;
    BLS's own folder also holds oe.txt and lookups the import does not read."""
    extras = [
        SimpleUploadedFile("README.md", b"# BLS files\n"),
        SimpleUploadedFile("oe.txt", b"Documentation\n"),
        SimpleUploadedFile("oe.statemsa", b"state_code\tmsa_code\n"),
    ]
    response = preview(editor_client, [*as_uploads(may_2026), *extras])
    assert response.status_code == 200
    left_out = soup(response.content.decode()).select_one("#left-out").get_text()
    assert left_out == (
        "Left out, as the import does not need them: README.md, oe.txt, oe.statemsa."
    )
    (folder,) = staging.iterdir()
    assert not {"README.md", "oe.txt", "oe.statemsa"} & {path.name for path in folder.iterdir()}


def test_the_shipped_extracts_own_account_of_its_origin_fits_the_box():
    """The box took 300 characters; fixtures/bls/ORIGIN.txt's account is 504."""
    origin = (settings.BASE_DIR / "fixtures" / "bls" / "ORIGIN.txt").read_text().strip()
    assert ConfirmForm({"token": "0" * 32, "origin": origin}).is_valid()


def test_a_release_not_yet_published_is_questioned(editor_client, staging, may_2026):
    """An editor's trial imported a made-up May 2026 on 7 December 2026 without a word."""
    with time_machine.travel(datetime.date(2026, 12, 7), tick=False):
        early = soup(preview(editor_client, as_uploads(may_2026)).content.decode())
    assert early.select_one("#too-early").get_text(" ", strip=True) == (
        "Are these BLS's files? BLS publishes the estimates for May 2026 in the spring after, "
        "not before 1 March 2027: check they are not a test file or another year's."
    )
    with time_machine.travel(datetime.date(2027, 4, 2), tick=False):
        due = soup(preview(editor_client, as_uploads(may_2026)).content.decode())
    assert due.select_one("#too-early") is None
