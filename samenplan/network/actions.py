"""Writes of "Ons netwerk". Each runs in one transaction with its audit event."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.families.access import FamilyAccess
from samenplan.families.models import Member, Participant
from samenplan.families.versioning import confirm_version, save_versioned
from samenplan.lib.errors import ActionError
from samenplan.plan.actions import goal_create, step_create, timeline_add

from .models import AboutUs, ChildTalent, FamilyGroupPlan, LifeEvent, NetworkPerson, Relationship

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
    """The family adds someone to its network; anyone else proposes them."""
    access.require("network_person.create")
    fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
    _check_years(fields, access.today)
    for key in ("name", "relation_label", "helps_with", "could_help"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    family_writes = access.speaks_for_family
    person = NetworkPerson.objects.create(
        family=access.family,
        created_by=access.user,
        status=NetworkPerson.Status.ACCEPTED if family_writes else NetworkPerson.Status.PROPOSED,
        decided_by=access.user if family_writes else None,
        decided_at=timezone.now() if family_writes else None,
        **fields,
    )
    access.audit(action="create", data="network_person", obj=person, request=request)
    return person


@transaction.atomic
def person_decide(
    *, access: FamilyAccess, person: NetworkPerson, accept: bool, request=None
) -> NetworkPerson:
    """The family takes a proposed person into its network, or not."""
    access.require("network_person.decide")
    person = NetworkPerson.objects.select_for_update().get(pk=person.pk, family_id=access.family.pk)
    if person.status != NetworkPerson.Status.PROPOSED:
        raise ActionError(_("Over dit voorstel is al beslist."))
    person.status = NetworkPerson.Status.ACCEPTED if accept else NetworkPerson.Status.DECLINED
    person.decided_by = access.user
    person.decided_at = timezone.now()
    person.version += 1
    person.save(update_fields=["status", "decided_by", "decided_at", "version"])
    access.audit(
        action="accept" if accept else "decline",
        data="network_person",
        obj=person,
        request=request,
    )
    return person


@transaction.atomic
def person_update(
    *, access: FamilyAccess, person: NetworkPerson, expected_version: int, request=None, **fields
) -> NetworkPerson:
    access.require("network_person.edit")
    fields = {k: v for k, v in fields.items() if k in PERSON_FIELDS}
    _check_years(fields, access.today)
    for key in ("name", "relation_label", "helps_with", "could_help"):
        if key in fields:
            fields[key] = (fields[key] or "").strip()
    person = save_versioned(
        access=access,
        item=person,
        expected_version=expected_version,
        shown=lambda p: p.name,
        changes=fields,
    )
    access.audit(action="update", data="network_person", obj=person, request=request)
    return person


@transaction.atomic
def person_remove(*, access: FamilyAccess, person: NetworkPerson, request=None) -> None:
    access.require("network_person.remove")
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
    access.require("relationship.create")
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
    access.require("life_event.create")
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
    access.require("family_plan.write")
    fields = {k: (fields.get(k) or "").strip() for k in PLAN_FIELDS}
    if plan is None:
        plan = FamilyGroupPlan.objects.create(
            family=access.family, created_by=access.user, **fields
        )
        access.audit(action="create", data="family_plan", obj=plan, request=request)
        return plan
    if plan.is_shared:
        raise ActionError(_("Dit plan is gedeeld. Begin een nieuw plan om iets te veranderen."))
    plan = save_versioned(
        access=access,
        item=plan,
        expected_version=expected_version,
        shown=lambda p: p.main_question,
        changes={"updated_at": timezone.now(), **fields},
    )
    access.audit(action="update", data="family_plan", obj=plan, request=request)
    return plan


@transaction.atomic
def family_plan_share(
    *, access: FamilyAccess, plan: FamilyGroupPlan, seen_version=None, request=None
):
    """Share the plan with the professionals. Its goals and steps go into Ons plan.

    Sharing is about the version the person read.
    """
    access.require("family_plan.share")
    plan = FamilyGroupPlan.objects.select_for_update().get(pk=plan.pk, family_id=access.family.pk)
    if plan.is_shared:
        raise ActionError(_("Dit plan is al gedeeld."))
    if seen_version is not None:
        confirm_version(plan, seen_version, shown=lambda p: p.main_question)
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


# --- wie zijn wij ---------------------------------------------------------------------


@transaction.atomic
def about_us_save(
    *,
    access: FamilyAccess,
    expected_version: int,
    texts: dict,
    talents: dict,
    audience: str,
    shown_to=(),
    request=None,
) -> AboutUs:
    """Save what the family wrote about itself, if nobody saved it since
    ``expected_version``. ``talents``: {member: (good at, likes)} for children."""
    access.require("about_us.write")
    if audience not in AboutUs.Audience.values:
        raise ActionError(_("Kies wie dit mag lezen."))
    about, _created = AboutUs.objects.get_or_create(family=access.family)
    guests = {
        p.pk: p
        for p in Participant.objects.active().filter(
            family_id=access.family.pk, role__in=("network", "professional", "client_supporter")
        )
    }
    chosen = [p.pk if hasattr(p, "pk") else p for p in shown_to]
    if any(pk not in guests for pk in chosen):
        raise ActionError(_("Kies iemand die nu aan jullie tafel zit."))
    changes = {key: (texts.get(key) or "").strip() for key in AboutUs.TEXTS}
    about = save_versioned(
        access=access,
        item=about,
        expected_version=expected_version,
        shown=lambda row: "\n\n".join(
            getattr(row, key) for key in AboutUs.TEXTS if getattr(row, key)
        ),
        changes=changes
        | {"audience": audience, "updated_at": timezone.now(), "updated_by": access.user},
    )
    about.shown_to.set(chosen if audience == AboutUs.Audience.CHOSEN else [])
    children = {m.pk for m in access.members if m.is_child}
    for member, (good_at, likes) in talents.items():
        if member.pk not in children:
            raise ActionError(_("Kies een kind uit dit gezin."))
        ChildTalent.objects.update_or_create(
            about=about,
            member=member,
            defaults={
                "family": access.family,
                "good_at": (good_at or "").strip(),
                "likes": (likes or "").strip(),
            },
        )
    access.audit(action="update", data="about_us", obj=about, request=request)
    return about
