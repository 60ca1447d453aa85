"""Texts that state a figure name it, and the site writes its value from the record.

An FAQ answer or a note on About the data writes ``[[median-hourly-wage-may-2024]]`` where it
states that figure, so an editor who changes the figure changes every sentence quoting it: an
edit once left About the data saying "$34,710" beside a box showing $41,230.

    [[slug]]         the value as the site writes it: "$20.59 an hour", "−5 percent, a decline"
    [[slug|number]]  the value without its unit words: "$20.59", "341,700"
    [[slug|period]]  the period it describes: "May 2024", "2024–2034"

A text may quote only the figures it links (its "figures" field), so its page shows them,
the admin can check them, and rendering needs no query beyond the prefetched links.
"""

import re

from django.core.exceptions import ValidationError

from . import bilingual

PLACEHOLDER = re.compile(r"\[\[\s*([^\]|]*?)\s*(?:\|\s*([^\]]*?)\s*)?\]\]")
# Shown where a quoted figure is no longer on file (an import withdrew it); the dashboard
# lists the text so an editor rewrites it.
MISSING = "(a figure no longer on file)"


def _number(figure):
    if figure.amount is None:
        return figure.comparison_shown
    return figure.amount.number


FORMS = {
    "value": lambda figure: figure.display_value,
    "number": _number,
    "period": lambda figure: figure.period_label,
}


def quoted_slugs(text):
    """The slugs a text quotes, in order, once each."""
    return list(dict.fromkeys(match.group(1) for match in PLACEHOLDER.finditer(text or "")))


def render(text, figures, missing=MISSING):
    """The text with each quoted figure's value written in, from `figures` (records).
    `missing`, with {slug} for the name, stands where a quoted figure is not among them."""
    by_slug = {figure.slug: figure for figure in figures}

    def written(match):
        figure = by_slug.get(match.group(1))
        if figure is None:
            return missing.format(slug=match.group(1))
        return FORMS.get(match.group(2) or "value", FORMS["value"])(figure)

    return PLACEHOLDER.sub(written, text or "")


def check(text, linked_slugs, known_slugs=None):
    """Raise ValidationError naming every placeholder that is mistyped, left unclosed, names
    no figure (of `known_slugs`, the occupation's, when given) or quotes a figure the text
    does not link."""
    problems = []
    linked = set(linked_slugs)
    known = linked if known_slugs is None else set(known_slugs) | linked
    for match in PLACEHOLDER.finditer(text or ""):
        slug, form = match.group(1), match.group(2)
        if form is not None and form not in FORMS:
            problems.append(
                f"“{match.group(0)}”: after the bar write {', '.join(FORMS)}, or nothing."
            )
        elif slug not in known:
            problems.append(
                f"“{match.group(0)}”: no figure of this occupation is named “{slug}”. Correct "
                "the name: each figure's name is in its list under Figures."
            )
        elif slug not in linked:
            problems.append(
                f"“{match.group(0)}” quotes a figure this text does not link: add the figure "
                f"“{slug}” under Figures."
            )
    # Brackets left once the placeholders are gone: one opened and never closed, or the
    # reverse. The page would print them as they are.
    rest = PLACEHOLDER.sub("", text or "")
    if "[[" in rest or "]]" in rest:
        problems.append(
            "A figure's name is not closed: write it between [[ and ]], as in "
            "[[median-hourly-wage-may-2024]]."
        )
    if problems:
        raise ValidationError(problems)


# Said of a text that cannot quote, by the admin and the loader alike.
NOT_HERE = (
    "only FAQ answers and notes on About the data can quote a figure by its name; here the "
    "page would show the brackets as they are. Write the value and its period instead."
)


def quoting_columns(model):
    """The columns whose texts may quote figures: `quoting_fields`, each with its language
    columns (“answer”, “answer_en”, “answer_es”)."""
    names = getattr(model, "quoting_fields", ())
    return {column for name in names for column in (name, *bilingual.columns(name))}


def brackets_where_nothing_quotes(model, values):
    """The names among `values` ({column: text}) whose text writes “[[” in a column that
    cannot quote: the page would print the brackets as they are."""
    allowed = quoting_columns(model)
    return [
        name
        for name, value in values.items()
        if isinstance(value, str) and "[[" in value and name not in allowed
    ]
