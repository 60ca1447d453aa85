"""Template filters for figures that depend on today's date.

Pages that use them are cached per day (see careers/cache.py), so the count
moves on at midnight rather than whenever the content next changes.
"""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def age(figure):
    """“more than six years ago”, counted from the figure's period to today."""
    return figure.period.age_on(timezone.localdate())
