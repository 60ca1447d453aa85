"""The served-site helpers the tests share with `manage.py benchmark` (careers/serving.py)."""

from tests.serving import GUNICORN, SERVE, fetch, free_port, manage, running, site_env

__all__ = [
    "GUNICORN",
    "ONE_WORKER",
    "SERVE",
    "fetch",
    "free_port",
    "manage",
    "running",
    "site_env",
]

# For a served copy whose test is about the database, the cache or other nodes, not about
# gunicorn's processes: one worker (still with gunicorn.conf.py's threads) instead of one
# per core. Each worker loads Django and compiles the templates again, about 0.6 s of CPU.
ONE_WORKER = {"GUNICORN_WORKERS": "1"}
