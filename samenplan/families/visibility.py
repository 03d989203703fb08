"""What is hidden from whom, worked out once per request for ``FamilyAccess``.

The rules themselves are described in ``samenplan/lib/visibility.py`` (the
queryset every family model uses); this module reads the family's private
marks and consent scopes, and writes private marks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.lib.errors import ActionError
from samenplan.lib.visibility import PRIVATE_KINDS, SCOPE_KINDS, FamilyQuerySet

from .models import ConsentExclusion, PrivateItem

if TYPE_CHECKING:
    from .access import FamilyAccess


def private_marks(access: FamilyAccess) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """(hidden from this person, all private) per label: one query."""
    rows = PrivateItem.objects.filter(family_id=access.family.pk, ended_at__isnull=True)
    me = access.participant
    # On a phone handed to a child, only what the child keeps private shows, even
    # when the phone's owner was chosen to see someone else's.
    child = access.child_member_id
    seen: dict[str, set[int]] = {}
    every: dict[str, set[int]] = {}
    for label, item_id, owner_id, shared_with in rows.values_list(
        "item_type", "item_id", "owner_id", "shared_with"
    ):
        every.setdefault(label, set()).add(item_id)
        if child is not None:
            if owner_id == child:
                seen.setdefault(label, set()).add(item_id)
            continue
        own = me.member_id is not None and owner_id == me.member_id
        if own or shared_with == me.pk:
            seen.setdefault(label, set()).add(item_id)
    hidden = {label: ids - seen.get(label, set()) for label, ids in every.items()}
    return hidden, every


def scope_marks(access: FamilyAccess) -> tuple[dict[str, set[int]], set[str]]:
    """(left out per label, labels left out as a whole) for this participant."""
    by_label: dict[str, set[int]] = {}
    whole: set[str] = set()
    if not access.participant.needs_consent:
        return by_label, whole
    rows = ConsentExclusion.objects.filter(
        participant_id=access.participant.pk, removed_at__isnull=True
    ).values_list("kind", "object_id")
    for kind, object_id in rows:
        registered = SCOPE_KINDS.get(kind)
        if registered is None:
            continue
        if registered.whole or object_id is None:
            whole.add(registered.label)
        else:
            by_label.setdefault(registered.label, set()).add(object_id)
    return by_label, whole


def hidden_ids(access: FamilyAccess, label: str) -> frozenset[int]:
    """Every row of ``label`` in this family that this person may not see.

    Without a query when nothing could hide a row beyond the marks (the usual
    case for the family itself); one query otherwise.
    """
    model = apps.get_model(label)
    queryset_class = type(model._default_manager.all())
    if label in access.scope_all:
        return frozenset(
            model._default_manager.filter(family_id=access.family.pk).values_list("pk", flat=True)
        )
    parents_hide = any(access.hidden(parent) for parent in queryset_class.parents.values())
    owners_hide = bool(queryset_class.owners) and bool(access.unconsented_owners)
    own_rules = queryset_class.rules is not FamilyQuerySet.rules
    if not (parents_hide or owners_hide or own_rules):
        return access.marked(label)
    visible = model._default_manager.visible_to(access).values("pk")
    return frozenset(
        model._default_manager.filter(family_id=access.family.pk)
        .exclude(pk__in=visible)
        .values_list("pk", flat=True)
    )


# --- writing: keep an item private ---------------------------------------------------


def privacy_set(*, access: FamilyAccess, item, owner, private: bool, shared_with=()) -> None:
    """Mark ``item`` private to ``owner`` (a youth of 12+) and the people chosen, or not.

    Call it inside the write's transaction. Only the youth themselves decides,
    and only about their own item.
    """
    label = item._meta.label_lower
    if label not in PRIVATE_KINDS:
        raise ValueError(f"{label} cannot be kept private")
    current = PrivateItem.objects.select_for_update().filter(
        item_type=label, item_id=item.pk, ended_at__isnull=True
    )
    existing = current.first()
    if not private and existing is None:
        return
    if not access.is_youth_12:
        raise ActionError(_("Alleen een jongere van 12 jaar of ouder kan iets voor zich houden."))
    if owner is None or owner.pk != access.participant.member_id:
        raise ActionError(_("Alleen iets van jezelf kun je voor jezelf houden."))
    shared_with = list(shared_with)
    if any(p.family_id != access.family.pk for p in shared_with):
        raise ActionError(_("Kies iemand die aan tafel zit."))
    if not private:
        current.update(ended_at=timezone.now())
        return
    if existing is None:
        existing = PrivateItem.objects.create(
            family=access.family, item_type=label, item_id=item.pk, owner=owner
        )
    existing.shared_with.set(shared_with)
