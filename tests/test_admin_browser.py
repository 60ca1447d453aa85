"""The admin as an editor sees it, in real Chromium at 1280 px: axe-core clean and nothing
wider than the window, on the index (with the editors' dashboard), a change list and the
change forms an editor uses most."""

import pytest
from axe_playwright_python.sync_playwright import Axe

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


def test_the_admin_pages_editors_use_are_accessible_and_fit_1280px(signed_in, production_site):
    page = signed_in
    page.goto(production_site + "/admin/occupations/figure/", wait_until="load")
    figure = page.locator("#result_list tbody tr th a").first.get_attribute("href")
    page.goto(production_site + "/admin/occupations/occupation/", wait_until="load")
    occupation = page.locator("#result_list tbody tr th a").first.get_attribute("href")
    axe = Axe()
    problems = []
    for path in ("/admin/", "/admin/occupations/figure/", figure, occupation):
        page.goto(production_site + path, wait_until="load")
        for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{path}: {violation['id']} ({violation['help']}) at {targets}")
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width > inner:
            problems.append(f"{path}: {width}px wide in a {inner}px window")
        page.screenshot(path=f"screenshots/admin-{path.strip('/').replace('/', '-')}-1280.png")
    assert not problems, "\n".join(problems)
