"""The Editors role: may add, change and view content, view BLS's data, and nothing else.

The group is kept in step after every migrate, the way django.contrib.auth
creates permissions, so a new content model's permissions reach it without a
data migration.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from .content import content_models, data_models

EDITORS_GROUP = "Editors"
ACTIONS = ("add", "change", "view")


def sync_editors_group(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Give the Editors group exactly the content permissions, and return it."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    codenames = [
        f"{action}_{model._meta.model_name}" for model in content_models() for action in ACTIONS
    ] + [f"view_{model._meta.model_name}" for model in data_models()]
    # An editor may import BLS's next release from its files (occupations/bls/admin_import.py).
    codenames.append("add_release")
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="occupations", codename__in=codenames
    )
    group.permissions.set(permissions)
    return group


def editors_group_after_migrate(app_config, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """post_migrate receiver. auth's own receiver, connected before ours, has made the
    permissions by now."""
    try:
        apps.get_model("auth", "Group")
        apps.get_model("auth", "Permission")
    except LookupError:
        return  # auth is not migrated (yet) in this database
    sync_editors_group(apps, using)
