"""The loader's record of what it wrote (see occupations/loading.py).

A model of the occupations app, defined beside the loader rather than in
models.py; models.py imports it so Django registers it with the others.
"""

from django.db import models


class LoadedRecord(models.Model):
    """What load_content last wrote for one fixture record.

    Comparing a row's current values with the ones stored here tells whether an
    editor changed it since, however the change was made. Only the fields that
    were loaded are compared, so a migration that adds a column is not an edit.
    """

    model = models.CharField(max_length=100)
    natural_key = models.CharField(max_length=400)
    fixture_digest = models.CharField(max_length=64, help_text="Digest of the fixture record.")
    loaded_values = models.JSONField(default=dict, help_text="The row's values as loaded.")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["model", "natural_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "natural_key"], name="loadedrecord_unique_key"
            ),
        ]

    def __str__(self):
        return f"{self.model} {self.natural_key}"
