"""Writes of the plan. Each runs in one transaction with its audit event,
its line on the timeline and, for texts that can change, a saved revision.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.families.access import FamilyAccess
from samenplan.families.actions import ActionError
from samenplan.families.models import Member, Participant

from .models import (
    Agreement,
    AgreementEvaluation,
    AgreementSign,
    Goal,
    GoalScore,
    HelpQuestion,
    HelpQuestionCheck,
    Revision,
    Status,
    Step,
    Success,
    TimelineEntry,
    Vision,
)


class StaleEdit(ActionError):
    """Someone else saved first. Nothing was overwritten; ``current`` is their text."""

    def __init__(self, current: str):
        super().__init__(_("Iemand anders heeft dit intussen veranderd. Er is niets overschreven."))
        self.current = current


def timeline_add(access, *, kind, action, summary, goal=None, decision=None):
    """One line on the plan's timeline (other apps add their milestones here too)."""
    TimelineEntry.objects.create(
        family=access.family,
        kind=kind,
        action=action,
        goal=goal,
        decision=decision,
        actor=access.user,
        summary=summary[:400],
    )


_timeline = timeline_add


def _revision(access, item) -> None:
    data = model_to_dict(item)
    for key, value in list(data.items()):
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
        elif isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
    Revision.objects.create(
        family=access.family,
        item_type=item._meta.model_name,
        item_id=item.pk,
        version=item.version,
        data=data,
        author=access.user,
    )


def _require_edit(access: FamilyAccess) -> None:
    if not access.can("edit"):
        raise ActionError(_("Dit mag je niet doen."))


# --- the help question ----------------------------------------------------------


def help_question_current(family_id: int) -> HelpQuestion | None:
    return (
        HelpQuestion.objects.filter(family_id=family_id, status=Status.ACCEPTED)
        .select_related("created_by")
        .order_by("-decided_at", "-created_at", "-id")
        .first()
    )


@transaction.atomic
def help_question_write(
    *, access: FamilyAccess, text: str, base_id: int | None, request=None
) -> HelpQuestion:
    """A new version of the help question, or a proposal when someone else writes it."""
    _require_edit(access)
    text = text.strip()
    current = help_question_current(access.family.pk)
    if current is not None and current.pk != base_id:
        raise StaleEdit(current.text)
    now = timezone.now()
    family_writes = access.speaks_for_family
    question = HelpQuestion.objects.create(
        family=access.family,
        text=text,
        created_by=access.user,
        status=Status.ACCEPTED if family_writes else Status.PROPOSED,
        decided_by=access.user if family_writes else None,
        decided_at=now if family_writes else None,
        version=(current.version + 1) if current else 1,
    )
    access.audit(action="create", data="help_question", obj=question, request=request)
    _timeline(
        access,
        kind="help_question",
        action="changed" if family_writes and current else "added" if family_writes else "proposed",
        summary=text,
    )
    return question


@transaction.atomic
def help_question_check(
    *, access: FamilyAccess, question: HelpQuestion, answer: str, why: str = "", request=None
) -> HelpQuestionCheck:
    check = HelpQuestionCheck.objects.create(
        family=access.family, question=question, author=access.user, answer=answer, why=why.strip()
    )
    access.audit(action="create", data="help_question_check", obj=check, request=request)
    _timeline(access, kind="help_question", action="checked", summary=question.text)
    return check


# --- goals and scores ------------------------------------------------------------


@transaction.atomic
def goal_create(
    *,
    access: FamilyAccess,
    text: str,
    domain: str,
    owner: Member | None = None,
    why: str = "",
    scale_low: str = "",
    scale_high: str = "",
    private: bool = False,
    shared_with=(),
    from_family_plan: bool = False,
    request=None,
) -> Goal:
    _require_edit(access)
    if owner is not None and owner.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    _check_private(access, owner, private, shared_with)
    family_writes = access.speaks_for_family
    goal = Goal.objects.create(
        family=access.family,
        text=text.strip(),
        domain=domain,
        owner=owner,
        why=why.strip(),
        scale_low=scale_low.strip(),
        scale_high=scale_high.strip(),
        private=private,
        from_family_plan=from_family_plan,
        created_by=access.user,
        status=Status.ACCEPTED if family_writes else Status.PROPOSED,
        decided_by=access.user if family_writes else None,
        decided_at=timezone.now() if family_writes else None,
    )
    if private:
        goal.shared_with.set(shared_with)
    _revision(access, goal)
    access.audit(action="create", data="goal", obj=goal, request=request)
    _timeline(
        access,
        kind="goal",
        action="added" if family_writes else "proposed",
        summary=goal.text,
        goal=goal,
    )
    return goal


CHANGEABLE = ("text", "owner", "domain", "why", "scale_low", "scale_high", "goal_status")


@transaction.atomic
def goal_propose_change(*, access: FamilyAccess, goal: Goal, request=None, **fields) -> Goal:
    """Someone outside the family proposes a change; the goal itself stays as it is."""
    _require_edit(access)
    if goal.status != Status.ACCEPTED or goal.removed_at is not None:
        raise ActionError(_("Bij dit doel kun je geen wijziging voorstellen."))
    owner = fields.get("owner")
    if owner is not None and owner.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    values = {key: fields.get(key, getattr(goal, key)) for key in CHANGEABLE}
    for key in ("text", "why", "scale_low", "scale_high"):
        values[key] = values[key].strip()
    proposal = Goal.objects.create(
        family=access.family,
        replaces=goal,
        created_by=access.user,
        status=Status.PROPOSED,
        **values,
    )
    access.audit(action="create", data="goal", obj=proposal, request=request)
    _timeline(access, kind="goal", action="proposed", summary=proposal.text, goal=goal)
    return proposal


def _apply_goal_change(access: FamilyAccess, proposal: Goal, request=None) -> None:
    """Copy an accepted change onto the goal it replaces; the proposal stays in history."""
    goal = Goal.objects.select_for_update().get(pk=proposal.replaces_id)
    values = {key: getattr(proposal, key) for key in CHANGEABLE}
    goal_update(access=access, goal=goal, expected_version=goal.version, request=request, **values)
    proposal.removed_at = timezone.now()
    proposal.removed_by = access.user
    proposal.save(update_fields=["removed_at", "removed_by"])


def _check_private(access: FamilyAccess, owner, private: bool, shared_with) -> None:
    """Only a youth of 12+ keeps a goal private, and only their own goal."""
    if not private:
        return
    if not access.is_youth_12:
        raise ActionError(
            _("Alleen een jongere van 12 jaar of ouder kan een doel voor zich houden.")
        )
    if owner is None or owner.pk != access.participant.member_id:
        raise ActionError(_("Alleen je eigen doel kun je voor jezelf houden."))
    if any(p.family_id != access.family.pk for p in shared_with):
        raise ActionError(_("Kies iemand die aan tafel zit."))


@transaction.atomic
def goal_update(
    *, access: FamilyAccess, goal: Goal, expected_version: int, request=None, **fields
) -> Goal:
    """Change a goal. Only the family does; a stale version is refused."""
    if not access.speaks_for_family:
        raise ActionError(_("Alleen het gezin verandert de eigen doelen."))
    owner = fields.get("owner", goal.owner)
    if owner is not None and owner.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    shared_with = fields.pop("shared_with", None)
    private = fields.get("private", goal.private)
    if "private" in fields or shared_with is not None:
        _check_private(access, owner, private, shared_with or ())
    for key in ("text", "why", "scale_low", "scale_high"):
        if key in fields:
            fields[key] = fields[key].strip()
    if fields.get("goal_status") == Goal.GoalStatus.ACHIEVED and goal.achieved_at is None:
        fields["achieved_at"] = timezone.now()
    changed = Goal.objects.filter(pk=goal.pk, version=expected_version).update(
        version=F("version") + 1, **fields
    )
    if not changed:
        raise StaleEdit(Goal.objects.get(pk=goal.pk).text)
    goal.refresh_from_db()
    if shared_with is not None:
        goal.shared_with.set(shared_with if goal.private else [])
    _revision(access, goal)
    access.audit(action="update", data="goal", obj=goal, request=request)
    _timeline(access, kind="goal", action="changed", summary=goal.text, goal=goal)
    return goal


@transaction.atomic
def goal_remove(*, access: FamilyAccess, goal: Goal, expected_version: int, request=None) -> Goal:
    """Take a goal out of the plan. It stays in the history and on the timeline."""
    if not access.speaks_for_family:
        raise ActionError(_("Alleen het gezin verandert de eigen doelen."))
    changed = Goal.objects.filter(
        pk=goal.pk, version=expected_version, removed_at__isnull=True
    ).update(removed_at=timezone.now(), removed_by=access.user, version=F("version") + 1)
    if not changed:
        raise StaleEdit(Goal.objects.get(pk=goal.pk).text)
    goal.refresh_from_db()
    _revision(access, goal)
    access.audit(action="remove", data="goal", obj=goal, request=request)
    _timeline(access, kind="goal", action="removed", summary=goal.text, goal=goal)
    return goal


@transaction.atomic
def score_add(
    *, access: FamilyAccess, goal: Goal, score: int, note: str = "", request=None
) -> GoalScore:
    _require_edit(access)
    if goal.removed_at is not None or goal.status != Status.ACCEPTED:
        raise ActionError(_("Bij dit doel kun je geen cijfer geven."))
    entry = GoalScore.objects.create(
        family=access.family, goal=goal, author=access.user, score=score, note=note.strip()
    )
    access.audit(action="create", data="goal_score", obj=entry, request=request)
    _timeline(access, kind="score", action="added", summary=f"{score}/10 · {goal.text}", goal=goal)
    return entry


# --- steps -------------------------------------------------------------------------


def _step_needs_acceptance(access: FamilyAccess, owner, owner_name: str) -> bool:
    if owner is not None:
        return owner.pk != access.participant.pk
    # Someone without an account: a parent with authority decides.
    return not access.is_authority_parent


@transaction.atomic
def step_create(
    *,
    access: FamilyAccess,
    text: str,
    owner: Participant | None = None,
    owner_name: str = "",
    goal: Goal | None = None,
    due_date=None,
    meeting=None,
    from_family_plan: bool = False,
    request=None,
) -> Step:
    _require_edit(access)
    owner_name = owner_name.strip()
    if owner is None and not owner_name:
        raise ActionError(_("Kies wie deze stap doet."))
    if owner is not None and owner.family_id != access.family.pk:
        raise ActionError(_("Kies iemand die aan tafel zit."))
    if owner is not None and (not owner.is_active() or owner.role == "client_supporter"):
        raise ActionError(_("Kies iemand die aan tafel zit."))
    if goal is not None and goal.family_id != access.family.pk:
        raise ActionError(_("Kies een doel uit dit plan."))
    if meeting is not None and meeting.family_id != access.family.pk:
        raise ActionError(_("Kies een overleg van dit gezin."))
    proposal = _step_needs_acceptance(access, owner, owner_name)
    step = Step.objects.create(
        family=access.family,
        text=text.strip(),
        owner=owner,
        owner_name="" if owner else owner_name,
        goal=goal,
        due_date=due_date,
        meeting=meeting,
        from_family_plan=from_family_plan,
        created_by=access.user,
        status=Status.PROPOSED if proposal else Status.ACCEPTED,
        decided_by=None if proposal else access.user,
        decided_at=None if proposal else timezone.now(),
    )
    _revision(access, step)
    access.audit(action="create", data="step", obj=step, request=request)
    _timeline(
        access,
        kind="step",
        action="proposed" if proposal else "added",
        summary=step.text,
        goal=goal,
    )
    return step


def can_decide_step(access: FamilyAccess, step: Step) -> bool:
    """The person the step is for accepts it; for someone without an account, a parent."""
    if step.owner_id is not None:
        return step.owner_id == access.participant.pk
    return access.is_authority_parent


def can_finish_step(access: FamilyAccess, step: Step) -> bool:
    if step.owner_id == access.participant.pk:
        return True
    return access.speaks_for_family


@transaction.atomic
def step_done(*, access: FamilyAccess, step: Step, request=None) -> Step:
    step = Step.objects.select_for_update().get(pk=step.pk, family_id=access.family.pk)
    if not can_finish_step(access, step):
        raise ActionError(_("Alleen wie de stap doet, of het gezin, zet hem op klaar."))
    if step.status != Status.ACCEPTED or step.removed_at is not None:
        raise ActionError(_("Deze stap is nog een voorstel."))
    if step.done_at is not None:
        return step
    step.done_at = timezone.now()
    step.done_by = access.user
    step.version += 1
    step.save(update_fields=["done_at", "done_by", "version"])
    _revision(access, step)
    access.audit(action="update", data="step", obj=step, request=request)
    _timeline(access, kind="step", action="done", summary=step.text, goal=step.goal)
    return step


def can_remove_step(access: FamilyAccess, step: Step) -> bool:
    if not access.can("edit"):
        return False
    if step.created_by_id == access.user.pk:
        return True
    return can_finish_step(access, step)


@transaction.atomic
def step_remove(*, access: FamilyAccess, step: Step, request=None) -> Step:
    """Take a step out of the plan. It stays in the history and on the timeline."""
    step = Step.objects.select_for_update().get(pk=step.pk, family_id=access.family.pk)
    if not can_remove_step(access, step):
        raise ActionError(_("Dit mag je niet doen."))
    if step.removed_at is None:
        step.removed_at = timezone.now()
        step.removed_by = access.user
        step.version += 1
        step.save(update_fields=["removed_at", "removed_by", "version"])
        _revision(access, step)
        access.audit(action="remove", data="step", obj=step, request=request)
        _timeline(access, kind="step", action="removed", summary=step.text, goal=step.goal)
    return step


@transaction.atomic
def step_celebrate(*, access: FamilyAccess, step: Step, request=None) -> Step:
    _require_edit(access)
    step = Step.objects.select_for_update().get(pk=step.pk, family_id=access.family.pk)
    if step.done_at is None:
        raise ActionError(_("Vier een stap als hij klaar is."))
    if step.celebrated_at is None:
        step.celebrated_at = timezone.now()
        step.save(update_fields=["celebrated_at"])
        access.audit(action="update", data="step", obj=step, request=request)
        _timeline(access, kind="step", action="celebrated", summary=step.text, goal=step.goal)
    return step


# --- future picture, successes, agreements -------------------------------------


def _writes_own_words(access: FamilyAccess, member: Member) -> bool:
    """A person writes their own future picture; the family may write one down for a child."""
    if access.participant.member_id == member.pk:
        return True
    return access.speaks_for_family


@transaction.atomic
def vision_write(
    *, access: FamilyAccess, member: Member, text: str, first_noticed: str = "", request=None
) -> Vision:
    _require_edit(access)
    if member.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    accepted = _writes_own_words(access, member)
    vision = Vision.objects.create(
        family=access.family,
        member=member,
        text=text.strip(),
        first_noticed=first_noticed.strip(),
        by_self=access.participant.member_id == member.pk,
        created_by=access.user,
        status=Status.ACCEPTED if accepted else Status.PROPOSED,
        decided_by=access.user if accepted else None,
        decided_at=timezone.now() if accepted else None,
    )
    _revision(access, vision)
    access.audit(action="create", data="vision", obj=vision, request=request)
    _timeline(
        access, kind="vision", action="added" if accepted else "proposed", summary=vision.text
    )
    return vision


@transaction.atomic
def success_create(
    *,
    access: FamilyAccess,
    what_happened: str,
    what_different: str = "",
    who_helped: str = "",
    goals=(),
    request=None,
) -> Success:
    _require_edit(access)
    goals = list(goals)
    if any(goal.family_id != access.family.pk for goal in goals):
        raise ActionError(_("Kies een doel uit dit plan."))
    success = Success.objects.create(
        family=access.family,
        what_happened=what_happened.strip(),
        what_different=what_different.strip(),
        who_helped=who_helped.strip(),
        created_by=access.user,
        decided_by=access.user,
        decided_at=timezone.now(),
    )
    success.goals.set(goals)
    _revision(access, success)
    access.audit(action="create", data="success", obj=success, request=request)
    _timeline(
        access,
        kind="success",
        action="added",
        summary=success.what_happened,
        goal=goals[0] if len(goals) == 1 else None,
    )
    return success


@transaction.atomic
def agreement_create(
    *,
    access: FamilyAccess,
    kind: str,
    text: str,
    concerned,
    goal: Goal | None = None,
    evaluate_on=None,
    meeting=None,
    request=None,
) -> Agreement:
    _require_edit(access)
    concerned = list(concerned)
    if not concerned:
        raise ActionError(_("Kies voor wie de afspraak geldt."))
    if any(p.family_id != access.family.pk or not p.is_active() for p in concerned):
        raise ActionError(_("Kies iemand die aan tafel zit."))
    if goal is not None and goal.family_id != access.family.pk:
        raise ActionError(_("Kies een doel uit dit plan."))
    if kind == Agreement.Kind.GOAL and goal is None:
        raise ActionError(_("Kies bij welk doel de afspraak hoort."))
    if meeting is not None and meeting.family_id != access.family.pk:
        raise ActionError(_("Kies een overleg van dit gezin."))
    agreement = Agreement.objects.create(
        family=access.family,
        kind=kind,
        goal=goal if kind == Agreement.Kind.GOAL else None,
        text=text.strip(),
        evaluate_on=evaluate_on,
        meeting=meeting,
        created_by=access.user,
        decided_by=access.user,
        decided_at=timezone.now(),
    )
    agreement.concerned.set(concerned)
    if access.participant in concerned:
        AgreementSign.objects.create(
            family=access.family, agreement=agreement, participant=access.participant
        )
    _revision(access, agreement)
    access.audit(action="create", data="agreement", obj=agreement, request=request)
    _timeline(access, kind="agreement", action="added", summary=agreement.text, goal=goal)
    return agreement


@transaction.atomic
def agreement_agree(*, access: FamilyAccess, agreement: Agreement, request=None) -> AgreementSign:
    if not agreement.concerned.filter(pk=access.participant.pk).exists():
        raise ActionError(_("Deze afspraak gaat niet over jou."))
    sign, created = AgreementSign.objects.get_or_create(
        family=access.family, agreement=agreement, participant=access.participant
    )
    if created:
        access.audit(action="accept", data="agreement", obj=agreement, request=request)
        _timeline(
            access, kind="agreement", action="agreed", summary=agreement.text, goal=agreement.goal
        )
    return sign


@transaction.atomic
def agreement_evaluate(
    *,
    access: FamilyAccess,
    agreement: Agreement,
    works: str,
    adjust: str = "",
    next_evaluation=None,
    request=None,
) -> AgreementEvaluation:
    _require_edit(access)
    evaluation = AgreementEvaluation.objects.create(
        family=access.family,
        agreement=agreement,
        author=access.user,
        works=works,
        adjust=adjust.strip(),
        next_evaluation=next_evaluation,
    )
    Agreement.objects.filter(pk=agreement.pk).update(
        evaluate_on=next_evaluation, version=F("version") + 1
    )
    access.audit(action="create", data="agreement_evaluation", obj=evaluation, request=request)
    _timeline(
        access, kind="agreement", action="evaluated", summary=agreement.text, goal=agreement.goal
    )
    return evaluation


# --- proposals ---------------------------------------------------------------------

PROPOSABLE = {"help_question": HelpQuestion, "goal": Goal, "step": Step, "vision": Vision}


def can_decide(access: FamilyAccess, item) -> bool:
    if isinstance(item, Step):
        return can_decide_step(access, item)
    return access.speaks_for_family


@transaction.atomic
def proposal_decide(
    *, access: FamilyAccess, item, accept: bool, reason: str = "", request=None
) -> None:
    """Accept or decline a proposal. Until then, the family's text is unchanged."""
    model = type(item)
    item = model.objects.select_for_update().get(pk=item.pk, family_id=access.family.pk)
    if not can_decide(access, item):
        raise ActionError(_("Over dit voorstel beslis jij niet."))
    if item.status != Status.PROPOSED:
        raise ActionError(_("Over dit voorstel is al beslist."))
    if not accept and not reason.strip():
        raise ActionError(_("Schrijf kort op waarom jullie dit voorstel niet overnemen."))
    item.status = Status.ACCEPTED if accept else Status.DECLINED
    item.decided_by = access.user
    item.decided_at = timezone.now()
    item.decline_reason = "" if accept else reason.strip()[:500]
    item.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    if accept and isinstance(item, Goal) and item.replaces_id:
        _apply_goal_change(access, item, request=request)
    kind = {v: k for k, v in PROPOSABLE.items()}[model]
    access.audit(action="accept" if accept else "decline", data=kind, obj=item, request=request)
    _timeline(
        access,
        kind=kind,
        action="accepted" if accept else "declined",
        summary=item.text,
        goal=item if isinstance(item, Goal) else getattr(item, "goal", None),
    )
