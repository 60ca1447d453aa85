"""The scale-out path: two served nodes sharing one PostgreSQL database and one Redis."""

import uuid
from contextlib import ExitStack

import psycopg
import pytest

from .needs import REDIS_TEST_DB, require_redis
from .serving import GUNICORN, ONE_WORKER, fetch, manage, running, site_env
from .web_client import WebClient

pytestmark = [pytest.mark.served, pytest.mark.services]

PROFILE = "/occupations/customer-service-representatives/"
PASSWORD = "node-Test-passphrase-31"


@pytest.fixture(scope="module")
def two_nodes(tmp_path_factory, throwaway_postgres, prepare_site):
    """Set up once; the lockout test comes last, as it locks the editor out."""
    require_redis()
    tmp_path = tmp_path_factory.mktemp("nodes")
    database_url = f"postgres://postgres@127.0.0.1:5432/{throwaway_postgres}"
    shared = {
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_TEST_DB}",
        "CAREERS_CACHE_KEY_PREFIX": f"careers-test-{uuid.uuid4().hex}",
        "DJANGO_SECRET_KEY": "two-nodes-" + uuid.uuid4().hex * 2,
        "CAREERS_EDITOR_PASSWORD": PASSWORD,
        **ONE_WORKER,  # the two nodes are the point here, not the workers within each
    }
    envs = []
    for name in ("a", "b"):
        # The database comes migrated and loaded.
        envs.append(site_env(prepare_site(tmp_path / name, database=False), **shared))
    manage(envs[0], "create_editor", "sam")
    with ExitStack() as stack:
        bases = [
            stack.enter_context(running(GUNICORN, env, tmp_path / f"{name}.log"))
            for env, name in zip(envs, "ab", strict=True)
        ]
        yield bases, database_url


def job_title_id(database_url, slug):
    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as connection:
        (pk,) = connection.execute(
            "SELECT id FROM occupations_jobtitle WHERE slug = %s", [slug]
        ).fetchone()
    return pk


def test_an_edit_on_one_node_shows_on_the_other(two_nodes):
    (node_a, node_b), database_url = two_nodes
    for _ in range(2):
        status, headers, html = fetch(node_b + PROFILE)
    assert headers["X-Page-Cache"] == "hit"
    assert "Member Services Advocate" not in html

    editor = WebClient()
    status, headers, _ = editor.sign_in(node_a, "sam", PASSWORD)
    assert (status, headers.get("Location")) == (302, "/admin/")
    pk = job_title_id(database_url, "client-services-representative")
    status, headers, body = editor.submit(
        f"{node_a}/admin/occupations/jobtitle/{pk}/change/",
        {"name_en": "Member Services Advocate", "passage_checked": "on"},
    )
    assert status == 302, [line for line in body.splitlines() if "error" in line.lower()]

    status, headers, html = fetch(node_b + PROFILE)
    assert status == 200
    assert "Member Services Advocate" in html
    assert headers["X-Page-Cache"] == "miss"


def test_an_editor_signed_in_on_one_node_is_signed_in_on_the_other(two_nodes):
    (node_a, node_b), _ = two_nodes
    editor = WebClient()
    assert editor.sign_in(node_a, "sam", PASSWORD)[0] == 302
    status, _, html = editor.get(f"{node_b}/admin/")
    assert status == 200
    assert "Site content" in html


def test_a_lockout_made_on_one_node_holds_on_the_other(two_nodes):
    (node_a, node_b), _ = two_nodes
    statuses = [WebClient().sign_in(node_a, "sam", "wrong")[0] for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    status, headers, _ = WebClient().sign_in(node_b, "sam", PASSWORD)
    assert status == 429
    assert headers["Retry-After"] == "900"
