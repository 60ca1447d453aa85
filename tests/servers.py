"""The served-site helpers the tests share with `manage.py benchmark` (careers/serving.py)."""

from careers.serving import GUNICORN, SERVE, fetch, free_port, manage, running, site_env

__all__ = ["GUNICORN", "SERVE", "fetch", "free_port", "manage", "running", "site_env"]
