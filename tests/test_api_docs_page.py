"""The API's documentation page works in real Chromium under the site's strict CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.served]


def test_docs_page_renders_every_endpoint_without_csp_violations(browser, production_site):
    context = browser.new_context()
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(production_site + "/api/v1/docs/", wait_until="load")
    page.wait_for_selector(".opblock", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    # The description's links: back to the site (CAREERS_SITE_URL) and to About the data.
    links = page.locator(".info .description a").all_inner_texts()
    # The figures' parameters, as Swagger UI prints their types.
    page.locator(".opblock-summary", has_text="/figures/").click()
    page.wait_for_selector(".parameters .parameter__type", timeout=15_000)
    types = page.locator(".parameters .parameter__type").all_inner_texts()
    context.close()
    assert any("/api/v1/occupations/{slug}/figures/" in path for path in paths), paths
    assert len(paths) == 7  # occupations, one, figures, wages, areas, sources, one source
    assert "Customer Service Careers" in links, links
    assert "About the data" in links, links
    assert types
    assert not [text for text in types if "|" in text or "(" in text], types
    assert not [text for text in console if "Content Security" in text], console
    assert not failed, failed
