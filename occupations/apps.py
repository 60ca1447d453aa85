from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OccupationsConfig(AppConfig):
    name = "occupations"
    verbose_name = "Occupation content"

    def ready(self):
        from . import roles, signals

        signals.connect()
        post_migrate.connect(
            roles.editors_group_after_migrate,
            sender=self,
            dispatch_uid="occupations.roles.editors_group_after_migrate",
        )
