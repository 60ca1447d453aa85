"""Whatever is sent, the answer is a normal page or a 4xx: never a 500, never a traceback."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .content import CSR_SLUG as CSR

PAGES = [
    "/",
    f"/occupations/{CSR}/",
    f"/occupations/{CSR}/faq/",
    f"/occupations/{CSR}/over-time/",
    "/compare/",
    f"/compare/{CSR}/waiters-and-waitresses/",
    "/about-the-data/",
    "/sitemap.xml",
    "/robots.txt",
]
ODD = [
    "%00",
    "%ff",
    "%c0%af",
    "%2e%2e%2f",
    "..",
    "%",
    "%zz",
    "\u202e",
    "😀",
    "é",
    "ß",
    "\ufeff",
    "%0d%0a",
]

hypothesis_settings = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
segments = st.one_of(
    st.text(max_size=40).map(lambda text: quote(text, safe="")),
    st.sampled_from(ODD),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=60),
)


def assert_handled(response, path):
    assert response.status_code < 500, f"{path} answered {response.status_code}"
    body = response.content.decode(errors="replace")
    assert "Traceback" not in body
    if 400 <= response.status_code < 500 and response.get("Content-Type", "").startswith(
        "text/html"
    ):
        assert "css/site." in body, f"{path}: unstyled {response.status_code} page"


def assert_all_handled(client, paths):
    for path in paths:
        assert_handled(client.get(path), path)


@hypothesis_settings
@given(slug=segments)
def test_unknown_and_malformed_slugs(client, db, slug):
    paths = [f"/occupations/{slug}/{page}" for page in ("", "faq/", "over-time/")]
    assert_all_handled(client, paths)


@hypothesis_settings
@given(left=segments, right=segments)
def test_odd_comparison_pairs(client, db, left, right):
    pairs = [(left, right), (left, CSR), (CSR, right)]
    assert_all_handled(client, [f"/compare/{one}/{other}/" for one, other in pairs])


@hypothesis_settings
@given(parts=st.lists(segments, max_size=8), repeat=st.integers(1, 400))
def test_arbitrary_and_very_long_paths(client, db, parts, repeat):
    path = "/" + "/".join(parts) * repeat
    assert_handled(client.get(path[:20000]), path[:80])


@hypothesis_settings
@given(
    page=st.sampled_from(PAGES),
    query=st.dictionaries(st.text(max_size=20), st.text(max_size=60), max_size=6),
)
def test_random_query_strings_on_every_page(client, db, page, query):
    path = f"{page}?{urlencode(query)}"
    response = client.get(path)
    assert_handled(response, path)
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_on_read_only_pages(client, db, page, method):
    response = client.generic(
        method, page, data=b"a=1", content_type="application/x-www-form-urlencoded"
    )
    assert_handled(response, f"{method} {page}")
    if method == "HEAD":
        assert response.status_code == 200
        assert response.content == b""
    else:
        assert response.status_code in {403, 405}


def test_forged_post_gets_the_styled_403_page(client, db):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(f"/occupations/{CSR}/", {"x": "1"})
    assert response.status_code == 403
    assert "You cannot do that here" in response.content.decode()


def test_unknown_host_gets_the_styled_400_page(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


def test_unexpected_error_gets_the_styled_500_page_and_outage_a_503(rf):
    from django.db import OperationalError

    from careers.edge.middleware import DatabaseOutageMiddleware
    from careers.pages.views import server_error

    request = rf.get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "a bug" not in body
    assert "css/site." in body

    # The outage 503 comes from the middleware nearest the views, not from handler500.
    outage = DatabaseOutageMiddleware(lambda request: None)
    response = outage.process_exception(request, OperationalError("connection refused"))
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()
    assert response["Retry-After"] == "60"
    # SQLite's "database is locked" is a fault to fix, and any other error is a bug: both 500.
    assert outage.process_exception(request, OperationalError("database is locked")) is None
    assert outage.process_exception(request, ValueError("a bug")) is None
    # Met outside any view (a middleware saving a session), an outage is still a 503.
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        assert server_error(request).status_code == 503


def database_error(cause):
    """A database error as Django raises it: its own class, with the driver's as the cause."""
    from django.db import OperationalError

    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_only_an_unreachable_database_counts_as_an_outage():
    import sqlite3

    import psycopg

    from careers.edge.middleware import is_database_outage

    unreachable = psycopg.OperationalError("connection failed: Connection refused")
    assert is_database_outage(database_error(unreachable))
    assert is_database_outage(database_error(psycopg.errors.AdminShutdown("shutting down")))
    assert is_database_outage(database_error(psycopg.errors.QueryCanceled("statement timeout")))
    assert not is_database_outage(database_error(psycopg.errors.DeadlockDetected("deadlock")))
    assert not is_database_outage(database_error(psycopg.errors.SerializationFailure("retry")))
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorname = "SQLITE_BUSY"
    assert not is_database_outage(database_error(locked))
    missing = sqlite3.OperationalError("unable to open database file")
    missing.sqlite_errorname = "SQLITE_CANTOPEN"
    assert is_database_outage(database_error(missing))
