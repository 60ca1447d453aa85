"""The templates and the stylesheet: each rule written once, classes styled, colours named."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from .content import CSR_SLUG as CSR
from .content import WAITERS_SLUG as WAITERS
from .pages import get_html, soup

TEMPLATES = settings.BASE_DIR / "templates"
STYLESHEET = settings.BASE_DIR / "static" / "css" / "site.css"

# Classes that carry no style on purpose, each with the reason it stays in the markup.
HOOK_CLASSES = {
    # Tells the FAQ entries apart from the page's other sections (tests/test_faq_page.py).
    "faq-entry",
}


def generated_classes():
    """Classes a template writes from Python rather than spelling out: the pay map's steps."""
    from careers.pages.tilemap import STEPS

    return {f"step-{number}" for number in range(STEPS + 1)}


CSS_COLOUR_FUNCTION = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\("
)
COLOUR_PROPERTY = re.compile(
    r"^(?:color|background(?:-color)?|border(?:-(?:top|right|bottom|left))?(?:-color)?"
    r"|outline(?:-color)?|fill|stroke|box-shadow|text-decoration(?:-color)?|caret-color"
    r"|column-rule(?:-color)?|accent-color)$"
)
NOT_COLOURS = {
    "none", "transparent", "currentcolor", "inherit", "initial", "unset", "solid", "dashed",
    "dotted", "double", "auto", "underline", "inset",
}  # fmt: skip


def template_texts():
    """The templates, and the template tags that write markup of their own (footnote markers).
    The admin's own pages and pieces (in templates/admin/, such as "Import a BLS release" and
    the editors' dashboard, and simple-history's list of versions in templates/simple_history/)
    are drawn with the admin's classes and breadcrumbs, not the site's; a page there that
    extends the site's base (the lockout page) is the site's."""
    tags = settings.BASE_DIR / "careers" / "pages" / "templatetags"
    paths = [*TEMPLATES.rglob("*.html"), *tags.glob("*.py")]
    texts = {path: path.read_text() for path in paths}
    return {
        path: text
        for path, text in texts.items()
        if not (
            {TEMPLATES / "admin", TEMPLATES / "simple_history"} & set(path.parents)
            and '{% extends "base' not in text
        )
    }


def template_classes():
    """Every class name a template can write, with the template tags taken out."""
    used = {}
    for path, text in template_texts().items():
        for value in re.findall(r'\bclass="([^"]*)"', text):
            value = re.sub(r"\{[{%#].*?[}%#]\}", " ", value)
            for name in value.split():
                used.setdefault(name, set()).add(path.name)
    return used


def stylesheet():
    return re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(), flags=re.S)


def css_rules():
    """(selector, declarations) for every rule, those inside @media included."""
    rules = []
    for prelude, body in re.findall(r"([^{}]+)\{([^{}]*)\}", stylesheet()):
        declarations = []
        for declaration in body.split(";"):
            if ":" in declaration:
                prop, value = declaration.split(":", 1)
                declarations.append((prop.strip().lower(), value.strip()))
        rules.append((prelude.strip().split("@media")[-1].strip(), declarations))
    return rules


def test_every_class_in_the_templates_has_a_rule():
    selectors = " ".join(selector for selector, _ in css_rules())
    styled = set(re.findall(r"\.([A-Za-z_-][\w-]*)", selectors))
    unstyled = {
        name: sorted(places)
        for name, places in template_classes().items()
        if name not in styled and name not in HOOK_CLASSES
    }
    assert not unstyled, f"classes with no rule in site.css: {unstyled}"
    assert set(template_classes()) >= HOOK_CLASSES, "a hook class is no longer used"
    unused = styled - set(template_classes()) - generated_classes()
    assert not unused, f"rules in site.css for classes no template writes: {sorted(unused)}"


def test_colours_come_from_the_custom_properties():
    problems = []
    for selector, declarations in css_rules():
        for prop, value in declarations:
            if prop.startswith("--"):
                assert selector == ":root", f"custom property {prop} outside :root"
                continue
            if CSS_COLOUR_FUNCTION.search(value):
                problems.append(f"{selector} {{ {prop}: {value} }}")
            elif COLOUR_PROPERTY.match(prop):
                rest = re.sub(r"var\([^)]*\)|-?\d*\.?\d+[a-z%]*", " ", value.lower())
                if set(re.findall(r"[a-z-]+", rest)) - NOT_COLOURS:
                    problems.append(f"{selector} {{ {prop}: {value} }}")
    assert not problems, "raw colours outside :root:\n" + "\n".join(problems)


def test_every_link_target_gets_a_scroll_margin():
    for selector, declarations in css_rules():
        parts = {part.strip() for part in selector.split(",")}
        if parts & {":target", "[id]"} and any(p == "scroll-margin-top" for p, _ in declarations):
            return
    pytest.fail("no scroll-margin-top on :target (or on [id])")


class Elements(HTMLParser):
    """The start tags of a template, with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def start_tags(text):
    parser = Elements()
    parser.feed(re.sub(r"\{[{%#].*?[}%#]\}", "", text))
    return parser.tags


def test_sections_are_not_landmarks_and_no_br_lays_out_a_page():
    for path, text in template_texts().items():
        for tag, attrs in start_tags(text):
            if tag == "section":
                named = {"aria-label", "aria-labelledby", "role"} & set(attrs)
                assert not named, f"{path.name}: a named <section> is a region landmark"
            assert tag != "br", f"{path.name}: <br> used for layout"


def test_the_site_name_is_written_only_in_settings():
    for path, text in template_texts().items():
        assert settings.SITE_NAME not in text, path.name


def test_breadcrumbs_are_written_once_and_fed_by_the_view():
    for path, text in template_texts().items():
        if path.name != "breadcrumbs.html":
            assert 'class="breadcrumbs"' not in text, path.name
            assert "aria-current" not in text or path.name == "occupation_nav.html", path.name


def breadcrumb_trail(html):
    """(label, href, is the current page) for each link of the page's one breadcrumb trail."""
    (nav,) = soup(html).select('nav.breadcrumbs[aria-label="Breadcrumb"]')
    return [
        (link.get_text(), link["href"], link.get("aria-current") == "page")
        for link in nav.select("li > a[href]")
    ]


def page_title(html):
    (title,) = soup(html).find_all("title")
    return title.get_text()


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        ("/occupations/{csr}/", ["Home", "Customer service representatives"]),
        ("/occupations/{csr}/faq/", ["Home", "Customer service representatives", "FAQ"]),
        (
            "/occupations/{csr}/over-time/",
            ["Home", "Customer service representatives", "Figures over time"],
        ),
        ("/compare/", ["Home", "Compare"]),
        (
            "/compare/{csr}/{waiters}/",
            ["Home", "Compare", "Customer service representatives and waiters and waitresses"],
        ),
        ("/about-the-data/", ["Home", "About the data"]),
    ],
)
def test_each_page_shows_its_trail_once_ending_at_itself(client, db, url, trail):
    url = url.format(csr=CSR, waiters=WAITERS)
    html = get_html(client, url)
    assert len(soup(html).select(".breadcrumbs")) == 1
    found = breadcrumb_trail(html)
    assert [label for label, _, _ in found] == trail
    assert found[0][1] == reverse("careers:home")
    assert found[-1][1] == url
    assert [current for _, _, current in found] == [False] * (len(trail) - 1) + [True]


def test_the_home_page_has_no_trail_and_every_title_names_the_site(client, db):
    home = get_html(client, "/")
    assert not soup(home).select(".breadcrumbs")
    assert page_title(home) == f"{settings.SITE_NAME}: dated, sourced occupation profiles"
    for url in (f"/occupations/{CSR}/", "/compare/", "/about-the-data/"):
        title = page_title(get_html(client, url))
        assert title.endswith(f" · {settings.SITE_NAME}"), title
        assert title.count(settings.SITE_NAME) == 1, title


ERROR_PAGES = ["400.html", "403.html", "404.html", "405.html", "500.html", "503.html"]


@pytest.mark.parametrize("name", [*ERROR_PAGES, "admin/locked_out.html"])
def test_error_pages_share_one_layout(name):
    text = (TEMPLATES / name).read_text()
    assert text.startswith('{% extends "base_error.html" %}'), name


def test_error_pages_render_the_site_name_in_the_title_and_header(client, db):
    from careers.pages.views import server_error

    request = RequestFactory().get("/")
    pages = {
        "404": client.get("/occupations/no-such-job/").content.decode(),
        "400": client.get("/", HTTP_HOST="evil.example").content.decode(),
        "405": client.post("/about-the-data/").content.decode(),
        "500": server_error(request).content.decode(),
    }
    for status, html in pages.items():
        title = page_title(html)
        assert title.endswith(f" · {settings.SITE_NAME}"), (status, title)
        site_names = [link.get_text() for link in soup(html).select('a.site-name[href="/"]')]
        assert site_names == [settings.SITE_NAME], status
