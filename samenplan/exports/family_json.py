"""Everything of one family as JSON: the family's own download (what the person
may see) and the base of the signed moving file (``moving.py``).

The export holds every row of every model that has a ``family`` field
(``family_models``); a test fails when a model is missing. Users are named by
e-mail address; organisations by name.
"""

from __future__ import annotations

import base64

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from samenplan.families.models import Family
from samenplan.lib.visibility import SCOPE_KINDS
from samenplan.lib.visibility import family_models as all_family_models

FORMAT = "samenplan-family"
VERSION = 1
USER_MODEL = settings.AUTH_USER_MODEL.lower()
SKIP_FIELDS = {"id"}


def family_models() -> list[type[models.Model]]:
    """Every family model, parents first; rows that point at others by (type, id) last."""
    ordered = [
        m
        for m in all_family_models()
        if not getattr(type(m._default_manager.all()), "derived", False)
    ]
    return [m for m in ordered if _label(m) not in SOFT_REFERENCES] + [
        m for m in ordered if _label(m) in SOFT_REFERENCES
    ]


def _label(model) -> str:
    return model._meta.label_lower


def _rows(model, family: Family, access=None, *, after: int = 0) -> list[dict]:
    """The model's rows of the family: what ``access`` may see, or all of them
    (only those with a higher id than ``after``, if given)."""
    result = []
    if access is not None:
        queryset = model._default_manager.visible_to(access).order_by("pk")
    else:
        queryset = model._default_manager.filter(family_id=family.pk).order_by("pk")
    if after:
        queryset = queryset.filter(pk__gt=after)
    m2m = list(model._meta.many_to_many)
    if m2m:
        queryset = queryset.prefetch_related(*(f.name for f in m2m))
    for obj in queryset:
        row = {"id": obj.pk}
        for field in model._meta.concrete_fields:
            if field.name in SKIP_FIELDS or field.name == "family":
                continue
            value = getattr(obj, field.attname)
            row[field.name] = _plain(value)
        for field in m2m:
            hidden = _hidden_targets(field, access)
            row[field.name] = sorted(
                o.pk for o in getattr(obj, field.name).all() if o.pk not in hidden
            )
        result.append(row)
    return result


def _hidden_targets(field, access) -> frozenset:
    """Rows a many-to-many link points at that ``access`` may not see."""
    if access is None or not hasattr(field.related_model._default_manager, "visible_to"):
        return frozenset()
    return access.hidden(field.related_model._meta.label_lower)


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        # A file a child made: base64, as Django's BinaryField reads it back.
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


LOG = "audit.auditevent"


def export_family(family: Family, access=None, *, log: bool = True) -> dict:
    """Everything of ``family`` that ``access`` may see (the family's download), or,
    without ``access``, the whole family (for moving it to another Samenplan).
    ``log=False`` leaves the log out (``downloads.py`` adds it row by row)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "family": {
            f.name: _plain(getattr(family, f.attname))
            for f in Family._meta.concrete_fields
            if f.name not in SKIP_FIELDS
        },
        "models": {},
        "users": {},
        "organizations": {},
    }
    user_ids, org_ids = set(), set()
    for model in family_models():
        if not log and _label(model) == LOG:
            continue
        rows = _rows(model, family, access)
        data["models"][_label(model)] = rows
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            target = _label(field.related_model)
            ids = {row[field.name] for row in rows if row.get(field.name) is not None}
            if target == USER_MODEL:
                user_ids |= ids
            elif target == "accounts.organization":
                org_ids |= ids
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        data["users"][str(user.pk)] = {"email": user.email, "name": user.name}
    Organization = apps.get_model("accounts", "Organization")
    for org in Organization.objects.filter(pk__in=org_ids).order_by("pk"):
        data["organizations"][str(org.pk)] = {"name": org.name, "kind": org.kind}
    return data


# References kept as (type, id) instead of a foreign key: remapped as well.
SOFT_REFERENCES = {
    "families.revision": ("item_type", "item_id"),
    "families.privateitem": ("item_type", "item_id"),
    "plan.timelineentry": ("item_type", "item_id"),
    "audit.auditevent": ("object_type", "object_id"),
    "creations.creation": ("item_type", "item_id"),
    "families.consentexclusion": ("kind", "object_id"),
}


def _soft_target(type_field: str, value: str) -> str | None:
    """The model a (type, id) reference points at: by consent kind, label or model name."""
    if type_field == "kind":
        registered = SCOPE_KINDS.get(value)
        return registered.label if registered and not registered.whole else None
    if value == "family":
        return "families.family"
    for model in [*family_models(), Family]:
        if value in (model._meta.model_name, _label(model)):
            return _label(model)
    return None


def canonical(data: dict) -> dict:
    """The export without ids and export time: what must survive a round trip.

    Each reference becomes the position of the row it points to; users and
    organisations become their e-mail address and name.
    """
    position = {
        label: {row["id"]: index for index, row in enumerate(rows)}
        for label, rows in data["models"].items()
    }
    by_label = {_label(m): m for m in family_models()}
    result = {"family": data["family"], "models": {}}
    for label, rows in data["models"].items():
        model = by_label[label]
        relations = {
            f.name: _label(f.related_model)
            for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if f.is_relation
        }
        soft = SOFT_REFERENCES.get(label)
        clean_rows = []
        for row in rows:
            clean = {}
            for key, value in row.items():
                if key == "id":
                    continue
                target = relations.get(key)
                clean[key] = _resolve(data, position, target, value) if target else value
            if soft is not None:
                type_field, id_field = soft
                target = _soft_target(type_field, row.get(type_field) or "")
                if target == "families.family":
                    clean[id_field] = "family"
                elif target is not None:
                    clean[id_field] = _resolve(data, position, target, row.get(id_field))
            if label == "families.revision":
                # A saved version keeps the ids of its time; compare its words and dates.
                clean["data"] = {
                    k: v
                    for k, v in (row.get("data") or {}).items()
                    if isinstance(v, (str, bool)) or v is None
                }
            clean_rows.append(clean)
        result["models"][label] = clean_rows
    return result


def _resolve(data, position, target, value):
    if value is None:
        return None
    if isinstance(value, list):
        return sorted(_resolve(data, position, target, v) for v in value)
    if target == USER_MODEL:
        return data["users"][str(value)]["email"]
    if target == "accounts.organization":
        return data["organizations"][str(value)]["name"]
    return position.get(target, {}).get(value, f"?{value}")
