"""The one gate to family data.

Every view that shows or changes family data calls ``family_for``. It denies
by default: anyone who is not an active participant gets a 404 that looks the
same as for a family that does not exist; a participant without the right
gets a 403. Each condition stands on its own line so that tests can prove
every branch.

- Who may *see* what is the visibility layer (``visibility.py``): every
  family model answers ``Model.objects.visible_to(access)``.
- Who may *do* what is the table of actions (``permissions.py``): a write
  names its action (``family_for(..., action="goal.edit")``), and every POST
  without a permitted action is refused. Emergency access and a closed family
  are read-only.
- A read is written to the audit log only when the page was shown (the
  audit middleware writes it after a successful response).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from samenplan.audit.actions import event_record, read_later

from . import child_mode, permissions, visibility
from .models import Consent, EmergencyAccess, Family, Invitation, Member, Participant

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


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


def voices(members: list[Member], on: date) -> list[Member]:
    """Members who speak for themselves: parents with authority and youths of 12+.

    Each may keep their own items (goals, views, future pictures) from someone
    who needs consent, by not giving it: a person's own items are theirs to share.
    """
    result = []
    for member in members:
        if member.is_child:
            age = member.age(on)
            if age is not None and age >= 12:
                result.append(member)
        elif member.has_authority:
            result.append(member)
    return result


@dataclass
class FamilyAccess:
    """What the gate hands a view: the family, who is looking, and what they may see."""

    family: Family
    participant: Participant
    members: list[Member] = field(default_factory=list)
    today: date = field(default_factory=timezone.localdate)
    emergency: bool = False
    consents: list[Consent] = field(default_factory=list)
    request: object = None
    # Kindmodus: the child (a member id) this phone is handed to (child_mode.py).
    child_member_id: int | None = None
    _cache: dict = field(default_factory=dict, repr=False)

    # --- who is looking ------------------------------------------------------------

    @property
    def user(self):
        return self.participant.user

    @property
    def role(self) -> str:
        return self.participant.role

    def _member_age(self) -> int | None:
        member = self.participant.member
        if self.participant.role != Participant.Role.YOUTH or member is None:
            return None
        return member.age(self.today)

    @property
    def is_youth_16(self) -> bool:
        age = self._member_age()
        return age is not None and age >= 16

    @property
    def is_youth_12(self) -> bool:
        age = self._member_age()
        return age is not None and age >= 12

    @property
    def is_authority_parent(self) -> bool:
        if self.participant.role != Participant.Role.PARENT:
            return False
        return self.participant.has_authority

    @property
    def is_client_supporter(self) -> bool:
        return self.participant.role == Participant.Role.CLIENT_SUPPORTER

    @property
    def speaks_for_family(self) -> bool:
        """Parents with authority and youths of 12+ write and accept the family's own texts."""
        if self.is_authority_parent:
            return True
        return self.is_youth_12

    @property
    def closed(self) -> bool:
        return self.family.closed_at is not None

    @property
    def read_only(self) -> bool:
        """Emergency access and a closed family change nothing."""
        return self.emergency or self.closed

    # --- what they may do (permissions.py) -------------------------------------------

    def may(self, action: str) -> bool:
        return permissions.allowed(self, action)

    def require(self, action: str) -> None:
        """Refuse unless this person may do ``action`` now. Every write calls this
        first; for an action declared with a confirmation, a POST that is not
        confirmed yet stops here and shows the question (families/confirm.py),
        after its form was found valid and before anything is written."""
        permissions.require(self, action)
        request = self.request
        if request is not None and request.method == "POST":
            permissions.confirm_first(action, request.POST)

    @property
    def can_edit(self) -> bool:
        """Whether to offer writing at all (pages show buttons by it)."""
        return not self.read_only and not self.is_client_supporter

    @property
    def can_manage(self) -> bool:
        return self.may("participant.end")

    @property
    def can_log(self) -> bool:
        return self.may("log.read")

    @property
    def family_writes(self) -> bool:
        """The family's own voice, and able to write now."""
        return self.speaks_for_family and not self.read_only

    # --- consent -------------------------------------------------------------------

    @property
    def consent_givers(self) -> list[Member]:
        return consent_givers(self.members, self.today)

    @property
    def consent_voices(self) -> list[Member]:
        """Everyone whose consent counts: for the whole file, or for their own items."""
        givers = self.consent_givers
        given = {m.pk for m in givers}
        return givers + [m for m in voices(self.members, self.today) if m.pk not in given]

    def gives_file_consent(self) -> bool:
        """Whether the person looking is one of those who consent for the whole file."""
        member_id = self.participant.member_id
        if member_id is None or self.role not in (Participant.Role.PARENT, Participant.Role.YOUTH):
            return False
        return any(m.pk == member_id for m in self.consent_givers)

    @property
    def is_gi(self) -> bool:
        """A professional of the certified institution that carries out the family's measure."""
        if "gi" not in self._cache:
            professional = (
                self.user.professional_or_none
                if self.role == Participant.Role.PROFESSIONAL
                else None
            )
            self._cache["gi"] = (
                professional is not None
                and self.family.gi_id is not None
                and professional.organization_id == self.family.gi_id
            )
        return self._cache["gi"]

    @property
    def may_reopen_now(self) -> bool:
        """A closed family may go on within ``REOPEN_DAYS`` of closing."""
        from datetime import timedelta

        from .models import REOPEN_DAYS

        closed = self.family.closed_at
        return closed is not None and timezone.now() < closed + timedelta(days=REOPEN_DAYS)

    def gives_consent(self) -> bool:
        """Whether the person looking is one of those whose consent counts."""
        member_id = self.participant.member_id
        if member_id is None:
            return False
        if self.participant.role not in (Participant.Role.PARENT, Participant.Role.YOUTH):
            return False
        return any(m.pk == member_id for m in self.consent_voices)

    # --- what they may see (visibility.py) -------------------------------------------

    def _private(self):
        if "private" not in self._cache:
            self._cache["private"] = visibility.private_marks(self)
        return self._cache["private"]

    def _scope(self):
        if "scope" not in self._cache:
            self._cache["scope"] = visibility.scope_marks(self)
        return self._cache["scope"]

    def marked(self, label: str) -> frozenset[int]:
        """Rows of ``label`` hidden by a private mark or the consent scope."""
        key = ("marked", label)
        if key not in self._cache:
            hidden = self._private()[0].get(label, set()) | self._scope()[0].get(label, set())
            self._cache[key] = frozenset(hidden)
        return self._cache[key]

    def hidden(self, label: str) -> frozenset[int]:
        """Every row of ``label`` this person may not see, whatever the reason."""
        key = ("hidden", label)
        if key not in self._cache:
            self._cache[key] = visibility.hidden_ids(self, label)
        return self._cache[key]

    @property
    def scope_all(self) -> set[str]:
        """Labels left out of this participant's consent as a whole."""
        return self._scope()[1]

    @property
    def scope(self) -> dict[str, set[int]]:
        return self._scope()[0]

    def private_ids(self, label: str) -> set[int]:
        """Rows of ``label`` kept private by a youth (visible to this person or not)."""
        return self._private()[1].get(label, set())

    def children_without_seat(self) -> list[Member]:
        """The children of the family with no account at the table: a parent or a
        professional writes down their words, or hands them the phone."""
        if "unseated" not in self._cache:
            seated = set(
                Participant.objects.active()
                .filter(family_id=self.family.pk, member__isnull=False)
                .values_list("member_id", flat=True)
            )
            self._cache["unseated"] = [m for m in self.members if m.is_child and m.pk not in seated]
        return self._cache["unseated"]

    @property
    def unconsented_owners(self) -> frozenset[int]:
        """Members whose own items this person may not see: they gave no consent."""
        if "owners" not in self._cache:
            owners: frozenset[int] = frozenset()
            if self.participant.needs_consent and not self.emergency:
                given = {c.member_id for c in self.consents if c.withdrawn_at is None}
                owners = frozenset(
                    m.pk for m in voices(self.members, self.today) if m.pk not in given
                )
            self._cache["owners"] = owners
        return self._cache["owners"]

    # --- the audit log ---------------------------------------------------------------

    def audit(self, *, action: str, data: str, obj=None, request=None, detail: str = ""):
        """Record a write, in the write's transaction."""
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
            on_behalf_of=self.child_name,
        )

    @property
    def child_name(self) -> str:
        """In kindmodus: the child whose own words these are."""
        if self.child_member_id is None:
            return ""
        return next((m.name for m in self.members if m.pk == self.child_member_id), "")

    def read(self, data: str, *, obj=None, action: str = "view", detail: str = "") -> None:
        """Record a read; written only when the response succeeds."""
        read_later(
            self.request,
            actor=self.participant.user,
            participant=self.participant,
            family=self.family,
            action=action,
            data=data,
            obj=obj,
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


def _writes(action) -> bool:
    names = action if isinstance(action, tuple) else (action,) if action else ()
    return bool(names) and all(not permissions.action(name).read for name in names)


def _child_mode_off(request, family_id: int) -> None:
    """The family no longer opens for this grown-up: neither does it for the child."""
    if request is not None and child_mode.member_for(request, family_id) is not None:
        child_mode.end(request)


def access_for(user, family_id, *, request=None) -> FamilyAccess:
    """What ``user`` may see of family ``family_id`` now, for reading.

    ``family_for`` adds the request's action on top; the task worker calls this
    directly for work it does on someone's behalf (their PDF), with the same
    refusals: ``Http404`` for outsiders, ``PermissionDenied`` without consent.
    """
    try:
        family_id = int(family_id)
    except (TypeError, ValueError):
        raise Http404 from None
    participant = _participant_for(user, family_id)
    if participant is None:
        _child_mode_off(request, family_id)
        raise Http404
    members = list(Member.objects.filter(family_id=family_id))
    access = FamilyAccess(
        family=participant.family, participant=participant, members=members, request=request
    )
    if participant.needs_consent:
        access.consents = list(Consent.objects.active().filter(participant=participant))
        if missing_consent(participant, access.consent_givers, access.consents):
            # Without consent only emergency access opens the family: read-only, 24 hours.
            if not emergency_active(participant):
                _child_mode_off(request, family_id)
                raise PermissionDenied("no_consent")
            access.emergency = True
    if request is not None:
        access.child_member_id = child_mode.member_for(request, family_id)
        if access.child_member_id is not None and access.read_only:
            # A child writes nothing in a closed family: the phone is the grown-up's again.
            child_mode.end(request)
            access.child_member_id = None
    return access


def family_for(
    request, family_id, *, action: str | tuple[str, ...] | None = None, data: str | None = None
) -> FamilyAccess:
    """Return the family ``family_id`` for ``request.user``, or refuse.

    Outsiders get ``Http404``. A participant without consent gets
    ``PermissionDenied`` (unless emergency access is on). ``action`` is what
    the request does (see ``permissions.py``), or a tuple of actions of which
    one must be allowed (the write function then checks the exact one); a
    POST must name one, and is refused when this person may not do it now.
    When ``data`` is given and the request reads, the read goes to the audit
    log once the page is shown.
    """
    access = access_for(request.user, family_id, request=request)
    if request.method not in SAFE_METHODS and not _writes(action):
        # Every write names its write action; one that does not is refused.
        raise PermissionDenied
    if isinstance(action, tuple):
        if not any(access.may(name) for name in action):
            raise PermissionDenied
    elif action is not None:
        permissions.require(access, action)
    if data and request.method in ("GET", "HEAD"):
        access.read(data)
    return access


# 25 cards fill a phone's screen many times over; a professional at hundreds of
# families pages on, and every page costs the same.
FAMILIES_PER_PAGE = 25


def my_families_page(user, number=None, per_page: int = FAMILIES_PER_PAGE):
    """One page of "Mijn gezinnen": ``(page, items)``.

    Paged over the families (by name), so a professional at thousands of
    families gets the same work per page; only the page's families are worked out.
    """
    from django.core.paginator import Paginator

    ids = (
        Family.objects.filter(participants__in=Participant.objects.active().filter(user=user))
        .distinct()
        .order_by("name", "id")
        .values_list("id", flat=True)
    )
    page = Paginator(ids, per_page).get_page(number)
    return page, visible_families(user, family_ids=list(page.object_list))


def visible_families(user, family_ids: list[int] | None = None) -> list[dict]:
    """The families ``user`` takes part in (or those of ``family_ids``), for "Mijn gezinnen".

    Each item says whether the user can open the family now (consent) and in
    which role. A fixed number of queries, however many families.
    """
    if not user.is_authenticated:
        return []
    seats = Participant.objects.active().filter(user=user)
    if family_ids is not None:
        seats = seats.filter(family_id__in=family_ids)
    participants = list(
        seats.select_related("family", "member").order_by("family__name", "family_id", "id")
    )
    family_ids = {p.family_id for p in participants}
    members_by_family: dict[int, list[Member]] = {fid: [] for fid in family_ids}
    for member in Member.objects.filter(family_id__in=family_ids):
        members_by_family[member.family_id].append(member)
    consents_by_participant: dict[int, list[Consent]] = {}
    for consent in Consent.objects.active().filter(
        participant__in=[p for p in participants if p.needs_consent]
    ):
        consents_by_participant.setdefault(consent.participant_id, []).append(consent)
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
        # Only this seat's consents: the list stays linear in the number of families.
        mine = consents_by_participant.get(participant.pk, [])
        missing = missing_consent(participant, givers, mine)
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
            email=request.user.email.lower(),
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
        Invitation.objects.filter(email=user.email.lower(), status=Invitation.Status.PENDING)
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
