"""Find every public page the way a visitor or a crawler would: links from / and the sitemap."""

import re
from urllib.parse import urljoin, urlsplit

from .servers import fetch

SKIP_PREFIXES = ("/admin/", "/static/")


def crawl(base):
    """Paths of every same-site HTML page, plus one missing page for the 404."""
    _, _, sitemap = fetch(base + "/sitemap.xml")
    queue = ["/", *(urlsplit(url).path for url in re.findall(r"<loc>(.*?)</loc>", sitemap))]
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
        for href in re.findall(r'href="([^"#]+)', html):
            target = urlsplit(urljoin(base + path, href))
            if target.netloc == urlsplit(base).netloc:
                queue.append(target.path)
    return [*pages, "/occupations/no-such-job/"]
