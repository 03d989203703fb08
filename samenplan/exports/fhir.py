"""One family as a FHIR R4B Bundle (fhir.resources): CarePlan, CareTeam, Goal,
Patient (the children), RelatedPerson, Practitioner, Consent and AuditEvent.

The bundle is built from fhir.resources models, so it is valid by construction;
the tests parse it back. Ids are local to the bundle ("urn:uuid:" full URLs).
"""

from __future__ import annotations

import uuid

from django.utils import timezone
from fhir.resources.R4B.auditevent import AuditEvent as FhirAuditEvent
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.careteam import CareTeam
from fhir.resources.R4B.consent import Consent as FhirConsent
from fhir.resources.R4B.goal import Goal as FhirGoal
from fhir.resources.R4B.group import Group
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.relatedperson import RelatedPerson

from samenplan.audit.models import AuditEvent
from samenplan.families.models import Consent, Member, Participant
from samenplan.plan.models import Goal, HelpQuestion, Status

GENDER = {"v": "female", "m": "male", "x": "other", "": "unknown"}
GOAL_STATUS = {"active": "active", "achieved": "completed", "let_go": "cancelled"}
AUDIT_ACTION = {"view": "R", "export": "R", "create": "C", "remove": "D"}
ACCEPTANCE = "http://hl7.org/fhir/StructureDefinition/goal-acceptance"


def _id(kind: str, pk) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"samenplan:{kind}:{pk}"))


def _ref(resource_type: str, kind: str, pk, display: str = "") -> dict:
    reference = {"reference": f"urn:uuid:{_id(kind, pk)}", "type": resource_type}
    if display:
        reference["display"] = display
    return reference


def _dt(value):
    return value.isoformat() if value else None


def family_bundle(access, *, audit_limit: int = 500) -> Bundle:
    """What the person behind ``access`` may see of the family, as FHIR."""
    family = access.family
    members = list(Member.objects.visible_to(access).order_by("pk"))
    participants = list(
        Participant.objects.visible_to(access).select_related("user", "member").order_by("pk")
    )
    children = [m for m in members if m.is_child]
    child_ids = {m.pk for m in children}
    resources: list[tuple[str, object]] = []

    for m in children:
        resources.append(
            (
                _id("member", m.pk),
                Patient(
                    id=_id("member", m.pk),
                    name=[{"text": m.name}],
                    gender=GENDER.get(m.sex, "unknown"),
                    birthDate=m.birth_date.isoformat() if m.birth_date else None,
                ),
            )
        )
    anchor = children[0] if children else None
    member_ref = {}
    for m in members:
        if m.is_child:
            member_ref[m.pk] = _ref("Patient", "member", m.pk, m.name)
    for m in members:
        if m.is_child or anchor is None:
            continue
        resources.append(
            (
                _id("member", m.pk),
                RelatedPerson(
                    id=_id("member", m.pk),
                    patient=_ref("Patient", "member", anchor.pk, anchor.name),
                    relationship=[{"text": m.get_relation_display()}],
                    name=[{"text": m.name}],
                    gender=GENDER.get(m.sex, "unknown"),
                ),
            )
        )
        member_ref[m.pk] = _ref("RelatedPerson", "member", m.pk, m.name)
    group_id = _id("family", family.pk)
    resources.append(
        (
            group_id,
            Group(
                id=group_id,
                type="person",
                actual=True,
                name=family.name,
                member=[{"entity": _ref("Patient", "member", c.pk, c.name)} for c in children],
            ),
        )
    )
    subject = _ref("Group", "family", family.pk, family.name)

    participant_ref = {}
    for p in participants:
        if p.member_id and p.member_id in member_ref:
            participant_ref[p.pk] = member_ref[p.member_id]
        elif p.role in ("professional", "client_supporter"):
            resources.append(
                (
                    _id("participant", p.pk),
                    Practitioner(id=_id("participant", p.pk), name=[{"text": p.user.name}]),
                )
            )
            participant_ref[p.pk] = _ref("Practitioner", "participant", p.pk, p.user.name)
        elif anchor is not None:
            resources.append(
                (
                    _id("participant", p.pk),
                    RelatedPerson(
                        id=_id("participant", p.pk),
                        patient=_ref("Patient", "member", anchor.pk, anchor.name),
                        relationship=[{"text": p.relation_label or p.get_role_display()}],
                        name=[{"text": p.user.name}],
                    ),
                )
            )
            participant_ref[p.pk] = _ref("RelatedPerson", "participant", p.pk, p.user.name)

    team_id = _id("careteam", family.pk)
    resources.append(
        (
            team_id,
            CareTeam(
                id=team_id,
                status="active" if family.closed_at is None else "inactive",
                name=family.name,
                subject=subject,
                participant=[
                    {
                        "role": [
                            {
                                "text": p.get_role_display()
                                + (" (zorgcoördinator)" if p.is_coordinator else "")
                            }
                        ],
                        "member": participant_ref[p.pk],
                        "period": {"start": _dt(p.active_from), "end": _dt(p.active_to)},
                    }
                    for p in participants
                    if p.pk in participant_ref
                ],
            ),
        )
    )

    user_ref = {p.user_id: participant_ref[p.pk] for p in participants if p.pk in participant_ref}
    goals = list(Goal.objects.visible_to(access).current().order_by("pk"))
    for g in goals:
        acceptance = []
        person = user_ref.get(g.decided_by_id if g.status == Status.ACCEPTED else g.created_by_id)
        if person is not None:
            acceptance.append(
                {
                    "url": ACCEPTANCE,
                    "extension": [
                        {"url": "individual", "valueReference": person},
                        {
                            "url": "status",
                            "valueCode": "agree" if g.status == Status.ACCEPTED else "pending",
                        },
                    ],
                }
            )
        resources.append(
            (
                _id("goal", g.pk),
                FhirGoal(
                    id=_id("goal", g.pk),
                    lifecycleStatus=(
                        "proposed" if g.status == Status.PROPOSED else GOAL_STATUS[g.goal_status]
                    ),
                    description={"text": g.text},
                    subject=member_ref[g.owner_id] if g.owner_id in child_ids else subject,
                    extension=acceptance or None,
                ),
            )
        )

    question = (
        HelpQuestion.objects.visible_to(access)
        .filter(status=Status.ACCEPTED)
        .order_by("-version", "-pk")
        .first()
    )
    plan_id = _id("careplan", family.pk)
    resources.append(
        (
            plan_id,
            CarePlan(
                id=plan_id,
                status="active" if family.closed_at is None else "completed",
                intent="plan",
                title=f"Samenplan: {family.name}",
                description=question.text if question else None,
                subject=subject,
                created=_dt(family.created_at),
                careTeam=[_ref("CareTeam", "careteam", family.pk)],
                goal=[_ref("Goal", "goal", g.pk) for g in goals] or None,
            ),
        )
    )

    if anchor is not None:
        for c in Consent.objects.visible_to(access).select_related("member").order_by("pk"):
            resources.append(
                (
                    _id("consent", c.pk),
                    FhirConsent(
                        id=_id("consent", c.pk),
                        status="active" if c.withdrawn_at is None else "inactive",
                        scope={
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/consentscope",
                                    "code": "patient-privacy",
                                }
                            ]
                        },
                        category=[{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
                        patient=_ref("Patient", "member", anchor.pk, anchor.name),
                        dateTime=_dt(c.given_at),
                        performer=[member_ref[c.member_id]] if c.member_id in member_ref else None,
                        provision={
                            "type": "permit",
                            "period": {"start": _dt(c.given_at), "end": _dt(c.withdrawn_at)},
                            "actor": [
                                {
                                    "role": {"text": "ontvanger"},
                                    "reference": participant_ref.get(
                                        c.participant_id, {"display": "?"}
                                    ),
                                }
                            ],
                        },
                    ),
                )
            )

    events = AuditEvent.objects.visible_to(access).order_by("-at", "-id")[:audit_limit]
    resources += [log_resource(e) for e in events]
    return Bundle(
        type="collection",
        timestamp=timezone.now().isoformat(),
        entry=[{"fullUrl": f"urn:uuid:{rid}", "resource": r} for rid, r in resources],
    )


def log_resource(e) -> tuple[str, FhirAuditEvent]:
    """One line of the family's log as a FHIR AuditEvent."""
    return (
        _id("audit", e.pk),
        FhirAuditEvent(
            id=_id("audit", e.pk),
            type={
                "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
                "code": "rest",
            },
            action=AUDIT_ACTION.get(e.action, "U"),
            recorded=_dt(e.at),
            agent=[
                {
                    "who": {"display": e.actor_name or "?"},
                    "requestor": True,
                    "role": [{"text": e.role}] if e.role else None,
                }
            ],
            source={"observer": {"display": "Samenplan"}},
            entity=[{"what": {"display": e.data}}],
            outcomeDesc="noodtoegang" if e.emergency else None,
        ),
    )
