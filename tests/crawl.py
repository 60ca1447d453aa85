"""Find every public page the way a visitor or a crawler would: links from / and the sitemap."""

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


# Reached through the header's search form, not a link: results, and none.
SEARCHES = ("/search/?q=member+services+rep", "/search/?q=zzyzx")


def crawl(base):
    """Paths of every same-site HTML page, plus one missing page for the 404."""
    _, _, sitemap = fetch(base + "/sitemap.xml")
    queue = ["/", *SEARCHES, *sitemap_paths(sitemap)]
    seen, pages = set(), []
    while queue:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PREFIXES):
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
    return [*pages, "/occupations/no-such-job/"]
