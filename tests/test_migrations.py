"""The migrations on a database that already holds content, as an existing site's does."""

import json
import sqlite3

import pytest

from .serving import manage, site_env

pytestmark = pytest.mark.served


def test_a_figures_kind_becomes_its_measure_and_the_loaders_record_follows(tmp_path):
    env = site_env(tmp_path)
    manage(env, "migrate", "occupations", "0002", "-v0")
    database = tmp_path / "db.sqlite3"
    loaded = {"kind": "employment", "value": "1500000.00"}
    with sqlite3.connect(database) as connection:
        connection.execute(
            "INSERT INTO occupations_loadedrecord"
            " (model, natural_key, fixture_digest, loaded_values, loaded_at)"
            " VALUES (?, ?, ?, ?, '2026-12-01 00:00:00')",
            ("occupations.figure", '["jobs-2024", "cooks"]', "digest", json.dumps(loaded)),
        )

    manage(env, "migrate", "-v0")

    with sqlite3.connect(database) as connection:
        (values,) = connection.execute("SELECT loaded_values FROM occupations_loadedrecord")
        columns = {row[1] for row in connection.execute("PRAGMA table_info(occupations_figure)")}
    # Under its new name, so load_content does not take the rename for an editor's change.
    assert json.loads(values[0]) == {"measure": "employment", "value": "1500000.00"}
    assert "measure" in columns
    assert "kind" not in columns
