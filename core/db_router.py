"""An optional read replica: public pages read from it, everything else uses the primary.

With DATABASE_REPLICA_URL set (settings.DATABASE_REPLICA_ALIAS names the connection), the
middleware marks an anonymous-style public read, a GET or HEAD outside the admin and the API's
writes, and the router then sends that request's reads to the replica. Writes always go to the
primary, and so do reads in the admin, in POSTs, inside a transaction (read your own writes), in
management commands and in the task worker (no request at all). A replica lags the primary by a
moment; a public page that is briefly behind is acceptable, an editor's form is not.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_public_read = ContextVar("public_read", default=False)


def replica_alias():
    return getattr(settings, "DATABASE_REPLICA_ALIAS", None)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = replica_alias()
        if not alias or not _public_read.get():
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # this request has started writing: read what it wrote
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary by replication


def is_public_read(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(tuple(settings.PRIVATE_PATH_PREFIXES))


class ReplicaReadsMiddleware:
    """Marks the request's reads for the replica when it is a public read (see the module's note)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _public_read.set(bool(replica_alias()) and is_public_read(request))
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
