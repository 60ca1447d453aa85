"""The prose a reader reads on a page, for measuring how easy it is (tests/test_answer_first.py).

Prose is the text of paragraphs, list items and definitions in <main>: not the navigation,
the tables, the footnote markers and references, the source descriptions or the ready-made
citations, which are reference matter rather than reading. A block of fewer than four words
(a label such as "Telephones") is not a sentence, so it is not counted either.
"""

from .pages import soup

NOT_PROSE = (
    "nav, table, sup.fn, ol.references, .source-list, #cite, .breadcrumbs, .visually-hidden,"
    " .profile-url"
)
MIN_WORDS = 4


def prose_blocks(html):
    main = soup(html).find("main")
    for element in main.select(NOT_PROSE):
        element.decompose()
    blocks = []
    for element in main.select("p, li, dd"):
        if element.find(["p", "li", "dd", "ul", "ol"]):
            continue  # its inner blocks are counted instead
        text = " ".join(element.get_text(" ").replace("\u2060", "").split())
        if len(text.split()) >= MIN_WORDS:
            # A block that ends without a full stop (a list item) is still one sentence.
            blocks.append(text if text[-1] in ".?!" else f"{text}.")
    return blocks
