"""Django's PostgreSQL backend, with a bound on how long any answer from the server may take.

libpq's connect_timeout bounds connecting, the server's statement_timeout bounds a query the
server is running, and TCP keepalives with tcp_user_timeout (settings.DATABASE_OPTIONS) drop a
peer whose packets go unacknowledged. None of them covers a server, or a relay in front of it,
that takes the bytes and never answers: in a probe that froze such a relay, every thread of
every worker waited in psycopg for as long as it stayed frozen (22 of 32 in the health check
Django runs before reusing a connection), and even the cached pages stopped answering.

psycopg waits for every answer in ``Connection.wait()``, which takes a timeout that Django never
passes. So each connection this backend opens waits at most OPTIONS["response_timeout"] seconds
(unset: as long as it takes, as for commands such as load_content), and the health check at most
HEALTH_CHECK_SECONDS. A connection that timed out is closed, and the error is an
OperationalError, which careers.edge.middleware turns into a 503.
"""

import time
from functools import partial

import psycopg
from django.db.backends.postgresql import base

# The health check is "SELECT 1": a server that takes longer than this to answer it is not one
# to send a page's queries to. With connect_timeout (3 s), a silent server costs a request 4 s.
HEALTH_CHECK_SECONDS = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params.pop("response_timeout", None)  # ours, not libpq's
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        connection.response_timeout = self.settings_dict["OPTIONS"].get("response_timeout")
        # An instance attribute: psycopg's connection and cursors all call self.wait().
        connection.wait = partial(bounded_wait, connection, connection.wait)
        return connection

    def is_usable(self):
        if self.connection is None:
            return False
        bound = self.connection.response_timeout
        self.connection.response_timeout = min(bound or HEALTH_CHECK_SECONDS, HEALTH_CHECK_SECONDS)
        try:
            return super().is_usable()
        finally:
            self.connection.response_timeout = bound


def bounded_wait(connection, wait, gen, *args, timeout=None, **kwargs):
    """psycopg's wait(), with the connection's bound unless the caller gave its own."""
    bound = connection.response_timeout if timeout is None else timeout
    started = time.monotonic()
    try:
        return wait(gen, *args, timeout=bound, **kwargs)
    except psycopg.OperationalError as error:
        if bound is None or time.monotonic() - started < bound:
            raise
        # Abandoned mid-exchange, the connection cannot be used again.
        connection.close()
        raise psycopg.OperationalError(
            f"the database server did not answer within {bound:g} s"
        ) from error
