"""Writes of Samen beslissen. Each runs in one transaction with its audit event
and, for the milestones, a line on the plan's timeline.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.families.access import FamilyAccess
from samenplan.families.models import Member, Participant
from samenplan.families.visibility import privacy_set
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.plan.actions import step_create, timeline_add
from samenplan.plan.models import Goal

from . import rules
from .models import Argument, Assent, Check, Decision, Objection, Option, View

WAIT_TEXT = "Nog even niets doen / wachten"


def _require_open(decision: Decision) -> None:
    if decision.state != Decision.State.OPEN:
        raise ActionError(_("Over deze vraag is al besloten."))


def _locked(access: FamilyAccess, decision: Decision) -> Decision:
    return Decision.objects.select_for_update().get(pk=decision.pk, family_id=access.family.pk)


def _own_member(access: FamilyAccess, member: Member | None) -> None:
    if member is not None and member.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))


# --- asking --------------------------------------------------------------------


@transaction.atomic
def decision_create(
    *,
    access: FamilyAccess,
    question: str,
    options: list[str],
    why_now: str = "",
    decide_by=None,
    goal: Goal | None = None,
    about: Member | None = None,
    add_wait: bool = True,
    request=None,
) -> Decision:
    """A new question to decide, with at least two options."""
    access.require("decision.create")
    _own_member(access, about)
    if goal is not None and goal.family_id != access.family.pk:
        raise ActionError(_("Kies een doel uit dit plan."))
    texts = []
    for text in options:
        text = text.strip()
        if text and text.casefold() not in {t.casefold() for t in texts}:
            texts.append(text)
    if add_wait and WAIT_TEXT.casefold() not in {t.casefold() for t in texts}:
        texts.append(WAIT_TEXT)
    if len(texts) < 2:
        raise ActionError(_("Schrijf minstens twee keuzes op."))
    decision = Decision.objects.create(
        family=access.family,
        question=question.strip(),
        why_now=why_now.strip(),
        decide_by=decide_by,
        goal=goal,
        about=about,
        created_by=access.user,
    )
    Option.objects.bulk_create(
        Option(
            family=access.family,
            decision=decision,
            text=text,
            is_wait=text == WAIT_TEXT,
            created_by=access.user,
        )
        for text in texts
    )
    access.audit(action="create", data="decision", obj=decision, request=request)
    timeline_add(
        access,
        kind="decision",
        action="added",
        summary=decision.question,
        goal=goal,
        decision=decision,
    )
    return decision


@transaction.atomic
def option_add(*, access: FamilyAccess, decision: Decision, text: str, request=None) -> Option:
    access.require("decision.option")
    decision = _locked(access, decision)
    _require_open(decision)
    text = text.strip()
    if decision.options.filter(text__iexact=text).exists():
        raise ActionError(_("Deze keuze staat er al."))
    option = Option.objects.create(
        family=access.family, decision=decision, text=text, created_by=access.user
    )
    access.audit(action="create", data="decision_option", obj=option, request=request)
    return option


@transaction.atomic
def argument_add(
    *, access: FamilyAccess, option: Option, kind: str, text: str, request=None
) -> Argument:
    """A pro or con, marked with who said it. Anyone at the table who writes may add one."""
    access.require("decision.argument")
    if option.family_id != access.family.pk:
        raise ActionError(_("Kies een keuze uit deze beslissing."))
    if kind not in Argument.Kind.values:
        raise ActionError(_("Kies voordeel of nadeel."))
    _require_open(option.decision)
    argument = Argument.objects.create(
        family=access.family, option=option, kind=kind, text=text.strip(), author=access.user
    )
    access.audit(action="create", data="decision_argument", obj=argument, request=request)
    return argument


# --- views ---------------------------------------------------------------------


# A child this young is not asked for a view (nor listed as "no view yet").
YOUNGEST_VOICE = 4


def members_without_account(access: FamilyAccess, participants: list[Participant]) -> list[Member]:
    """Children nobody speaks for at the table: their view is written down for them."""
    seated = {p.member_id for p in participants if p.member_id}
    result = []
    for member in access.members:
        age = member.age(access.today)
        if member.pk in seated or not member.is_child:
            continue
        if age is not None and age < YOUNGEST_VOICE:
            continue
        result.append(member)
    return result


def can_write_for_others(access: FamilyAccess) -> bool:
    """A parent or a professional writes down the view of a child without an account."""
    if not access.may("decision.view"):
        return False
    if access.is_authority_parent:
        return True
    return access.participant.role == "professional"


@transaction.atomic
def view_give(
    *,
    access: FamilyAccess,
    decision: Decision,
    certainty: int,
    option: Option | None = None,
    matters: str = "",
    words: str = "",
    needs: str = "",
    member: Member | None = None,
    private: bool = False,
    shared_with=(),
    request=None,
) -> View:
    """Someone's view; a newer view of the same person replaces it on the page.

    A youth of 12+ may keep their view to themselves and the people they
    choose; that holds for each of their views on this decision, so that an
    older one does not show in its place.
    """
    access.require("decision.view")
    decision = _locked(access, decision)
    _require_open(decision)
    if option is not None and option.decision_id != decision.pk:
        raise ActionError(_("Kies een keuze uit deze beslissing."))
    if member is not None:
        _own_member(access, member)
        if member.pk == access.participant.member_id:
            member = None
    if member is not None:
        if not can_write_for_others(access):
            raise ActionError(_("Alleen een ouder of een professional schrijft dit op."))
        seated = Participant.objects.active().filter(family_id=access.family.pk, member=member)
        if seated.exists():
            raise ActionError(_("Deze persoon geeft zelf een mening."))
    view = View.objects.create(
        family=access.family,
        decision=decision,
        participant=None if member else access.participant,
        member=member or access.participant.member,
        written_by=access.user,
        option=option,
        certainty=certainty,
        matters=matters.strip(),
        words=words.strip(),
        needs=needs.strip(),
    )
    if member is None:
        own_views = View.objects.for_family(access.family.pk).filter(
            decision=decision, participant=access.participant
        )
        for each in own_views:
            privacy_set(
                access=access,
                item=each,
                owner=access.participant.member,
                private=private,
                shared_with=shared_with,
            )
    access.audit(action="create", data="decision_view", obj=view, request=request)
    return view


# --- deciding ------------------------------------------------------------------


def missing_assent(decision: Decision, members: list[Member], assents: list[Assent], on):
    """The people who must still say yes to the proposed outcome, in order."""
    if not decision.mode:
        return []
    about = next((m for m in members if m.pk == decision.about_id), None)
    needed = rules.required(decision.mode, members, about, on)
    yes = {a.member_id for a in _latest_assents(assents, decision.outcome_version) if a.agrees}
    return [m for m in needed if m.pk not in yes]


def _latest_assents(assents: list[Assent], outcome_version: int) -> list[Assent]:
    latest: dict[int, Assent] = {}
    for assent in sorted(assents, key=lambda a: (a.created_at, a.pk)):
        if assent.outcome_version == outcome_version:
            latest[assent.member_id] = assent
    return list(latest.values())


def latest_assents(decision: Decision, assents: list[Assent]) -> list[Assent]:
    return _latest_assents(assents, decision.outcome_version)


@transaction.atomic
def outcome_record(
    *,
    access: FamilyAccess,
    decision: Decision,
    expected_version: int,
    mode: str,
    chosen: Option,
    outcome: str,
    reason: str,
    review_on,
    legal_basis: str = "",
    follow_up: str = "",
    follow_up_owner: Participant | None = None,
    unheard_reason: str = "",
    request=None,
) -> Decision:
    """Write down what was decided, and how.

    In a compulsory framework the decision stands at once. Otherwise it is a
    proposed outcome until everyone who must agree (``rules.required``) has
    said yes; the person recording it says yes by recording it.
    """
    access.require("decision.outcome")
    decision = _locked(access, decision)
    _require_open(decision)
    if decision.version != expected_version:
        raise StaleEdit(decision.outcome or decision.question)
    if chosen.decision_id != decision.pk:
        raise ActionError(_("Kies een keuze uit deze beslissing."))
    about = next((m for m in access.members if m.pk == decision.about_id), None)
    refusal = rules.mode_refusal(access, mode, about)
    if refusal:
        raise ActionError(refusal)
    legal_basis = legal_basis.strip()
    if rules.is_compulsory(mode) and not legal_basis:
        raise ActionError(_("Schrijf op op grond van welke wet of uitspraak is besloten."))
    if follow_up_owner is not None and (
        follow_up_owner.family_id != access.family.pk
        or not follow_up_owner.is_active()
        or follow_up_owner.role == "client_supporter"
    ):
        raise ActionError(_("Kies iemand die aan tafel zit."))
    if follow_up.strip() and follow_up_owner is None:
        raise ActionError(_("Kies wie de volgende stap doet."))
    if review_on is not None and review_on <= access.today:
        raise ActionError(_("Kies een datum in de toekomst om opnieuw te kijken."))
    unheard = not_heard(access, decision, mode, about)
    unheard_reason = unheard_reason.strip()
    if unheard and not unheard_reason:
        names = ", ".join(m.name for m in unheard)
        raise ActionError(
            _(
                "%(names)s gaf nog geen mening. Vraag eerst wat %(names)s ervan vindt. "
                "Lukt dat niet? Schrijf dan op waarom die mening er niet is."
            )
            % {"names": names}
        )
    now = timezone.now()
    decision.mode = mode
    decision.chosen = chosen
    decision.outcome = outcome.strip()
    decision.reason = reason.strip()
    decision.legal_basis = legal_basis if rules.is_compulsory(mode) else ""
    decision.review_on = review_on
    decision.follow_up = follow_up.strip()
    decision.follow_up_owner = follow_up_owner
    decision.unheard_reason = unheard_reason if unheard else ""
    decision.outcome_version += 1
    decision.outcome_by = access.user
    decision.outcome_at = now
    decision.version += 1
    decision.save()
    access.audit(action="update", data="decision_outcome", obj=decision, request=request)
    member = access.participant.member
    if member is not None and member.pk in {
        m.pk for m in rules.required(mode, access.members, about, access.today)
    }:
        Assent.objects.create(
            family=access.family,
            decision=decision,
            member=member,
            given_by=access.user,
            outcome_version=decision.outcome_version,
            agrees=True,
        )
    if _complete(access, decision):
        _finalise(access, decision, request=request)
    else:
        timeline_add(
            access,
            kind="decision",
            action="proposed",
            summary=f"{decision.question} → {decision.outcome}",
            goal=decision.goal,
            decision=decision,
        )
    return decision


def not_heard(access: FamilyAccess, decision: Decision, mode: str, about) -> list[Member]:
    """The children who must be heard (``rules.to_be_heard``) and have no view yet.

    Every view counts, also one the child keeps to themselves: being heard is
    not the same as being read by everyone."""
    must = rules.to_be_heard(mode, access.members, about, access.today)
    if not must:
        return []
    heard = set(
        View.objects.for_family(access.family.pk)
        .filter(decision=decision, member__in=must)
        .values_list("member_id", flat=True)
    )
    return [m for m in must if m.pk not in heard]


def _complete(access: FamilyAccess, decision: Decision) -> bool:
    if rules.is_compulsory(decision.mode):
        return True
    assents = list(Assent.objects.for_family(access.family.pk).filter(decision=decision))
    if not rules.required(
        decision.mode,
        access.members,
        next((m for m in access.members if m.pk == decision.about_id), None),
        access.today,
    ):
        # Nobody can say yes (no parent with authority): the decision cannot stand.
        return False
    return not missing_assent(decision, access.members, assents, access.today)


def _finalise(access: FamilyAccess, decision: Decision, request=None) -> None:
    """The decision stands: its follow-up steps go into the plan."""
    decision.state = Decision.State.DECIDED
    decision.decided_at = timezone.now()
    decision.save(update_fields=["state", "decided_at"])
    owner = decision.follow_up_owner
    lines = [line.strip(" -•\t") for line in decision.follow_up.splitlines()]
    for line in filter(None, lines):
        seated = owner is not None and owner.is_active() and owner.role != "client_supporter"
        step_create(
            access=access,
            text=line[:300],
            owner=owner if seated else None,
            owner_name="" if seated else (owner.user.name if owner else _("het gezin")),
            goal=decision.goal,
            request=request,
        )
    access.audit(action="accept", data="decision", obj=decision, request=request)
    timeline_add(
        access,
        kind="decision",
        action="decided",
        summary=f"{decision.question} → {decision.outcome}",
        goal=decision.goal,
        decision=decision,
    )


def can_assent(access: FamilyAccess, decision: Decision) -> bool:
    """Whether the person looking is one of those who must say yes."""
    if decision.state != Decision.State.OPEN or not decision.mode:
        return False
    if not access.may("decision.assent"):
        return False
    member_id = access.participant.member_id
    if member_id is None or access.participant.role not in ("parent", "youth"):
        return False
    about = next((m for m in access.members if m.pk == decision.about_id), None)
    needed = rules.required(decision.mode, access.members, about, access.today)
    return any(m.pk == member_id for m in needed)


@transaction.atomic
def assent_give(
    *,
    access: FamilyAccess,
    decision: Decision,
    agrees: bool,
    why: str = "",
    seen_version=None,
    request=None,
) -> Assent:
    """A yes (or not yet) to the outcome the person read: ``seen_version``.

    When the outcome changed since, the yes is refused: a yes never counts for
    words the person did not see.
    """
    access.require("decision.assent")
    decision = _locked(access, decision)
    if not can_assent(access, decision):
        raise ActionError(_("Jouw ja is hier niet nodig."))
    if seen_version != decision.outcome_version:
        raise StaleEdit(
            decision.outcome,
            message=_(
                "Het besluit is veranderd nadat je het las. Lees het nieuwe besluit "
                "en zeg dan opnieuw ja of nog niet."
            ),
        )
    why = why.strip()
    if not agrees and not why:
        raise ActionError(_("Schrijf kort op waarom je nog geen ja zegt."))
    assent = Assent.objects.create(
        family=access.family,
        decision=decision,
        member=access.participant.member,
        given_by=access.user,
        outcome_version=decision.outcome_version,
        agrees=agrees,
        # With a yes, words are its condition ("ja, als…"); with a not-yet, its reason.
        why=why[:500],
    )
    access.audit(
        action="accept" if agrees else "decline",
        data="decision_assent",
        obj=assent,
        request=request,
    )
    if agrees:
        timeline_add(
            access,
            kind="decision",
            action="agreed",
            summary=decision.question,
            goal=decision.goal,
            decision=decision,
        )
        if _complete(access, decision):
            _finalise(access, decision, request=request)
    return assent


def can_object(access: FamilyAccess, decision: Decision) -> bool:
    """Family members (parents and youths) may say they disagree with a decision taken."""
    if decision.state == Decision.State.OPEN:
        return False
    return access.may("decision.objection")


@transaction.atomic
def objection_add(
    *, access: FamilyAccess, decision: Decision, text: str, request=None
) -> Objection:
    access.require("decision.objection")
    if not can_object(access, decision):
        raise ActionError(_("Dit mag je niet doen."))
    objection = Objection.objects.create(
        family=access.family,
        decision=decision,
        author=access.user,
        member=access.participant.member,
        text=text.strip(),
    )
    access.audit(action="create", data="decision_objection", obj=objection, request=request)
    timeline_add(
        access,
        kind="decision",
        action="objected",
        summary=decision.question,
        goal=decision.goal,
        decision=decision,
    )
    return objection


@transaction.atomic
def decision_review(
    *, access: FamilyAccess, decision: Decision, review_note: str, request=None
) -> Decision:
    """Look back: how does the decision work out? Then it is reviewed."""
    access.require("decision.review")
    changed = Decision.objects.filter(
        pk=decision.pk, family_id=access.family.pk, state=Decision.State.DECIDED
    ).update(
        state=Decision.State.REVIEWED,
        review_note=review_note.strip(),
        reviewed_at=timezone.now(),
        reviewed_by=access.user,
        version=F("version") + 1,
    )
    if not changed:
        raise ActionError(_("Deze beslissing is nog niet genomen, of al opnieuw bekeken."))
    decision.refresh_from_db()
    access.audit(action="update", data="decision_review", obj=decision, request=request)
    timeline_add(
        access,
        kind="decision",
        action="evaluated",
        summary=decision.question,
        goal=decision.goal,
        decision=decision,
    )
    return decision


# --- the check afterwards ------------------------------------------------------


def can_check(access: FamilyAccess, decision: Decision) -> bool:
    """Family members answer the check once the decision is taken."""
    if decision.state == Decision.State.OPEN:
        return False
    return access.may("decision.check")


@transaction.atomic
def check_answer(
    *,
    access: FamilyAccess,
    decision: Decision,
    heard: int,
    could_say: int,
    together: int,
    know_next: int,
    member: Member | None = None,
    request=None,
) -> Check:
    """One person's answers; for ``member``, a child without an account, written
    down by a parent with authority or a professional in the child's words."""
    access.require("decision.check_for" if member is not None else "decision.check")
    if decision.state == Decision.State.OPEN or (
        member is None and not can_check(access, decision)
    ):
        raise ActionError(_("Deze vragen zijn voor het gezin, als er besloten is."))
    answers = {"heard": heard, "could_say": could_say, "together": together, "know_next": know_next}
    if any(not 1 <= value <= 5 for value in answers.values()):
        raise ActionError(_("Kies bij elke zin een antwoord van 1 tot en met 5."))
    if member is not None:
        _own_member(access, member)
        if member not in check_proxies(access):
            raise ActionError(_("Deze persoon geeft zelf antwoord."))
        check, _created = Check.objects.update_or_create(
            decision=decision,
            member=member,
            participant=None,
            defaults={"family": access.family, "written_by": access.user, **answers},
        )
    else:
        check, _created = Check.objects.update_or_create(
            decision=decision,
            participant=access.participant,
            defaults={
                "family": access.family,
                "member": access.participant.member,
                "written_by": access.user,
                **answers,
            },
        )
    access.audit(action="create", data="decision_check", obj=check, request=request)
    return check


def check_proxies(access: FamilyAccess, participants=None) -> list[Member]:
    """The children whose answers ``access``'s person may write down: those without
    an account at the table, old enough to be asked."""
    if not access.may("decision.check_for"):
        return []
    if participants is None:
        participants = list(Participant.objects.active().filter(family_id=access.family.pk))
    return members_without_account(access, participants)
