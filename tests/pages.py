"""Small helpers for reading rendered pages in tests."""

import json
import re


def get_html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url} answered {response.status_code}"
    return response.content.decode()


def block(html, element_id, tag="section"):
    match = re.search(rf'<{tag}[^>]* id="{element_id}".*?</{tag}>', html, re.S)
    assert match, f"no <{tag}> with id {element_id}"
    return match.group(0)


def jsonld(html):
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def cite_targets(html):
    return re.findall(r'class="cite" href="#(source-[a-z0-9-]+)"', html)


def source_ids(html):
    return set(re.findall(r'<li id="(source-[a-z0-9-]+)"', html))
