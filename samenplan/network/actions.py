"""Writes of "Ons netwerk". Each runs in one transaction with its audit event."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.families.access import FamilyAccess
from samenplan.families.actions import ActionError
from samenplan.families.models import Member
from samenplan.plan.actions import StaleEdit, goal_create, step_create, timeline_add

from .access import writes_plan
from .models import FamilyGroupPlan, LifeEvent, NetworkPerson, Relationship

PERSON_FIELDS = (
    "name",
    "relation",
    "relation_label",
    "helps_with",
    "could_help",
    "closeness",
    "quality",
    "sex",
    "birth_year",
    "died",
    "death_year",
    "in_network",
)


def _require_edit(access: FamilyAccess) -> None:
    if not access.can("edit"):
        raise ActionError(_("Dit mag je niet doen."))


def _check_years(fields: dict, today) -> None:
    for key in ("birth_year", "death_year"):
        year = fields.get(key)
        if year is not None and not 1850 <= year <= today.year:
            raise ActionError(_("Kies een jaar tussen 1850 en nu."))
    born, died = fields.get("birth_year"), fields.get("death_year")
    if born and died and died < born:
        raise ActionError(_("Het jaar van overlijden ligt voor het geboortejaar."))


@transaction.atomic
def person_add(*, access: FamilyAccess, request=None, **fields) -> NetworkPerson:
    _require_edit(access)
    fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
    _check_years(fields, access.today)
    for key in ("name", "relation_label", "helps_with", "could_help"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    person = NetworkPerson.objects.create(family=access.family, created_by=access.user, **fields)
    access.audit(action="create", data="network_person", obj=person, request=request)
    return person


@transaction.atomic
def person_update(
    *, access: FamilyAccess, person: NetworkPerson, expected_version: int, request=None, **fields
) -> NetworkPerson:
    _require_edit(access)
    fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
    _check_years(fields, access.today)
    for key in ("name", "relation_label", "helps_with", "could_help"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    changed = NetworkPerson.objects.filter(
        pk=person.pk, family_id=access.family.pk, version=expected_version
    ).update(version=F("version") + 1, **fields)
    if not changed:
        raise StaleEdit(NetworkPerson.objects.get(pk=person.pk).name)
    person.refresh_from_db()
    access.audit(action="update", data="network_person", obj=person, request=request)
    return person


@transaction.atomic
def person_remove(*, access: FamilyAccess, person: NetworkPerson, request=None) -> None:
    _require_edit(access)
    NetworkPerson.objects.filter(pk=person.pk, family_id=access.family.pk).update(
        removed_at=timezone.now(), version=F("version") + 1
    )
    access.audit(action="remove", data="network_person", obj=person, request=request)


def _end(access: FamilyAccess, value) -> dict:
    """A relationship's end: a family member ("m12") or a network person ("n5")."""
    if isinstance(value, Member):
        if value.family_id != access.family.pk:
            raise ActionError(_("Kies iemand uit dit gezin of netwerk."))
        return {"member": value, "person": None}
    if isinstance(value, NetworkPerson):
        if value.family_id != access.family.pk or value.removed_at is not None:
            raise ActionError(_("Kies iemand uit dit gezin of netwerk."))
        return {"member": None, "person": value}
    raise ActionError(_("Kies iemand uit dit gezin of netwerk."))


@transaction.atomic
def relationship_add(
    *, access: FamilyAccess, kind: str, a, b, status: str = "", request=None
) -> Relationship:
    """A line on the genogram: partners, or a parent (``a``) and a child (``b``)."""
    _require_edit(access)
    if kind not in Relationship.Kind.values:
        raise ActionError(_("Kies wat voor relatie het is."))
    if status and status not in Relationship.Status.values:
        raise ActionError(_("Kies hoe het ervoor staat."))
    first, second = _end(access, a), _end(access, b)
    if first == second:
        raise ActionError(_("Kies twee verschillende mensen."))
    relationship = Relationship.objects.create(
        family=access.family,
        kind=kind,
        status=status if kind == Relationship.Kind.PARTNER else "",
        a_member=first["member"],
        a_person=first["person"],
        b_member=second["member"],
        b_person=second["person"],
        created_by=access.user,
    )
    access.audit(action="create", data="relationship", obj=relationship, request=request)
    return relationship


@transaction.atomic
def event_add(
    *, access: FamilyAccess, happened_on, kind: str, title: str, note: str = "", request=None
) -> LifeEvent:
    _require_edit(access)
    if happened_on > access.today:
        raise ActionError(_("Kies een datum van vandaag of eerder."))
    event = LifeEvent.objects.create(
        family=access.family,
        happened_on=happened_on,
        kind=kind,
        title=title.strip(),
        note=note.strip(),
        created_by=access.user,
    )
    access.audit(action="create", data="life_event", obj=event, request=request)
    return event


# --- the family group plan -------------------------------------------------------

PLAN_FIELDS = ("main_question", "want_to_reach", "goals", "who_helps", "support_needed")


@transaction.atomic
def family_plan_write(
    *,
    access: FamilyAccess,
    plan: FamilyGroupPlan | None = None,
    expected_version: int | None = None,
    request=None,
    **fields,
) -> FamilyGroupPlan:
    """Write or change a draft. Only the family and its network do."""
    if not writes_plan(access):
        raise ActionError(_("Het familiegroepsplan schrijft het gezin met zijn netwerk."))
    fields = {k: (fields.get(k) or "").strip() for k in PLAN_FIELDS}
    if plan is None:
        plan = FamilyGroupPlan.objects.create(
            family=access.family, created_by=access.user, **fields
        )
        access.audit(action="create", data="family_plan", obj=plan, request=request)
        return plan
    changed = FamilyGroupPlan.objects.filter(
        pk=plan.pk,
        family_id=access.family.pk,
        version=expected_version,
        status=FamilyGroupPlan.Status.DRAFT,
    ).update(version=F("version") + 1, updated_at=timezone.now(), **fields)
    if not changed:
        raise StaleEdit(FamilyGroupPlan.objects.get(pk=plan.pk).main_question)
    plan.refresh_from_db()
    access.audit(action="update", data="family_plan", obj=plan, request=request)
    return plan


@transaction.atomic
def family_plan_share(*, access: FamilyAccess, plan: FamilyGroupPlan, request=None):
    """Share the plan with the professionals. Its goals and steps go into Ons plan."""
    if not access.speaks_for_family:
        raise ActionError(_("Een ouder met gezag of een jongere deelt het plan."))
    plan = FamilyGroupPlan.objects.select_for_update().get(pk=plan.pk, family_id=access.family.pk)
    if plan.is_shared:
        raise ActionError(_("Dit plan is al gedeeld."))
    plan.status = FamilyGroupPlan.Status.SHARED
    plan.shared_by = access.user
    plan.shared_at = timezone.now()
    plan.version += 1
    plan.save()
    goals = [
        goal_create(
            access=access,
            text=text[:300],
            domain="opvoeden",
            why=_("Uit ons familiegroepsplan."),
            from_family_plan=True,
            request=request,
        )
        for text in plan.goal_lines()
    ]
    goal = goals[0] if len(goals) == 1 else None
    for who, what in plan.helper_lines():
        step_create(
            access=access,
            text=what[:300],
            owner_name=(who or _("het gezin"))[:150],
            goal=goal,
            from_family_plan=True,
            request=request,
        )
    access.audit(action="accept", data="family_plan", obj=plan, request=request)
    timeline_add(access, kind="goal", action="added", summary=_("Familiegroepsplan gedeeld"))
    return plan
