"""Public pages. Views choose a query and a context: the reads live in occupations.selectors,
the arithmetic in occupations.pay."""

import sys
from itertools import combinations
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from careers.edge.canonical import absolute_url
from careers.edge.decorators import safe_methods_only
from careers.edge.middleware import is_database_outage
from careers.pagecache.decorators import cached_public_page, revalidated_page
from occupations import area_pay, selectors
from occupations import search as occupation_search
from occupations.formatting import HOURS_PER_YEAR_TEXT as HOURS
from occupations.headline import headline
from occupations.languages import shown
from occupations.models import EducationItem, Quality
from occupations.pay import (
    counterpart,
    has_older_figures,
    newest_marked,
    outlook_timeline,
    pay_over_time,
    table_rows,
    wage_timeline,
    with_newest,
)
from occupations.selectors import sources_cited_by

from .charts import bar_chart
from .context_processors import site
from .footnotes import runs
from .page_citations import CITED_PAGES, faq_citation, profile_citation
from .qr import qr_svg
from .sections import ABOUT_DATA_CONTENTS, profile_sections
from .sitemaps import SITEMAPS
from .structured_data import faq_jsonld, occupation_jsonld


def breadcrumbs(*trail):
    """The trail base.html shows: Home, then (label, url) pairs down to this page."""
    return [(_("Home"), reverse("careers:home")), *trail]


def occupation_crumb(occupation):
    return (shown(occupation, "title").text, occupation.get_absolute_url())


def compare_crumb():
    return (_("Compare"), reverse("careers:compare-index"))


def citation_context(occupation, citation, page, *more_args):
    """What the "Cite this page" partial shows: the citation and its two files. `more_args`
    follow the slug in the files' URLs (a state page's state)."""
    return {
        "citation": citation,
        "citation_files": [
            (
                label,
                reverse(f"careers:{page}-citation", args=[occupation.slug, *more_args, extension]),
            )
            for label, extension in ((_("RIS file"), "ris"), (_("BibTeX file"), "bib"))
        ],
    }


@safe_methods_only
@cached_public_page
def home(request):
    # The cards cite each occupation's definition, so its sources come along.
    occupations = selectors.with_headline(selectors.published_occupations()).select_related(
        "source", "second_source"
    )
    occupations = selectors.with_way_in(occupations)
    return render(request, "careers/home.html", {"occupations": occupations})


@safe_methods_only
@cached_public_page
def occupation_detail(request, slug):
    occupation = selectors.profile_or_404(slug)
    others = selectors.others_to_compare(occupation)
    wage = occupation.headline_wage
    notes = selectors.notes_by_section(occupation)
    sections = profile_sections(occupation, notes)
    similar = occupation.similaroccupation_set.all()
    national = area_pay.national_pay([s.soc_code for s in similar if s.soc_code])
    return render(
        request,
        "careers/occupation_detail.html",
        {
            "occupation": occupation,
            "sections": sections,
            "shown": {section_id for section_id, _ in sections},
            "notes": notes,
            "sectors": selectors.sectors_by_kind(occupation),
            "education": selectors.education_by_kind(occupation),
            "breadcrumbs": breadcrumbs(occupation_crumb(occupation)),
            "sources": selectors.profile_sources(occupation),
            "comparisons": others,
            "has_older_figures": has_older_figures(occupation),
            "states": area_pay.states(),
            "headline_counterpart": wage and counterpart(wage, occupation.wage_figures),
            "national": national_beside(wage, national),
            "pay_release": release_with_pay_of(wage, national),
            "similar_rows": similar_rows(similar, national),
            "similar_pay": national if national and national.similar else None,
            "pay_rows": table_rows(occupation.wage_figures, occupation.wage_figures),
            "outlook_rows": table_rows(occupation.outlook_figures),
            "employment_rows": table_rows(occupation.employment_figures),
            "hours_per_year": HOURS,
            "jsonld": occupation_jsonld(occupation),
            # Today's date, for the access date: the page cache rolls over each day.
            **citation_context(
                occupation, profile_citation(occupation, timezone.localdate()), "profile"
            ),
        },
    )


def similar_rows(similar, national):
    """(similar occupation, covers, its median from the newest release or None): where the
    release has the occupation's own code, its median there leads, as the newest official
    figure; the others keep the source's. `covers` as footnotes.runs gives it."""
    newest = national.similar if national else {}

    def leads(row):
        pay = newest.get(row.soc_code)
        return pay if pay and national.release.period.sort_key >= row.period.sort_key else None

    return [(row, covers, leads(row)) for row, covers in runs(similar)]


def national_beside(wage, national):
    """All occupations' national estimates (`national`, from the newest release), when they
    come from the release the headline's wage does: a median is compared only within one
    period."""
    if not (wage and national) or wage.period != national.release.period:
        return None
    return national


def release_with_pay_of(wage, national):
    """The newest wage survey release, for the links to the pay page's figures from it, when
    the occupation's headline pay comes from it: a release without the occupation has no
    industries or states of its own to send a reader to. `national` (all occupations' pay in
    it) names the release without a query; a release without it is read."""
    if wage is None or wage.release_id is None:
        return None
    release = national.release if national else area_pay.newest_release()
    return release if release and wage.release_id == release.pk else None


@safe_methods_only
@cached_public_page
def occupation_handout(request, slug):
    """One printable page for counselors. Its QR code and written-out link lead to the
    profile's canonical URL: the handout summarises the profile, which has every figure."""
    occupation = selectors.profile_or_404(slug)
    today = timezone.localdate()
    citation = profile_citation(occupation, today)
    duties = selectors.leading_duties(occupation)
    skills = [q for q in occupation.quality_set.all() if q.kind == Quality.Kind.SKILL]
    # The quick facts give the usual education and training; to fit one page, the handout
    # adds only what some employers require or prefer beyond them.
    quick_facts = occupation.quickfact_set.all()
    education = selectors.education_items(occupation, EducationItem.SOME_EMPLOYERS_KINDS)
    titles = occupation.jobtitle_set.all()
    figures = headline(occupation).figures
    return render(
        request,
        "careers/handout.html",
        {
            "occupation": occupation,
            "breadcrumbs": breadcrumbs(
                occupation_crumb(occupation),
                (_("Handout"), reverse("careers:handout", args=[occupation.slug])),
            ),
            "today": today,
            "duties": duties,
            "quick_facts": quick_facts,
            "education": education,
            "skills": skills,
            "titles": titles,
            "profile_url": citation.url,
            "qr_code": qr_svg(citation.url),
            "sources": sources_cited_by(
                [occupation, *figures, *quick_facts, *duties, *education, *skills, *titles]
            ),
            **citation_context(occupation, citation, "profile"),
        },
    )


@safe_methods_only
def citation_file(request, slug, page, extension):
    """A page's citation as an RIS or BibTeX file, for reference managers.

    It is not kept in the page cache (which keeps only a body and its type, not the
    file name) and browsers must ask again each time, so the access date is today's.
    """
    occupation = get_object_or_404(selectors.published_occupations(), slug=slug)
    if page == "faq" and not occupation.has_faq:
        raise Http404("This occupation has no questions and answers.")
    return citation_download(CITED_PAGES[page](occupation, timezone.localdate()), extension)


def citation_download(citation, extension):
    """A page's citation (careers/pages/page_citations.py) as an RIS or BibTeX download."""
    text, content_type, filename = citation.file(extension)
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, no_cache=True)
    return response


@safe_methods_only
@cached_public_page
def occupation_faq(request, slug):
    occupations = selectors.with_headline(selectors.published_occupations())
    occupation = get_object_or_404(selectors.with_faq(occupations), slug=slug)
    entries = occupation.faqentry_set.all()
    if not entries:
        raise Http404("This occupation has no questions and answers.")
    # An answer leads with the newest figure on its topic, even one its entry does not link.
    answers = [
        (entry, newest_marked(with_newest(entry.figures.all(), occupation))) for entry in entries
    ]
    figures = [figure for _, marked in answers for figure, _ in marked]
    lead = headline(occupation)
    sources = sources_cited_by([occupation, *entries, *figures, *lead.figures, *lead.notes])
    national = area_pay.national_pay()
    return render(
        request,
        "careers/faq.html",
        {
            "occupation": occupation,
            "breadcrumbs": breadcrumbs(
                occupation_crumb(occupation),
                (_("FAQ"), reverse("careers:occupation-faq", args=[occupation.slug])),
            ),
            "entries": answers,
            # Beside the pay answer's newest median: all occupations' from the same release.
            "national": national_beside(occupation.headline_wage, national),
            "pay_release": release_with_pay_of(occupation.headline_wage, national),
            "sources": sources,
            "jsonld": faq_jsonld(occupation, answers),
            **citation_context(occupation, faq_citation(occupation, timezone.localdate()), "faq"),
        },
    )


@safe_methods_only
@cached_public_page
def occupation_over_time(request, slug):
    occupation = get_object_or_404(
        selectors.with_headline_figures(selectors.published_occupations()), slug=slug
    )
    pay = pay_over_time(occupation, selectors.price_indexes())
    outlooks = outlook_timeline(occupation)
    bars = []
    for row in pay.rows:
        pair = row.pair
        bars.append((pair.period_label, pair.annual.value, str(pair.annual), pair.annual.derived))
        if pay.restates and row.restated and row.restated.annual.value != pair.annual.value:
            label = _("%(period)s, in %(dollars)s dollars") % {
                "period": pair.period_label,
                "dollars": pay.target.dollars_label,
            }
            about = _("about %(amount)s") % {"amount": row.restated.annual}
            bars.append((label, row.restated.annual.value, about, True))
    if pay.restates:
        wage_title = _(
            "%(title)s: median pay by period, as a yearly amount, and in %(dollars)s dollars"
        ) % {"title": occupation.title, "dollars": pay.target.dollars_label}
    else:
        wage_title = _("%(title)s: median pay by period, as a yearly amount") % {
            "title": occupation.title
        }
    wage_chart = bar_chart("wage-chart", wage_title, bars)
    growth_chart = bar_chart(
        "growth-chart",
        _("%(title)s: projected change in employment by period") % {"title": occupation.title},
        [(f.period_label, f.value, f.display_value, False) for f in outlooks],
    )
    cited = [*occupation.figure_set.all(), *pay.indexes]
    sources = sources_cited_by(cited)
    return render(
        request,
        "careers/over_time.html",
        {
            "occupation": occupation,
            "breadcrumbs": breadcrumbs(
                occupation_crumb(occupation),
                (_("Figures over time"), reverse("careers:over-time", args=[occupation.slug])),
            ),
            "wages": pay.wages,
            "wages_derived": any(pair.annual.derived for pair in pay.wages),
            "outlooks": outlooks,
            "pay": pay,
            "wage_chart": wage_chart,
            "growth_chart": growth_chart,
            "sources": sources,
            "hours_per_year": HOURS,
        },
    )


@safe_methods_only
@cached_public_page
def compare_index(request):
    occupations = selectors.published_occupations().only("slug", "title")
    return render(
        request,
        "careers/compare_index.html",
        {
            "pairs": list(combinations(occupations, 2)),
            "breadcrumbs": breadcrumbs(compare_crumb()),
        },
    )


@safe_methods_only
@cached_public_page
def compare(request, left, right):
    if left == right:
        occupation = get_object_or_404(selectors.published_occupations(), slug=left)
        return redirect(occupation)
    occupations = selectors.with_profile(selectors.published_occupations())
    found = {o.slug: o for o in selectors.with_parts(occupations.filter(slug__in=[left, right]))}
    if len(found) != 2:
        raise Http404("No such pair of occupations.")
    sides = [_comparison_side(found[left]), _comparison_side(found[right])]
    # Either order shows the page; the canonical one is the order the compare index lists (by
    # English title, in both languages).
    first, second = sorted(found.values(), key=lambda occupation: occupation.title_en)
    sources = sources_cited_by(
        source for side in sides for source in selectors.profile_sources(side["occupation"])
    )
    return render(
        request,
        "careers/compare.html",
        {
            "sides": sides,
            "breadcrumbs": breadcrumbs(
                compare_crumb(),
                (
                    _("%(first)s and %(second)s")
                    % {"first": found[left].title, "second": found[right].title.lower()},
                    reverse("careers:compare", args=[left, right]),
                ),
            ),
            "canonical_url": absolute_url(
                reverse("careers:compare", args=[first.slug, second.slug])
            ),
            "pay_periods_differ": _periods_differ(side["pay"] for side in sides),
            "states": area_pay.states(),
            "outlook_periods_differ": _periods_differ(side["outlook"] for side in sides),
            "has_older": any(side["older_pay"] or side["older_outlook"] for side in sides),
            "sources": sources,
        },
    )


def _comparison_side(occupation):
    def newest(kinds):
        return selectors.from_first_source(selectors.education_items(occupation, kinds))

    lead = headline(occupation)
    pay_period = lead.pay and lead.pay.figure.period
    outlook_period = lead.outlook and lead.outlook.change.period
    return {
        "occupation": occupation,
        "pay": lead.pay,
        "range": lead.range,
        "outlook": lead.outlook,
        "notes": lead.notes,
        # Below the same-release rows: each side's older figures, whose periods differ.
        "older_pay": [
            p for p in reversed(wage_timeline(occupation)) if p.figure.period != pay_period
        ],
        "older_outlook": [
            f for f in reversed(outlook_timeline(occupation)) if f.period != outlook_period
        ],
        # The newest source's items only (the editors list BLS's newest entry first): two
        # sources' items in one cell would read as one list, the 2008 profile's as today's.
        "duties": selectors.leading_duties(occupation),
        "education": newest(EducationItem.SCHOOLING_KINDS),
        "experience": newest(EducationItem.EXPERIENCE_KINDS),
        "training": newest(EducationItem.TRAINING_KINDS),
    }


def _periods_differ(things):
    labels = {thing.period_label for thing in things if thing is not None}
    return len(labels) > 1


@safe_methods_only
@cached_public_page
def about_data(request):
    occupations = list(selectors.with_figures(selectors.published_occupations()))
    releases = list(selectors.releases())
    notes = list(selectors.data_notes_for_about_page())
    return render(
        request,
        "careers/about_data.html",
        {
            "breadcrumbs": breadcrumbs((_("About the data"), reverse("careers:about-data"))),
            "contents": ABOUT_DATA_CONTENTS,
            "sources": selectors.sources(),
            "notes": notes,
            "settled": _settled(notes, occupations),
            "price_indexes": _indexes_in_use(occupations),
            "releases": releases,
            "job_counts": selectors.job_counts(occupations, releases[0] if releases else None),
            "hours_per_year": HOURS,
        },
    )


# The two doubts the "settled" section sums up (its id kept for the links out there): each
# note, and the figure it is about.
SETTLED = {"growth": "bls-growth-or-decline", "wage": "bls-wage-date"}


def _settled(notes, occupations):
    """For each of the two doubts, the note and its figure, and the occupation's newest figure
    of that measure, which leads instead, all read from the records, so an edit changes the
    summary too."""
    headlines = {occupation.pk: headline(occupation, notes=[]) for occupation in occupations}
    settled = {}
    for key, slug in SETTLED.items():
        note = next((note for note in notes if note.slug == slug), None)
        figures = list(note.figures.all()) if note else []
        lead = headlines.get(note.occupation_id) if note else None
        if not figures or lead is None:
            continue
        newest = lead.outlook.change if key == "growth" and lead.outlook else None
        if key == "wage" and lead.pay:
            newest = lead.pay.figure
        settled[key] = {"note": note, "figure": figures[0], "newest": newest}
    return settled


def _indexes_in_use(occupations):
    """The CPI values the figures-over-time pages restate pay with, oldest first: not all
    345 months on file."""
    indexes = list(selectors.price_indexes())
    used = {i.pk: i for o in occupations for i in pay_over_time(o, indexes).indexes}
    return sorted(used.values(), key=lambda index: (index.year, index.month or 0))


@safe_methods_only
@cached_public_page
def glossary(request):
    """The five terms the figures use, each with an anchor the pages link to where the
    term first appears."""
    return render(
        request,
        "careers/glossary.html",
        {"breadcrumbs": breadcrumbs((_("Glossary"), reverse("careers:glossary")))},
    )


@safe_methods_only
@revalidated_page
def search(request):
    """Results for ?q=. Never kept in the page cache: every query would be a page of its own.
    Browsers and CDNs may keep them, and revalidate them by their ETag."""
    found = occupation_search.search(request.GET.get("q", ""))
    return render(
        request,
        "careers/search.html",
        {
            "search": found,
            "max_length": occupation_search.MAX_QUERY_LENGTH,
            # The language link keeps the query as it was searched: cleaned, and cut.
            "language_query": urlencode({"q": found.query}) if found.query else "",
        },
    )


@safe_methods_only
@cached_public_page
def sitemap_xml(request):
    """The sitemap. It fits on one page, so Django's ?p= paging is ignored rather than a 404."""
    request.GET = QueryDict()
    return sitemap(request, sitemaps=SITEMAPS).render()


@safe_methods_only
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to; send them to the real one."""
    response = redirect(static("img/favicon.svg"), permanent=True)
    patch_cache_control(response, public=True, max_age=365 * 24 * 60 * 60)
    return response


@safe_methods_only
@cached_public_page
def robots_txt(request):
    # The admin's path is left out: listing it would only point people at it.
    lines = ["User-agent: *", "Allow: /", f"Sitemap: {absolute_url(reverse('careers:sitemap'))}"]
    return HttpResponse("\n".join([*lines, ""]), content_type="text/plain")


def csrf_failure(request, reason=""):
    return render(request, "403.html", status=403)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer during a sign-in lockout: 429, and when to try again."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request, "admin/locked_out.html", {"cooloff_minutes": seconds // 60}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


def server_error(request):
    """The 500 handler.

    A database outage in a view is answered by DatabaseOutageMiddleware; one met
    outside any view (a middleware saving an editor's session) ends up here, and
    is still a 503. Like Django's own handler, it renders without the request's
    context processors, which may be what failed; the page needs only the site's name.
    """
    if is_database_outage(sys.exc_info()[1]):
        response = HttpResponse(render_to_string("503.html", site()), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(render_to_string("500.html", site()), status=500)


def page_not_found(request, exception):
    """The 404 handler: Django's own page, marked as missing, so that its language link
    leads to the other language's home page rather than to the same missing address there
    (careers/pages/context_processors.py)."""
    request.page_missing = True
    return render(request, "404.html", status=404)


def bad_request(request, exception):
    """The 400 handler. Django's own renders without context processors, so without the
    site's name; this one is the same page with them."""
    return render(request, "400.html", status=400)
