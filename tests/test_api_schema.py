"""Schemathesis against the API's own OpenAPI description: generated requests, within a
bounded number of examples per endpoint, never get a 5xx, and every answer matches the
schema it claims.

The description is generated from the code (careers/api/endpoints.py), so it is read without a
server; the requests go to the site's WSGI application, on the test database.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careers.api.endpoints import api

from .content import CSR_SLUG

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
application = get_wsgi_application()
# One test per operation, each with an id of its own. (schema.parametrize() runs them all in
# one pytest item, and pytest-xdist reported that item as passed though an operation failed.)
# Each draws valid requests and invalid ones, as schema.parametrize() does.
OPERATIONS = {
    f"{operation.method.upper()} {operation.path}": st.one_of(
        *(operation.as_strategy(mode) for mode in schemathesis.GenerationMode)
    )
    for operation in (result.ok() for result in schema.get_all_operations())
}

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_connection")]

# Enough to try every parameter's edges; few enough for CI's two passes.
EXAMPLES = 25
# Called through WSGI, nothing decodes a compressed body: ask for the plain one.
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def one_connection():
    """Keep the test's database connection (and its transaction) across requests, as Django's
    test client does: the WSGI handler would otherwise close it after each one."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


HYPOTHESIS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@settings(max_examples=EXAMPLES, **HYPOTHESIS)
@given(data=st.data())
def test_generated_requests(operation, data, db):
    case = data.draw(OPERATIONS[operation])
    case.call_and_validate(app=application, headers=PLAIN)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@settings(max_examples=5, **HYPOTHESIS)
@given(data=st.data())
def test_generated_requests_for_a_real_occupation(operation, data, db):
    """Generated slugs are almost never real (404s): here the path names a real occupation."""
    case = data.draw(OPERATIONS[operation])
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = CSR_SLUG
    case.call_and_validate(app=application, headers=PLAIN)
