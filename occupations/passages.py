"""The text of a cited passage, from the site's copy of the document, where it has one.

The admin shows it beside a citation, and quotes it when an editor changes a fact without
changing where it stands. The documents are not part of the project: SOURCE_DOCUMENT_DIRS
names the folders that hold them (a checkout beside ../shared has both); without them the
admin says it cannot show the passage, and nothing else changes.
"""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.text import slugify

MAX_LINES = 12  # a longer passage is cut, with an ellipsis: the form is not a reader


@lru_cache(maxsize=16)
def _lines(document):
    for folder in settings.SOURCE_DOCUMENT_DIRS:
        path = Path(folder) / document.partition("#")[0]
        if path.is_file():
            return tuple(path.read_text(encoding="utf-8").splitlines())
    return None


def has_copy(source):
    """Whether the site has its copy of the source's document."""
    return source is not None and _lines(source.document) is not None


def passage_text(source, first_line, last_line=None):
    """The cited lines, white space folded; None when the site has no copy of the document
    or the lines are not in it. A web page's copy has lines too: readers are sent to its
    section, but the record keeps the lines, and the editor is shown what they say."""
    if source is None or not first_line:
        return None
    lines = _lines(source.document)
    last = last_line or first_line
    if lines is None or not 1 <= first_line <= last <= len(lines):
        return None
    chosen = lines[first_line - 1 : min(last, first_line + MAX_LINES - 1)]
    text = " ".join(" ".join(chosen).split())
    return text + (" …" if last - first_line >= MAX_LINES else "")


def section_line(source, section):
    """The line of the site's copy of a web page where `section` begins (“Pay:”, “How to
    Become One:”), within the part of the copy the source's document names after “#”; None
    when the site has no copy or no such section.

    So an editor adding a fact from a web page names its section, as readers see it, and
    the record still gets the line the site's checks read."""
    lines = _lines(source.document) if source is not None and section else None
    if lines is None:
        return None
    start, end = _part(lines, source.document.partition("#")[2])
    wanted = section.strip().lower()
    for number in range(start, end):
        text = lines[number].strip().lower()
        if text.startswith(wanted) and text[len(wanted) : len(wanted) + 1] in (":", " ", "("):
            return number + 1
    return None


def _part(lines, anchor):
    """The lines from the heading whose words make `anchor` to the next heading as high."""
    if not anchor:
        return 0, len(lines)
    for number, line in enumerate(lines):
        level = len(line) - len(line.lstrip("#"))
        if level and slugify(line.lstrip("#")).startswith(anchor):
            for end in range(number + 1, len(lines)):
                if lines[end].startswith("#" * level + " "):
                    return number, end
            return number, len(lines)
    return 0, 0
