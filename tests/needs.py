"""What some tests need from outside Python: the services on 127.0.0.1, and what a test does
when a document, tool or service is missing (skip it, or in CI fail it)."""

import os
import socket

import pytest

REDIS = ("127.0.0.1", 6379)
# Tests keep to a database number of their own, under a key prefix per test.
REDIS_TEST_DB = 9
POSTGRES = ("127.0.0.1", 5432)
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def skip_or_fail(message, flag):
    """Skip when a document, tool or service is missing; `.ci/run` sets `flag`=1 to fail instead."""
    if os.environ.get(flag) == "1":
        pytest.fail(message)
    pytest.skip(message)


def _require(address, name):
    try:
        socket.create_connection(address, timeout=2).close()
    except OSError:
        skip_or_fail(f"no {name} on {address[0]}:{address[1]}", "CAREERS_REQUIRE_SERVICES")


def require_redis():
    _require(REDIS, "Redis")


def require_postgres():
    _require(POSTGRES, "PostgreSQL")
