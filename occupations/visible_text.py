"""Text that shows all it holds: no invisible control or format characters.

Some characters have no glyph. A right-to-left override (U+202E) turns the rest of a line
backwards on screen without changing the stored text; a zero-width space hides inside a word
and stops search from finding it; a carriage return or line feed in a title starts a new
record in an RIS file. An editor cannot see any of them in the admin's text boxes.

So the models' text fields refuse them (VisibleTextValidator, which full_clean() runs: the
admin and load_content alike), and what writes text into a file or the page's <title>
passes it through one_line() anyway, for text that reached the database some other way.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Unicode's categories of characters with no glyph of their own: controls (Cc), format
# characters (Cf: the bidirectional overrides and isolates, the zero-width characters, the
# byte-order mark), halves of a surrogate pair (Cs, never valid alone), and the line and
# paragraph separators (Zl, Zp), which many programs take for line breaks.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

# What a text of several lines may hold: browsers send a text box's line breaks as CR LF.
LINE_CHARACTERS = frozenset("\t\r\n")

# The invisible characters that separate words: one_line() turns them into spaces, so that
# the words on either side do not run together.
SPACING = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029")

# Plain names where Unicode's are missing (controls have none) or say little to an editor.
NAMES = {
    "\x00": "null character",
    "\t": "tab",
    "\n": "line break",
    "\v": "vertical tab",
    "\f": "page break",
    "\r": "carriage return",
    "\x85": "next-line character",
    "\u00ad": "soft hyphen",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\ufeff": "byte-order mark",
}


def is_invisible(character):
    return unicodedata.category(character) in INVISIBLE_CATEGORIES


def character_name(character):
    """The character in plain words, with its code: “right-to-left override (U+202E)”."""
    code = f"U+{ord(character):04X}"
    if character in NAMES:
        name = NAMES[character]
    elif unicodedata.category(character) == "Cs":
        name = "broken character"
    else:
        name = unicodedata.name(character, "control character").lower()
    return f"{name} ({code})"


@deconstructible(path="occupations.visible_text.VisibleTextValidator")
class VisibleTextValidator:
    """Refuses text holding an invisible character, naming the first and where it is.

    `multiline` text (a TextField) may hold tabs and line breaks; a one-line field may not.
    """

    code = "invisible_character"

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, value):
        allowed = LINE_CHARACTERS if self.multiline else frozenset()
        found = [
            (position, character)
            for position, character in enumerate(str(value), start=1)
            if character not in allowed and is_invisible(character)
        ]
        if not found:
            return
        position, character = found[0]
        if character in SPACING and not self.multiline:
            message = "This field is one line: remove the %(name)s at character %(position)s."
        else:
            message = (
                "Remove the %(name)s at character %(position)s: it cannot be seen, but it "
                "changes how the text is shown, searched or copied."
            )
        if len(found) > 1:
            message += " The text holds %(count)s such characters in all."
        raise ValidationError(
            message,
            code=self.code,
            params={"name": character_name(character), "position": position, "count": len(found)},
        )

    def __eq__(self, other):
        return isinstance(other, VisibleTextValidator) and self.multiline == other.multiline

    def __hash__(self):
        return hash((type(self), self.multiline))


# For the models' fields: a field of one line, and a text of one or more paragraphs.
visible_line = VisibleTextValidator()
visible_paragraphs = VisibleTextValidator(multiline=True)


def one_line(text):
    """`text` on one line with nothing invisible, for a file or a <title> that a stray line
    break or override would break: tabs and line breaks become spaces, and the other
    invisible characters are dropped."""
    return "".join(
        " " if character in SPACING else "" if is_invisible(character) else character
        for character in str(text)
    )
