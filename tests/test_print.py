"""Printing in real Chromium: the handout fits on one page with a QR code that scans back
to the profile's canonical URL, and the profile prints on four pages at most.

The PDFs are printed from the production server on Letter and A4 paper; each page is
also saved as an image in screenshots/ (git-ignored) for a person to look at.
"""

import re

import pypdfium2
import pytest
import zxingcpp
from django.conf import settings

from .content import CSR_SLUG
from .pages import soup
from .serving import fetch

pytestmark = pytest.mark.browser

HANDOUT = f"/occupations/{CSR_SLUG}/handout/"
PROFILE = f"/occupations/{CSR_SLUG}/"
PAPERS = ["Letter", "A4"]


def print_to_pdf(browser, url, paper):
    """The page as Chromium prints it: print styles, the paper size, no background colours."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    pdf = page.pdf(format=paper)
    context.close()
    return pypdfium2.PdfDocument(pdf)


def page_images(document, name, scale=3):
    """Every page rendered at 72 × scale dpi, each saved to screenshots/ too."""
    folder = settings.BASE_DIR / "screenshots"
    folder.mkdir(exist_ok=True)
    images = []
    for number in range(len(document)):
        image = document[number].render(scale=scale).to_pil()
        image.save(folder / f"print-{name}-{number + 1}.png")
        images.append(image)
    return images


def canonical_link(base, path):
    _, _, html = fetch(base + path)
    return soup(html).select_one('link[rel="canonical"]')["href"]


@pytest.mark.parametrize("paper", PAPERS)
def test_the_handout_prints_on_one_page_with_a_qr_code_to_the_profile(
    browser, production_site, paper
):
    document = print_to_pdf(browser, production_site + HANDOUT, paper)
    assert len(document) == 1, f"the handout prints on {len(document)} {paper} pages"
    images = page_images(document, f"handout-{paper.lower()}")
    codes = [code for image in images for code in zxingcpp.read_barcodes(image)]
    qr_codes = [code for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]
    assert len(qr_codes) == 1, f"found {len(qr_codes)} QR codes in the printed handout"
    profile_url = canonical_link(production_site, PROFILE)
    assert qr_codes[0].text == profile_url
    # The canonical origin: with CAREERS_SITE_URL unset, the address `serve` binds.
    assert profile_url == production_site + PROFILE
    text = " ".join(
        "".join(document[n].get_textpage().get_text_range() for n in range(len(document))).split()
    )
    # The written-out link may wrap at a slash or a hyphen (which pdfium gives as U+FFFE when a
    # line breaks after it); it reads as one address.
    assert profile_url in "".join(text.replace("\ufffe", "-").split())
    # One citation style, footnote numbers with their references, the printing date.
    assert "Retrieved" in text
    assert "Accessed" not in text
    assert "Sources" in text
    assert "Printed " in text
    assert "Back to the full profile" not in text
    assert "Check BLS" not in text


@pytest.mark.parametrize("paper", PAPERS)
def test_the_profile_prints_on_at_most_four_pages(browser, production_site, paper):
    """Seven Letter pages with citation chips; footnote markers, no navigation and no
    reuse-the-data block bring it to four or fewer."""
    document = print_to_pdf(browser, production_site + PROFILE, paper)
    page_images(document, f"profile-{paper.lower()}", scale=1.5)
    assert len(document) <= 4, f"the profile prints on {len(document)} {paper} pages"
    text = " ".join(
        " ".join(document[n].get_textpage().get_text_range().split()) for n in range(len(document))
    )
    # Navigation and section links stay on screen; the sources are listed at the end.
    assert "Skip to main content" not in text
    assert "On this page" not in text
    assert "Link to Pay" not in text
    assert "Reuse the data" not in text
    # The numbered references print, and the markers with them (a raised "1" after the pay).
    assert "Career profile with 2008 figures, line 19" in text
    assert re.search(r"\$44,770 a year, or \$21\.53 an hour\.\s*1\b", text), text[:400]
    assert "Print a handout" not in text
    assert text.rfind("Sources") > text.rfind("Job outlook")


def test_the_handout_says_when_it_was_printed_only_on_paper(browser, production_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(production_site + HANDOUT, wait_until="load")
    on_screen = page.inner_text("main")
    page.emulate_media(media="print")
    on_paper = page.inner_text("main")
    context.close()
    assert "Printed " not in on_screen
    assert "Printed " in on_paper
    # Links that only work on screen stay there.
    assert "Back to the full profile" in on_screen
    assert "Back to the full profile" not in on_paper


STATE_HANDOUT = f"/occupations/{CSR_SLUG}/pay/new-jersey/handout/"
STATE_PAGE = f"/occupations/{CSR_SLUG}/pay/new-jersey/"


@pytest.mark.parametrize("paper", PAPERS)
def test_a_state_handout_prints_on_one_page_with_a_qr_code_to_the_state_page(
    browser, production_site, paper
):
    document = print_to_pdf(browser, production_site + STATE_HANDOUT, paper)
    assert len(document) == 1, f"the state handout prints on {len(document)} {paper} pages"
    # Texas's largest areas have the longest names, two lines each: its handout ran onto a
    # second Letter page by one line.
    texas = print_to_pdf(
        browser, production_site + STATE_HANDOUT.replace("new-jersey", "texas"), paper
    )
    assert len(texas) == 1, f"the Texas handout prints on {len(texas)} {paper} pages"
    images = page_images(document, f"state-handout-{paper.lower()}")
    codes = [code for image in images for code in zxingcpp.read_barcodes(image)]
    qr_codes = [code for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]
    assert [code.text for code in qr_codes] == [canonical_link(production_site, STATE_PAGE)]
    text = " ".join(document[0].get_textpage().get_text_range().split())
    assert "Pay in New Jersey" in text
    assert "$47,740 a year" in text  # the state's median, May 2025
    assert "New York-Newark-Jersey City" in text  # its largest area
    assert "Back to pay in New Jersey" not in text


@pytest.mark.parametrize(
    ("handout", "page"),
    [("/es" + HANDOUT, "/es" + PROFILE), ("/es" + STATE_HANDOUT, "/es" + STATE_PAGE)],
    ids=["profile", "state"],
)
@pytest.mark.parametrize("paper", PAPERS)
def test_a_spanish_handout_prints_on_one_page_with_a_qr_code_to_the_spanish_page(
    browser, production_site, paper, handout, page
):
    document = print_to_pdf(browser, production_site + handout, paper)
    name = f"es-{'state-' if 'pay' in handout else ''}handout-{paper.lower()}"
    assert len(document) == 1, f"the Spanish handout prints on {len(document)} {paper} pages"
    images = page_images(document, name)
    codes = [code for image in images for code in zxingcpp.read_barcodes(image)]
    qr_codes = [code for code in codes if code.format == zxingcpp.BarcodeFormat.QRCode]
    spanish_url = canonical_link(production_site, page)
    assert spanish_url == production_site + page
    assert [code.text for code in qr_codes] == [spanish_url]
    text = " ".join(document[0].get_textpage().get_text_range().split())
    assert "Recuperado el" in text  # the citation in its Spanish form
    assert "Impreso el" in text
    assert "Retrieved" not in text


def test_the_pay_map_prints_in_shades_of_grey_that_keep_their_order(browser, production_site):
    """On a black-and-white printer the five steps must still read light to dark."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(production_site + f"/occupations/{CSR_SLUG}/pay/", wait_until="load")
    page.emulate_media(media="print")
    fills = page.evaluate(
        """() => [1, 2, 3, 4, 5].map(step => {
            const tile = document.querySelector(`#map .tile.step-${step}`);
            return tile ? getComputedStyle(tile).fill : null;
        })"""
    )
    context.close()
    shown = [fill for fill in fills if fill]
    assert len(shown) >= 4, fills

    def grey(fill):
        red, green, blue = (int(n) for n in re.findall(r"\d+", fill)[:3])
        return 0.299 * red + 0.587 * green + 0.114 * blue

    greys = [grey(fill) for fill in shown]
    assert greys == sorted(greys, reverse=True), greys  # each step darker than the one before
    assert min(b - a for a, b in zip(greys[1:], greys, strict=False)) > 25, greys
