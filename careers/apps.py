from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Public site"

    def ready(self):
        from . import checks  # noqa: F401 — registers the deploy checks
