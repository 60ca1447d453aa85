"""Withdraw an imported BLS release: its estimates, the figures made from it and its source
record go, in one transaction, and the release before it leads every page again.

For an operator or an administrator (the withdraw_release command): an editor may import a
release but not delete one, as editors delete no content. It is the way back from a release
imported by mistake, such as a test file or the wrong year.
"""

from dataclasses import dataclass

from django.db import transaction

from ..content_version import bump_content_version, one_bump_at_the_end
from ..models import Figure
from .models import Release


class WithdrawRefused(Exception):
    """A text on the site quotes one of the release's figures: the page would lose the value
    it states. The message names the texts to rewrite first."""


@dataclass
class Withdrawn:
    release: str
    estimates: int
    figures: int
    newest: str  # the release that leads now, or "" when none is left


def withdraw_release(code, dry_run=False):
    """Withdraw the OEWS release with BLS's `code` (2026A01). Raises Release.DoesNotExist
    for a code not on file, and WithdrawRefused, with nothing changed, while a text quotes
    one of its figures."""
    release = Release.objects.select_related("source").get(code=code)
    figures = list(
        Figure.objects.filter(release=release).prefetch_related("faq_entries", "data_notes")
    )
    quoting = sorted(
        {f"“{text}” (quotes {figure.slug})" for figure in figures for text in figure.quoted_by()}
    )
    if quoting:
        raise WithdrawRefused(
            f"Nothing was withdrawn: these texts quote {release.label}'s figures, and would lose "
            f"the values they state: {'; '.join(quoting)}. Rewrite them first."
        )
    estimates = release.estimates.count()
    try:
        with transaction.atomic(), one_bump_at_the_end():
            Figure.objects.filter(pk__in=[figure.pk for figure in figures]).delete()
            source = release.source
            release.delete()  # its estimates go with it
            source.delete()
            bump_content_version()  # the bulk deletes send no signals
            newest = Release.objects.filter(program=release.program).first()
            withdrawn = Withdrawn(
                release.label, estimates, len(figures), newest.label if newest else ""
            )
            if dry_run:
                raise _DryRun(withdrawn)
    except _DryRun as rolled_back:
        return rolled_back.args[0]
    return withdrawn


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back, with what it would do."""
