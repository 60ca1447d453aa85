import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careers.settings")
# A web request never waits on one PostgreSQL statement for more than 5 s, nor on any answer
# from the server for more than 6 s (a statement the server cancels answers within that); a
# hung query or a silent server would otherwise hold a worker thread for as long as it hangs.
os.environ.setdefault("DJANGO_DB_STATEMENT_TIMEOUT_MS", "5000")
os.environ.setdefault("DJANGO_DB_RESPONSE_TIMEOUT", "6")

application = get_wsgi_application()
