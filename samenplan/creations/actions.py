"""Writes of what a child made. Each runs in one transaction with its audit event."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.families.access import FamilyAccess
from samenplan.families.models import Member, Participant
from samenplan.lib.errors import ActionError

from .files import clean_upload
from .models import ATTACHABLE, Creation


def makers(access: FamilyAccess) -> list[Member]:
    """The children ``access``'s person may add something for: themselves (a youth),
    or, for a parent or a professional, the children without an account."""
    if access.child_member_id is not None:
        # Kindmodus: only the child holding the phone.
        return [m for m in access.members if m.pk == access.child_member_id]
    own = access.participant.member
    if access.role == "youth":
        return [own] if own is not None else []
    if access.role not in ("parent", "professional"):
        return []
    return access.children_without_seat()


def attached_to(access: FamilyAccess, item_type: str, item_id: int):
    """The goal, view or future picture, if this person may see it; else None."""
    label = ATTACHABLE.get(item_type)
    if label is None:
        return None
    model = apps.get_model(label)
    item = model._default_manager.visible_to(access).filter(pk=item_id).first()
    if item is not None and access.child_member_id is not None:
        # Kindmodus: only beside the child's own goal or future picture, or a goal
        # of the whole family.
        if item_type == "goal":
            if item.owner_id not in (access.child_member_id, None):
                return None
        elif getattr(item, "member_id", None) != access.child_member_id:
            return None
    return item


@transaction.atomic
def creation_add(
    *,
    access: FamilyAccess,
    member: Member,
    item_type: str,
    item_id: int,
    raw: bytes,
    kind: str = Creation.Kind.DRAWING,
    title: str = "",
    audience: str = Creation.Audience.CHOSEN,
    shown_to=(),
    request=None,
) -> Creation:
    access.require("creation.add")
    if member not in makers(access):
        raise ActionError(_("Voeg iets toe voor jezelf, of voor een kind zonder eigen account."))
    if attached_to(access, item_type, item_id) is None:
        raise ActionError(_("Dit deel van het plan is er niet (meer)."))
    if audience not in Creation.Audience.values:
        raise ActionError(_("Kies wie het mag zien."))
    guests = {p.pk for p in Participant.objects.active().filter(family_id=access.family.pk)}
    chosen = [getattr(p, "pk", p) for p in shown_to]
    if any(pk not in guests for pk in chosen):
        raise ActionError(_("Kies iemand die nu aan jullie tafel zit."))
    clean = clean_upload(raw)
    if clean.content_type.startswith("audio/"):
        kind = Creation.Kind.VOICE
    elif kind not in (Creation.Kind.DRAWING, Creation.Kind.PHOTO):
        kind = Creation.Kind.DRAWING
    creation = Creation.objects.create(
        family=access.family,
        member=member,
        item_type=item_type,
        item_id=item_id,
        kind=kind,
        title=(title or "").strip()[:200],
        content=clean.content,
        content_type=clean.content_type,
        size=len(clean.content),
        width=clean.width,
        height=clean.height,
        audience=audience,
        created_by=access.user,
        by_child=access.child_member_id is not None,
    )
    creation.shown_to.set(chosen if audience == Creation.Audience.CHOSEN else [])
    access.audit(action="create", data="creation", obj=creation, request=request)
    return creation


def may_remove(access: FamilyAccess, creation: Creation) -> bool:
    if not access.may("creation.remove"):
        return False
    return (
        creation.created_by_id == access.user.pk
        or creation.member_id == access.participant.member_id
        or access.is_authority_parent
    )


@transaction.atomic
def creation_remove(*, access: FamilyAccess, creation: Creation, request=None) -> Creation:
    """Take it away: the file itself is wiped; the row says it was there."""
    access.require("creation.remove")
    if not may_remove(access, creation):
        raise ActionError(
            _("Alleen wie het toevoegde, het kind zelf of een ouder met gezag haalt dit weg.")
        )
    Creation.objects.filter(pk=creation.pk).update(
        removed_at=timezone.now(), removed_by=access.user, content=b"", size=0
    )
    creation.refresh_from_db()
    access.audit(action="remove", data="creation", obj=creation, request=request)
    return creation
