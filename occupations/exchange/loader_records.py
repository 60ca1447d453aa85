"""load_content's records of what it loaded (LoadedRecord), carried by an export.

load_content refreshes a row only while its values are still the ones it loaded, and never
brings back a row it loaded that is gone (an editor deleted it). Both rest on these
records, so they travel with the content:

- imported into a new database, they keep load_content from taking every row for an
  editor's and never refreshing it, and from adding back the rows editors had deleted;
- for a row the import writes, the file's record replaces the database's, as it describes
  the values the row now has (a row restored with an editor's change is still seen as
  changed, one restored as loaded is still refreshed);
- otherwise the database's own record stands.

A record is named by its model and natural key, as text, so it needs no translation; this
module only checks each entry and applies the rules above.
"""

from django.core.exceptions import ValidationError

from ..load_records import LoadedRecord
from . import ContentFileError, message

FIELDS = ("model", "natural_key", "fixture_digest", "loaded_values")


def loader_entries():
    return list(LoadedRecord.objects.order_by("model", "natural_key").values(*FIELDS))


def add_loader_records(entries, written, report):
    """Write the file's records under the rules above. `written` holds the (model label,
    key text) of every row this import wrote."""
    existing = {(record.model, record.natural_key): record for record in LoadedRecord.objects.all()}
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or set(entry) != set(FIELDS):
            raise ContentFileError(
                f"loader record {index}: needs exactly the fields {', '.join(FIELDS)}"
            )
        if not isinstance(entry["loaded_values"], dict):
            raise ContentFileError(f"loader record {index}: its loaded_values must be an object")
        key = (entry["model"], entry["natural_key"])
        record = LoadedRecord(**entry)
        try:
            # Its one constraint, a key unique, is kept by `existing` below.
            record.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ContentFileError(
                f"loader record {index} ({entry['model']} {entry['natural_key']}): {message(error)}"
            ) from None
        if key in existing:
            if key not in written:
                continue
            record.pk = existing[key].pk
        record.save()
        existing[key] = record
        report.loader_records += 1
