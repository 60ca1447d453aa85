"""Cache invalidation only: when content changes, pages must show it on the next request.

The receivers listen to the content models alone, not to their history rows or
the loader's bookkeeping. The new version is written in the same transaction
as the change and reaches the cache once it commits, so no page is cached from
data that is then rolled back.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .content import content_models
from .content_version import bump_content_version


def content_saved_or_deleted(sender, using=None, **kwargs):
    bump_content_version(using)


def links_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_"):
        bump_content_version(using)


def connect():
    for model in content_models():
        for signal in (post_save, post_delete):
            signal.connect(
                content_saved_or_deleted, sender=model, dispatch_uid=f"content-{signal}-{model}"
            )
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"content-links-{field.remote_field.through}",
            )
