from django.core.management.base import BaseCommand, CommandError

from occupations.exchange import ContentFileError
from occupations.exchange.reading import import_content


def rows(model, count):
    """“1 occupation”, “21 figures”."""
    meta = model._meta
    return f"{count:,} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"


class Command(BaseCommand):
    help = (
        "Import a file written by export_content, in one transaction: adds the records the "
        "database lacks (a deleted occupation comes back with all its parts and history) and "
        "keeps the ones it has, unless --replace. A bad file imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The JSON file export_content wrote.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Give the records the database already has the file's values too (by "
            "default they are kept as they are).",
        )

    def handle(self, *args, path, replace, **options):
        try:
            report = import_content(path, replace=replace, on_wait=self.say_waiting)
        except ContentFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        self.stdout.write(
            f"Added {sum(report.added.values()):,} records, replaced "
            f"{sum(report.replaced.values()):,}, left {report.unchanged:,} that held the "
            f"file's values and kept {sum(report.kept.values()):,} as the database has them; "
            f"added {report.history_added:,} history entries and wrote "
            f"{report.loader_records:,} of load_content's records."
        )
        for what, counts in (("added", report.added), ("replaced", report.replaced)):
            for model, count in counts.items():
                self.stdout.write(f"  {what}: {rows(model, count)}")
        if report.kept and not replace:
            self.stdout.write(
                "  Records the database already has were kept as they are; --replace gives "
                "them the file's values."
            )

    def say_waiting(self):
        self.stdout.write("Another load is running; waiting for it to finish.")
        self.stdout.flush()
