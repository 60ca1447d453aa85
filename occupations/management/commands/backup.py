from django.core.management.base import BaseCommand, CommandError

from occupations.backups import BackupError, backup, database_name


class Command(BaseCommand):
    help = (
        "Copy the whole database (content, its history, editors' accounts) to PATH, "
        "consistently, while the site goes on serving and saving: through SQLite's backup "
        "API, or with pg_dump on PostgreSQL. `restore PATH` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write.")
        parser.add_argument(
            "--force", action="store_true", help="Replace PATH if it already exists."
        )

    def handle(self, *args, path, force, **options):
        try:
            backup(path, force=force)
        except BackupError as error:
            raise CommandError(f"No backup was made. {error}") from error
        self.stdout.write(f"Backed up {database_name()} to {path}.")
