"""Logging filters of LOGGING (base.py); imported while settings load, so nothing app-level here."""

import logging

from django.db import InterfaceError, OperationalError


class NotADatabaseOutage(logging.Filter):
    """Keep an unreachable database out of the admins' mail, still writing it to stderr.

    During an outage every request fails alike and is answered with a deliberate 503
    (cms/delivery/outage.py; /readyz too): one mail per request would flood the admins and hold
    each request up on the mail server. So the database's errors and 503 answers are not mailed.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, OperationalError | InterfaceError):
            return False
        return getattr(record, "status_code", None) != 503
