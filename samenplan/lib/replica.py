"""Reads from a streaming replica, without anyone reading their own past.

A PostgreSQL replica replays the primary's changes a few milliseconds late. So
the replica takes only what cannot be hurt by that:

- reads during a GET or HEAD request (pages, downloads) — never during a POST,
  whose reads decide what is written;
- and not for the browser that wrote in the last ``SAMENPLAN_REPLICA_PIN_SECONDS``:
  after "Opslaan" the next page must show what was saved. A cookie carries that
  moment, so it holds whichever app server the next request reaches;
- never inside a transaction (reads there build the audit chain, the version
  check, the one-time token), nor in the worker or a management command: the
  default is the primary, and only ``ReplicaMiddleware`` opens the replica.

Without ``DATABASE_REPLICA_URL`` there is no router and this middleware does nothing.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
COOKIE = "sp_wrote"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_reads_may_lag: ContextVar[bool] = ContextVar("samenplan_reads_may_lag", default=False)


def configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _reads_may_lag.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            # What an object has, read from where the object came from: the
            # rows of something just written are on the primary only.
            return instance._state.db
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same database.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def wrote_recently(request) -> bool:
    try:
        wrote_at = float(request.COOKIES.get(COOKIE, ""))
    except ValueError:
        return False
    return 0 <= time.time() - wrote_at < settings.SAMENPLAN_REPLICA_PIN_SECONDS


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not configured():
            return self.get_response(request)
        safe = request.method in SAFE_METHODS
        token = _reads_may_lag.set(safe and not wrote_recently(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_may_lag.reset(token)
        if not safe:
            # Not personal and not secret: only "this browser wrote at this moment".
            response.set_cookie(
                COOKIE,
                f"{time.time():.3f}",
                max_age=settings.SAMENPLAN_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
