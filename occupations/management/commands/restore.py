from django.core.management.base import BaseCommand, CommandError

from occupations.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by `backup`. Refuses a database that "
        "holds anything unless --force is given. Cached pages are rendered again afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to restore.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds content or accounts.",
        )

    def handle(self, *args, path, force, **options):
        try:
            report = restore(path, force=force, on_wait=self.say_waiting)
        except BackupError as error:
            raise CommandError(f"Nothing was restored. {error}") from error
        self.stdout.write(
            f"Restored {path} into {report.database}. Cached pages will be rendered again "
            "on their next request."
        )
        if report.unapplied:
            self.stdout.write(
                "The backup is older than this version of the site: run `manage.py migrate` "
                f"to bring it up to date ({', '.join(report.unapplied)})."
            )

    def say_waiting(self):
        self.stdout.write("Another load is running; waiting for it to finish.")
        self.stdout.flush()
