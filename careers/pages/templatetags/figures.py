"""Template filters for figures that depend on today's date.

Pages that use them are cached per day (see careers/pagecache/store.py), so the count
moves on at midnight rather than whenever the content next changes.
"""

from django import template
from django.utils import timezone

register = template.Library()


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
