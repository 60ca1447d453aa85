"""The text of a cited passage, from the site's copy of the document, where it has one.

The admin shows it beside a citation, and quotes it when an editor changes a fact without
changing where it stands. The documents are not part of the project: SOURCE_DOCUMENT_DIRS
names the folders that hold them (a checkout beside ../shared has both); without them the
admin says it cannot show the passage, and nothing else changes.
"""

from functools import lru_cache
from pathlib import Path

from django.conf import settings

MAX_LINES = 12  # a longer passage is cut, with an ellipsis: the form is not a reader


@lru_cache(maxsize=16)
def _lines(document):
    for folder in settings.SOURCE_DOCUMENT_DIRS:
        path = Path(folder) / document.partition("#")[0]
        if path.is_file():
            return tuple(path.read_text(encoding="utf-8").splitlines())
    return None


def passage_text(source, first_line, last_line=None):
    """The cited lines, white space folded; None when the site has no copy of the document
    or the lines are not in it."""
    if source is None or not first_line or source.cites_by_section:
        return None
    lines = _lines(source.document)
    last = last_line or first_line
    if lines is None or not 1 <= first_line <= last <= len(lines):
        return None
    chosen = lines[first_line - 1 : min(last, first_line + MAX_LINES - 1)]
    text = " ".join(" ".join(chosen).split())
    return text + (" …" if last - first_line >= MAX_LINES else "")
