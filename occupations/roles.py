"""The Editors role: may add, change and view content, and nothing else."""

EDITORS_GROUP = "Editors"
CONTENT_MODELS = (
    "source",
    "occupation",
    "duty",
    "jobtitle",
    "quality",
    "worksetting",
    "worksettingdetail",
    "educationitem",
    "sector",
    "advancementpath",
    "tip",
    "figure",
    "faqentry",
    "datanote",
    "priceindex",
)
ACTIONS = ("add", "change", "view")


def create_editors_group(apps, schema_editor=None):
    """For data migrations: permissions are normally made after all migrations, so make
    them first, then give the group its share."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_editors_group(apps)


def sync_editors_group(apps):
    """Give the Editors group exactly the content permissions. Takes an app registry."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in CONTENT_MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="occupations", codename__in=codenames
    )
    group.permissions.set(permissions)
    return group
