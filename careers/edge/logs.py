"""How the log reports a request the client got wrong."""

import copy
import logging


class ClientErrorsOnOneLine(logging.Filter):
    """A 4xx answer is logged on one line: its message, without the exception's traceback.

    Django logs a disallowed Host header, a malformed body or a refused permission with the
    exception behind it: a screenful of traceback for each bad request a scanner sends, which
    buries the site's own errors. The message already says what the client got wrong; the
    traceback only says where Django noticed. Server errors (5xx) keep theirs.

    A handler's filter, not a logger's: a logger's filters see only the records logged on
    that very logger, and Django logs these on many (django.security.DisallowedHost,
    django.security.csrf, django.request, ...).
    """

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if not (record.exc_info and isinstance(status, int) and 400 <= status < 500):
            return True
        # A copy for this handler alone; exc_text too, in case another handler has already
        # formatted the traceback into it.
        record = copy.copy(record)
        record.exc_info = None
        record.exc_text = None
        return record


class RefusalsNotRepeated(logging.Filter):
    """django.request's line for each 429 and 503 is dropped.

    Under a flood there is one a request, hundreds a second, for answers that are the site
    working as meant: the access log counts them, and the reason is logged where it is known
    (careers/edge/bulkhead.py once a minute, the database outage on each request).
    """

    def filter(self, record):
        status = getattr(record, "status_code", None)
        return not (record.name == "django.request" and status in (429, 503))
