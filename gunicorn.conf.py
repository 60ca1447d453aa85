"""gunicorn's settings. `manage.py serve` passes this file with -c; gunicorn also reads it when
started from this folder. Command-line options and GUNICORN_CMD_ARGS override it.

gunicorn answers whole requests quickly, but a slow or idle client holds one of its threads.
On a public site a buffering proxy in front (careers/deploy/nginx.conf) reads each request whole
and hands gunicorn only complete ones; gunicorn itself is reachable from that proxy alone.
"""

import os

# Only this machine: the proxy connects here. `serve --bind` changes it.
bind = "127.0.0.1:8000"

# One process per core, at least two so that a restarting worker never leaves the site without
# one. GUNICORN_WORKERS, or WEB_CONCURRENCY as hosting platforms set it, overrides it.
_env = os.environ.get
_cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
workers = int(_env("GUNICORN_WORKERS") or _env("WEB_CONCURRENCY") or max(2, _cores))

# gthread: each worker serves requests on a pool of threads, which cover waiting on the
# database. A thread that has served a page keeps its database connection (CONN_MAX_AGE), so
# workers x threads stays within 80, well under PostgreSQL's max_connections (100 by default).
# With several servers, divide it between them with GUNICORN_THREADS.
worker_class = "gthread"
threads = int(_env("GUNICORN_THREADS") or max(8, min(32, 80 // workers)))

# A worker whose main loop stalls this long is restarted (gunicorn's default; pages take
# milliseconds). On a restart or stop, requests in progress get graceful_timeout to finish.
timeout = 30
graceful_timeout = 10
# Idle kept-alive connections stay open 5 s: longer than nginx keeps its idle upstream
# connections (4 s), so gunicorn never closes one that nginx is about to reuse.
keepalive = 5

# Browsers send 10 to 20 header fields and a proxy adds a few (gunicorn's default is 100). The
# request line (4094 bytes) and each field (8190) keep gunicorn's limits.
limit_request_fields = 50

# Which peers' X-Forwarded-Proto gunicorn believes: the proxies the site trusts
# (DJANGO_TRUSTED_PROXIES, comma-separated addresses or networks). Unset, nobody, not even
# 127.0.0.1 (gunicorn's default), as the site drops those headers from everyone else.
forwarded_allow_ips = _env("DJANGO_TRUSTED_PROXIES", "")

# gunicorn 27's control socket is one path per user, which several servers on one machine
# (the tests, `benchmark`) would take from each other; signals do the same job.
control_socket_disable = True

# Requests on stdout, errors on stderr: whatever runs the service collects both.
accesslog = "-"
errorlog = "-"
