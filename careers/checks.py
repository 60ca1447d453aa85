from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    if settings.SITE_URL_IS_SET:
        return []
    return [
        Warning(
            f"CAREERS_SITE_URL is not set, so absolute URLs use {settings.SITE_URL}.",
            hint="Set it to the public origin, for example https://careers.example.org.",
            id="careers.W001",
        )
    ]
