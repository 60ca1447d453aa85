"""Small BLS flat files made in a test: a release of OEWS that looks like BLS's own.

The lookups are copied from the shipped extract (fixtures/bls); the data file holds the
national, all-industries estimates of the occupations given, one row per datatype, and
any extra rows a test adds. Tests then break one thing and check the import refuses it.
"""

import shutil
from pathlib import Path

from django.conf import settings

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "bls"
LOOKUPS = ("oe.area", "oe.industry", "oe.occupation", "oe.datatype", "oe.footnote")
HEADER = "series_id\tyear\tperiod\tvalue\tfootnote_codes"

# A plausible May 2026 for customer service representatives: (datatype, value, footnotes).
CSR_2026 = [
    ("01", "2700000", ""),
    ("02", "0.4", ""),
    ("03", "23.10", ""),
    ("04", "48050", ""),
    ("05", "0.3", ""),
    ("06", "15.80", ""),
    ("07", "18.20", ""),
    ("08", "22.10", ""),
    ("09", "26.40", ""),
    ("10", "31.50", ""),
    ("11", "32860", ""),
    ("12", "37860", ""),
    ("13", "45970", ""),
    ("14", "54910", ""),
    ("15", "65520", ""),
    ("16", "17.600", ""),
    ("17", "1.00", ""),
]


def series(datatype, occupation="434051", area="N0000000", industry="000000"):
    return f"OEU{area}{industry}{occupation}{datatype}"


def release_folder(folder, rows=None, year="2026", label="May 2026", cpi=False):
    """A folder of OEWS files for one release; `rows` are the data file's lines after its
    header (default: CSR_2026, national)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in LOOKUPS:
        shutil.copy(SHIPPED / name, folder / name)
    (folder / "oe.release").write_text(f"release_date\tdescription\n{year}A01\t{label}\n")
    if rows is None:
        rows = [f"{series(d)}\t{year}\tA01\t{v}\t{f}" for d, v, f in CSR_2026]
    (folder / "oe.data.0.Current").write_text("\n".join([HEADER, *rows]) + "\n")
    if cpi:
        shutil.copy(SHIPPED / "cu.data.1.AllItems", folder / "cu.data.1.AllItems")
    return folder / "oe.data.0.Current"
