"""Every public page in real Chromium: axe-core, small screens, zoom, CSP; and one page of each
kind at 1280 px and from the keyboard.

Pages are found by crawling the production server from / and the sitemap.
Screenshots at 375 and 1280 px of one page of each kind go to screenshots/ (git-ignored) for
a person to look at.

Each window size gets one browser tab, which loads the pages one after another, as a
visitor following links would: a new tab or browser context for every page costs Chromium
more than loading the page itself. The checks at 375 and 1280 px share one load of each page
(`visits`); the other window sizes load the pages again.
"""

import re
from contextlib import contextmanager
from functools import cache

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from .crawl import MISSING_PAGES, SEARCHES, crawl

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Only violations get their elements' selectors worked out, which is most of axe's time
# (axe's own default, which passing options replaces).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
FOCUSABLE = (
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
    '[tabindex]:not([tabindex="-1"])'
)
SCREEN_WIDTHS = (1280, 375)
PHONE_HEIGHT = 812  # a 375 px wide phone's window (an iPhone X's, in CSS px)


def kind(path):
    """The view a page comes from, and its language: pages of one kind share a template. The
    pages the crawl adds by hand (searches with and without results, the 404 page) are each
    a kind of their own."""
    if path in SEARCHES or path in MISSING_PAGES:
        return path
    # In English: resolve() reads the /es/ prefix as the active language's, and a Spanish
    # page requested in this process leaves Spanish active.
    with translation.override("en"):
        return resolve(path.removeprefix("/es")).url_name, path.startswith("/es/")


@cache
def one_of_each_kind(pages):
    """The first page the crawl found of each kind (a state's pay page, the FAQ in Spanish…)."""
    first = {}
    for path in pages:
        first.setdefault(kind(path), path)
    return set(first.values())


def checked_at(width, path, pages):
    """Every page is checked at a phone's width, where text wraps and tables stack, and what
    depends on the words (headings, names, contrast, ids) shows on each page. At 1280 px,
    and from the keyboard, what changes is the layout and the focus order, which a page's
    template sets: one page of each kind is enough there."""
    return width == 375 or path in one_of_each_kind(pages)


@pytest.fixture(scope="module")
def pages(production_site):
    return tuple(crawl(production_site))


@pytest.fixture(scope="module")
def axe():
    return Axe()


@contextmanager
def browser_tab(browser, **context_options):
    """A tab in a fresh browser context, and the list of what its console says."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    try:
        yield page, console
    finally:
        context.close()


def visit(page, console, base, path):
    """Load `path` in the tab; `console` then holds only what this page said."""
    console.clear()
    page.goto(base + path, wait_until="load")


@pytest.fixture(scope="module")
def visits(browser, production_site, pages, axe):
    """Pages loaded once at each screen width (checked_at): what the console said while each
    loaded, axe-core's findings, at a phone's width what runs off the side, and for one page
    of each kind a full-page screenshot in screenshots/ (a second a page, and one of each is
    what a person looks at) and at 1280 px the keyboard walk. The tests below read these, so
    a page is loaded once per width, not once per test."""
    folder = settings.BASE_DIR / "screenshots"
    folder.mkdir(exist_ok=True)
    photographed = one_of_each_kind(pages)
    found = {}
    for width in SCREEN_WIDTHS:
        height = PHONE_HEIGHT if width == 375 else 900
        with browser_tab(browser, viewport={"width": width, "height": height}) as (page, console):
            for path in (path for path in pages if checked_at(width, path, pages)):
                visit(page, console, production_site, path)
                # Before the full-page screenshot, which resizes the window while it shoots.
                too_wide = problems_of(phone_width_problems, page) if width == 375 else []
                shot = None
                if path in photographed:
                    name = re.sub(r"[^a-z0-9]+", "-", path.strip("/")) or "home"
                    shot = folder / f"{name}-{width}.png"
                    page.screenshot(path=shot, full_page=True)
                while_loading = list(console)  # before axe injects its script
                results = axe.run(page, options=AXE_OPTIONS)
                found[width, path] = {
                    "console": while_loading,
                    "screenshot": shot,
                    "too wide": too_wide,
                    "violations": results.response["violations"],
                    # Last: the walk moves the focus and loads the page again.
                    "keyboard": problems_of(keyboard_problems, page, production_site, path)
                    if width == 1280
                    else [],
                }
    return found


def problems_of(check, page, *args):
    """What `check` finds on the page; if it cannot finish (a Playwright timeout, say), that
    is the page's problem, and fails the one test that reads it, not every test that reads
    `visits`."""
    try:
        return check(page, *args)
    except PlaywrightError as error:
        return [f"{check.__name__} stopped: {error.message.splitlines()[0]}"]


def test_crawl_reaches_every_kind_of_page(pages):
    for expected in (
        "/",
        "/occupations/customer-service-representatives/",
        "/occupations/customer-service-representatives/faq/",
        "/occupations/customer-service-representatives/over-time/",
        "/occupations/customer-service-representatives/handout/",
        "/occupations/waiters-and-waitresses/handout/",
        "/occupations/waiters-and-waitresses/",
        "/occupations/customer-service-representatives/pay/",
        "/occupations/customer-service-representatives/pay/new-jersey/",
        "/occupations/customer-service-representatives/pay/new-jersey/handout/",
        "/occupations/waiters-and-waitresses/pay/puerto-rico/",
        "/compare/",
        "/compare/customer-service-representatives/waiters-and-waitresses/",
        "/about-the-data/",
    ):
        assert expected in pages


def test_pages_of_one_view_are_one_kind_and_each_language_its_own():
    assert kind("/occupations/a/pay/texas/") == kind("/occupations/b/pay/new-jersey/")
    with translation.override("es"):  # as a Spanish page requested in this process leaves it
        assert kind("/es/occupations/a/") == ("occupation", True)
    assert kind("/occupations/a/") == ("occupation", False)
    assert kind("/occupations/a/") != kind("/occupations/a/faq/")
    assert kind(MISSING_PAGES[0]) != kind("/occupations/a/")
    assert kind(SEARCHES[0]) != kind(SEARCHES[1])


@pytest.mark.parametrize("width", SCREEN_WIDTHS)
def test_no_axe_violations_on_any_page(visits, pages, width):
    failures = []
    for path in (path for path in pages if checked_at(width, path, pages)):
        for violation in visits[width, path]["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            failures.append(f"{path}: {violation['id']} ({violation['help']}) at {targets}")
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
    with browser_tab(browser, **viewport) as (page, console):
        for path in pages:
            visit(page, console, production_site, path)
            scroll_width, inner_width, font_size = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth,"
                " parseFloat(getComputedStyle(document.body).fontSize)]"
            )
            if scroll_width > inner_width:
                overflowing.append(f"{path}: {scroll_width}px wide in a {inner_width}px window")
            assert font_size >= 16, path
    assert not overflowing, "\n".join(overflowing)


def test_keyboard_skip_link_focus_style_and_tab_order(visits, pages):
    problems = [
        f"{path}: {problem}"
        for path in pages
        if checked_at(1280, path, pages)
        for problem in visits[1280, path]["keyboard"]
    ]
    assert not problems, "\n".join(problems)


def keyboard_problems(page, base, path):
    problems = []
    count = page.evaluate(
        """(selector) => {
            // checkVisibility() also leaves out what a closed <details> hides.
            const elements = [...document.querySelectorAll(selector)]
                .filter(el => el.getClientRects().length > 0 && el.checkVisibility());
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
    skip = "Ir al contenido principal" if path.startswith("/es/") else "Skip to main content"
    if first["text"] != skip or first["href"] != "#main":
        problems.append(f"first Tab stop is {first['text']!r}, not the skip link")
    if first["outline"] == "none" or first["width"] < 2 or not first["visible"]:
        problems.append(f"focused skip link is not clearly visible: {first}")
    # Each element that takes the focus records its number, so the order is read once.
    page.evaluate(
        """() => { window.tabOrder = [0];
            document.addEventListener('focusin',
                event => window.tabOrder.push(Number(event.target.dataset.tabProbe))); }"""
    )
    for _ in range(count - 1):
        page.keyboard.press("Tab")
    order = page.evaluate("() => window.tabOrder")
    if order != list(range(count)):
        problems.append(f"Tab order {order[:20]}… does not follow the page")
    page.keyboard.press("Shift+Tab" if count > 1 else "Tab")
    page.goto(base + path)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    landed = page.evaluate("() => [location.hash, document.activeElement.id]")
    if landed != ["#main", "main"]:
        problems.append(f"skip link led to {landed}")
    return problems


def test_pages_load_without_csp_violations_and_screenshots_are_saved(visits, pages):
    photographed = [seen["screenshot"] for seen in visits.values() if seen["screenshot"]]
    assert len(photographed) == len(SCREEN_WIDTHS) * len(one_of_each_kind(pages))
    violations = []
    for path in pages:
        for width in (width for width in SCREEN_WIDTHS if checked_at(width, path, pages)):
            seen = visits[width, path]
            if seen["screenshot"]:
                assert seen["screenshot"].stat().st_size > 5000, seen["screenshot"]
            violations += [
                f"{path}: {text}" for text in seen["console"] if "Content Security" in text
            ]
    assert not violations, "\n".join(violations)


# Answer first: what a job seeker came for is on the first screen, and nothing is cut off.

FIRST_SCREENS = [(375, PHONE_HEIGHT), (1280, 800)]
# Each page, and what must end above its fold: what it pays and whether there will be jobs
# everywhere a headline leads, and on a profile and the home page also how to get in (its
# entry-level education).
LEADS = (".headline-pay .figure-value", ".headline-outlook .outlook-summary")
WAY_IN = (*LEADS, "#quick-fact-education")
# The home page's first card: its entry-level education is its one quick fact.
FIRST_CARD = (*LEADS, ".cards dd.quick-fact")
FIRST_SCREEN_ANSWERS = {
    "/": FIRST_CARD,
    "/es/": FIRST_CARD,
    "/occupations/customer-service-representatives/": WAY_IN,
    "/es/occupations/customer-service-representatives/": WAY_IN,
    "/occupations/customer-service-representatives/faq/": LEADS,
    "/occupations/waiters-and-waitresses/": WAY_IN,
    # "Pay in your state" leads here: the form that asks for the state.
    "/occupations/customer-service-representatives/pay/": ("#your-state select",),
    "/es/occupations/customer-service-representatives/pay/": ("#your-state select",),
    "/es/occupations/waiters-and-waitresses/": WAY_IN,
}


@pytest.mark.parametrize(("width", "height"), FIRST_SCREENS, ids=["375", "1280"])
def test_pay_outlook_and_the_way_in_are_on_the_first_screen(
    browser, production_site, width, height
):
    """The first headline's median and its outlook sentence, and on a profile the entry-level
    education, end above the fold, before any scrolling: the viewport's height, which
    includes the site header."""
    below = []
    with browser_tab(browser, viewport={"width": width, "height": height}) as (page, console):
        for path, selectors in FIRST_SCREEN_ANSWERS.items():
            visit(page, console, production_site, path)
            for selector in selectors:
                bottom = page.eval_on_selector(selector, "el => el.getBoundingClientRect().bottom")
                if bottom > height:
                    below.append(f"{path} at {width}px: {selector} ends at {bottom:.0f}px")
    assert not below, "\n".join(below)


def overflow_problems(page):
    """What in <main> is wider than the window, and which table cells are cut off outside
    a scroll region that says what it holds."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth, found = [];
            const inRegion = el => el.closest('[role="region"][aria-label]');
            for (const el of document.querySelectorAll('main *')) {
                if (!el.checkVisibility()) continue;
                const box = el.getBoundingClientRect();
                if (box.width === 0) continue;
                if ((box.right > width + 0.5 || box.left < -0.5) && !inRegion(el))
                    found.push(`${el.tagName.toLowerCase()}.${el.className} is ${box.right}px`);
            }
            for (const cell of document.querySelectorAll('main td, main th')) {
                const box = cell.getBoundingClientRect();
                if (box.right > width + 0.5 && !inRegion(cell))
                    found.push(`a cell (${cell.textContent.trim().slice(0, 30)}) is cut off`);
            }
            return found;
        }"""
    )


def phone_width_problems(page):
    """overflow_problems, and the tables that scroll sideways: at a phone's width the stacked
    layout leaves every table whole in the window."""
    problems = overflow_problems(page)
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main .table-scroll')]
            .filter(box => box.scrollWidth > box.clientWidth + 1).length"""
    )
    if wide:
        problems.append(f"{wide} table(s) scroll sideways at 375px")
    return problems


def test_state_handouts_with_the_longest_area_names_fit_a_320px_phone(browser, production_site):
    """Areas that cross a state line have the longest names ("Louisville/Jefferson County,
    KY-IN"), and the crawl samples states, so these two handouts are checked by name."""
    problems = []
    with browser_tab(browser, viewport={"width": 320, "height": 640}) as (page, console):
        for path in (
            "/occupations/waiters-and-waitresses/pay/kentucky/handout/",
            "/es/occupations/waiters-and-waitresses/pay/indiana/handout/",
        ):
            visit(page, console, production_site, path)
            problems += [f"{path}: {problem}" for problem in overflow_problems(page)]
    assert not problems, "\n".join(problems)


def test_nothing_in_main_is_wider_than_a_375px_phone(visits, pages):
    problems = [f"{path}: {problem}" for path in pages for problem in visits[375, path]["too wide"]]
    assert not problems, "\n".join(problems)


def test_chart_labels_stay_at_least_12px_on_a_phone(browser, production_site):
    with browser_tab(browser, viewport={"width": 375, "height": PHONE_HEIGHT}) as (page, console):
        visit(
            page,
            console,
            production_site,
            "/occupations/customer-service-representatives/over-time/",
        )
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('svg.chart-svg text')].map(text => {
                const svg = text.ownerSVGElement;
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                return parseFloat(getComputedStyle(text).fontSize) * scale;
            })"""
        )
    assert sizes
    assert min(sizes) >= 12, f"smallest chart label is {min(sizes):.1f}px"
