"""BLS's files uploaded in the admin: kept on disk for a preview, imported on confirmation.

An upload is written to a staging folder of its own under DJANGO_VAR_DIR/imports/, named by
a random token that the preview page carries to the confirmation. The preview is the
importer's dry run: every file read and checked, every change worked out, then rolled back.
Confirming imports the same folder, under the load lock, in one transaction, and deletes it;
a preview that is never confirmed is deleted with the next visit to the import page after
STAGING_SECONDS. Nothing reaches the database before the editor confirms.
"""

import contextlib
import re
import secrets
import shutil
import time
import zipfile
import zlib
from pathlib import Path

from django.conf import settings

from ..loading import one_load_at_a_time
from . import oews
from .flatfiles import BlsFileError
from .importer import import_files

STAGING_SECONDS = 60 * 60
TOKEN = re.compile(r"[0-9a-f]{32}")
CHUNK = 1 << 20


class UploadError(Exception):
    """An upload the import cannot take, said in words for the editor."""


def is_bls_name(name):
    return name.startswith(("oe.data.", "cu.data.")) or name in oews.LOOKUP_FILES


def is_left_out(name):
    """A file that comes with BLS's and the import does not need: BLS's other files of the
    same folders (oe.txt, its documentation; oe.sector, oe.statemsa…) and a folder's notes
    (README.md). An editor who selects a whole download should not have to pick them out."""
    return name.startswith(("oe.", "cu.")) or name.lower().endswith((".md", ".txt"))


def staging_root():
    return Path(settings.VAR_DIR) / "imports"


def _folder(token):
    if not TOKEN.fullmatch(token or ""):
        raise UploadError("This preview is not on file. Upload the files again.")
    folder = staging_root() / token
    if not folder.is_dir():
        raise UploadError(
            "This preview is no longer on file (previews are kept for an hour). "
            "Upload the files again."
        )
    return folder


def clear_stale(now=None):
    """Delete staging folders older than STAGING_SECONDS: previews no one confirmed."""
    root = staging_root()
    if not root.is_dir():
        return
    cutoff = (now or time.time()) - STAGING_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def stage(uploaded_files):
    """Write the uploaded files (BLS's files, or zips of them) to a new staging folder, and
    return its token and the names of the files left out (is_left_out). The files are
    streamed in chunks, never read whole into memory."""
    clear_stale()
    token = secrets.token_hex(16)
    folder = staging_root() / token
    folder.mkdir(parents=True)
    left_out = []
    try:
        budget = settings.BLS_UPLOAD_MAX_BYTES
        for uploaded in uploaded_files:
            name = Path(uploaded.name).name
            if name.lower().endswith(".zip"):
                budget -= _unzip(uploaded, folder, budget)
            elif is_bls_name(name):
                with open(folder / name, "wb") as out:
                    for chunk in uploaded.chunks(CHUNK):
                        out.write(chunk)
                budget -= uploaded.size
            elif is_left_out(name):
                left_out.append(name)
            else:
                raise UploadError(
                    f"{name} is not one of BLS's files (oe.data.*, oe.area, oe.industry, "
                    "oe.occupation, oe.datatype, oe.footnote, oe.release, cu.data.*) or a "
                    "zip of them."
                )
        if not any(folder.iterdir()):
            raise UploadError(
                "None of BLS's files the import needs was uploaded."
                if left_out
                else "No files were uploaded."
            )
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return token, left_out


def _unzip(uploaded, folder, budget):
    """Extract BLS's files from a zip into `folder` (flat: any folders in the zip are
    dropped); other entries are ignored. Returns the bytes written. A zip that would unpack
    to more than `budget` bytes is refused before anything is extracted."""
    try:
        archive = zipfile.ZipFile(uploaded)
    except zipfile.BadZipFile:
        raise UploadError(f"{uploaded.name} is not a zip file that can be read.") from None
    with archive:
        wanted = [
            entry
            for entry in archive.infolist()
            if not entry.is_dir() and is_bls_name(Path(entry.filename).name)
        ]
        if not wanted:
            raise UploadError(f"{uploaded.name} holds none of BLS's files.")
        size = sum(entry.file_size for entry in wanted)
        if size > budget:
            raise UploadError(
                f"{uploaded.name} unpacks to {size:,} bytes, more than the "
                f"{settings.BLS_UPLOAD_MAX_BYTES:,} an import may take."
            )
        for entry in wanted:
            target = folder / Path(entry.filename).name
            try:
                with archive.open(entry) as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
            except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError):
                # Damaged data, a bad checksum, a password or a compression zipfile lacks.
                raise UploadError(
                    f"{entry.filename} in {uploaded.name} cannot be unpacked: the zip is "
                    "damaged, protected by a password, or compressed in a way this site cannot "
                    "read."
                ) from None
    return size


def preview(token):
    """The importer's report for the staged files, with nothing written."""
    return import_files([_folder(token)], dry_run=True)


def _busy():
    raise UploadError(
        "Another import or content load is running. Nothing was imported; confirm again in a "
        "minute (this preview is kept for an hour)."
    )


def confirm(token, origin, missing_expected=False):
    """Import the staged files under the load lock, then delete them. A load already running
    is not waited for: the editor is told, and the preview stays to confirm again. Unless the
    editor said it is expected, a release that leaves states without the estimates they have
    now is refused (EstimatesMissing), and the preview stays too."""
    folder = _folder(token)
    with one_load_at_a_time(on_wait=_busy):
        report = import_files([folder], origin=origin, refuse_missing=not missing_expected)
    shutil.rmtree(folder, ignore_errors=True)
    return report


def discard(token):
    with contextlib.suppress(UploadError):
        shutil.rmtree(_folder(token))


__all__ = ["BlsFileError", "UploadError", "clear_stale", "confirm", "discard", "preview", "stage"]
