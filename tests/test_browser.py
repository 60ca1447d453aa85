"""Every public page in real Chromium: axe-core, keyboard use, small screens, zoom, CSP.

Pages are found by crawling the production server from / and the sitemap.
Screenshots at 375 and 1280 px go to screenshots/ (git-ignored) for a person to look at.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from .crawl import crawl

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FOCUSABLE = (
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
    '[tabindex]:not([tabindex="-1"])'
)


@pytest.fixture(scope="module")
def pages(production_site):
    return crawl(production_site)


@pytest.fixture(scope="module")
def axe():
    return Axe()


def open_page(browser, base, path, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(base + path, wait_until="load")
    return context, page, console


def test_crawl_reaches_every_kind_of_page(pages):
    for expected in (
        "/",
        "/occupations/customer-service-representatives/",
        "/occupations/customer-service-representatives/faq/",
        "/occupations/customer-service-representatives/over-time/",
        "/occupations/customer-service-representatives/handout/",
        "/occupations/waiters-and-waitresses/handout/",
        "/occupations/waiters-and-waitresses/",
        "/compare/",
        "/compare/customer-service-representatives/waiters-and-waitresses/",
        "/about-the-data/",
    ):
        assert expected in pages


@pytest.mark.parametrize("width", [1280, 375])
def test_no_axe_violations_on_any_page(browser, production_site, pages, axe, width):
    failures = []
    for path in pages:
        context, page, _ = open_page(
            browser, production_site, path, viewport={"width": width, "height": 900}
        )
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            failures.append(f"{path}: {violation['id']} ({violation['help']}) at {targets}")
        context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "viewport",
    [
        {"viewport": {"width": 320, "height": 640}},
        # 200% zoom of a 1280 px window lays the page out 640 CSS px wide.
        {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
    ],
    ids=["320px", "200pct-zoom"],
)
def test_no_horizontal_scrolling(browser, production_site, pages, viewport):
    overflowing = []
    for path in pages:
        context, page, _ = open_page(browser, production_site, path, **viewport)
        scroll_width, inner_width, font_size = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth,"
            " parseFloat(getComputedStyle(document.body).fontSize)]"
        )
        if scroll_width > inner_width:
            overflowing.append(f"{path}: {scroll_width}px wide in a {inner_width}px window")
        assert font_size >= 16, path
        context.close()
    assert not overflowing, "\n".join(overflowing)


def test_keyboard_skip_link_focus_style_and_tab_order(browser, production_site, pages):
    problems = []
    for path in pages:
        context, page, _ = open_page(browser, production_site, path)
        count = page.evaluate(
            """(selector) => {
                const elements = [...document.querySelectorAll(selector)]
                    .filter(el => el.getClientRects().length > 0);
                elements.forEach((el, index) => el.dataset.tabProbe = index);
                return elements.length;
            }""",
            FOCUSABLE,
        )
        page.keyboard.press("Tab")
        first = page.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                const box = el.getBoundingClientRect();
                return {text: el.textContent.trim(), href: el.getAttribute('href'),
                        outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                        visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 0};
            }"""
        )
        if first["text"] != "Skip to main content" or first["href"] != "#main":
            problems.append(f"{path}: first Tab stop is {first['text']!r}, not the skip link")
        if first["outline"] == "none" or first["width"] < 2 or not first["visible"]:
            problems.append(f"{path}: focused skip link is not clearly visible: {first}")
        order = [0]
        for _ in range(count - 1):
            page.keyboard.press("Tab")
            order.append(page.evaluate("() => Number(document.activeElement.dataset.tabProbe)"))
        if order != list(range(count)):
            problems.append(f"{path}: Tab order {order[:20]}… does not follow the page")
        page.keyboard.press("Shift+Tab" if count > 1 else "Tab")
        page.goto(production_site + path)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        landed = page.evaluate("() => [location.hash, document.activeElement.id]")
        if landed != ["#main", "main"]:
            problems.append(f"{path}: skip link led to {landed}")
        context.close()
    assert not problems, "\n".join(problems)


def test_pages_load_without_csp_violations_and_screenshots_are_saved(
    browser, production_site, pages
):
    folder = settings.BASE_DIR / "screenshots"
    folder.mkdir(exist_ok=True)
    violations = []
    for path in pages:
        name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home"
        for width in (375, 1280):
            context, page, console = open_page(
                browser, production_site, path, viewport={"width": width, "height": 900}
            )
            shot = folder / f"{name}-{width}.png"
            page.screenshot(path=shot, full_page=True)
            assert shot.stat().st_size > 5000, shot
            violations += [f"{path}: {text}" for text in console if "Content Security" in text]
            context.close()
    assert not violations, "\n".join(violations)
