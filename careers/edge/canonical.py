"""Absolute URLs from the one canonical origin, CAREERS_SITE_URL.

Cached pages are shared by every visitor, so nothing in them may come from the
Host header of whoever happened to request them first.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    return settings.SITE_URL + path


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme


def site_domain():
    return urlsplit(settings.SITE_URL).netloc
