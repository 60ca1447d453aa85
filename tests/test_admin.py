"""The editors' admin: every page opens, validation explains itself, history and revert work,
and an editor's change survives the next load_content."""

from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from urllib.parse import quote

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from occupations import passages
from occupations.content import data_models
from occupations.models import Duty, FAQEntry, Figure, Occupation, Source, WageEstimate
from occupations.passages import passage_text

from .admin_forms import admin_post_data, admin_url, edit_figure, form_errors, inline_prefix
from .content import CSR_SLUG as CSR
from .content import WAITERS_SLUG as WAITERS
from .factories import FigureFactory, OccupationFactory, annual_wage, growth, hourly_wage
from .pages import folded, get_html, soup, text_of

MAY_2020 = "median-annual-wage-may-2020"
OPENINGS = "annual-openings-2024-2034"


CONTENT_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label == "occupations" and model not in data_models()
]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.model_name)
def test_every_admin_page_opens_for_an_editor(editor_client, model):
    obj = model.objects.first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=a",
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "history", obj.pk),
    ):
        assert editor_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", data_models(), ids=lambda m: m._meta.model_name)
def test_bls_data_is_shown_to_editors_read_only(editor_client, model):
    obj = model.objects.first()
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=a",
        admin_url(model, "change", obj.pk),
    ):
        page = editor_client.get(url)
        assert page.status_code == 200, url
        assert 'name="_save"' not in page.content.decode(), url
    assert editor_client.get(admin_url(model, "add")).status_code == 403
    assert editor_client.post(admin_url(model, "change", obj.pk), {}).status_code == 403
    assert (
        editor_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    )
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_figure_imported_from_bls_is_read_only_for_editors(editor_client):
    figure = Figure.objects.filter(release__isnull=False).first()
    page = editor_client.get(admin_url(Figure, "change", figure.pk)).content.decode()
    assert 'name="_save"' not in page
    response = editor_client.post(admin_url(Figure, "change", figure.pk), {"value": "1.00"})
    assert response.status_code == 403
    figure.refresh_from_db()
    estimate = WageEstimate.objects.get(
        release=figure.release,
        soc_code=figure.occupation.soc_code,
        area__code="0000000",
        industry__code="000000",
    )
    assert figure.value in (estimate.annual_median, estimate.hourly_median) or figure.value in (
        estimate.annual_p10,
        estimate.annual_p90,
        estimate.hourly_p10,
        estimate.hourly_p90,
    )


def test_editor_sees_only_content_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "Figures" in index
    assert not soup(index).select('a[href="/admin/auth/user/"]')


def test_figure_edited_in_the_admin_shows_everywhere_and_survives_load_content(editor_client):
    figure = Figure.objects.get(slug=MAY_2020)
    response = edit_figure(editor_client, figure, value="36100.00")
    assert response.status_code == 302, form_errors(response)

    profile = get_html(editor_client, reverse("careers:occupation", args=[CSR]))
    assert "$36,100 a year" in text_of(profile, "pay")
    faq = get_html(editor_client, reverse("careers:occupation-faq", args=[CSR]))
    assert "$36,100 a year" in text_of(faq, "median-pay")
    compare = get_html(editor_client, reverse("careers:compare", args=[CSR, WAITERS]))
    assert "$36,100 a year" in text_of(compare, "compare-older-pay", tag="tr")

    out = StringIO()
    call_command("load_content", stdout=out)
    assert Figure.objects.get(pk=figure.pk).value == Decimal("36100.00")
    assert MAY_2020 in out.getvalue()


def test_history_records_who_changed_what_and_revert_restores_it(editor_client, editor):
    figure = Figure.objects.get(slug=MAY_2020)
    edit_figure(editor_client, figure, value="36100.00")
    latest, previous = figure.history.all()[:2]
    assert latest.history_user == editor
    assert latest.value == Decimal("36100.00")
    assert previous.value == Decimal("34710.00")
    history_page = get_html(editor_client, admin_url(Figure, "history", figure.pk))
    assert editor.username in history_page

    revert_url = admin_url(Figure, "simple_history", figure.pk, previous.history_id)
    response = editor_client.post(revert_url, admin_post_data(editor_client.get(revert_url)))
    assert response.status_code == 302
    assert Figure.objects.get(pk=figure.pk).value == Decimal("34710.00")
    profile = get_html(editor_client, reverse("careers:occupation", args=[CSR]))
    assert "$34,710 a year" in text_of(profile, "pay")
    assert "$36,100" not in profile

    call_command("load_content", stdout=StringIO())
    assert Figure.objects.get(pk=figure.pk).value == Decimal("34710.00")
    assert figure.history.count() == 3


def test_saving_an_occupation_with_inlines_says_what_changed(editor_client):
    occupation = OccupationFactory()
    annual_wage(occupation, "34710", 2020, month=5, slug=MAY_2020)
    url = admin_url(Occupation, "change", occupation.pk)
    page = editor_client.get(url)
    row = inline_prefix(page, Figure, MAY_2020)
    data = admin_post_data(
        page,
        definition_en="They answer customers' questions and settle complaints.",
        last_reviewed="2026-11-20",
        passage_checked="on",
        **{f"{row}-value": "35000.00", f"{row}-passage_checked": "on"},
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "What changed:" in messages
    assert "Definition" in messages
    assert "Last reviewed" in messages
    assert "Value" in messages
    page = soup(get_html(editor_client, occupation.get_absolute_url()))
    reviewed = " ".join(page.select_one("p.soc").get_text(" ").split())
    assert "Our editors last checked this page on" in reviewed
    assert "20 November 2026" in reviewed
    headline = " ".join(page.select_one("section#pay p.headline").get_text(" ").split())
    assert "$35,000 a year" in headline
    assert "(May 2020)" in headline


def figure_add(editor_client, **fields):
    occupation = Occupation.objects.get(slug=CSR)
    data = {
        "occupation": occupation.pk,
        "slug": "new-figure",
        "order": "0",
        "measure": "median_hourly_wage",
        "value": "17.00",
        "unit": "usd_hour",
        "period_start_year": "2024",
        "period_end_year": "2024",
        "period_month": "",
        "comparison": "",
        "source": occupation.source_id,
        "source_line": "2",
        "note": "",
    }
    data.update(fields)
    return editor_client.post(admin_url(Figure, "add"), data)


def test_a_valid_figure_can_be_added(editor_client):
    response = figure_add(editor_client)
    assert response.status_code == 302, form_errors(response)
    assert Figure.objects.filter(slug="new-figure").exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"value": "0"}, "value", "A wage must be above zero."),
        ({"value": "-2.50"}, "value", "A wage must be above zero."),
        (
            {"measure": "employment_growth", "unit": "percent", "value": "1200"},
            "value",
            "Growth must be between -100 and 1000 percent.",
        ),
        (
            {"period_start_year": "2029", "period_end_year": "2019"},
            "period_end_year",
            "The period cannot end before it starts.",
        ),
        ({"source": ""}, "source", "This field is required."),
        (
            {"value": "", "comparison": ""},
            "value",
            "A wage must be above zero. Give a value, or the source's comparison wording.",
        ),
        ({"slug": MAY_2020}, "__all__", "Figure with this Occupation and Slug already exists."),
    ],
    ids=[
        "zero wage",
        "negative wage",
        "growth",
        "period",
        "no source",
        "no value, two rules",
        "duplicate slug",
    ],
)
def test_invalid_figure_is_refused_with_a_clear_message(editor_client, fields, field, message):
    response = figure_add(editor_client, **fields)
    assert response.status_code == 200
    assert message in form_errors(response)[field]
    assert not Figure.objects.filter(slug="new-figure").exists()


@pytest.mark.parametrize(
    ("slug", "changes", "field", "message"),
    [
        (MAY_2020, {"period_month": "13"}, "period_month", "less than or equal to 12"),
        (MAY_2020, {"period_start_year": "0"}, "period_start_year", "greater than or equal"),
        (MAY_2020, {"period_end_year": "99999"}, "period_end_year", "less than or equal"),
        (
            MAY_2020,
            {"value": "9999999999.99"},
            "value",
            "A yearly wage above $2,080,000 is surely a typo",
        ),
        # An hourly wage typed in the yearly field, and a yearly one that lost a digit.
        (MAY_2020, {"value": "21.50"}, "value", "A yearly wage below $5,200 (under $2.50 an"),
        (MAY_2020, {"value": "3471"}, "value", "was an hourly wage typed in?"),
        (
            "median-hourly-wage-2008",
            {"value": "1.44"},
            "value",
            "An hourly wage below $2.50 is surely a typo",
        ),
        (
            MAY_2020,
            {"period_start_year": "2099", "period_end_year": "2099"},
            "period_end_year",
            "May 2099 is not over yet",
        ),
        (
            OPENINGS,
            {"period_start_year": "2099", "period_end_year": "2109"},
            "period_start_year",
            "A projection counts from its first year, and 2099 is not over yet.",
        ),
        (OPENINGS, {"value": "-5"}, "value", "A number of jobs must be above zero."),
        (OPENINGS, {"value": "0"}, "value", "A number of jobs must be above zero."),
    ],
    ids=[
        "month 13",
        "year 0",
        "year 99999",
        "absurd wage",
        "hourly in the yearly field",
        "a digit lost",
        "tiny hourly wage",
        "future",
        "future projection",
        "negative",
        "zero",
    ],
)
def test_an_impossible_value_on_a_figures_page_is_refused_beside_its_field(
    editor_client, slug, changes, field, message
):
    """An editor's typo is answered with a message beside the field, never an error page,
    and the figure keeps its value: a future period or an absurd amount would otherwise lead
    the profile."""
    figure = Figure.objects.get(occupation__slug=CSR, slug=slug)
    before = Figure.objects.filter(pk=figure.pk).values().get()
    response = edit_figure(editor_client, figure, **changes)
    assert response.status_code == 200
    assert message in form_errors(response)[field]
    assert Figure.objects.filter(pk=figure.pk).values().get() == before


def test_the_unit_follows_from_what_the_figure_measures(editor_client):
    # Editors do not pick the unit: the form has no such field, and a posted one is ignored.
    page = editor_client.get(admin_url(Figure, "add"))
    assert "unit" not in page.context["adminform"].form.fields
    response = figure_add(editor_client, unit="percent")
    assert response.status_code == 302, form_errors(response)
    assert Figure.objects.get(slug="new-figure").unit == Figure.Unit.USD_PER_HOUR


def test_slug_of_a_saved_record_cannot_be_changed_in_the_admin(editor_client):
    # load_content and every link find records by slug; renaming one would orphan them.
    occupation = Occupation.objects.get(slug=WAITERS)
    url = admin_url(Occupation, "change", occupation.pk)
    page = editor_client.get(url)
    assert page.context["adminform"].form.fields["slug"].disabled
    response = editor_client.post(
        url, admin_post_data(page, slug="waiting-staff", title_en="Waiters")
    )
    assert response.status_code == 302, form_errors(response)
    occupation.refresh_from_db()
    assert (occupation.slug, occupation.title) == (WAITERS, "Waiters")

    figure = Figure.objects.get(slug=MAY_2020)
    url = admin_url(Figure, "change", figure.pk)
    response = editor_client.post(url, admin_post_data(editor_client.get(url), slug="renamed"))
    assert response.status_code == 302, form_errors(response)
    assert Figure.objects.get(pk=figure.pk).slug == MAY_2020


def test_slug_of_a_saved_part_is_fixed_and_a_new_one_gets_one(editor_client):
    occupation = Occupation.objects.get(slug=CSR)
    first = Duty.objects.filter(occupation=occupation).first()
    url = admin_url(Duty, "change", first.pk)
    page = editor_client.get(url)
    assert page.context["adminform"].form.fields["slug"].disabled
    response = editor_client.post(url, admin_post_data(page, slug="renamed-duty"))
    assert response.status_code == 302, form_errors(response)
    assert Duty.objects.get(pk=first.pk).slug == first.slug
    # A new duty, from the occupation page's link: the occupation comes filled in.
    adding = admin_url(Duty, "add") + f"?occupation={occupation.pk}"
    page = editor_client.get(adding)
    form = page.context["adminform"].form
    assert not form.fields["slug"].disabled
    assert form.initial["occupation"] == str(occupation.pk)
    response = editor_client.post(
        adding,
        admin_post_data(
            page,
            order=20,
            text_en="Greet visitors at the counter",
            slug="greet-visitors",
            source=occupation.source_id,
            source_line=9,
        ),
    )
    assert response.status_code == 302, form_errors(response)
    assert Duty.objects.get(occupation=occupation, slug="greet-visitors").text.startswith("Greet")


def test_the_occupation_page_is_its_own_fields_and_links_to_its_parts(editor_client):
    """One page held 1,385 form controls; now the parts open on their own pages."""
    occupation = Occupation.objects.get(slug=CSR)
    page = editor_client.get(admin_url(Occupation, "change", occupation.pk))
    html = soup(page.content.decode())
    controls = html.select(
        'form#occupation_form input:not([type="hidden"]), form#occupation_form select, '
        "form#occupation_form textarea"
    )
    assert len(controls) < 200, len(controls)
    links = {a.get_text(): a["href"] for a in html.select(".occupation-parts a")}
    duties = Duty.objects.filter(occupation=occupation).count()
    assert links[f"Duties ({duties})"] == (
        admin_url(Duty, "changelist") + f"?occupation__id__exact={occupation.pk}"
    )
    assert links["new duty"] == admin_url(Duty, "add") + f"?occupation={occupation.pk}"
    assert editor_client.get(links[f"Duties ({duties})"]).status_code == 200


@pytest.mark.parametrize("url", ["ftp://ftp.example.org/data.txt", "javascript:alert(1)"])
def test_source_url_that_is_not_a_web_address_is_refused_in_the_admin(editor_client, url):
    source = Source.objects.get(slug="bls-ooh-waiters-2016")
    url_before = source.url
    change = admin_url(Source, "change", source.pk)
    response = editor_client.post(change, admin_post_data(editor_client.get(change), url=url))
    assert response.status_code == 200
    assert "http:// or https://" in form_errors(response)["url"]
    assert Source.objects.get(pk=source.pk).url == url_before


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Waiters\u202e", "Remove the right-to-left override (U+202E) at character 8"),
        ("Wait\u200bers", "Remove the zero width space (U+200B) at character 5"),
        ("Waiters\x1b", "Remove the control character (U+001B) at character 8"),
        (
            "Waiters\r\nand waitresses",
            "This field is one line: remove the carriage return (U+000D) at character 8.",
        ),
    ],
    ids=["right-to-left override", "zero-width space", "escape", "line break"],
)
def test_invisible_characters_are_refused_with_a_message_naming_them(editor_client, title, message):
    occupation = OccupationFactory()  # no parts: a small change page to post
    url = admin_url(Occupation, "change", occupation.pk)
    # A text box's line breaks (CR LF, as browsers send them) are no such character.
    definition = "Take orders.\r\n\r\nServe food and drinks."
    data = admin_post_data(editor_client.get(url), title_en=title, definition_en=definition)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    errors = form_errors(response)
    assert message in errors["title_en"]
    assert "definition" not in errors
    assert Occupation.objects.get(pk=occupation.pk).title == occupation.title


def listed(html):
    """The visible text of an admin changelist's result table."""
    table = soup(html).select_one("#result_list")
    return "" if table is None else " ".join(table.get_text(" ").split())


def test_stale_figures_are_flagged(editor_client, settings):
    occupation = OccupationFactory()
    old = hourly_wage(occupation, "14.36", 2008, slug="test-hourly-wage-2008")
    growth(occupation, "5", None, None, slug="test-growth-undated")
    changelist = admin_url(Figure, "changelist") + f"?occupation__id__exact={occupation.pk}"
    # The list names each figure by its measure, value and period.
    everything = listed(get_html(editor_client, changelist))
    assert "$14.36 an hour 2008" in everything
    assert "5 percent no period given" in everything
    stale = listed(get_html(editor_client, changelist + "&stale=yes"))
    assert "$14.36 an hour 2008" in stale
    assert "5 percent" not in stale
    settings.STALE_FIGURE_YEARS = 100
    assert "$14.36" not in listed(get_html(editor_client, changelist + "&stale=yes"))
    old.refresh_from_db()
    assert old.is_stale is False


def test_view_on_site_leads_to_the_public_page(editor_client):
    figure = FigureFactory()
    page = soup(get_html(editor_client, admin_url(Figure, "change", figure.pk)))
    assert any("View on site" in link.get_text() for link in page.find_all("a"))
    response = editor_client.get(f"/admin/r/{figure_content_type_id()}/{figure.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(figure.get_absolute_url())


def figure_content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Figure).pk


def login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
    )


def test_five_failed_logins_lock_the_client_out_until_the_cool_off_ends(client, editor):
    for _ in range(4):
        assert login(client, "wrong").status_code == 200
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert login(client, "a-long-Editor-passphrase-42").status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = login(client, "a-long-Editor-passphrase-42")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_create_editor_command_makes_a_staff_account_in_the_editors_group(
    db, monkeypatch, settings
):
    monkeypatch.setenv("CAREERS_EDITOR_PASSWORD", "another-Long-passphrase-7")
    settings.SITE_URL, settings.SITE_URL_IS_SET = "https://careers.example.org", True
    output = StringIO()
    call_command("create_editor", "sam", "--email", "sam@example.org", stdout=output)
    assert "Sign in at https://careers.example.org/admin/ to edit content." in output.getvalue()
    # Without CAREERS_SITE_URL the command cannot know where the site is served.
    settings.SITE_URL_IS_SET = False
    monkeypatch.setenv("CAREERS_EDITOR_PASSWORD", "a-third-Long-passphrase-8")
    output = StringIO()
    call_command("create_editor", "kim", stdout=output)
    assert "Sign in at /admin/ on the site (" in output.getvalue()
    sam = get_user_model().objects.get(username="sam")
    assert sam.is_staff
    assert not sam.is_superuser
    assert sam.check_password("another-Long-passphrase-7")
    assert list(sam.groups.values_list("name", flat=True)) == ["Editors"]
    assert sam.has_perm("occupations.change_figure")
    assert not sam.has_perm("occupations.delete_figure")
    assert not sam.has_perm("auth.view_user")


@pytest.mark.parametrize(
    "tail", ["history/abc/", "history/99999999/", "history/1.5/", "history/²/"]
)
def test_a_malformed_or_unknown_history_id_is_a_404(editor_client, tail):
    figure = FigureFactory()
    base = admin_url(Figure, "change", figure.pk).removesuffix("change/")
    assert editor_client.get(base + tail).status_code == 404
    assert editor_client.post(base + tail, {}).status_code == 404


@pytest.mark.parametrize("path", ["abc/history/1/", "abc/history/", "²/history/"])
def test_a_malformed_object_id_in_a_history_url_is_not_an_error(editor_client, path):
    response = editor_client.get(f"/admin/occupations/figure/{path}")
    assert response.status_code in (302, 404)


def test_a_stale_figure_is_shown_as_a_warning_not_a_tick(editor_client):
    page = editor_client.get(admin_url(Figure, "changelist") + "?stale=yes")
    html = page.content.decode()
    rows = soup(html).select("#result_list tbody tr")
    assert rows
    for row in rows:
        freshness = row.select_one("td.field-stale")
        assert "Stale" in freshness.get_text()
        assert "ago" in freshness.get_text()
        assert freshness.select_one('img[src$="icon-alert.svg"]')
        assert not freshness.select_one('img[src$="icon-yes.svg"]')


def test_a_changed_value_whose_source_did_not_change_asks_for_confirmation(editor_client):
    """The review's case: $34,710 became $41,230, still credited to the guide's line 58."""
    figure = Figure.objects.get(slug=MAY_2020)
    url = admin_url(Figure, "change", figure.pk)
    page = editor_client.get(url)
    refused = editor_client.post(url, admin_post_data(page, value="41230.00"))
    assert refused.status_code == 200
    # The question sits on the tick box, whose folded "Source" fieldset opens for it.
    (message,) = refused.context["adminform"].form.errors["passage_checked"]
    tick_box = soup(refused.content.decode()).select_one("#id_passage_checked")
    assert tick_box.find_parent("details") is None
    assert "You changed the value but not where it stands." in message
    assert "The site will show “$41,230 a year, May 2020”" in message
    assert f"credited to {figure.citations()[0].label}" in message
    assert "That passage says: “" in message
    assert "34,710" in message
    assert Figure.objects.get(pk=figure.pk).value == Decimal("34710.00")
    # Confirmed: saved.
    confirmed = editor_client.post(
        url, admin_post_data(refused, value="41230.00", passage_checked="on")
    )
    assert confirmed.status_code == 302, form_errors(confirmed)
    assert Figure.objects.get(pk=figure.pk).value == Decimal("41230.00")


def test_a_value_changed_with_its_citation_needs_no_confirmation(editor_client):
    figure = Figure.objects.get(slug=MAY_2020)
    url = admin_url(Figure, "change", figure.pk)
    response = editor_client.post(
        url,
        admin_post_data(
            editor_client.get(url), value="34720.00", source_line=figure.source_line + 1
        ),
    )
    assert response.status_code == 302, form_errors(response)


def test_changed_text_on_the_occupation_page_asks_too(editor_client):
    occupation = Occupation.objects.get(slug=CSR)
    duty = Duty.objects.filter(occupation=occupation).first()
    url = admin_url(Occupation, "change", occupation.pk)
    page = editor_client.get(url)
    row = inline_prefix(page, Duty, duty.slug)
    refused = editor_client.post(url, admin_post_data(page, **{f"{row}-text_en": "Sell products"}))
    assert refused.status_code == 200
    assert "You changed the text in English but not where it stands." in refused.content.decode()
    assert Duty.objects.get(pk=duty.pk).text == duty.text


def test_the_history_names_an_editor_without_a_link_they_cannot_open(editor_client, editor):
    figure = Figure.objects.get(slug=MAY_2020)
    edit_figure(editor_client, figure, value="34720.00")
    history = soup(editor_client.get(admin_url(Figure, "history", figure.pk)).content.decode())
    cells = [cell for cell in history.select("#change-history td") if "editor" in cell.get_text()]
    assert cells
    assert not [cell for cell in cells if cell.select_one("a")]


def test_the_dashboard_lists_stale_figures_old_leading_figures_and_releases_due(
    editor_client, monkeypatch
):
    import time_machine

    with time_machine.travel(date(2026, 12, 6), tick=False):
        html = soup(editor_client.get(reverse("admin:index")).content.decode())
    dashboard = html.select_one("#editors-dashboard")
    text = " ".join(dashboard.get_text(" ").split())
    # The 2008 profile's wage is stale.
    stale = Figure.objects.filter(period_start_year=2008).first()
    assert dashboard.select_one(f'a[href="{admin_url(Figure, "change", stale.pk)}"]')
    # May 2025 is as old, on 6 December 2026, as its period's end says: 1 year 6 months.
    assert "Customer service representatives: Median annual wage" in text
    assert "May 2025, 1 year 6 months" in text
    assert "over a year old" in text
    # OEWS May 2026 is due since 1 April 2027 only; the 2025–2035 projections since
    # 15 September 2026.
    assert "OEWS, May 2026" not in text
    assert "Employment Projections, 2025–2035 (the job outlook): likely published since" in text
    # They have no files to upload: the link opens a new figure's form, its measure and
    # period filled in (it led to a list of the old projections, where nothing said what next).
    (row,) = [row for row in dashboard.select("tr") if "Employment Projections" in row.get_text()]
    link = row.select_one("a")
    assert link.get_text() == "Add its figures"
    form = editor_client.get(link["href"]).context["adminform"].form
    assert form.initial["measure"] == "employment_growth"
    assert (form.initial["period_start_year"], form.initial["period_end_year"]) == (
        "2025",
        "2035",
    )
    assert "Last import" in text


def fieldset_fields(page, name):
    for fieldset in page.context["adminform"]:
        if fieldset.name == name:
            return [
                field.field["name"] if isinstance(field.field, dict) else field.field.name
                for line in fieldset
                for field in line
            ]
    raise AssertionError(f"no fieldset {name}")


def test_a_web_page_source_shows_its_section_and_a_document_its_lines_and_text(editor_client):
    by_section = Figure.objects.filter(source__cites_by_section=True, release__isnull=True).first()
    page = editor_client.get(admin_url(Figure, "change", by_section.pk))
    assert fieldset_fields(page, "Source") == [
        "source",
        "source_section",
        "cited_passage",
        "passage_checked",
    ]
    # Folded until wanted, and the passage read from the site's copy of the page.
    assert soup(page.content.decode()).select_one("#id_source").find_parent("details")
    shown = soup(page.content.decode()).select_one(".field-cited_passage").get_text()
    assert passage_text(by_section.source, by_section.source_line).split()[0] in shown
    assert "source_line" in fieldset_fields(page, "Line numbers in our copy of the page")

    duty = Duty.objects.filter(source__cites_by_section=False).first()
    page = editor_client.get(admin_url(Duty, "change", duty.pk))
    fields = fieldset_fields(page, "Source")
    assert fields[:4] == ["source", "source_line", "source_line_end", "cited_passage"]
    shown = " ".join(
        soup(page.content.decode()).select_one(".field-cited_passage").get_text().split()
    )
    passage = passage_text(duty.source, duty.source_line, duty.source_line_end)
    assert passage
    assert passage in shown


def test_figures_filter_by_the_period_they_describe(editor_client):
    page = editor_client.get(admin_url(Figure, "changelist"))
    choices = {
        choice["display"]: choice["query_string"]
        for spec in page.context["cl"].filter_specs
        if spec.title == "period"
        for choice in spec.choices(page.context["cl"])
    }
    assert "May 2025" in choices
    may_2025 = editor_client.get(admin_url(Figure, "changelist") + choices["May 2025"])
    shown = list(may_2025.context["cl"].result_list)
    assert shown
    assert {figure.period_label for figure in shown} == {"May 2025"}
    # A made-up value is no filter, not an error.
    assert editor_client.get(admin_url(Figure, "changelist") + "?period=x").status_code == 200


def test_a_note_whose_figure_changed_is_listed_until_it_is_saved_again(editor_client):
    """The review's case: a note that the May 2020 median "matches around $35,000" went on
    saying so after the figure was changed."""
    from occupations.models import DataNote

    note = DataNote.objects.filter(figures__slug=MAY_2020).first()
    assert note is not None
    figure = note.figures.get(slug=MAY_2020)

    def listed():
        html = soup(editor_client.get(reverse("admin:index")).content.decode())
        return " ".join(html.select_one("#editors-dashboard").get_text(" ").split())

    assert note.title not in listed()
    response = edit_figure(editor_client, figure, value="41230.00")
    assert response.status_code == 302, form_errors(response)
    text = listed()
    assert note.title in text
    assert "$34,710 a year when the text was saved, now $41,230 a year" in text
    # Saved again (checked by the editor): no longer listed.
    url = admin_url(DataNote, "change", note.pk)
    saved = editor_client.post(url, admin_post_data(editor_client.get(url)))
    assert saved.status_code == 302, form_errors(saved)
    assert note.title not in listed()


@pytest.mark.parametrize("query", ["$34,710", "34,710", "34710"])
def test_a_figure_is_found_by_its_value_as_the_site_writes_it(editor_client, query):
    page = get_html(editor_client, admin_url(Figure, "changelist") + f"?q={quote(query)}")
    assert "$34,710 a year" in listed(page)


def test_a_period_change_says_the_period_the_site_will_show(editor_client):
    figure = Figure.objects.get(slug=MAY_2020)
    url = admin_url(Figure, "change", figure.pk)
    refused = editor_client.post(url, admin_post_data(editor_client.get(url), period_month="4"))
    assert (
        "The site will show “$34,710 a year, April 2020”" in form_errors(refused)["passage_checked"]
    )


def new_figure_cited_by_section(editor_client, source, section):
    """The admin's add-figure form for the handbook's May 2024 hourly median, cited by
    `section` and no line: (its URL, the data to post)."""
    url = admin_url(Figure, "add")
    data = admin_post_data(
        editor_client.get(url),
        occupation=Occupation.objects.get(slug=CSR).pk,
        slug="new-pay-figure",
        measure="median_hourly_wage",
        value="20.59",
        period_start_year="2024",
        period_end_year="2024",
        period_month="5",
        source=source.pk,
        source_section=section,
    )
    data["source_line"] = ""
    return url, data


def test_a_fact_from_a_web_page_needs_only_its_section(editor_client):
    """An editor copying a figure from a BLS handbook page names the section, as readers see
    it; the line the site's checks read is found in its copy of the page."""
    source = Source.objects.get(slug="bls-ooh-csr-2025")
    url, data = new_figure_cited_by_section(editor_client, source, "Pay")
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    figure = Figure.objects.get(slug="new-pay-figure")
    assert "$20.59" in passage_text(source, figure.source_line, figure.source_line + 3)

    data.update(slug="another-pay-figure", source_section="Salary")
    refused = editor_client.post(url, data)
    assert "the site has no “Salary” in its copy" in form_errors(refused)["source_line"]


def test_a_section_on_a_site_without_a_copy_of_the_page_says_the_copy_is_missing(
    editor_client, settings, tmp_path
):
    """Without the documents (a checkout with no ../shared beside it), no section can be
    found: the message says the copy is missing, not that the page has no such section."""
    settings.SOURCE_DOCUMENT_DIRS = [tmp_path]
    passages._lines.cache_clear()
    source = Source.objects.get(slug="bls-ooh-csr-2025")
    url, data = new_figure_cited_by_section(editor_client, source, "Pay")
    try:
        refused = editor_client.post(url, data)
    finally:
        passages._lines.cache_clear()
    assert form_errors(refused)["source_line"] == (
        "Give the line the fact is on: the site has no copy of this page here "
        "(CAREERS_SOURCE_DOCUMENTS), so it cannot find where “Pay” begins."
    )


def test_a_refused_save_names_the_record_as_it_still_is(editor_client):
    figure = Figure.objects.get(slug=MAY_2020)
    url = admin_url(Figure, "change", figure.pk)
    refused = editor_client.post(url, admin_post_data(editor_client.get(url), value="41230.00"))
    page = soup(refused.content.decode())
    assert "$34,710 a year" in page.select_one(".breadcrumbs").get_text()
    assert "$41,230" not in page.select_one(".breadcrumbs").get_text()


def test_the_tick_box_is_not_reported_as_a_change(editor_client):
    figure = Figure.objects.get(slug=MAY_2020)
    response = edit_figure(editor_client, figure, value="41230.00")
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "What changed: Changed Value." in messages
    assert "cited passage" not in messages


def test_labels_say_what_they_mean(editor_client):
    """The review found "Measures:" and an unexplained "Order" on a figure's page."""
    figure = Figure.objects.get(slug=MAY_2020)
    page = soup(get_html(editor_client, admin_url(Figure, "change", figure.pk)))
    labels = {label.get_text(strip=True) for label in page.select("label")}
    assert "Measure:" in labels
    assert "Display order:" in labels
    assert "Measures:" not in labels
    order_help = page.select_one(".field-order .help").get_text()
    assert "lower numbers come first" in order_help


def test_a_save_tells_the_editors_browser_to_drop_the_pages_it_kept(editor_client):
    """The browser half is tests/test_admin_browser.py; here, which answers carry it."""
    figure = Figure.objects.get(occupation__slug=CSR, slug=MAY_2020)
    refused = edit_figure(editor_client, figure, value="-1")
    assert refused.status_code == 200
    assert "Clear-Site-Data" not in refused
    saved = edit_figure(editor_client, figure, value="36100.00")
    assert saved.status_code == 302
    assert saved["Clear-Site-Data"] == '"cache"'
    assert "Clear-Site-Data" not in editor_client.get(reverse("careers:home"))
    # Only an editor's saves: not signing in or out, nor a visitor sent to the sign-in page.
    # (Clearing a large cache can keep a browser busy for seconds.)
    assert "Clear-Site-Data" not in editor_client.post(reverse("admin:logout"))
    signed_in = login(editor_client, "a-long-Editor-passphrase-42")
    assert signed_in.status_code == 302
    assert "Clear-Site-Data" not in signed_in
    visitor = Client().post(admin_url(Figure, "change", figure.pk), {})
    assert visitor.status_code == 302
    assert "Clear-Site-Data" not in visitor


def test_a_refused_save_shows_its_folded_sections_open(editor_client):
    """The citation sections are folded on a form, and a refused save used to leave them
    folded: "Please correct the error below." with the error out of sight."""
    opened = editor_client.get(admin_url(Figure, "add"))
    assert any("collapse" in fieldset.classes for fieldset in opened.context["adminform"])
    response = figure_add(editor_client, source_line="")
    assert response.status_code == 200
    assert "source_line" in form_errors(response)
    assert not any("collapse" in fieldset.classes for fieldset in response.context["adminform"])


def test_a_web_page_source_without_its_section_asks_for_the_section_only(editor_client):
    """For a source read as a web page an editor names the section; the form used to ask
    for a line as well, two messages that seemed to contradict each other."""
    source = Source.objects.get(slug="bls-ooh-csr-2025")
    response = figure_add(editor_client, source=source.pk, source_line="", source_section="")
    errors = form_errors(response)
    assert "name the section the fact is in" in errors["source_section"]
    assert "source_line" not in errors


def test_the_history_page_says_empty_and_who_changed_it_never_none(editor_client, editor):
    """A field that was blank reads “(empty)”, a record the content loader wrote reads as a
    command's, and there is no column of change reasons the site never records: the page
    said “None” in all three places. Its paginator's inline style broke the strict CSP."""
    figure = Figure.objects.get(slug="median-hourly-wage-2008", occupation__slug=CSR)
    assert figure.period_month is None
    response = edit_figure(editor_client, figure, period_month="5")
    assert response.status_code == 302, form_errors(response)
    page = soup(get_html(editor_client, admin_url(Figure, "history", figure.pk)))
    table = page.select_one("#change-history")
    headings = [folded(th) for th in table.select("thead th")]
    assert "Change reason" not in headings
    cells = [folded(td) for td in table.select("tbody td")]
    assert not [cell for cell in cells if "None" in cell.split()], cells
    assert "Period month: (empty) → 5" in cells
    assert editor.username in cells
    assert "A command, not an editor" in cells
    assert not page.select("[style]")


def test_the_save_message_gives_each_changed_value_before_and_after(editor_client):
    """An editor who typed a wrong digit sees it at once: "Value: 34710.00 → 41230.00", not
    only "Changed Value."; a blank value reads "(empty)"."""
    figure = Figure.objects.get(slug="median-hourly-wage-2008", occupation__slug=CSR)
    response = edit_figure(editor_client, figure, value="14.40", period_month="5")
    assert response.status_code == 302, form_errors(response)
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Value: 14.36 → 14.40" in messages
    assert "Period month: (empty) → 5" in messages
    assert "Version" not in messages


def test_a_figure_from_blss_files_says_why_it_is_read_only_and_what_to_do(editor_client, csr):
    """An editor told “BLS corrected the median” opened it and found a read-only page that
    said nothing."""
    figure = csr.figure_set.get(slug="oews-2025a01-median-annual-wage")
    page = soup(get_html(editor_client, admin_url(Figure, "change", figure.pk)))
    (message,) = page.select("ul.messagelist li")
    assert "comes from BLS's own files (BLS wage survey, May 2025)" in message.get_text()
    assert message.select_one("a")["href"] == reverse("admin:occupations_release_import")
    typed = csr.figure_set.filter(release__isnull=True).first()
    assert not soup(get_html(editor_client, admin_url(Figure, "change", typed.pk))).select(
        "ul.messagelist li"
    )


def test_a_text_edit_is_told_once_in_its_language(editor_client, csr):
    """The save message listed each edit twice, “Answer: …” and “Answer [en]: …”: the
    original column repeats the English one."""
    entry = FAQEntry.objects.get(slug="median-pay", occupation=csr)
    url = admin_url(FAQEntry, "change", entry.pk)
    data = admin_post_data(editor_client.get(url), passage_checked="on")
    data["answer_en"] += " Ask about overtime."
    response = editor_client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    (message,) = [str(m) for m in get_messages(response.wsgi_request) if "What changed" in str(m)]
    assert message.count("→") == 1, message
    assert "Answer in English: " in message


def test_an_answer_is_at_most_2000_characters(editor_client, csr):
    """An 84,000-character answer saved, and the FAQ page grew to 210 KB."""
    entry = FAQEntry.objects.get(slug="median-pay", occupation=csr)
    url = admin_url(FAQEntry, "change", entry.pk)
    page = editor_client.get(url)
    # No maxlength on the box: a browser cuts a longer paste there without a word.
    assert not soup(page.content.decode()).select("textarea[name=answer_en][maxlength]")
    data = admin_post_data(page, passage_checked="on")
    data["answer_en"] = "It pays well. " * 150
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "at most 2000 characters" in form_errors(response)["answer_en"]
