from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Public site"

    def ready(self):
        from . import checks  # noqa: F401 — registers the deploy checks


class StaticFilesConfig(BaseStaticFilesConfig):
    """Django's static files, leaving out django-ninja's ReDoc bundle: the API docs page
    uses Swagger UI, and ReDoc (with its source map) would only slow every collectstatic."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "redoc.standalone.js*"]
