"""Which models are content, derived in one place.

The profile's parts are the models with a foreign key to Occupation (each an
OccupationPart), found from Occupation's relations, so a new part is picked up
by the page queries, the admin, the Editors role and the page cache without
being listed again.
"""

from django.apps import apps

# Rows that record content rather than being it.
NOT_CONTENT = {"loadedrecord", "contentversion"}
# BLS's data, written only by import_bls from BLS's files: editors may look, not type (an
# edit would be undone by the next import).
DATA = {"release", "area", "industry", "wageestimate", "priceindex"}


def occupation_parts():
    """Every model that is a part of an occupation, in the order models.py defines them."""
    from .models import Occupation, OccupationPart

    return [
        relation.related_model
        for relation in Occupation._meta.related_objects
        if issubclass(relation.related_model, OccupationPart)
    ]


def profile_parts():
    """The parts the profile shows (data notes are shown on the About the data page)."""
    return [model for model in occupation_parts() if model.on_profile]


def content_models():
    """Every model editors edit: the sources, the occupations and their parts, and the
    price indexes; not the history rows or the loader's and cache's bookkeeping."""
    return [
        model
        for model in apps.get_app_config("occupations").get_models()
        if model._meta.model_name not in NOT_CONTENT | DATA and not hasattr(model, "instance_type")
    ]


def data_models():
    """BLS's releases, areas, industries and estimates (occupations/bls/models.py), and the
    price indexes import_bls reads from its CPI file."""
    return [
        model
        for model in apps.get_app_config("occupations").get_models()
        if model._meta.model_name in DATA
    ]
