"""A word-list check for English left on a Spanish page.

A run of text counts as English when it holds two or more words that are common in English and
are not Spanish words ("the", "and", "with"). Text marked lang="en" (a fallback, a source's own
words, an industry's name as BLS gives it) and the titles of sources are left out: those are
meant to be in English.
"""

import re

from .pages import soup

ENGLISH_ONLY = frozenset(
    {"the", "and", "of", "with", "for", "is", "are", "from", "this", "that", "their", "they"}
    | {"your", "you", "or", "on", "by", "to", "an", "it", "its", "was", "were", "be", "has"}
    | {"have", "not", "which", "what", "when", "where", "who", "will", "would", "can", "may"}
    | {"more", "than", "about", "pay", "jobs", "job", "work", "year", "hour", "workers"}
    | {"most", "each", "nonmetropolitan", "metropolitan", "area"}
)
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Left out before counting: addresses, and a source's own words quoted “like this”.
NOT_PROSE = re.compile(r"https?://\S+|“[^”]*”")


def visible_runs(html):
    """The page's visible text, one string per element's own text, leaving out what is
    marked English, what is not shown, and source titles."""
    page = soup(html)
    for hidden in page.select(
        'script, style, template, body [lang="en"], [hidden], cite, .source-title'
    ):
        hidden.decompose()
    body = page.body or page
    for text in body.find_all(string=True):
        run = " ".join(text.split())
        if run:
            yield run
    for element in body.select("[aria-label], [title], [alt], [placeholder]"):
        for attribute in ("aria-label", "title", "alt", "placeholder"):
            if element.get(attribute):
                yield element[attribute]


def english_sentences(html):
    """The runs of visible text that read as English."""
    found = []
    for run in visible_runs(html):
        words = [word.lower() for word in WORD.findall(NOT_PROSE.sub(" ", run))]
        if sum(word in ENGLISH_ONLY for word in words) >= 2:
            found.append(run)
    return found
