from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "occupations"
    verbose_name = "Occupation content"

    def ready(self):
        from . import signals

        signals.connect()
