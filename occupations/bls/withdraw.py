"""Withdraw an imported BLS release: its estimates, the figures made from it and its source
record go, in one transaction, and the release before it leads every page again.

For an operator or an administrator (the withdraw_release command): an editor may import a
release but not delete one, as editors delete no content. It is the way back from a release
imported by mistake, such as a test file or the wrong year.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError

from ..content_version import bump_content_version, one_bump_at_the_end
from ..models import Figure
from .models import Release


class WithdrawRefused(Exception):
    """Something on the site stands on the release: a text quotes one of its figures (the
    page would lose the value it states), or a record cites its source. The message names
    them, to rewrite first; nothing is changed."""


@dataclass
class Withdrawn:
    release: str
    estimates: int
    figures: int
    newest: str  # the release that leads now, or "" when none is left
    # The FAQ answers and notes that link one of its figures without quoting it: they lose
    # the link, and the page shows the newest figure of that kind beside them instead.
    unlinked: list = field(default_factory=list)


def withdraw_release(code, dry_run=False):
    """Withdraw the OEWS release with BLS's `code` (2026A01). Raises Release.DoesNotExist
    for a code not on file, and WithdrawRefused, with nothing changed, while something on the
    site stands on it."""
    release = Release.objects.select_related("source").get(program=Release.Program.OEWS, code=code)
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
    linking = sorted(
        {
            f"{text._meta.verbose_name} “{text}”"
            for figure in figures
            for text in [*figure.faq_entries.all(), *figure.data_notes.all()]
        }
    )
    withdrawn = Withdrawn(release.label, release.estimates.count(), len(figures), "", linking)
    try:
        with transaction.atomic(), one_bump_at_the_end():
            Figure.objects.filter(pk__in=[figure.pk for figure in figures]).delete()
            source = release.source
            release.delete()  # its estimates go with it
            source.delete()
            bump_content_version()  # the estimates' cascade sends no signal the cache hears
            newest = Release.objects.filter(program=release.program).first()
            withdrawn.newest = newest.label if newest else ""
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except ProtectedError as error:
        cited = sorted(
            f"{record._meta.verbose_name} “{record}”" for record in error.protected_objects
        )
        raise WithdrawRefused(
            f"Nothing was withdrawn: these records cite {release.source.short_title}: "
            f"{'; '.join(cited)}. Cite another source in them first."
        ) from None
    return withdrawn


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""
