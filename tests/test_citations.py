"""Cite this page: APA 7, MLA 9 and Chicago on the profile, the FAQ and the handout, and
RIS and BibTeX files that reference managers import.

Every citation names the page title, the canonical URL (CAREERS_SITE_URL, whatever Host
asked) and the date the content was last reviewed; the access date is today's, checked
here under a frozen clock.
"""

import datetime
import re

import bibtexparser
import pytest
import rispy
import time_machine
from django.urls import reverse

from .factories import FAQEntryFactory
from .pages import folded, get_html, soup

SITE = "https://careers.example.org"
TODAY = datetime.datetime(2031, 2, 3, 15, 0, tzinfo=datetime.UTC)


pytestmark = pytest.mark.occupation(
    title="Harbour pilots", soc_code="99-8765", last_reviewed=datetime.date(2030, 11, 9)
)


@pytest.fixture(autouse=True)
def canonical_site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def citations(html):
    """{style name: citation text} from the page's "Cite this page" section."""
    section = soup(html).find("section", id="cite")
    assert section is not None, "no Cite this page section"
    names = [folded(term) for term in section.select("dl.citations dt")]
    # As a reader copies it: the runs of text joined as they are, white space folded.
    texts = [" ".join(dd.get_text().split()) for dd in section.select("dl.citations dd.citation")]
    return dict(zip(names, texts, strict=True))


def profile_url(occupation):
    return f"{SITE}{occupation.get_absolute_url()}"


def test_the_profile_offers_apa_mla_and_chicago_with_title_url_and_both_dates(client, occupation):
    html = client.get(occupation.get_absolute_url(), HTTP_HOST="evil.example").content.decode()
    cited = citations(html)
    url = profile_url(occupation)
    assert cited == {
        "APA (7th edition)": "Customer Service Careers. (2030, November 9). Harbour pilots"
        f" (SOC 99-8765). Retrieved February 3, 2031, from {url}",
        "MLA (9th edition)": "“Harbour pilots (SOC 99-8765).” Customer Service Careers,"
        f" 9 Nov. 2030, {url}. Accessed 3 Feb. 2031.",
        "Chicago": "Customer Service Careers. “Harbour pilots (SOC 99-8765).” Last reviewed"
        f" November 9, 2030. Accessed February 3, 2031. {url}.",
    }
    # APA sets the page title in italics, MLA the site's name.
    italics = [folded(i) for i in soup(html).select("#cite dd.citation i")]
    assert italics == ["Harbour pilots (SOC 99-8765)", "Customer Service Careers"]


def test_the_access_date_follows_the_clock(client, occupation):
    with time_machine.travel(datetime.datetime(2032, 7, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        cited = citations(get_html(client, occupation.get_absolute_url()))
    assert "Retrieved July 4, 2032" in cited["APA (7th edition)"]
    assert "Accessed 4 July 2032." in cited["MLA (9th edition)"]
    assert "Accessed July 4, 2032." in cited["Chicago"]


def test_a_page_never_reviewed_is_cited_without_a_date(client, occupation):
    occupation.last_reviewed = None
    occupation.save()
    cited = citations(get_html(client, occupation.get_absolute_url()))
    assert cited["APA (7th edition)"].startswith("Customer Service Careers. (n.d.). Harbour")
    assert "Customer Service Careers, https://" in cited["MLA (9th edition)"]
    assert "“Harbour pilots (SOC 99-8765).” n.d. Accessed" in cited["Chicago"]


def test_the_faq_and_the_handout_carry_citations_too(client, occupation):
    FAQEntryFactory(occupation=occupation)
    faq = reverse("careers:occupation-faq", args=[occupation.slug])
    faq_cited = citations(get_html(client, faq))
    assert "Harbour pilots: frequently asked questions" in faq_cited["APA (7th edition)"]
    assert f"{SITE}{faq}" in faq_cited["APA (7th edition)"]
    # The handout cites the profile it summarises, in one style (APA) to fit its page.
    handout = get_html(client, reverse("careers:handout", args=[occupation.slug]))
    profile = citations(get_html(client, occupation.get_absolute_url()))
    assert citations(handout) == {"APA (7th edition)": profile["APA (7th edition)"]}


def download_links(html):
    return {folded(a): a["href"] for a in soup(html).select("#cite .citation-files a[download]")}


def test_the_ris_file_parses_with_the_title_url_and_dates(client, occupation):
    links = download_links(get_html(client, occupation.get_absolute_url()))
    assert links["RIS file"] == f"/occupations/{occupation.slug}/cite.ris"
    response = client.get(links["RIS file"], HTTP_HOST="evil.example")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{occupation.slug}.ris"'
    (entry,) = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "ELEC"
    assert entry["title"] == "Harbour pilots (SOC 99-8765)"
    assert entry["urls"] == [profile_url(occupation)]
    assert entry["date"] == "2030/11/09/"
    assert entry["access_date"] == "2031/02/03/"
    assert entry["publisher"] == "Customer Service Careers"
    # The site is the author, as the APA text and the BibTeX file say.
    assert entry["authors"] == ["Customer Service Careers"]


def test_the_bibtex_file_parses_with_the_title_url_and_dates(client, occupation):
    FAQEntryFactory(occupation=occupation)
    faq = get_html(client, reverse("careers:occupation-faq", args=[occupation.slug]))
    link = download_links(faq)["BibTeX file"]
    assert link == f"/occupations/{occupation.slug}/faq/cite.bib"
    response = client.get(link)
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{occupation.slug}-faq.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    fields = {name: field.value.strip("{}") for name, field in entry.fields_dict.items()}
    assert entry.entry_type == "misc"
    assert entry.key == f"{occupation.slug}-faq"
    assert fields["title"] == "Harbour pilots: frequently asked questions"
    assert fields["author"] == "Customer Service Careers"
    assert fields["url"] == f"{SITE}/occupations/{occupation.slug}/faq/"
    assert fields["date"] == "2030-11-09"
    assert fields["urldate"] == "2031-02-03"


def test_downloads_are_never_kept_past_the_day(client, occupation):
    response = client.get(reverse("careers:profile-citation", args=[occupation.slug, "bib"]))
    assert "no-cache" in response["Cache-Control"]


def test_bibtex_escapes_what_latex_would_read_as_commands(client, occupation):
    occupation.title = "Pilots & 100% {mates}_#1"
    occupation.save()
    text = client.get(f"/occupations/{occupation.slug}/cite.bib").content.decode()
    assert r"title = {{Pilots \& 100\% \{mates\}\_\#1 (SOC 99-8765)}}" in text
    assert not bibtexparser.parse_string(text).failed_blocks


# A title that reached the database past the admin's checks (a shell, a row older than them),
# written to start records of its own: line breaks of three kinds, and a right-to-left override.
FORGED_TITLE = (
    "Harbour pilots\r\nER  - \r\n\r\nTY  - ELEC\nTI  - Injected\u2028AB  - x\u202e"
    "}\n@misc{injected,"
)


def forge_title(occupation):
    occupation.title = FORGED_TITLE
    occupation.save()


def test_a_title_with_line_breaks_stays_one_line_of_one_ris_record(client, occupation):
    forge_title(occupation)
    text = client.get(f"/occupations/{occupation.slug}/cite.ris").content.decode()
    lines = text.split("\r\n")
    assert lines.pop() == ""
    # One field a line, each tag once, and no other line break of any kind inside a line.
    assert [line[:6] for line in lines] == [
        f"{tag}  - " for tag in ("TY", "AU", "TI", "T2", "PB", "PY", "DA", "Y2", "UR", "LA", "ER")
    ]
    assert text.splitlines() == lines
    (entry,) = rispy.loads(text)
    assert entry["title"].startswith("Harbour pilots ")
    assert entry["title"].endswith(" (SOC 99-8765)")
    assert "\u202e" not in text


def test_a_title_with_line_breaks_stays_one_line_of_one_bibtex_entry(client, occupation):
    forge_title(occupation)
    text = client.get(f"/occupations/{occupation.slug}/cite.bib").content.decode()
    lines = text.splitlines()
    assert lines[0] == f"@misc{{{occupation.slug},"
    assert all(re.fullmatch(r"  \w+ = \{.*\},?", line) for line in lines[1:-1]), lines
    assert lines[-1] == "}"
    assert "\u202e" not in text
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == occupation.slug


def test_the_page_title_leaves_out_an_override(client, occupation):
    occupation.title = "Harbour\u202e pilots"
    occupation.save()
    page = soup(get_html(client, occupation.get_absolute_url()))
    expected = "Harbour pilots (SOC 99-8765) · Customer Service Careers"
    assert page.title.string == expected
    assert page.find("meta", property="og:title")["content"] == expected


@pytest.mark.parametrize(
    "path",
    [
        "/occupations/no-such-job/cite.ris",
        "/occupations/no-such-job/faq/cite.bib",
        "/occupations/{slug}/cite.pdf",
        "/occupations/{slug}/handout/cite.ris",
    ],
)
def test_unknown_citation_files_are_404(client, occupation, path):
    assert client.get(path.format(slug=occupation.slug)).status_code == 404


def test_an_unpublished_occupation_has_no_citation_file(client, occupation):
    occupation.is_published = False
    occupation.save()
    assert client.get(f"/occupations/{occupation.slug}/cite.ris").status_code == 404
