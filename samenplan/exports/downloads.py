"""The family's own downloads (JSON and FHIR), kept between writes.

Either download reads every table of the family as this person may see it,
most of it unchanged since the last write. So that part is kept, as text, under
the family's data version and everything else it depends on (``_key``, the same
parts as the PDF's in ``tasks.py``): the first write after it makes a new one,
and someone else never gets this person's.

The log cannot be kept that way: every look at the family adds a row to it
without a write. But it only grows. So its rows are kept as text too, up to the
newest one seen, and each download adds the rows written since (the kept text
is brought up to date once that is more than a few rows, not for every look).
That is exact because a family's log rows are numbered in the order they
commit (the chain in ``audit/chain.py`` is extended under a lock per family),
and a row never changes. The names of the people in the file are read fresh
each time. Kept in the page cache (memory or Redis), like page parts.
"""

from __future__ import annotations

import json
import re
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.utils import timezone
from fhir.resources.R4B.bundle import BundleEntry

from samenplan.audit.models import AuditEvent
from samenplan.families.access import FamilyAccess

from . import family_json, fhir

# Rows of the log added on the fly before the kept text is written again.
FRESH_ROWS = 50


def _marks() -> dict:
    """Stand-ins in the kept text, replaced when the file is handed out. Random,
    so no text someone typed can be taken for one."""
    nonce = secrets.token_hex(16)
    return {name: f'"{nonce}:{name}"' for name in ("at", "log", "users")}


def _key(kind: str, access: FamilyAccess) -> str:
    family = access.family
    return ":".join(
        str(part)
        for part in (
            "download",
            kind,
            family.pk,
            family.data_version,
            access.participant.pk,
            int(access.emergency),
        )
    )


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def family_json_bytes(access: FamilyAccess) -> bytes:
    """Everything of the family this person may see, as the JSON download (UTF-8).

    The log is kept as UTF-8 bytes and put between the two halves of the rest:
    a family with years of log makes a file of megabytes, and copying or
    encoding that text again on every download would cost more than the rest."""
    key = _key("json", access)
    kept = _get(key)
    if kept is None:
        marks = _marks()
        data = family_json.export_family(access.family, access, log=False)
        user_ids = [int(pk) for pk in data["users"]]
        data["exported_at"] = json.loads(marks["at"])
        data["models"][family_json.LOG] = json.loads(marks["log"])
        data["users"] = json.loads(marks["users"])
        frame = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        head, tail = frame.split(marks["log"])
        kept = {"head": head, "tail": tail, "marks": marks, "users": user_ids, "actors": []}
        kept.update(log=b"", upto=0)
        _json_add(kept, family_json._rows(AuditEvent, access.family, access))
        _set(key, kept)
    fresh = family_json._rows(AuditEvent, access.family, access, after=kept["upto"])
    if len(fresh) > FRESH_ROWS:
        _json_add(kept, fresh)
        _set(key, kept)
        fresh = []
    users = {
        str(user.pk): {"email": user.email, "name": user.name}
        for user in get_user_model()
        .objects.filter(
            pk__in={*kept["users"], *kept["actors"], *(r["actor"] for r in fresh if r["actor"])}
        )
        .order_by("pk")
    }
    marks = kept["marks"]
    fill = {marks["at"]: _dumps(timezone.now().isoformat()), marks["users"]: _dumps(users)}
    head, tail = kept["head"], kept["tail"]
    for mark, value in fill.items():
        head, tail = head.replace(mark, value, 1), tail.replace(mark, value, 1)
    rows = [kept["log"]] if kept["log"] else []
    if fresh:
        rows.append(_lines(fresh))
    log = [b"[\n", rows[0], *(b",\n" + more for more in rows[1:]), b"\n]"] if rows else [b"[]"]
    return b"".join([head.encode(), *log, tail.encode()])  # one copy of the log


def _lines(rows: list[dict]) -> bytes:
    return ",\n".join(_dumps(row) for row in rows).encode()


def _json_add(kept: dict, rows: list[dict]) -> None:
    if not rows:
        return
    lines = _lines(rows)
    kept["log"] = b"%s,\n%s" % (kept["log"], lines) if kept["log"] else lines
    kept["upto"] = rows[-1]["id"]
    actors = {row["actor"] for row in rows if row.get("actor")}
    kept["actors"] = sorted(set(kept["actors"]) | actors)


def family_fhir_text(access: FamilyAccess, *, log_limit: int = 500) -> str:
    """The family as a FHIR Bundle: what this person may see, and the newest
    ``log_limit`` lines of the log, newest first."""
    key = _key("fhir", access)
    kept = _get(key)
    fresh = kept is None
    if fresh:
        marks = _marks()
        frame = fhir.family_bundle(access, audit_limit=0).model_dump_json(exclude_none=True)
        frame = re.sub(r'"timestamp":"[^"]*"', f'"timestamp":{marks["at"]}', frame, count=1)
        if not frame.endswith("]}"):  # "entry" is the bundle's last field
            raise ValueError("unexpected bundle layout")
        kept = {"frame": frame, "marks": marks, "log": [], "upto": 0}
    new = list(
        AuditEvent.objects.visible_to(access)
        .filter(pk__gt=kept["upto"])
        .order_by("-at", "-id")[:log_limit]
    )
    if new:
        entries = [(e.at.isoformat(), e.pk, _entry(*fhir.log_resource(e))) for e in new]
        kept = {
            **kept,
            "log": sorted(entries + kept["log"], reverse=True)[:log_limit],
            "upto": max(e.pk for e in new),
        }
    if fresh or len(new) > FRESH_ROWS:
        _set(key, kept)
    frame = kept["frame"].replace(kept["marks"]["at"], _dumps(timezone.now().isoformat()), 1)
    if not kept["log"]:
        return frame
    log = ",".join(text for _at, _pk, text in kept["log"])
    joint = "" if frame.endswith("[]}") else ","
    return f"{frame[:-2]}{joint}{log}]}}"


def _get(key: str):
    return caches["pages"].get(key) if settings.PAGE_CACHE_SECONDS else None


def _set(key: str, kept: dict) -> None:
    if settings.PAGE_CACHE_SECONDS:
        caches["pages"].set(key, kept, settings.PAGE_CACHE_SECONDS)


def _entry(rid: str, resource) -> str:
    entry = BundleEntry(fullUrl=f"urn:uuid:{rid}", resource=resource)
    return entry.model_dump_json(exclude_none=True)
