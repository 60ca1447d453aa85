"""Every public page, as the production server sends it, passes the Nu Html Checker (vnu)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .crawl import crawl
from .needs import skip_or_fail
from .serving import fetch

pytestmark = pytest.mark.browser

VNU_JAR = Path(
    os.environ.get(
        "CAREERS_VNU_JAR",
        settings.BASE_DIR / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar",
    )
)


def test_every_public_page_is_valid_html(production_site, tmp_path):
    if not VNU_JAR.exists() or not shutil.which("java"):
        skip_or_fail(
            f"no Nu Html Checker at {VNU_JAR} (npm install vnu-jar) or no java",
            "CAREERS_REQUIRE_BROWSER",
        )
    pages = crawl(production_site)
    files = {}
    for index, path in enumerate(pages):
        _, _, html = fetch(production_site + path)
        file = tmp_path / f"page-{index}.html"
        file.write_text(html)
        files[file] = path
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    by_name = {file.name: path for file, path in files.items()}
    errors = [
        f"{by_name.get(m.get('url', '').rsplit('/', 1)[-1])}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in {"error", "non-document-error"}
    ]
    assert len(files) >= 10
    assert not errors, "\n".join(errors)
    assert result.returncode == 0
