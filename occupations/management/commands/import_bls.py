from django.core.management.base import BaseCommand, CommandError

from occupations.bls.flatfiles import BlsFileError
from occupations.bls.importer import (
    EstimatesMissing,
    counts_line,
    import_files,
    what_is_missing,
)
from occupations.loading import one_load_at_a_time


def describe(report):
    """The report's lines, as import_bls and load_content print them."""
    lines = []
    if report.release:
        lines.append(
            f"OEWS {report.release}: read {report.rows_read:,} rows, kept {report.rows_kept:,} "
            "(the site's occupations and all occupations)."
        )
    for what, counts in report.counts.items():
        lines.append(f"  {counts_line(what, counts)}")
    for title, before in report.medians_before.items():
        after = report.medians_after.get(title)
        lines.append(f"  {title}, national median: {_median(before)} -> {_median(after)}")
    earliest = report.too_early()
    if earliest:
        lines.append(
            f"  Check the files: BLS publishes the estimates for {report.release} in the spring "
            f"after, not before {earliest:%-d %B %Y}: are these BLS's own?"
        )
    for title, names in report.missing.items():
        # What a data file cut short looks like (the admin asks the editor to confirm it).
        lines.append(
            f"  Check the files: {title} has no estimate in this release for "
            f"{what_is_missing(names)} the newest release on file has "
            f"({', '.join(names)})."
        )
    return lines


def _median(figure):
    if figure is None:
        return "none"
    return f"{figure.amount} ({figure.period_label}, {figure.source.short_title})"


class Command(BaseCommand):
    help = (
        "Import BLS's OEWS release (oe.data.*, oe.area, oe.industry, oe.occupation, "
        "oe.datatype, oe.footnote, oe.release) and the CPI-U (cu.data.*) from BLS's "
        "time-series flat files. Every file is checked first; a bad file writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Folders of BLS files, or the files.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change; write nothing."
        )
        parser.add_argument(
            "--origin",
            default="",
            help="Where the files came from, shown on About the data (default: BLS's "
            "download site).",
        )
        parser.add_argument(
            "--missing-expected",
            "--states-missing-expected",
            action="store_true",
            help="Import even when the release has no estimate for the nation or states "
            "the newest release on file has (without it, such a release is "
            "refused: a data file cut short looks like one).",
        )

    def handle(self, *args, paths, dry_run, origin, missing_expected, **options):
        try:
            with one_load_at_a_time(on_wait=self.say_waiting):
                report = import_files(
                    paths,
                    origin=origin,
                    dry_run=dry_run,
                    refuse_missing=not (dry_run or missing_expected),
                )
        except BlsFileError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        except EstimatesMissing as refusal:
            for line in describe(refusal.report):
                self.stderr.write(line)
            raise CommandError(
                f"{refusal} Check the files, or import again with --missing-expected."
            ) from refusal
        for line in describe(report):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        elif not report.changed:
            self.stdout.write("Nothing changed: this release is already imported.")

    def say_waiting(self):
        self.stdout.write("Another load is running; waiting for it to finish.")
        self.stdout.flush()
