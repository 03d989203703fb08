"""Tamper evidence: each audit event carries the hash of the one before it, per family.

``hash = sha256(previous hash + the event's fields)``. Changing, removing or
inserting a row anywhere breaks every link after it; ``manage.py verify_audit``
names the first broken one. Events outside any family form one chain of their
own. On PostgreSQL the chain of a family is extended under an advisory lock,
so two writers never build on the same link.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from django.db import connection, router

FIELDS = (
    "actor_id",
    "actor_name",
    "on_behalf_of",
    "role",
    "organization",
    "family_id",
    "data",
    "object_type",
    "object_id",
    "action",
    "emergency",
    "source",
    "detail",
)
# A fixed number for the advisory lock of the chains (any constant of our own).
LOCK_SPACE = 0x5A4D


def digest(event, previous: str) -> str:
    body = {name: getattr(event, name) for name in FIELDS}
    body["at"] = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    text = previous + json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _last_hashes(model, family_ids: set) -> dict:
    """The newest hash of each of these chains, in one query.

    One scalar subquery per chain, each "newest first, one row" on the
    ``(family, -id)`` index: it reads one index entry however long the log is.
    (A ``MAX(id)`` with the ``hash <> ''`` condition cannot use the index's
    end and reads the family's whole log on every page view.)
    """
    from django.db import connections

    # From the primary, whatever the router says about reads: a link built on a
    # replica's older view of the chain would fork it.
    alias = router.db_for_write(model)
    table = connections[alias].ops.quote_name(model._meta.db_table)
    ordered = sorted(family_ids, key=lambda f: (f is not None, f or 0))
    parts, params = [], []
    for position, family_id in enumerate(ordered):
        where = "family_id IS NULL" if family_id is None else "family_id = %s"
        parts.append(
            f"SELECT {position}, (SELECT hash FROM {table} WHERE {where} AND hash <> ''"  # noqa: S608
            " ORDER BY id DESC LIMIT 1)"
        )
        if family_id is not None:
            params.append(family_id)
    with connections[alias].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = dict(cursor.fetchall())
    return {family_id: found[i] or "" for i, family_id in enumerate(ordered)}


def _lock(family_ids: set) -> None:
    """On PostgreSQL, one writer at a time per chain (one statement for all of them)."""
    if connection.vendor != "postgresql":
        return  # SQLite writes one transaction at a time anyway
    # One 64-bit key per chain: our own constant in the high bits, the family below.
    keys = sorted((LOCK_SPACE << 48) | (f or 0) for f in family_ids)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(key) FROM unnest(%s::bigint[]) AS key", [keys])


# Actions that only read: every other one changes the family's data.
READS = frozenset({"view", "export"})


def bump_versions(events) -> None:
    """Raise the data version of each family these events changed (one UPDATE each)."""
    from django.db.models import F

    family_model = type(events[0])._meta.get_field("family").related_model
    changed = {e.family_id for e in events if e.family_id is not None and e.action not in READS}
    if changed:
        family_model._base_manager.filter(pk__in=changed).update(data_version=F("data_version") + 1)


def link(events) -> None:
    """Give each new event (in order) its place in its family's chain."""
    if not events:
        return
    model = type(events[0])
    family_ids = {event.family_id for event in events}
    _lock(family_ids)
    last = _last_hashes(model, family_ids)
    for event in events:
        event.prev_hash = last[event.family_id]
        event.hash = digest(event, event.prev_hash)
        last[event.family_id] = event.hash


def verify(model) -> list[dict]:
    """The first broken link of every chain (empty: the log is as it was written)."""
    broken = []
    families = model._base_manager.values_list("family_id", flat=True).distinct()
    for family_id in sorted(set(families), key=lambda f: (f is not None, f or 0)):
        previous = None
        rows = model._base_manager.filter(family_id=family_id).order_by("id").iterator()
        for event in rows:
            if not event.hash:
                if previous is None:
                    continue  # written before the chain existed
                broken.append({"family": family_id, "event": event.pk, "problem": "no hash"})
                break
            if previous is not None and event.prev_hash != previous:
                broken.append({"family": family_id, "event": event.pk, "problem": "link"})
                break
            if digest(event, event.prev_hash) != event.hash:
                broken.append({"family": family_id, "event": event.pk, "problem": "changed"})
                break
            previous = event.hash
    return broken
