"""Pay where you live: an occupation's pay by state, area and industry, a page per state, and
a state's one-page handout. The reads live in occupations.area_pay."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from careers.edge.canonical import absolute_url
from careers.edge.decorators import safe_methods_only
from careers.pagecache.decorators import cached_public_page, cached_sortable_page
from occupations import area_pay, selectors
from occupations.formatting import HOURS_PER_YEAR_TEXT as HOURS
from occupations.headline import headline
from occupations.models import QuickFact

from .page_citations import state_pay_citation
from .qr import qr_svg
from .views import breadcrumbs, citation_context, citation_download, occupation_crumb

SORTS = tuple(area_pay.SORTS)
# What a state's slug may hold. Anything else (PostgreSQL refuses a NUL in a query) is a 404.
SLUG = re.compile(r"[-a-z0-9]{1,220}")


def _occupation(slug, lead=False):
    """The published occupation; with lead=True, with what its headline reads (the outlook,
    and notes such as that waiters' wages include tips) and its way in (education and
    training), which a state's page answers near its top as the profile does."""
    occupations = selectors.published_occupations()
    if lead:
        occupations = selectors.with_way_in(
            selectors.with_headline(occupations),
            topics=(QuickFact.Topic.EDUCATION, QuickFact.Topic.TRAINING),
        )
    return get_object_or_404(occupations, slug=slug)


def _sort(request):
    sort = request.GET.get("sort")
    return sort if sort in SORTS else SORTS[0]


def _table_context(sort, first_column):
    labels = {**area_pay.SORTS, "name": first_column}
    return {
        # The language link keeps the table's order; only an order the page cache keys by
        # is written into the page (careers/pagecache/decorators.py).
        "language_query": f"sort={sort}" if sort != SORTS[0] else "",
        "sort_label": labels[sort],
        "employment_limit": area_pay.EMPLOYMENT_RSE_LIMIT,
        "wage_limit": area_pay.WAGE_RSE_LIMIT,
    }


def pay_crumb(occupation):
    return (_("Pay by state"), reverse("careers:pay", args=[occupation.slug]))


@safe_methods_only
@cached_sortable_page(SORTS)
def occupation_pay(request, slug):
    occupation = _occupation(slug)
    pay = area_pay.pay_by_place(occupation)
    if pay is None:
        raise Http404("No BLS wage survey release is on file yet.")
    sort = _sort(request)
    return render(
        request,
        "careers/pay.html",
        {
            "occupation": occupation,
            "pay": pay,
            "release": pay.release,
            "sort": sort,
            "table_id": "states",
            "state_rows": pay.sorted_states(sort),
            "states": [row.area for row in pay.states],
            "table_caption": _("Pay of %(title)s by state and territory")
            % {"title": occupation.title.lower()},
            "table_citation": area_pay.table_citation(pay.release, occupation, "S"),
            "industry_citation": area_pay.industry_table_citation(pay.release, occupation),
            "industry_tables": [
                (_("Pay by sector"), pay.industries.sectors),
                (
                    _("The %(count)s industries with the most jobs")
                    % {"count": len(pay.industries.largest)},
                    pay.industries.largest,
                ),
            ],
            **_table_context(sort, _("State")),
            "breadcrumbs": breadcrumbs(occupation_crumb(occupation), pay_crumb(occupation)),
            "sources": [pay.release.source],
            "hours_per_year": HOURS,
        },
    )


@safe_methods_only
def choose_state(request, slug):
    """Where the "Pay in your state" form goes: on to the state's page. The form works
    without a script, so the choice comes here as ?state= and is sent on."""
    chosen = _chosen_state(request)
    if not chosen:
        return redirect(reverse("careers:pay", args=[slug]) + "#your-state")
    return redirect("careers:pay-state", slug=slug, state=chosen)


def _chosen_state(request):
    """The slug a state form sent (?state=), "" for none; Http404 for one no state has."""
    chosen = request.GET.get("state", "").strip().lower()
    if chosen and not (SLUG.fullmatch(chosen) and area_pay.states().filter(slug=chosen).exists()):
        raise Http404("No such state or territory.")
    return chosen


@safe_methods_only
@cached_sortable_page(SORTS)
def state_pay(request, slug, state):
    occupation = _occupation(slug, lead=True)
    pay = area_pay.state_pay(occupation, state)
    sort = _sort(request)
    area = pay.state.area
    lead = headline(occupation)
    return render(
        request,
        "careers/pay_state.html",
        {
            "occupation": occupation,
            "pay": pay,
            "release": pay.release,
            "outlook": lead.outlook,
            "notes": lead.notes,
            **citation_context(
                occupation,
                state_pay_citation(occupation, area, timezone.localdate()),
                "pay-state",
                area.slug,
            ),
            "sort": sort,
            "table_id": "areas",
            "area_rows": pay.sorted_areas(sort),
            "others": selectors.others_to_compare(occupation),
            "table_caption": _("Pay of %(title)s in the areas of %(place)s")
            % {"title": occupation.title.lower(), "place": area.place_name},
            "table_heading": _(
                "Pay and jobs in %(place)s and the nation, each wage a year and an hour"
            )
            % {"place": area.place_name},
            "table_citation": area_pay.table_citation(pay.release, occupation, "M"),
            **_table_context(sort, _("Area")),
            "states": area_pay.states(),
            "breadcrumbs": breadcrumbs(
                occupation_crumb(occupation),
                pay_crumb(occupation),
                (area.shown_name, reverse("careers:pay-state", args=[occupation.slug, area.slug])),
            ),
            # The page cites the handbook too, for the nation's outlook and the notes (as the
            # state's handout does).
            "sources": selectors.sources_cited_by(
                [pay.release.source, *lead.figures, *lead.notes, *occupation.way_in]
            ),
            "hours_per_year": HOURS,
        },
    )


@safe_methods_only
@cached_public_page
def state_handout(request, slug, state):
    """The one-page handout with a state's pay and its largest areas, and a QR code to the
    state's page, which has every area."""
    occupation = selectors.for_state_handout(slug)
    pay = area_pay.state_pay(occupation, state)
    area = pay.state.area
    # The canonical address, as the QR code must work from paper wherever it was printed.
    state_url = absolute_url(reverse("careers:pay-state", args=[occupation.slug, area.slug]))
    citation = state_pay_citation(occupation, area, timezone.localdate())
    quick_facts = occupation.quickfact_set.all()
    duties = selectors.leading_duties(occupation)
    lead = headline(occupation)
    return render(
        request,
        "careers/pay_state_handout.html",
        {
            "occupation": occupation,
            "pay": pay,
            "today": timezone.localdate(),
            "duties": duties,
            "quick_facts": quick_facts,
            "outlook": lead.outlook,
            "table_citation": area_pay.table_citation(pay.release, occupation, "M"),
            "state_url": state_url,
            "qr_code": qr_svg(state_url),
            "breadcrumbs": breadcrumbs(
                occupation_crumb(occupation),
                pay_crumb(occupation),
                (area.shown_name, reverse("careers:pay-state", args=[occupation.slug, area.slug])),
                (
                    _("Handout"),
                    reverse("careers:pay-state-handout", args=[occupation.slug, area.slug]),
                ),
            ),
            "notes": lead.notes,
            "sources": selectors.sources_cited_by(
                [pay.release.source, *quick_facts, *duties, *lead.figures, *lead.notes]
            ),
            **citation_context(occupation, citation, "pay-state", area.slug),
        },
    )


@safe_methods_only
def compare_choose_state(request, left, right):
    """Where the compare page's state form goes: on to the comparison in that state."""
    chosen = _chosen_state(request)
    if not chosen:
        return redirect(reverse("careers:compare", args=[left, right]) + "#compare-in-a-state")
    return redirect("careers:compare-state", left=left, right=right, state=chosen)


@safe_methods_only
@cached_public_page
def compare_state(request, left, right, state):
    """Two occupations' pay in one state, beside the nation's."""
    occupations = selectors.with_headline(selectors.published_occupations())
    found = {o.slug: o for o in occupations.filter(slug__in=[left, right])}
    if left == right or len(found) != 2:
        raise Http404("No such pair of occupations.")
    sides = [area_pay.state_pay(found[slug], state, with_areas=False) for slug in (left, right)]
    area = sides[0].state.area
    pairs = list(zip((left, right), sides, strict=True))
    first, second = sorted(found.values(), key=lambda occupation: occupation.title_en)
    url = reverse("careers:compare-state", args=[left, right, area.slug])
    return render(
        request,
        "careers/compare_state.html",
        {
            "occupations": [found[left], found[right]],
            "notes": [(found[slug], headline(found[slug]).notes) for slug in (left, right)],
            "sides": sides,
            "area": area,
            "release": sides[0].release,
            "states": area_pay.states(),
            "breadcrumbs": breadcrumbs(
                (_("Compare"), reverse("careers:compare-index")),
                (
                    _("%(first)s and %(second)s")
                    % {"first": found[left].title, "second": found[right].title.lower()},
                    reverse("careers:compare", args=[left, right]),
                ),
                (area.shown_name, url),
            ),
            "canonical_url": absolute_url(
                reverse("careers:compare-state", args=[first.slug, second.slug, area.slug])
            ),
            "table_heading": _(
                "Pay and jobs in %(place)s and the nation, each wage a year and an hour"
            )
            % {"place": area.place_name},
            "columns": [
                *(
                    (f"{found[slug].title}, {area.shown_name}", side.state.own)
                    for slug, side in pairs
                ),
                *(
                    (_("%(title)s, the nation") % {"title": found[slug].title}, side.nation.own)
                    for slug, side in pairs
                ),
            ],
            "sources": selectors.sources_cited_by(
                [sides[0].release.source]
                + [note for slug in (left, right) for note in headline(found[slug]).notes]
            ),
            "hours_per_year": HOURS,
        },
    )


@safe_methods_only
def state_citation_file(request, slug, state, extension):
    """A state page's citation as an RIS or BibTeX file (see views.citation_file)."""
    occupation = _occupation(slug)
    area = get_object_or_404(area_pay.states(), slug=state)
    return citation_download(state_pay_citation(occupation, area, timezone.localdate()), extension)
