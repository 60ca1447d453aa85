"""Running load_content on a folder of fixtures, and changing one record in a copy."""

import json
from io import StringIO

from django.core.management import call_command


def load(fixtures_dir=None):
    """Run load_content on the JSON fixtures. BLS's files are left out: these tests are
    about the fixture records, and test_import_bls.py runs load_content with BLS's files."""
    out = StringIO()
    args = ["--fixtures-dir", str(fixtures_dir)] if fixtures_dir else []
    call_command("load_content", "--without-bls", *args, stdout=out)
    return out.getvalue()


def edit_fixture(folder, slug, change):
    """Apply `change` to the record `slug` of the CSR fixture in `folder` (a copy)."""
    path = folder / "020_customer_service_representatives.json"
    records = json.loads(path.read_text())
    (record,) = [r for r in records if r["fields"].get("slug") == slug]
    change(record)
    path.write_text(json.dumps(records))
