"""Every page reads a fixed number of queries, however many rows its occupations have.

A page rendered after an edit (a page-cache miss) should cost the same with 10 duties
or 60: each page's budget is checked on two full profiles, then again after 10 more of
every part (and 10 more figures, FAQ entries and data notes) were added to each, and again
with 5 more occupations beside them. Ten is enough: a query per row would add at least ten
to a budget of at most 18.
"""

import pytest
from django.urls import reverse

from .factories import DataNoteFactory, FigureFactory, OccupationFactory, full_profile

# What each page needs today, so a new query shows up here first. Issue 13 set the profile's
# budget at 8 and every other page's at 5; issue 22 traded that for Django's own
# prefetch_related instead of a hand-built union (what it costs a render: docs/performance.md).
# A page that shows a whole profile (the profile, the handout, the comparison) reads the
# occupations with their sources (1), their figures (1) and the notes that question them (1),
# and each other part the profile lists (11, and 1 for the work settings' details): 15. The
# API's detail of an occupation and the JSON export carry the whole profile and its FAQ (2
# more: the entries and their figures); the API's detail also reads the content version for
# Last-Modified.
BUDGETS = {
    # The headline's notes (BLS's reason for the outlook) are one query more, and each card's
    # entry-level education one more.
    "home": 5,
    # The profile, the other occupations to compare it with (1), the states for the "Pay in
    # your state" form (1), and the newest release with its national estimates for the
    # comparison with all occupations (2).
    "profile": 19,
    # Pay by state: the occupation, the newest release, the nation's and states' estimates,
    # and the industries'.
    "pay": 4,
    # A state: the occupation with what its headline reads (its figures, their notes and the
    # headline's notes: the outlook and its caveats) and its way in (education and training),
    # the release, the state and nation, the areas, their estimates, the states for the form,
    # and the other occupations to compare with there.
    "pay-state": 11,
    # Two occupations in a state: both occupations with what their headlines read (4), and for
    # each the release, the state and nation, and their estimates; the states for the form.
    "compare-state": 11,
    # The state's handout: the occupation with its figures, their notes, the headline notes,
    # quick facts and duties (6), and the state's reads but the form (4).
    "pay-state-handout": 10,
    "pay-csv": 4,
    "handout": 15,
    # The FAQ leads with the headline: the figures, their notes and the headline's notes; its
    # pay answer compares the newest median with all occupations' (the newest release and its
    # national estimate, 2).
    "faq": 9,
    "over-time": 4,
    # The comparison, and the states for "Compare in a state" (1).
    "compare": 16,
    "compare-index": 1,
    # The price indexes in use and the job counts come from the occupations' figures (2),
    # BLS's releases (1) and their national estimates (1).
    "about-data": 8,
    # One query per searched field (5), one for the states' names (a state named leads to
    # its pay), and one for the results' headline figures; or, when nothing matches, one for
    # the occupations the site covers.
    "search": 7,
    "search-nothing": 7,
    # A query of pay or outlook words lists every occupation: one query more.
    "search-section": 8,
    # The occupations, their pairs, and the states each has a pay page for.
    "sitemap": 3,
    "csv": 2,
    "json": 17,
    "api-occupations": 3,
    "api-occupation": 18,
    "api-figures": 4,
    "api-sources": 3,
    # The count, the page, and the content version for Last-Modified.
    "api-areas": 3,
    # The occupation, the newest release, the count, the page and the content version,
    # however many areas.
    "api-wages": 5,
}


def page_urls(occupation, other):
    return {
        "home": reverse("careers:home"),
        "profile": occupation.get_absolute_url(),
        "pay": reverse("careers:pay", args=[occupation.slug]),
        "pay-state": reverse("careers:pay-state", args=[occupation.slug, "texas"]),
        "pay-state-handout": reverse("careers:pay-state-handout", args=[occupation.slug, "texas"]),
        "pay-csv": reverse("careers:pay-csv", args=[occupation.slug]),
        "handout": reverse("careers:handout", args=[occupation.slug]),
        "faq": reverse("careers:occupation-faq", args=[occupation.slug]),
        "over-time": reverse("careers:over-time", args=[occupation.slug]),
        "compare": reverse("careers:compare", args=[occupation.slug, other.slug]),
        "compare-index": reverse("careers:compare-index"),
        "compare-state": reverse(
            "careers:compare-state", args=[occupation.slug, other.slug, "ohio"]
        ),
        "about-data": reverse("careers:about-data"),
        # A query that every test occupation matches, in its title.
        "search": reverse("careers:search") + "?q=test+occupation",
        "search-nothing": reverse("careers:search") + "?q=zzyzx",
        "search-section": reverse("careers:search") + "?q=salaries",
        "sitemap": reverse("careers:sitemap"),
        "csv": reverse("careers:occupation-csv", args=[occupation.slug]),
        "json": reverse("careers:occupation-json", args=[occupation.slug]),
        "api-occupations": reverse("api:occupations"),
        "api-occupation": reverse("api:occupation", args=[occupation.slug]),
        "api-figures": reverse("api:figures", args=[occupation.slug]),
        "api-sources": reverse("api:sources"),
        "api-areas": reverse("api:areas") + "?page_size=100",
        "api-wages": reverse("api:wages", args=[occupation.slug]) + "?page_size=100",
    }


def grow(occupation, times):
    for _ in range(times):
        full_profile(occupation)
        DataNoteFactory(occupation=occupation, figures=[FigureFactory(occupation=occupation)])


@pytest.fixture
def two_occupations(db):
    occupation, other = OccupationFactory(), OccupationFactory()
    for each in (occupation, other):
        grow(each, 1)
    return occupation, other


def assert_budgets(client, urls, django_assert_max_num_queries):
    for page, url in urls.items():
        with django_assert_max_num_queries(BUDGETS[page], info=page):
            response = client.get(url)
        assert response.status_code == 200, page


def test_every_page_stays_within_its_budget_as_content_grows(
    client, two_occupations, django_assert_max_num_queries
):
    occupation, other = two_occupations
    urls = page_urls(occupation, other)
    assert_budgets(client, urls, django_assert_max_num_queries)
    for each in two_occupations:
        grow(each, 10)
    assert_budgets(client, urls, django_assert_max_num_queries)
    for _ in range(5):  # more occupations for the lists, the sitemap and search to show
        grow(OccupationFactory(), 1)
    assert_budgets(client, urls, django_assert_max_num_queries)
    assert "Test occupation" in client.get(urls["search"]).content.decode()
    assert occupation.duty_set.count() == 11
    profile = client.get(urls["profile"]).content.decode()
    assert all(duty.text in profile for duty in occupation.duty_set.all())
    # And the newest row of every other part the profile lists.
    for part in (
        occupation.jobtitle_set.last().name.capitalize(),
        occupation.quality_set.last().name,
        occupation.worksetting_set.last().name,
        occupation.educationitem_set.last().text,
        occupation.sector_set.last().name.capitalize(),
        occupation.advancementpath_set.last().title,
        occupation.tip_set.last().title,
        occupation.profilenote_set.last().text,
    ):
        assert part in profile, part
