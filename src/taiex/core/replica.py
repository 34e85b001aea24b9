"""Reads of the public search and statistics from a read replica (DATABASE_REPLICA_URL).

The middleware marks an anonymous-safe GET of the public pages and public API as replica reads;
the router then sends that request's reads to the "replica" database. Everything else, and
every write, goes to the primary. Public data may lag the primary by the replication delay,
which the public pages can afford (they show implemented events).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PUBLIC_READ_PREFIXES = ("/public/", "/api/v1/events/", "/api/v1/statistics/")

reading_public_data = ContextVar("reading_public_data", default=False)


@contextmanager
def public_reads():
    """Within this block, reads go to the replica when one is configured."""
    token = reading_public_data.set(True)
    try:
        yield
    finally:
        reading_public_data.reset(token)


class ReplicaRouter:
    """Reads in a `public_reads()` block go to the replica; the rest to the primary."""

    def db_for_read(self, model, **hints):
        if reading_public_data.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary's schema by replication


class PublicReadsMiddleware:
    """Serve GET and HEAD requests of the public pages and public API from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in {"GET", "HEAD"} and request.path.startswith(PUBLIC_READ_PREFIXES):
            with public_reads():
                return self.get_response(request)
        return self.get_response(request)
