"""Brotli is optional: a site where the package is missing still starts, compresses its static
files and sends its pages with gzip (issue 13)."""

import json
import subprocess
import sys

import pytest

from tests.serving import BASE_DIR

from .serving import site_env

pytestmark = pytest.mark.served

PROFILE = "/occupations/customer-service-representatives/"

# Runs in a child process in which `import brotli` fails, as it does where the package is not
# installed (a None in sys.modules makes Python raise ImportError).
WITHOUT_BROTLI = """
import sys
sys.modules["brotli"] = None
import django
django.setup()
from django.test import Client
# What collectstatic does to each file (all of them would take 20 s): gzip alone now.
from careers.staticfiles import ReusingCompressor
made = ReusingCompressor(quiet=True).compress(STYLESHEET)
client = Client(HTTP_HOST="localhost", headers={"Accept-Encoding": "br, gzip"})
first, second = client.get(PATH), client.get(PATH)
print(json.dumps({
    "statuses": [first.status_code, second.status_code],
    "encodings": [first.get("Content-Encoding"), second.get("Content-Encoding")],
    "states": [first.get("X-Page-Cache"), second.get("X-Page-Cache")],
    "static": [name.rsplit(".", 1)[-1] for name in made],
}))
"""


def test_without_brotli_the_site_starts_and_sends_gzip(tmp_path, prepare_site):
    prepare_site(tmp_path)
    stylesheet = tmp_path / "site.css"
    stylesheet.write_text("body { color: #222; }\n" * 100)
    code = f"import json\nPATH = {PROFILE!r}\nSTYLESHEET = {str(stylesheet)!r}\n{WITHOUT_BROTLI}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=site_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {
        "statuses": [200, 200],
        "encodings": ["gzip", "gzip"],
        "states": ["miss", "hit"],
        "static": ["gz"],
    }
