from django.core.management.base import BaseCommand, CommandError

from occupations.exchange import ContentFileError
from occupations.exchange.writing import export_content


class Command(BaseCommand):
    help = (
        "Write the content to PATH as JSON: sources, occupations with all their parts, the "
        "records of BLS's releases, each record's history and load_content's records, every "
        "row named by its natural key. `import_content PATH` reads it back, into this "
        "database or another. BLS's estimates and price indexes are not in it: import_bls "
        "(and load_content) reads them from BLS's files."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The JSON file to write.")
        parser.add_argument(
            "--force", action="store_true", help="Replace PATH if it already exists."
        )

    def handle(self, *args, path, force, **options):
        try:
            report = export_content(path, force=force)
        except ContentFileError as error:
            raise CommandError(f"Nothing was exported. {error}") from error
        self.stdout.write(
            f"Exported {sum(report.records.values()):,} records, {report.history:,} history "
            f"entries and {report.loader_records:,} of load_content's records to {path}."
        )
