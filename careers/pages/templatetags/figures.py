"""Template tags for figures: how old a figure is, the headline every page leads with, and
the caveat on an amount the site worked out itself.

The age depends on today's date. Pages that show it are cached per day (see
careers/pagecache/), so the count moves on at midnight rather than whenever the content
next changes.
"""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

register = template.Library()

# The caveat on every amount the site computed rather than read in a source: an hourly
# wage made yearly, an old wage restated in later dollars, a change between two periods.
WORKED_OUT = gettext_lazy("worked out by this site")


@register.filter
def age(figure):
    """“more than six years ago”, counted from the figure's period to today."""
    return figure.period.age_on(timezone.localdate())


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
