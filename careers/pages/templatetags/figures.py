"""Template tags for figures: how old a figure is (with its period, as every table and list
writes it), the headline every page leads with, and the caveat on an amount the site worked
out itself.

The age depends on today's date. Pages that show it are cached per day (see
careers/pagecache/), so the count moves on at midnight rather than whenever the content
next changes.
"""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

register = template.Library()

# The caveat on every amount the site computed rather than read in a source: an hourly
# wage made yearly, an old wage restated in later dollars, a change between two periods.
WORKED_OUT = gettext_lazy("worked out by this site")


@register.filter
def age(figure):
    """“more than six years ago”, counted from the figure's period to today."""
    return figure.period.age_on(timezone.localdate())


@register.simple_tag
def period_and_age(figure):
    """A dated figure's period and how old it is, as every table and list of figures writes
    it: “May 2020, more than six years ago”. A projection is as old as its base year:
    “2019–2029; projected from 2019, more than six years ago”. The semicolon keeps the age
    with the base year: after a comma, “2034, projected from 2024, more than a year and a half
    ago” read as if 2034 were past. `figure` is anything with a `period` (a Figure, a similar
    occupation's pay)."""
    period = figure.period
    if not period.is_dated:
        return period.label
    # A projected job count is the last year's: “2034; projected from 2024, …”.
    label = str(period.end) if getattr(figure, "is_count_at_end", False) else period.label
    words = {"period": label, "start": period.start, "age": age(figure)}
    if period.is_projection:
        return gettext("%(period)s; projected from %(start)s, %(age)s") % words
    return gettext("%(period)s, %(age)s") % words


@register.inclusion_tag("careers/includes/headline.html", takes_context=True)
def headline(context, occupation, compact=False, quick_facts=()):
    """An occupation's newest pay, with its range, and its newest outlook, in plain words,
    each with its period, source and age: the one markup every page leads with. The
    profile passes its quick facts to make it the page's quick-facts box."""
    from occupations.headline import headline as headline_of

    return {
        "occupation": occupation,
        "headline": headline_of(occupation),
        "compact": compact,
        "quick_facts": quick_facts,
        # The page's footnotes, so the box's markers number with the rest of the page.
        "footnotes": context.get("footnotes"),
    }


@register.simple_tag
def headline_sentence(occupation):
    """The headline as one plain sentence, for a page's description."""
    from occupations.headline import headline as headline_of

    return headline_of(occupation).sentence


@register.simple_tag
def worked_out_words():
    """The caveat's words alone, for prose that quotes the label."""
    return WORKED_OUT


@register.simple_tag
def worked_out(about="conversion", what="", link=True):
    """“(worked out by this site)”, the one caveat on an amount the site computed, its words
    linked to About the data's section `about` that says how: "conversion" (hourly and
    yearly pay), "price-index" (later dollars) or "comparisons" (percentages against all
    workers, shares of the jobs, change over time). `what` names the amounts it covers when
    they are not the one just before it (“(yearly amounts worked out by this site)”).
    link=False gives the words alone, for an SVG chart."""
    words = f"{what} {WORKED_OUT}" if what else str(WORKED_OUT)
    if not link:
        return f"({words})"
    href = f"{reverse('careers:about-data')}#{about}"
    if what:
        return format_html(
            '<span class="derived-label">({} <a href="{}">{}</a>)</span>', what, href, WORKED_OUT
        )
    return format_html('<span class="derived-label">(<a href="{}">{}</a>)</span>', href, WORKED_OUT)
