"""gunicorn settings for the site.

`uv run manage.py serve` passes this file with `-c`; gunicorn also reads it by itself when it
is started from this folder (`uv run gunicorn careers.wsgi`). Options given on the command
line, or in GUNICORN_CMD_ARGS, override the values here.

The worker is gthread: each worker process hands every connection to a pool of threads, so a
client that connects and sends nothing, or sends its headers slowly, holds one thread, not a
whole process. gunicorn 27's gthread waits at most 5 s in a thread for the first byte of a new
connection, then parks the connection in the worker's poller (where it costs no thread) and
closes it if nothing arrives within `keepalive`. Once the first byte has arrived, though, the
thread reads the rest of the request line and headers with a blocking socket and no time limit:
a client that sends one header byte a second would hold it forever. gunicorn has no setting
for that (the `limit_request_*` settings bound bytes, not time, and `timeout` only watches the
worker's main loop), so the worker at the end of this file adds a deadline for the request
line and headers. It also makes a worker whose threads are all taken leave new connections to
the others, which gthread itself does not.

In production, put a buffering proxy in front (careers/deploy/nginx.conf): it reads whole
requests from slow clients itself and hands gunicorn only complete ones.
"""

import contextlib
import os
import socket
import threading
import time
from functools import partial

from gunicorn.workers.gthread import ThreadWorker


def _env_count(*names, default):
    """The first of the environment variables `names` that is set, as a positive integer."""
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            if not value.isdigit() or int(value) < 1:
                raise SystemExit(f"{name} must be a whole number of at least 1, not {value!r}.")
            return int(value)
    return default


def _cores():
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may run on (containers)
    except AttributeError:
        return os.cpu_count() or 1


# Only the local machine by default: `serve` passes --bind, and the proxy connects here.
bind = "127.0.0.1:8000"

# One process per core (at least two, so that one busy or restarting worker never leaves the
# site without one). A process runs Python on one core at a time, so more processes than
# cores add memory, not speed; the threads below cover waiting on the network and database.
# GUNICORN_WORKERS, or the WEB_CONCURRENCY that hosting platforms set, overrides it.
workers = _env_count("GUNICORN_WORKERS", "WEB_CONCURRENCY", default=max(2, _cores()))

# Threads per worker (for the gthread worker: worker_class, at the end of this file). Every
# connection a worker accepts takes a thread: an idle one for up to 5 s (gthread's wait for its
# first byte), a slow-header one for up to REQUEST_HEADER_TIMEOUT below, a real request for
# milliseconds. A worker accepts only while it has a free thread, so workers x threads is how
# many stalling connections the site absorbs while still answering everyone else at once.
# tests/test_slow_clients.py opens 40 (20 idle, 20 slow-header): with 2 workers, 20 threads
# each left the first page waiting 5 s, 22 only just passed, 32 (64 threads) answers every
# page within 0.03 s. Threads are created only when needed and a blocked one costs little
# memory. But a thread that has served a page keeps its own database connection (CONN_MAX_AGE),
# so workers x threads is also the most PostgreSQL connections one server opens. The default
# keeps that within DATABASE_CONNECTIONS, well under PostgreSQL's max_connections (100 by
# default): 32 threads for 2 workers, 20 for 4, 10 for 8. Running several servers, divide
# it between them with GUNICORN_THREADS, which overrides it.
DATABASE_CONNECTIONS = 80
threads = _env_count("GUNICORN_THREADS", default=max(8, min(32, DATABASE_CONNECTIONS // workers)))

# The most connections one worker keeps open, busy, queued or idle (gunicorn's default).
# Beyond it the worker stops accepting until some close, so the others take them.
worker_connections = 1000

# With gthread this is how long a worker's main loop may stall before the arbiter restarts the
# worker, not a limit on one request (threads are not killed). 30 s is gunicorn's default and
# far above any page; the database has its own timeouts.
timeout = 30

# On a restart or stop, how long requests in progress get to finish. Pages take well under a
# second, and slow-header connections are cut after REQUEST_HEADER_TIMEOUT anyway.
graceful_timeout = 10

# How long an idle kept-alive connection, or a new one that sent nothing within gthread's 5 s
# wait, stays open. 5 s is the top of gunicorn's advice for servers that face clients directly,
# and above the 4 s for which careers/deploy/nginx.conf keeps idle upstream connections, so
# gunicorn never closes one that nginx is about to reuse.
keepalive = 5

# Size limits on the request head, checked while it is read. The site's longest URLs (admin
# lists with filters) stay far below 4094 bytes (gunicorn's default; its ceiling is 8190).
limit_request_line = 4094
# Browsers send 10 to 20 header fields and a proxy adds a few; 50 leaves room, and a client
# cannot make a worker parse thousands (gunicorn's default is 100).
limit_request_fields = 50
# One header field, cookies included (the admin's session and CSRF cookies are small).
limit_request_field_size = 8190

# gunicorn 27 opens a control socket for `gunicornc` at one path per user
# (~/.gunicorn/gunicorn.ctl), so several servers on one machine (the tests, `benchmark`) would
# take it from each other. The site does not use it: signals do the same (HUP reloads, TERM
# stops gracefully, TTIN/TTOU add or remove a worker).
control_socket_disable = True

# One line per request on stdout, errors on stderr: whatever runs the service collects both.
accesslog = "-"
errorlog = "-"

# The proxies whose X-Forwarded-Proto (and X-Forwarded-Ssl) gunicorn believes when it sets
# wsgi.url_scheme: the same DJANGO_TRUSTED_PROXIES that Django uses for X-Forwarded-For.
# Comma-separated addresses or CIDR networks ("127.0.0.1", "10.0.0.0/8"), which gunicorn 27
# accepts as they are. Unset, nobody is believed, not even 127.0.0.1 (gunicorn's own
# default): the site drops those headers from untrusted peers, and gunicorn must agree, or a
# local client could make a plain request count as HTTPS.
_trusted_proxies = [
    part.strip() for part in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",") if part.strip()
]
forwarded_allow_ips = ",".join(_trusted_proxies)

# Time allowed for the request line and headers of one request, counted from when a thread
# takes the connection (so it includes gthread's wait of up to 5 s for the first byte). A real
# client sends them in one packet; a slower one is disconnected, and its thread is free again.
# GUNICORN_REQUEST_HEADER_TIMEOUT overrides it (whole seconds).
REQUEST_HEADER_TIMEOUT = _env_count("GUNICORN_REQUEST_HEADER_TIMEOUT", default=10)
# Time allowed for the rest of a request once its headers are in: reading its body and running
# the view. Pages take milliseconds and an admin save well under a second; a client that
# announces a body and never sends it is disconnected when this runs out.
# GUNICORN_REQUEST_BODY_TIMEOUT overrides it (whole seconds).
REQUEST_BODY_TIMEOUT = _env_count("GUNICORN_REQUEST_BODY_TIMEOUT", default=20)


class GuardedThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, with two guards against clients that hold threads.

    1. A deadline for each request's line and headers. A thread parsing headers blocks in
       recv() on the client's socket, with no time limit. The worker's main loop calls notify()
       at least once a second; there, a connection still without complete headers after
       REQUEST_HEADER_TIMEOUT is shut down, so the blocked recv() returns and gunicorn closes
       the connection as if the client had gone away. Once the headers are in, a second
       deadline, REQUEST_BODY_TIMEOUT, covers reading the body and running the view, so a
       body that never arrives does not hold a thread either.

    2. A worker accepts new connections only while it has a free thread. gthread accepts
       whenever it is under worker_connections and queues the rest in its pool, and Linux
       wakes the same worker first again and again: with two workers, one took 38 of 40 new
       connections. A worker whose threads are all held by slow clients would keep taking
       (and stalling) most new requests while the other one idles. Now it leaves them in the
       listen queue for a worker with a free thread (gunicorn issues #908 and #3433).

    The counters below are only touched on the worker's main thread: gthread accepts, queues
    work (enqueue_req) and finishes it (finish_request) there. The deadlines are also touched
    by pool threads, hence the lock.
    """

    def __init__(self, *args, **kwargs):
        self._in_pool = 0  # connections handed to the thread pool and not finished yet
        self._deadlines = {}  # connection -> time.monotonic() deadline
        self._deadlines_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    # Guard 2: accept only with a free thread.

    def set_accept_enabled(self, enabled):
        # run() asks to accept on every turn of its loop; say yes only with a free thread.
        super().set_accept_enabled(enabled and self._in_pool < self.cfg.threads)

    def enqueue_req(self, conn):
        self._in_pool += 1
        super().enqueue_req(conn)
        if self._in_pool >= self.cfg.threads:
            super().set_accept_enabled(False)

    def finish_request(self, conn, fs):
        self._in_pool -= 1  # run() starts accepting again on its next turn
        _linger_off_main_thread(conn)
        super().finish_request(conn, fs)

    # Guard 1: a deadline for the request line and headers.

    def _forget(self, conn):
        with self._deadlines_lock:
            self._deadlines.pop(conn, None)

    def handle(self, conn):
        # Runs in a pool thread for each request on a connection: new, parked or kept alive.
        with self._deadlines_lock:
            self._deadlines[conn] = time.monotonic() + REQUEST_HEADER_TIMEOUT
        try:
            return super().handle(conn)
        finally:
            self._forget(conn)

    def handle_request(self, req, conn):
        # The request line and headers are complete: the body and the view get their own time.
        with self._deadlines_lock:
            self._deadlines[conn] = time.monotonic() + REQUEST_BODY_TIMEOUT
        return super().handle_request(req, conn)

    def handle_http2(self, conn):
        self._forget(conn)  # a long-lived HTTP/2 connection (off unless http_protocols says so)
        return super().handle_http2(conn)

    def notify(self):
        super().notify()
        now = time.monotonic()
        with self._deadlines_lock:
            expired = [conn for conn, at in self._deadlines.items() if at <= now]
            for conn in expired:
                del self._deadlines[conn]
        for conn in expired:
            self.log.info(
                "Closing connection from %s: the request did not arrive in time.",
                conn.client[0] if isinstance(conn.client, tuple) else conn.client,
            )
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)


def _linger_off_main_thread(conn):
    """gthread closes a finished connection on the main thread, "gracefully": it reads from
    the client for up to 2 s first. A client that sent a request with a body and then stalled
    makes every such close wait the full 2 s, and meanwhile the worker accepts nothing: ten of
    them froze the site for seconds. So the graceful close runs in a thread of its own.

    A kept-alive connection comes here after every request it serves; its close is wrapped
    the first time only (wrapped again each time, closing a connection that had served 5,000
    requests started 5,000 threads, one after another).
    """
    if getattr(conn.close, "func", None) is not _close_off_main_thread:
        conn.close = partial(_close_off_main_thread, conn.close)


def _close_off_main_thread(close, graceful=False):
    if graceful:
        threading.Thread(target=close, kwargs={"graceful": True}, daemon=True).start()
    else:
        close()


# gthread, with the two guards above.
worker_class = GuardedThreadWorker
