"""The editors' dashboard on the admin's index: {% editors_dashboard %}."""

from django import template

from ..dashboard import dashboard

register = template.Library()


@register.inclusion_tag("admin/editors_dashboard.html")
def editors_dashboard():
    return dashboard()
