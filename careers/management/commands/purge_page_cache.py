from django.core.management.base import BaseCommand
from django.db import transaction

from occupations.content_version import bump_content_version


class Command(BaseCommand):
    help = (
        "Move the page cache to a new content version, so every cached page is rendered "
        "again. Saves do this by themselves; run it after bulk ORM calls "
        "(QuerySet.update(), bulk_create()) or SQL, which send no signals."
    )

    def handle(self, *args, **options):
        # In a transaction of its own, so the new version reaches the cache when it commits.
        with transaction.atomic():
            bump_content_version()
        self.stdout.write("Cached pages will be rendered again on their next request.")
