"""Values every page's template can use."""

from django.conf import settings


def site(request=None):
    """The site's name, written once in settings and shown in every title and header.

    Templates rendered without a request (the 500 page) pass this dict in themselves.
    """
    return {"site_name": settings.SITE_NAME}
