"""Small helpers for reading rendered pages in tests, through an HTML parser."""

import json

from bs4 import BeautifulSoup


def get_html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return response.content.decode()


def soup(html):
    # lxml's parser: the tests parse about 800 pages a run, and Python's html.parser is
    # several times slower at it.
    return BeautifulSoup(html, "lxml")


def block(html, element_id, tag="section"):
    """The whole element with that id, nested elements included, as HTML."""
    element = soup(html).find(tag, id=element_id)
    assert element is not None, f"no <{tag}> with id {element_id}"
    return str(element)


def text_of(html, element_id, tag="section"):
    """The visible text of the element with that id, with white space folded."""
    element = soup(html).find(tag, id=element_id)
    assert element is not None, f"no <{tag}> with id {element_id}"
    return folded(element)


def folded(element):
    """An element's visible text with white space folded."""
    # The word joiner before each footnote marker only keeps it on its word's line.
    return " ".join(element.get_text(" ").replace("\u2060", "").split())


def headline(html, section_id):
    """The visible text of a section's lead figure (its p.headline)."""
    element = soup(html).select_one(f"section#{section_id} p.headline")
    assert element is not None, f"no headline in section {section_id}"
    return folded(element)


def missing(texts, text):
    """Those of `texts` that `text` does not contain: [] when every one is there."""
    return [expected for expected in texts if expected not in text]


def current_figure_texts(html):
    """The texts a profile presents as current: the headlines and the summary's facts."""
    sections = ("summary", "pay", "job-outlook")
    selector = ", ".join(f"section#{s} p.headline, section#{s} dd" for s in sections)
    return [folded(element) for element in soup(html).select(selector)]


def jsonld(html):
    (script,) = soup(html).find_all("script", type="application/ld+json")
    return json.loads(script.string)


def references(html):
    """The page's numbered references, by their id ("ref-3"): (source id, label), where the
    label reads "Career profile with 2008 figures, line 19"."""
    found = {}
    for item in soup(html).select("ol.references > li[id^='ref-']"):
        label = item.select_one(".reference-label")
        source = label.find("a")["href"].rpartition("#")[2]
        found[item["id"]] = (source, " ".join(label.get_text().split()))
    return found


def markers(html, inside=None):
    """Each footnote marker in page order, or only those inside the element the CSS selector
    `inside` finds: (its reference's id, its number)."""
    scope = soup(html)
    if inside is not None:
        scope = scope.select_one(inside)
        assert scope is not None, f"nothing matches {inside}"
    return [
        (link["href"].removeprefix("#"), link.get_text())
        for link in scope.select("sup.fn a[href^='#ref-']")
    ]


def cite_labels(html, inside=None):
    """What each marker stands for, in page order: its reference's label."""
    listed = references(html)
    return [listed[ref][1] for ref, _ in markers(html, inside)]


def cite_targets(html, inside=None):
    """Where each citation marker leads: the ids of the sources it cites, in page order."""
    listed = references(html)
    return [listed[ref][0] for ref, _ in markers(html, inside)]


def source_ids(html):
    return {item["id"] for item in soup(html).select("li[id^='source-']")}
