from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from occupations.bls.flatfiles import BlsFileError
from occupations.bls.importer import import_files
from occupations.loading import FixtureError, fixture_paths, load_fixtures, one_load_at_a_time

from .import_bls import describe


class Command(BaseCommand):
    help = (
        "Load the site's content from fixtures/. Adds what is new, refreshes what nobody "
        "edited, and keeps every record an editor changed or deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures-dir",
            default=settings.BASE_DIR / "fixtures",
            help="Folder of JSON fixtures, loaded in file-name order (default: fixtures/).",
        )
        parser.add_argument(
            "--without-bls",
            action="store_true",
            help="Load the JSON fixtures only, not BLS's files in their bls/ folder.",
        )

    def handle(self, *args, fixtures_dir, without_bls=False, **options):
        paths = fixture_paths(fixtures_dir)
        if not paths:
            raise CommandError(f"No fixtures found in {fixtures_dir}.")
        # BLS's files, imported after the fixtures that name the occupations they are for.
        bls_dir = Path(fixtures_dir) / "bls"
        try:
            with one_load_at_a_time(on_wait=self.say_waiting):
                report = load_fixtures(paths)
                imported = None
                if bls_dir.is_dir() and not without_bls:
                    origin = bls_dir / "ORIGIN.txt"
                    imported = import_files(
                        [bls_dir],
                        origin=origin.read_text().strip() if origin.exists() else "",
                        shipped=True,
                    )
        except FixtureError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        except BlsFileError as error:
            raise CommandError(
                f"The fixtures were loaded; BLS's files were not imported. {error}"
            ) from error

        self.stdout.write(
            f"Added {len(report.added)}, updated {len(report.updated)}, "
            f"unchanged {len(report.unchanged)}, kept {len(report.kept_edited)} edited and "
            f"{len(report.kept_deleted)} deleted by editors, and "
            f"{len(report.kept_orphaned)} whose parent an editor removed or renamed."
        )
        for name in report.kept_edited:
            self.stdout.write(f"  kept (changed by an editor): {name}")
        for name in report.kept_deleted:
            self.stdout.write(f"  kept deleted (removed or renamed by an editor): {name}")
        # Kept records are the editors' decisions, not errors: the run (and so `serve`,
        # which runs it) succeeds.
        for name in report.kept_orphaned:
            self.stdout.write(f"  kept (its parent was removed or renamed by an editor): {name}")
        for name in report.kept_retired:
            self.stdout.write(
                f"  kept (no longer in the fixtures; delete it in the admin if it should go): "
                f"{name}"
            )
        if imported is not None and imported.kept_release:
            self.stdout.write(
                f"  kept (imported from other files in the admin or with import_bls): BLS's "
                f"{imported.kept_release}; import {bls_dir} with import_bls to replace it"
            )
        if imported is not None and imported.changed:
            for line in describe(imported):
                self.stdout.write(line)

    def say_waiting(self):
        self.stdout.write("Another load is running; waiting for it to finish.")
        # `serve` logs through a pipe: show the wait now, not when the run ends.
        self.stdout.flush()
