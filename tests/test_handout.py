"""The counselor handout: what it holds, its QR code and link to the canonical profile URL,
its dates, and that it needs no script. Printing it is checked in tests/test_print.py."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from occupations.models import EducationItem, Quality, QuickFact

from .factories import OccupationFactory
from .pages import folded, get_html, references, soup

SITE = "https://careers.example.org"


@pytest.fixture
def canonical_site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]


def handout_url(occupation):
    return reverse("careers:handout", args=[occupation.slug])


def test_the_profile_links_to_its_handout(client, csr):
    page = soup(get_html(client, csr.get_absolute_url()))
    (link,) = page.select(f'a[href="{handout_url(csr)}"]')
    assert folded(link) == "Print a handout"


def test_the_handout_holds_what_a_counselor_hands_out(client, csr):
    page = soup(get_html(client, handout_url(csr)))
    text = folded(page.find("article"))
    assert folded(page.find("h1")) == csr.title
    assert f"SOC code {csr.soc_code}" in text
    # The newest pay and outlook, through the headline tag: value, period, program and source.
    pay = page.select_one("#handout-figures .headline-pay")
    assert folded(pay.select_one(".figure-value")) == csr.headline_wage.display_value
    assert "May 2025" in folded(pay)
    assert "Most earn between" in folded(pay)
    assert "BLS wage survey, May 2025" in folded(pay)
    listed = references(str(page))
    cited = {listed[a["href"][1:]][0] for a in pay.select("sup.fn a")}
    assert cited == {"source-bls-oews-2025a01"}
    outlook = page.select_one("#handout-figures .headline-outlook")
    assert folded(outlook.select_one(".figure-value")) == "Fewer jobs"
    assert "a decline of 5 percent" in folded(outlook)
    assert "341,700 openings a year" in folded(outlook)
    cited = {listed[a["href"][1:]][0] for a in outlook.select("sup.fn a")}
    assert cited == {"source-bls-ooh-csr-2025"}
    # BLS's list only: the older profile's (fax, standard mail) would need its date beside it.
    duties = [folded(li) for li in page.select("#handout-duties li")]
    assert [d.split(". ")[0].removesuffix(".") for d in duties] == [
        d.text for d in csr.duty_set.filter(source__slug="bls-ooh-csr-2025")
    ]
    assert len(duties) == 7
    cited = {
        references(str(page))[a["href"][1:]][0] for a in page.select("#handout-duties sup.fn a")
    }
    assert cited == {"source-bls-ooh-csr-2025"}
    getting_in = folded(page.find(id="handout-getting-in"))
    # The quick facts on the usual education and training, then what some employers ask
    # beyond; the schedule and the workplace go with what they do.
    what_they_do = folded(page.find(id="handout-duties"))
    for fact in csr.quickfact_set.all():
        way_in = fact.topic in (QuickFact.Topic.EDUCATION, QuickFact.Topic.TRAINING)
        assert (fact.text in getting_in, fact.text in what_they_do) == (way_in, not way_in)
    beyond = [
        EducationItem.Kind.REQUIRED_BY_SOME,
        EducationItem.Kind.REQUIRED_OR_PREFERRED,
        EducationItem.Kind.PREFERRED,
    ]
    assert csr.educationitem_set.filter(kind__in=beyond).exists()
    for item in csr.educationitem_set.all():
        assert (item.text in getting_in) == (item.kind in beyond), item.text
    # Each under its kind, as the profile files it: a bare list after "Where they work" read
    # as being about where they work (a new user's trial). Each names its source, which
    # dates it: the 2008 profile's "some positions require a degree" is not BLS's of 2025.
    for item in csr.educationitem_set.filter(kind__in=beyond):
        (shown,) = [dd for dd in page.select("#handout-getting-in dd") if item.text in folded(dd)]
        assert folded(shown.find_previous_sibling("dt")) == item.get_kind_display()
        assert f"{item.text} ({item.source.short_title})" in folded(shown)
    assert "(Career profile with 2008 figures)" in getting_in
    skills = folded(page.find(id="handout-skills"))
    # The skills are the 2020 guide's: the handout says so, which dates them.
    assert "Source: Career guide with 2020 figures." in skills
    for quality in csr.quality_set.all():
        assert (quality.name in skills) == (quality.kind == Quality.Kind.SKILL)
    titles = folded(page.find(id="handout-titles"))
    for title in csr.jobtitle_set.all():
        assert title.name.capitalize() in titles
    # Every marker points at a reference whose source is listed on the handout itself.
    described = {li["id"] for li in page.select("#sources li[id^='source-']")}
    cited = {listed[a["href"][1:]][0] for a in page.select("sup.fn a")}
    assert cited
    assert cited <= described


def test_the_qr_code_and_the_written_link_lead_to_the_canonical_profile_url(
    client, csr, canonical_site
):
    profile = f"{SITE}{csr.get_absolute_url()}"
    for host in ("testserver", "evil.example"):
        page = soup(client.get(handout_url(csr), HTTP_HOST=host).content.decode())
        (svg,) = page.select(".read-more .qr svg")
        assert svg["role"] == "img"
        assert svg["aria-label"] == f"QR code for {profile}"
        assert svg.find("path")
        (link,) = page.select(".profile-url a")
        assert link["href"] == profile
        assert folded(link).replace(" ", "") == profile
        assert page.select_one('link[rel="canonical"]')["href"] == f"{SITE}{handout_url(csr)}"


def test_the_handout_shows_when_it_was_reviewed_and_printed(client, csr):
    csr.last_reviewed = datetime.date(2026, 3, 2)
    csr.save()
    with time_machine.travel(datetime.datetime(2027, 1, 15, 8, tzinfo=datetime.UTC), tick=False):
        page = soup(get_html(client, handout_url(csr)))
    line = page.select_one("p.soc")
    assert "Our editors last checked it on 2 March 2026" in folded(line)
    assert "Printed 15 January 2027" in folded(line)
    assert [t["datetime"] for t in line.select("time")] == ["2026-03-02", "2027-01-15"]


def test_a_handout_never_reviewed_says_so(client, csr):
    csr.last_reviewed = None
    csr.save()
    assert "Not yet checked by an editor" in folded(soup(get_html(client, handout_url(csr))))


def test_the_handout_needs_no_script(client, csr):
    page = soup(get_html(client, handout_url(csr)))
    assert not page.find_all("script")
    assert not page.select("[onclick], [style]")


def test_no_handout_for_an_unknown_or_unpublished_occupation(client, csr):
    assert client.get("/occupations/no-such-job/handout/").status_code == 404
    csr.is_published = False
    csr.save()
    assert client.get(handout_url(csr)).status_code == 404


def test_a_handout_leaves_out_what_the_occupation_does_not_have(client, db):
    bare = OccupationFactory()
    page = soup(get_html(client, reverse("careers:handout", args=[bare.slug])))
    assert not page.select("#handout-skills")
    assert not page.select("#handout-titles")


def test_a_states_handout_gives_blss_duties_only(client, csr):
    page = soup(get_html(client, reverse("careers:pay-state-handout", args=[csr.slug, "texas"])))
    duties = [folded(li) for li in page.select("#handout-duties li")]
    bls = csr.duty_set.filter(source__slug="bls-ooh-csr-2025")
    assert [d.split(". ")[0].removesuffix(".") for d in duties] == [d.text for d in bls]
