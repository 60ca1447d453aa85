"""The admin as an editor sees it, in real Chromium at 1280 px: axe-core clean and nothing
wider than the window, on the index (with the editors' dashboard), a change list and the
change forms an editor uses most."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .bls_files import SHIPPED as SHIPPED_BLS
from .serving import manage, site_env
from .test_browser import AXE_OPTIONS, browser_tab

pytestmark = pytest.mark.browser

PASSWORD = "a-long-Editor-passphrase-42"


@pytest.fixture(scope="module")
def signed_in(browser, production_site, production_var_dir):
    env = {**site_env(production_var_dir), "CAREERS_EDITOR_PASSWORD": PASSWORD}
    manage(env, "create_editor", "axe-editor")
    with browser_tab(browser, viewport={"width": 1280, "height": 900}) as (page, _console):
        page.goto(production_site + "/admin/login/", wait_until="load")
        page.fill("#id_username", "axe-editor")
        page.fill("#id_password", PASSWORD)
        page.click('input[type="submit"]')
        page.wait_for_url(production_site + "/admin/")
        yield page


# Any form field whose right edge is past the window's: a field can run off the page inside a
# box that scrolls, which the document's own width does not show.
FIELDS_OFF_THE_PAGE = """() => [...document.querySelectorAll('input, select, textarea')]
    .filter(field => field.type !== 'hidden' && field.getBoundingClientRect().right > innerWidth)
    .map(field => field.name || field.id)"""


def overflow(page, path):
    problems = []
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width > inner:
        problems.append(f"{path}: {width}px wide in a {inner}px window")
    off = page.evaluate(FIELDS_OFF_THE_PAGE)
    if off:
        problems.append(f"{path}: fields past the right edge: {off[:5]}")
    # A change list's table in a box that scrolls sideways hides its last columns (the
    # stale warning among them) without widening the page.
    table, box = page.evaluate(
        """() => { const box = document.querySelector('.results');
        return box ? [box.scrollWidth, box.clientWidth] : [0, 0]; }"""
    )
    if table > box + 1:
        problems.append(f"{path}: the list is {table}px wide in a {box}px box")
    return problems


def first_row(page, production_site, listing):
    page.goto(production_site + listing, wait_until="load")
    return page.locator("#result_list tbody tr th a").first.get_attribute("href")


def test_the_admin_pages_editors_use_are_accessible_and_fit_1280px(signed_in, production_site):
    page = signed_in
    figure = first_row(page, production_site, "/admin/occupations/figure/")
    occupation = first_row(page, production_site, "/admin/occupations/occupation/")
    note = first_row(page, production_site, "/admin/occupations/datanote/")
    axe = Axe()
    problems = []
    for path in ("/admin/", "/admin/occupations/figure/", figure, occupation, note):
        page.goto(production_site + path, wait_until="load")
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{path}: {violation['id']} ({violation['help']}) at {targets}")
        problems += overflow(page, path)
        page.screenshot(path=f"screenshots/admin-{path.strip('/').replace('/', '-')}-1280.png")
    assert not problems, "\n".join(problems)


def test_no_change_list_or_form_runs_off_the_page_at_1280px(signed_in, production_site):
    """Every content model's list, and a record's page, an editor can open."""
    page = signed_in
    page.goto(production_site + "/admin/", wait_until="load")
    listings = page.eval_on_selector_all(
        ".app-occupations th[scope=row] a", "links => links.map(link => link.pathname)"
    )
    assert len(listings) > 10
    problems = []
    for listing in listings:
        page.goto(production_site + listing, wait_until="load")
        problems += overflow(page, listing)
        row = page.locator("#result_list tbody tr th a").first
        if row.count():
            path = row.get_attribute("href")
            page.goto(production_site + path, wait_until="load")
            problems += overflow(page, path)
    assert not problems, "\n".join(problems)


def save_figure_value(page, change_url, value):
    """Change a figure's value on its admin page, as an editor does, and save it."""
    page.goto(change_url, wait_until="load")
    page.fill("#id_value", value)
    page.click('input[name="_save"]')
    # A new value with the same citation: the form asks whether the passage says it.
    page.check("#id_passage_checked")
    page.click('input[name="_save"]')
    page.wait_for_selector(".messagelist .success")


def test_an_editor_sees_their_own_edit_on_the_public_page_at_once(signed_in, production_site):
    """Browsers may keep a public page for BROWSER_CACHE_SECONDS. The editor who just saved
    a figure must not be shown the old value by their own browser's copy."""
    page = signed_in
    profile = production_site + "/occupations/customer-service-representatives/"
    page.goto(profile, wait_until="load")  # now in this browser's cache
    assert "341,700" in page.locator("#job-outlook").inner_text()
    page.goto(production_site + "/admin/occupations/figure/?q=annual-openings-2024-2034")
    row = page.locator("#result_list tbody tr", has_text="Customer service representatives")
    change_url = production_site + row.locator("th a").get_attribute("href")
    try:
        save_figure_value(page, change_url, "341900")
        page.goto(profile, wait_until="load")  # as typing the address does
        assert "341,900" in page.locator("#job-outlook").inner_text()
    finally:
        save_figure_value(page, change_url, "341700")


def test_the_dashboard_and_a_history_fit_a_phone(signed_in, production_site):
    """An editor checking the figures' ages on a phone: at 375 px the dashboard's two columns
    crushed each figure's name to a letter a line (421 px wide), and a record's History was
    382 px."""
    page = signed_in
    figure = first_row(page, production_site, "/admin/occupations/figure/")
    page.set_viewport_size({"width": 375, "height": 812})
    try:
        problems = []
        for path in ("/admin/", figure + "history/"):
            page.goto(production_site + path, wait_until="load")
            problems += overflow(page, path)
        # An import's preview, of the files already on file: its counts were 393 px wide.
        page.goto(production_site + "/admin/occupations/release/import/", wait_until="load")
        page.set_input_files("input[type=file]", sorted(SHIPPED_BLS.glob("oe.*")))
        page.click('input[type="submit"]')
        page.wait_for_selector("#import-counts")
        problems += overflow(page, "the import's preview")
        page.click('input[name="cancel"]')
        page.goto(production_site + "/admin/", wait_until="load")
        name = page.locator("#editors-dashboard th[scope=row] a").first.bounding_box()
        assert name["width"] > 200, name
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    assert not problems, "\n".join(problems)
