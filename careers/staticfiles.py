"""Django's static files app, configured (in its own module: careers/apps.py must hold
only the careers app's config, or Django cannot tell which one is the site's)."""

from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    """Leaves out django-ninja's ReDoc bundle: the API docs page uses Swagger UI, and ReDoc
    (with its source map) would only slow every collectstatic."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "redoc.standalone.js*"]
