"""Cache invalidation only: when content changes, pages must show it on the next request.

The bump waits for the transaction to commit, so no page is cached from data
that is then rolled back.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_content_version


def content_changed(sender, **kwargs):
    if sender._meta.app_label == "occupations":
        transaction.on_commit(bump_content_version)


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"occupations-content-{signal}")
