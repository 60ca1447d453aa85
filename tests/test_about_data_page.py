"""About the data: each source, every disagreement and its resolution, the 2,080-hour rule."""

from decimal import Decimal

from django.urls import reverse

from occupations.models import Figure

from .pages import block, get_html


def about(client):
    return get_html(client, reverse("careers:about-data"))


def test_each_source_says_what_it_is_its_period_and_what_we_take(client, db):
    html = about(client)
    for slug, period in (
        ("csr-profile-2008", "2008 (wage); 2008–2018"),
        ("csr-guide-2020", "May 2020 (wage); 2019–2029"),
        ("bls-ooh-waiters-2016", "May 2016"),
    ):
        entry = block(html, f"source-{slug}", tag="li")
        assert period in entry
        assert "What we take from it" in entry
        assert "What it is" in entry


def test_disagreements_and_their_resolutions_are_explained(client, db):
    disagreements = block(about(client), "disagreements")
    for anchor in ("note-three-pay-statements", "note-faster-or-slower", "note-broken-salary"):
        note = block(disagreements, anchor, tag="article")
        assert "What we do:" in note
    outlook = block(disagreements, "note-faster-or-slower", tag="article")
    assert "18 percent" in outlook
    assert "2 percent" in outlook
    assert "(undated: no period given)" in outlook


def test_broken_figure_is_explained_but_never_shown(client, db):
    html = about(client)
    assert "digits missing" in block(html, "note-broken-salary", tag="article")
    assert "around ,000" not in html


def test_conversion_rule_is_stated(client, db):
    assert "2,080 hours a year" in block(about(client), "conversion")


def test_notes_show_current_figure_values(client, db):
    Figure.objects.filter(slug="median-annual-wage-may-2020").update(value=Decimal("35500"))
    assert "$35,500 a year" in block(about(client), "note-broken-salary", tag="article")


def test_price_index_values_and_method_are_shown(client, db):
    section = block(about(client), "price-index")
    assert "215.303" in section
    assert "258.811" in section
    assert 'href="#source-bls-cpi-u"' in section


def test_about_stays_within_its_query_budget(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        about(client)


def test_home_links_to_every_page_type(client, csr):
    html = get_html(client, reverse("careers:home"))
    for url in (
        csr.get_absolute_url(),
        reverse("careers:occupation-faq", kwargs={"slug": csr.slug}),
        reverse("careers:over-time", kwargs={"slug": csr.slug}),
        reverse("careers:compare-index"),
        reverse("careers:about-data"),
    ):
        assert f'href="{url}"' in html
