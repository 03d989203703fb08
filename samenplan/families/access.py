"""The one gate to family data.

Every view that shows or changes family data calls ``family_for``. It denies
by default: anyone who is not an active participant gets a 404 that looks the
same as for a family that does not exist; a participant without the right
gets a 403. Each condition stands on its own line so that tests can prove
every branch.

Who may do what (DESIGN §4):

- ``view``: an active participant. Professionals, network, client supporters
  and parents without authority also need complete, active consent.
- ``edit``: ``view``, and not a client supporter (they stand beside the
  family and decide nothing).
- ``manage`` (invite, remove, manage the table): ``view``, and a parent with
  authority, a youth of 16 or older, or the coordinator.
- ``log`` (the family's own access log): ``view``, and a parent with
  authority or a youth of 12 or older.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from samenplan.audit.actions import event_record

from .models import (
    Consent,
    ConsentExclusion,
    EmergencyAccess,
    Family,
    Invitation,
    Member,
    Participant,
)

NEEDS = ("view", "edit", "manage", "log")


def consent_givers(members: list[Member], on: date) -> list[Member]:
    """The members whose consent is needed before outsiders see family data.

    Dutch law on age, per child: under 12 the parents with authority decide;
    from 12 to 15 the youth and the parents with authority; from 16 the youth
    alone. A child without a known birth date counts as under 12. When the
    family has no children the parents with authority decide.
    """
    parents = [m for m in members if not m.is_child and m.has_authority]
    children = [m for m in members if m.is_child]
    givers: dict[int, Member] = {}

    def add(*people: Member) -> None:
        for person in people:
            givers.setdefault(person.pk, person)

    for child in children:
        age = child.age(on)
        if age is None or age < 12:
            add(*parents)
        elif age < 16:
            add(child, *parents)
        else:
            add(child)
    if not children:
        add(*parents)
    # Parents first, then children from old to young: the order people expect.
    return sorted(givers.values(), key=lambda m: (m.is_child, m.birth_date or date.min, m.pk))


def missing_consent(
    participant: Participant, givers: list[Member], consents: list[Consent]
) -> list[Member]:
    """Who still has to consent before ``participant`` may see family data."""
    if not participant.needs_consent:
        return []
    if not givers:
        # Nobody can consent: deny rather than allow.
        return [Member(name="?", relation=Member.Relation.PARENT)]
    given = {
        c.member_id
        for c in consents
        if c.participant_id == participant.pk and c.withdrawn_at is None
    }
    return [g for g in givers if g.pk not in given]


@dataclass
class Scope:
    """What a participant may not see: the parts left out of their consent."""

    goals: set[int] = field(default_factory=set)
    decisions: set[int] = field(default_factory=set)
    family_plan: bool = False


def scope_for(participant: Participant) -> Scope:
    """The consent scope of ``participant``: one query, only for those who need consent."""
    scope = Scope()
    if not participant.needs_consent:
        return scope
    rows = ConsentExclusion.objects.filter(participant=participant, removed_at__isnull=True)
    for kind, object_id in rows.values_list("kind", "object_id"):
        if kind == ConsentExclusion.Kind.GOAL:
            scope.goals.add(object_id)
        elif kind == ConsentExclusion.Kind.DECISION:
            scope.decisions.add(object_id)
        else:
            scope.family_plan = True
    return scope


@dataclass
class FamilyAccess:
    """What the gate hands a view: the family, and who is looking."""

    family: Family
    participant: Participant
    members: list[Member] = field(default_factory=list)
    today: date = field(default_factory=timezone.localdate)
    scope: Scope = field(default_factory=Scope)
    emergency: bool = False

    @property
    def user(self):
        return self.participant.user

    @property
    def role(self) -> str:
        return self.participant.role

    @property
    def is_youth_16(self) -> bool:
        member = self.participant.member
        if self.participant.role != Participant.Role.YOUTH or member is None:
            return False
        age = member.age(self.today)
        return age is not None and age >= 16

    @property
    def is_youth_12(self) -> bool:
        member = self.participant.member
        if self.participant.role != Participant.Role.YOUTH or member is None:
            return False
        age = member.age(self.today)
        return age is not None and age >= 12

    @property
    def is_authority_parent(self) -> bool:
        if self.participant.role != Participant.Role.PARENT:
            return False
        return self.participant.has_authority

    @property
    def speaks_for_family(self) -> bool:
        """Parents with authority and youths of 12+ write and accept the family's own texts."""
        if self.is_authority_parent:
            return True
        return self.is_youth_12

    def can(self, need: str) -> bool:
        if need == "view":
            return True
        if need == "edit":
            return self.participant.role != Participant.Role.CLIENT_SUPPORTER
        if need == "manage":
            if self.is_authority_parent:
                return True
            if self.is_youth_16:
                return True
            return self.participant.is_coordinator
        if need == "log":
            if self.is_authority_parent:
                return True
            return self.is_youth_12
        return False

    @property
    def can_edit(self) -> bool:
        return self.can("edit")

    @property
    def can_manage(self) -> bool:
        return self.can("manage")

    @property
    def can_log(self) -> bool:
        return self.can("log")

    @property
    def consent_givers(self) -> list[Member]:
        return consent_givers(self.members, self.today)

    def gives_consent(self) -> bool:
        """Whether the person looking is one of those whose consent counts."""
        member_id = self.participant.member_id
        if member_id is None:
            return False
        if self.participant.role not in (Participant.Role.PARENT, Participant.Role.YOUTH):
            return False
        return any(g.pk == member_id for g in self.consent_givers)

    def audit(self, *, action: str, data: str, obj=None, request=None, detail: str = ""):
        return event_record(
            actor=self.participant.user,
            participant=self.participant,
            family=self.family,
            action=action,
            data=data,
            obj=obj,
            request=request,
            detail=detail,
            emergency=self.emergency,
        )


def _participant_for(user, family_id) -> Participant | None:
    if not user.is_authenticated:
        return None
    return (
        Participant.objects.active()
        .filter(family_id=family_id, user=user)
        .select_related("family", "member", "user")
        .order_by("id")
        .first()
    )


def emergency_active(participant: Participant) -> bool:
    return EmergencyAccess.objects.filter(
        participant=participant, started_at__lte=timezone.now(), expires_at__gt=timezone.now()
    ).exists()


def family_for(request, family_id, need: str = "view", data: str | None = None) -> FamilyAccess:
    """Return the family ``family_id`` for ``request.user``, or refuse.

    Outsiders get ``Http404``; participants without the right ``need`` get
    ``PermissionDenied``. When ``data`` is given and the request reads
    (GET or HEAD), the read is written to the audit log.
    """
    if need not in NEEDS:
        raise ValueError(f"Unknown need: {need}")
    try:
        family_id = int(family_id)
    except (TypeError, ValueError):
        raise Http404 from None
    participant = _participant_for(request.user, family_id)
    if participant is None:
        raise Http404
    members = list(Member.objects.filter(family_id=family_id))
    access = FamilyAccess(family=participant.family, participant=participant, members=members)
    if participant.needs_consent:
        consents = list(Consent.objects.active().filter(participant=participant))
        if missing_consent(participant, access.consent_givers, consents):
            # Without consent only emergency access opens the family: read-only, 24 hours.
            if not emergency_active(participant):
                raise PermissionDenied("no_consent")
            if need != "view":
                raise PermissionDenied
            access.emergency = True
        access.scope = scope_for(participant)
    if not access.can(need):
        raise PermissionDenied
    if data and request.method in ("GET", "HEAD"):
        access.audit(action="view", data=data, request=request)
    return access


def visible_families(user) -> list[dict]:
    """The families ``user`` takes part in, for "Mijn gezinnen".

    Each item says whether the user can open the family now (consent) and in
    which role. A fixed number of queries, however many families.
    """
    if not user.is_authenticated:
        return []
    participants = list(
        Participant.objects.active()
        .filter(user=user)
        .select_related("family", "member")
        .order_by("family__name", "id")
    )
    family_ids = {p.family_id for p in participants}
    members_by_family: dict[int, list[Member]] = {fid: [] for fid in family_ids}
    for member in Member.objects.filter(family_id__in=family_ids):
        members_by_family[member.family_id].append(member)
    consents = list(
        Consent.objects.active().filter(
            participant__in=[p for p in participants if p.needs_consent]
        )
    )
    now = timezone.now()
    emergency = set(
        EmergencyAccess.objects.filter(
            participant__in=participants, started_at__lte=now, expires_at__gt=now
        ).values_list("participant_id", flat=True)
    )
    today = timezone.localdate()
    seen: set[int] = set()
    result = []
    for participant in participants:
        if participant.family_id in seen:
            continue
        seen.add(participant.family_id)
        givers = consent_givers(members_by_family[participant.family_id], today)
        missing = missing_consent(participant, givers, consents)
        result.append(
            {
                "family": participant.family,
                "participant": participant,
                "open": not missing or participant.pk in emergency,
                "emergency_active": bool(missing) and participant.pk in emergency,
            }
        )
    return result


def participant_in(access: FamilyAccess, participant_id) -> Participant:
    """A participant of the family behind ``access``; 404 for any other id."""
    participant = (
        Participant.objects.filter(family_id=access.family.pk, pk=participant_id)
        .select_related("user", "member")
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def invitation_in(access: FamilyAccess, invitation_id) -> Invitation:
    """An invitation of the family behind ``access``; 404 for any other id."""
    invitation = Invitation.objects.filter(family_id=access.family.pk, pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_for_invitee(request, invitation_id) -> Invitation:
    """An open invitation addressed to ``request.user``; 404 for anyone else."""
    if not request.user.is_authenticated:
        raise Http404
    invitation = (
        Invitation.objects.filter(
            pk=invitation_id,
            email__iexact=request.user.email,
            status=Invitation.Status.PENDING,
        )
        .select_related("family", "invited_by")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def open_invitations(user) -> list[Invitation]:
    if not user.is_authenticated:
        return []
    return list(
        Invitation.objects.filter(email__iexact=user.email, status=Invitation.Status.PENDING)
        .select_related("family", "invited_by")
        .order_by("-created_at")[:20]
    )


def emergency_candidate(request, family_id) -> Participant | None:
    """A professional at the family's table who lacks consent: the only one who may
    ask for emergency access. Anyone else gets nothing (a 404)."""
    try:
        family_id = int(family_id)
    except (TypeError, ValueError):
        return None
    participant = _participant_for(request.user, family_id)
    if participant is None or participant.role != Participant.Role.PROFESSIONAL:
        return None
    return participant
