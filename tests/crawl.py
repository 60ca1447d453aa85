"""Find every public page the way a visitor or a crawler would: links from / and the sitemap."""

import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from .pages import soup
from .serving import fetch

SKIP_PREFIXES = ("/admin/", "/static/")
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def sitemap_paths(sitemap):
    """The path of every <loc> in our own sitemap, read with an XML parser."""
    return [
        urlsplit(loc.text.strip()).path for loc in ElementTree.fromstring(sitemap).iter(SITEMAP_LOC)
    ]


def linked_urls(html):
    """Every href on the page, without its fragment; links to a fragment of the page itself
    (href="#pay") lead nowhere new and are left out."""
    hrefs = (element["href"].partition("#")[0] for element in soup(html).select("[href]"))
    return [href for href in hrefs if href]


# Each occupation has a pay page and a handout for each of 54 states and territories, all
# from two templates. The crawl keeps these few (a state with many areas, a state's
# neighbour, a territory); tests/test_pay_pages.py opens every one.
SAMPLED_STATES = ("new-jersey", "texas", "puerto-rico")
STATE_PAGE = re.compile(r"(?:/es)?/(?:occupations/[^/]+/pay|compare/[^/]+/[^/]+)/([^/]+)/")
# The Spanish pages are the English templates again, in other words: the crawl keeps a state
# and a territory of them, and each comparison in one order (the other is the same page).
SPANISH_SAMPLED_STATES = ("new-jersey", "puerto-rico")
SPANISH_COMPARISON = re.compile(r"/es/compare/([^/]+)/([^/]+)/")


def sampled_out(path):
    spanish = path.startswith("/es/")
    comparison = SPANISH_COMPARISON.match(path)
    if comparison and comparison.group(1) > comparison.group(2):
        return True
    match = STATE_PAGE.match(path)
    kept = SPANISH_SAMPLED_STATES if spanish else SAMPLED_STATES
    return match is not None and match.group(1) not in kept


# Reached through the header's search form, not a link: results, and none.
SEARCHES = (
    "/search/?q=member+services+rep",
    "/search/?q=zzyzx",
    "/es/search/?q=agente+de+atenci%C3%B3n+al+cliente",
    "/es/search/?q=zzyzx",
)


# And a page that is not there, for the 404 page in each language.
MISSING_PAGES = ("/occupations/no-such-job/", "/es/occupations/no-such-job/")


def crawl(base):
    """Paths of every same-site HTML page, plus one missing page for the 404."""
    _, _, sitemap = fetch(base + "/sitemap.xml")
    queue = ["/", *SEARCHES, *sitemap_paths(sitemap)]
    seen, pages = set(), []
    while queue:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PREFIXES) or sampled_out(path):
            continue
        seen.add(path)
        status, headers, html = fetch(base + path)
        if status != 200 or not headers.get("Content-Type", "").startswith("text/html"):
            continue
        pages.append(path)
        for href in linked_urls(html):
            target = urlsplit(urljoin(base + path, href))
            if target.netloc == urlsplit(base).netloc:
                queue.append(target.path)
    return [*pages, *MISSING_PAGES]
