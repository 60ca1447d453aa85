from django.core.management.base import BaseCommand, CommandError

from occupations.bls.models import Release
from occupations.bls.withdraw import WithdrawRefused, withdraw_release
from occupations.loading import one_load_at_a_time


class Command(BaseCommand):
    help = (
        "Withdraw an imported BLS release (BLS's code, such as 2026A01): its estimates, its "
        "figures and its source record. The release before it leads every page again."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="BLS's code for the release, as the admin lists it.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would go; change nothing."
        )

    def handle(self, *args, code, dry_run, **options):
        try:
            with one_load_at_a_time(on_wait=self.say_waiting):
                withdrawn = withdraw_release(code, dry_run=dry_run)
        except Release.DoesNotExist:
            codes = ", ".join(Release.objects.values_list("code", flat=True)) or "none"
            raise CommandError(f"No release {code} is on file (on file: {codes}).") from None
        except WithdrawRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        verb = "Would withdraw" if dry_run else "Withdrew"
        self.stdout.write(
            f"{verb} {withdrawn.release}: {withdrawn.estimates:,} estimates and "
            f"{withdrawn.figures:,} figures."
        )
        if withdrawn.unlinked:
            self.stdout.write(
                f"{'Would unlink' if dry_run else 'Unlinked'} its figures from: "
                f"{'; '.join(withdrawn.unlinked)}."
            )
        leads = withdrawn.newest or "no BLS release (the typed figures lead)"
        self.stdout.write(f"{'Would lead' if dry_run else 'Leading now'}: {leads}.")

    def say_waiting(self):
        self.stdout.write("Another load is running; waiting for it to finish.")
        self.stdout.flush()
