"""Writes of the plan. Each runs in one transaction with its audit event,
its line on the timeline and, for texts that can change, a saved revision.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samenplan.families import hooks
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Member, Participant
from samenplan.families.versioning import confirm_version, revision_save, save_versioned
from samenplan.families.visibility import privacy_set
from samenplan.lib.answers import checked_reason
from samenplan.lib.errors import ActionError, StaleEdit

from .models import (
    Agreement,
    AgreementEvaluation,
    AgreementSign,
    ChildWord,
    Goal,
    GoalScore,
    HelpQuestion,
    HelpQuestionCheck,
    Status,
    Step,
    Success,
    TimelineEntry,
    Vision,
)


def timeline_add(access, *, kind, action, summary, goal=None, decision=None, item=None):
    """One line on the plan's timeline (other apps add their milestones here too).

    ``item`` is the row the line is about: the line is hidden with it.
    """
    TimelineEntry.objects.create(
        family=access.family,
        kind=kind,
        action=action,
        goal=goal,
        decision=decision,
        item_type=item._meta.model_name if item is not None else "",
        item_id=item.pk if item is not None else None,
        actor=access.user,
        summary=summary[:400],
    )


_timeline = timeline_add


_revision = revision_save


# --- the help question ----------------------------------------------------------


def help_question_current(where) -> HelpQuestion | None:
    """The family's help question now: the newest accepted version.

    ``where`` is a ``FamilyAccess`` (read through the visibility layer) or a family id.
    """
    if isinstance(where, int):
        questions = HelpQuestion.objects.for_family(where)
    else:
        questions = HelpQuestion.objects.visible_to(where)
    return (
        questions.filter(status=Status.ACCEPTED)
        .select_related("created_by")
        .order_by("-version", "-id")
        .first()
    )


@transaction.atomic
def help_question_write(
    *, access: FamilyAccess, text: str, base_id: int | None, request=None
) -> HelpQuestion:
    """A new version of the help question, or a proposal when someone else writes it.

    ``base_id`` is the version the writer saw. Two saves from the same version:
    the first wins, the second is refused with the first one's text (the
    database holds one accepted row per version number).
    """
    access.require("help_question.write")
    text = text.strip()
    current = help_question_current(access)
    if current is not None and current.pk != base_id:
        raise StaleEdit(current.text)
    now = timezone.now()
    family_writes = access.speaks_for_family
    try:
        with transaction.atomic():
            question = HelpQuestion.objects.create(
                family=access.family,
                text=text,
                created_by=access.user,
                status=Status.ACCEPTED if family_writes else Status.PROPOSED,
                decided_by=access.user if family_writes else None,
                decided_at=now if family_writes else None,
                version=(current.version + 1) if current else 1,
            )
    except IntegrityError:
        raise StaleEdit(help_question_current(access).text) from None
    access.audit(action="create", data="help_question", obj=question, request=request)
    _timeline(
        access,
        kind="help_question",
        action="changed" if family_writes and current else "added" if family_writes else "proposed",
        summary=text,
        item=question,
    )
    return question


@transaction.atomic
def help_question_check(
    *,
    access: FamilyAccess,
    question: HelpQuestion,
    answer: str,
    why: str = "",
    seen=None,
    request=None,
) -> HelpQuestionCheck:
    """Someone says whether the help question still fits: the version they read."""
    access.require("help_question.check")
    if seen is not None and seen != question.pk:
        raise StaleEdit(
            question.text,
            message=_("De hulpvraag is intussen veranderd. Lees hem opnieuw en kies dan."),
        )
    if answer not in HelpQuestionCheck.Answer.values:
        raise ActionError(_("Kies of de hulpvraag nog klopt."))
    why = " ".join(why.split())
    if answer == HelpQuestionCheck.Answer.NOT_QUITE and not why:
        raise ActionError(
            _("Schrijf kort wat er niet meer klopt. Dan kunnen jullie het samen aanpassen.")
        )
    check = HelpQuestionCheck.objects.create(
        family=access.family,
        question=question,
        author=access.user,
        answer=answer,
        why=why[:500] if answer == HelpQuestionCheck.Answer.NOT_QUITE else "",
    )
    access.audit(action="create", data="help_question_check", obj=check, request=request)
    summary = question.text
    if check.why:
        summary = _("%(text)s — niet helemaal: %(why)s") % {"text": question.text, "why": check.why}
    _timeline(access, kind="help_question", action="checked", summary=summary, item=question)
    return check


# A reminder sooner than two weeks is noise; later than half a year is no reminder.
CHECK_WEEKS = (2, 26)


@transaction.atomic
def help_question_interval(
    *, access: FamilyAccess, weeks: int, expected_version: int, request=None
) -> int:
    """After how many weeks without a check the plan asks "klopt deze hulpvraag nog?"."""
    access.require("help_question.interval")
    low, high = CHECK_WEEKS
    if not low <= weeks <= high:
        raise ActionError(_("Kies %(low)s tot en met %(high)s weken.") % {"low": low, "high": high})
    save_versioned(
        access=access,
        item=access.family,
        expected_version=expected_version,
        shown=lambda f: _("Elke %(weeks)s weken") % {"weeks": f.help_question_check_weeks},
        history=False,
        changes={"help_question_check_weeks": weeks},
    )
    access.audit(action="update", data="help_question_interval", obj=access.family, request=request)
    return weeks


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
    access.require("goal.create")
    if owner is not None and owner.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    family_writes = access.speaks_for_family
    goal = Goal.objects.create(
        family=access.family,
        text=text.strip(),
        domain=domain,
        owner=owner,
        why=why.strip(),
        scale_low=scale_low.strip(),
        scale_high=scale_high.strip(),
        from_family_plan=from_family_plan,
        created_by=access.user,
        status=Status.ACCEPTED if family_writes else Status.PROPOSED,
        decided_by=access.user if family_writes else None,
        decided_at=timezone.now() if family_writes else None,
    )
    privacy_set(access=access, item=goal, owner=owner, private=private, shared_with=shared_with)
    _revision(access, goal)
    access.audit(action="create", data="goal", obj=goal, request=request)
    _timeline(
        access,
        kind="goal",
        action="added" if family_writes else "proposed",
        summary=goal.text,
        goal=goal,
        item=goal,
    )
    return goal


CHANGEABLE = ("text", "owner", "domain", "why", "scale_low", "scale_high", "goal_status")


@transaction.atomic
def goal_propose_change(
    *, access: FamilyAccess, goal: Goal, seen_version: int | None = None, request=None, **fields
) -> Goal:
    """Someone outside the family proposes a change; the goal itself stays as it is.

    The proposal remembers the version of the goal it was written against, so
    that taking it over never puts back older words over a newer edit.
    """
    access.require("goal.edit")
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
        replaces_version=seen_version or goal.version,
        created_by=access.user,
        status=Status.PROPOSED,
        **values,
    )
    access.audit(action="create", data="goal", obj=proposal, request=request)
    _timeline(
        access, kind="goal", action="proposed", summary=proposal.text, goal=goal, item=proposal
    )
    return proposal


def _apply_goal_change(access: FamilyAccess, proposal: Goal, request=None) -> None:
    """Copy an accepted change onto the goal it replaces; the proposal stays in history."""
    goal = Goal.objects.select_for_update().get(pk=proposal.replaces_id)
    values = {key: getattr(proposal, key) for key in CHANGEABLE}
    goal_update(
        access=access,
        goal=goal,
        expected_version=proposal.replaces_version or goal.version,
        request=request,
        **values,
    )
    proposal.removed_at = timezone.now()
    proposal.removed_by = access.user
    proposal.save(update_fields=["removed_at", "removed_by"])


@transaction.atomic
def goal_update(
    *, access: FamilyAccess, goal: Goal, expected_version: int, request=None, **fields
) -> Goal:
    """Change a goal. Only the family does; a stale version is refused."""
    access.require("goal.edit")
    if not access.speaks_for_family:
        raise ActionError(_("Alleen het gezin verandert de eigen doelen."))
    owner = fields.get("owner", goal.owner)
    if owner is not None and owner.family_id != access.family.pk:
        raise ActionError(_("Kies iemand uit dit gezin."))
    privacy = None
    if "private" in fields or "shared_with" in fields:
        privacy = {
            "private": bool(fields.pop("private", False)),
            "shared_with": fields.pop("shared_with", None) or (),
        }
    for key in ("text", "why", "scale_low", "scale_high"):
        if key in fields:
            fields[key] = fields[key].strip()
    if fields.get("goal_status") == Goal.GoalStatus.ACHIEVED and goal.achieved_at is None:
        fields["achieved_at"] = timezone.now()
    goal = save_versioned(
        access=access,
        item=goal,
        expected_version=expected_version,
        shown=lambda g: g.text,
        changes=fields,
    )
    if privacy is not None:
        privacy_set(access=access, item=goal, owner=goal.owner, **privacy)
    access.audit(action="update", data="goal", obj=goal, request=request)
    _timeline(access, kind="goal", action="changed", summary=goal.text, goal=goal, item=goal)
    return goal


@transaction.atomic
def goal_remove(*, access: FamilyAccess, goal: Goal, expected_version: int, request=None) -> Goal:
    """Take a goal out of the plan. It stays in the history and on the timeline."""
    access.require("goal.remove")
    if goal.removed_at is not None:
        raise StaleEdit(goal.text)
    goal = save_versioned(
        access=access,
        item=goal,
        expected_version=expected_version,
        shown=lambda g: g.text,
        changes={"removed_at": timezone.now(), "removed_by": access.user},
    )
    access.audit(action="remove", data="goal", obj=goal, request=request)
    _timeline(access, kind="goal", action="removed", summary=goal.text, goal=goal, item=goal)
    return goal


@transaction.atomic
def score_add(
    *,
    access: FamilyAccess,
    goal: Goal,
    score: int,
    note: str = "",
    member: Member | None = None,
    request=None,
) -> GoalScore:
    """A score; ``member``: written down for a child without an account, in their words."""
    access.require("goal.score")
    if goal.removed_at is not None or goal.status != Status.ACCEPTED:
        raise ActionError(_("Bij dit doel kun je geen cijfer geven."))
    child = child_in_hand(access)
    if child is not None:
        # Kindmodus: the child's own score, on this grown-up's phone.
        if goal.owner_id not in (child.pk, None):
            raise ActionError(
                _("Geef hier een cijfer bij je eigen doel, of bij een doel van jullie gezin.")
            )
        member = child
    elif member is not None and member not in score_proxies(access):
        raise ActionError(
            _(
                "Alleen een ouder of een professional schrijft een cijfer op "
                "voor een kind zonder account."
            )
        )
    entry = GoalScore.objects.create(
        family=access.family,
        goal=goal,
        author=access.user,
        member=member,
        by_child=child is not None,
        score=score,
        note=note.strip(),
    )
    access.audit(action="create", data="goal_score", obj=entry, request=request)
    _timeline(
        access,
        kind="score",
        action="added",
        summary=f"{score}/10 · {goal.text}",
        goal=goal,
        item=entry,
    )
    return entry


def child_in_hand(access: FamilyAccess) -> Member | None:
    """In kindmodus, the child holding the phone (families/child_mode.py)."""
    if access.child_member_id is None:
        return None
    return next((m for m in access.members if m.pk == access.child_member_id), None)


def child_goals(access: FamilyAccess, member: Member):
    """A child's part of the plan: their own goals and the whole family's."""
    return (
        Goal.objects.visible_to(access)
        .active()
        .filter(Q(owner=member) | Q(owner__isnull=True))
        .order_by("-owner_id", "created_at", "id")
    )


def is_the_child(access: FamilyAccess, member: Member) -> bool:
    """Whether ``member`` is the one looking: the youth themselves, or the child
    holding a grown-up's phone. A child's plan speaks to them and takes their words."""
    if access.child_member_id is not None:
        return access.child_member_id == member.pk
    return access.participant.member_id == member.pk


@transaction.atomic
def child_word_add(
    *,
    access: FamilyAccess,
    member: Member,
    text: str = "",
    face: str = "",
    goal: Goal | None = None,
    request=None,
) -> ChildWord:
    """ "Dit vind ik ervan": a child says something back about their own plan."""
    access.require("child_word.add")
    if not is_the_child(access, member):
        raise ActionError(_("Hier zegt een kind zelf iets over zijn of haar eigen plan."))
    text = (text or "").strip()
    if not text and not face:
        raise ActionError(_("Kies een gezicht of schrijf iets op."))
    if face and face not in ChildWord.Face.values:
        raise ActionError(_("Kies een van de gezichten."))
    if goal is not None and (
        goal.owner_id not in (member.pk, None)
        or not Goal.objects.visible_to(access).current().filter(pk=goal.pk).exists()
    ):
        raise ActionError(_("Dit doel is er niet (meer)."))
    word = ChildWord.objects.create(
        family=access.family,
        member=member,
        goal=goal,
        face=face,
        text=text,
        author=access.user,
        by_child=access.child_member_id is not None,
    )
    access.audit(action="create", data="child_word", obj=word, request=request)
    return word


def score_proxies(access: FamilyAccess) -> list[Member]:
    """The children ``access``'s person may write a score down for: those without an
    account at the table, for a parent or a professional."""
    if access.role not in ("parent", "professional"):
        return []
    return access.children_without_seat()


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
    private: bool = False,
    shared_with=(),
    helper: int | None = None,
    request=None,
) -> Step:
    access.require("step.create")
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
    if private:
        # A youth keeps a step of their own to themselves.
        if owner is None or owner.pk != access.participant.pk:
            raise ActionError(_("Alleen iets van jezelf kun je voor jezelf houden."))
        privacy_set(
            access=access,
            item=step,
            owner=access.participant.member,
            private=True,
            shared_with=shared_with,
        )
    if helper is not None:
        hooks.call("step.helper_set", access=access, step=step, person_id=helper)
    _revision(access, step)
    access.audit(action="create", data="step", obj=step, request=request)
    _timeline(
        access,
        kind="step",
        action="proposed" if proposal else "added",
        summary=step.text,
        goal=goal,
        item=step,
    )
    return step


# A keyword left out: keep what is there (``None`` would clear it).
UNCHANGED = object()


def can_edit_step(access: FamilyAccess, step: Step) -> bool:
    """Who wrote the step, the person it is for, or the family."""
    if not access.may("step.edit"):
        return False
    if step.created_by_id == access.user.pk or step.owner_id == access.participant.pk:
        return True
    return access.speaks_for_family


@transaction.atomic
def step_update(
    *,
    access: FamilyAccess,
    step: Step,
    expected_version: int,
    text: str,
    owner: Participant | None = None,
    owner_name: str = "",
    goal: Goal | None = None,
    due_date=None,
    helper=UNCHANGED,
    request=None,
) -> Step:
    """Change a step's text, who does it, its goal or its date ("kan het een week later?").

    A stale version is refused with the newest text. A step handed to someone
    else becomes a proposal to them again, as a new one would be.
    """
    access.require("step.edit")
    # Compare with the row as stored: a form may already have written the new
    # values onto the object it was given.
    step = Step.objects.get(pk=step.pk, family_id=access.family.pk)
    if not can_edit_step(access, step):
        raise ActionError(_("Dit mag je niet doen."))
    if step.removed_at is not None or step.done_at is not None:
        raise ActionError(_("Deze stap is klaar of weggehaald. Die verander je niet meer."))
    owner_name = owner_name.strip()
    if owner is None and not owner_name:
        raise ActionError(_("Kies wie deze stap doet."))
    if owner is not None and (
        owner.family_id != access.family.pk
        or not owner.is_active()
        or owner.role == "client_supporter"
    ):
        raise ActionError(_("Kies iemand die aan tafel zit."))
    if goal is not None and goal.family_id != access.family.pk:
        raise ActionError(_("Kies een doel uit dit plan."))
    changes = {
        "text": text.strip(),
        "owner": owner,
        "owner_name": "" if owner else owner_name,
        "goal": goal,
        "due_date": due_date,
    }
    handed_over = (owner.pk if owner else None) != step.owner_id or (
        owner is None and owner_name != step.owner_name
    )
    asks_again = handed_over and _step_needs_acceptance(access, owner, owner_name)
    if asks_again:
        changes.update(status=Status.PROPOSED, decided_by=None, decided_at=None)
    moved = due_date != step.due_date
    if helper is not UNCHANGED:
        # Who from the network helps: a form without the choice leaves it as it is.
        hooks.call("step.helper_set", access=access, step=step, person_id=helper)
    step = save_versioned(
        access=access,
        item=step,
        expected_version=expected_version,
        shown=lambda s: s.text,
        changes=changes,
    )
    access.audit(action="update", data="step", obj=step, request=request)
    summary = step.text
    if moved and due_date is not None:
        summary = _("%(text)s (nu voor %(date)s)") % {
            "text": step.text,
            "date": date_format(due_date, "j F Y"),
        }
    _timeline(
        access,
        kind="step",
        action="proposed" if asks_again else "changed",
        summary=summary,
        goal=step.goal,
        item=step,
    )
    return step


def can_decide_step(access: FamilyAccess, step: Step) -> bool:
    """The person the step is for accepts it; for someone without an account, a parent."""
    if not access.may("proposal.decide"):
        return False
    if step.owner_id is not None:
        return step.owner_id == access.participant.pk
    return access.is_authority_parent


def can_finish_step(access: FamilyAccess, step: Step) -> bool:
    if not access.may("step.done"):
        return False
    if step.owner_id == access.participant.pk:
        return True
    return access.speaks_for_family


@transaction.atomic
def step_done(*, access: FamilyAccess, step: Step, request=None) -> Step:
    access.require("step.done")
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
    _timeline(access, kind="step", action="done", summary=step.text, goal=step.goal, item=step)
    return step


def can_remove_step(access: FamilyAccess, step: Step) -> bool:
    if not access.may("step.remove"):
        return False
    if step.created_by_id == access.user.pk:
        return True
    return can_finish_step(access, step)


@transaction.atomic
def step_remove(*, access: FamilyAccess, step: Step, request=None) -> Step:
    """Take a step out of the plan. It stays in the history and on the timeline."""
    access.require("step.remove")
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
        _timeline(
            access, kind="step", action="removed", summary=step.text, goal=step.goal, item=step
        )
    return step


# "Ongedaan maken": how long after taking something out of the plan the one
# who did it can put it back with one tap (the page offers it that long).
UNDO_SECONDS = 30


def _undo(access: FamilyAccess, item, model, data: str, *, goal=None, request=None):
    """Put back what this person took out of the plan less than ``UNDO_SECONDS`` ago."""
    item = model.objects.select_for_update().get(pk=item.pk, family_id=access.family.pk)
    if (
        item.removed_at is None
        or item.removed_by_id != access.user.pk
        or timezone.now() - item.removed_at > timedelta(seconds=UNDO_SECONDS)
    ):
        raise ActionError(
            _("Ongedaan maken kan alleen vlak na het weghalen, door wie het weghaalde.")
        )
    item.removed_at = None
    item.removed_by = None
    item.version += 1
    item.save(update_fields=["removed_at", "removed_by", "version"])
    _revision(access, item)
    access.audit(action="update", data=data, obj=item, request=request, detail="undo")
    _timeline(access, kind=data, action="restored", summary=item.text, goal=goal or item, item=item)
    return item


@transaction.atomic
def step_restore(*, access: FamilyAccess, step: Step, request=None) -> Step:
    """Undo taking a step out of the plan, just after."""
    access.require("step.restore")
    return _undo(access, step, Step, "step", goal=step.goal, request=request)


@transaction.atomic
def goal_restore(*, access: FamilyAccess, goal: Goal, request=None) -> Goal:
    """Undo taking a goal out of the plan, just after; its steps come back with it."""
    access.require("goal.restore")
    return _undo(access, goal, Goal, "goal", request=request)


@transaction.atomic
def step_celebrate(*, access: FamilyAccess, step: Step, request=None) -> Step:
    access.require("step.celebrate")
    step = Step.objects.select_for_update().get(pk=step.pk, family_id=access.family.pk)
    if step.done_at is None:
        raise ActionError(_("Vier een stap als hij klaar is."))
    if step.celebrated_at is None:
        step.celebrated_at = timezone.now()
        step.save(update_fields=["celebrated_at"])
        access.audit(action="update", data="step", obj=step, request=request)
        _timeline(
            access, kind="step", action="celebrated", summary=step.text, goal=step.goal, item=step
        )
    return step


# --- future picture, successes, agreements -------------------------------------


def _writes_own_words(access: FamilyAccess, member: Member) -> bool:
    """A person writes their own future picture; the family may write one down for a child."""
    if access.participant.member_id == member.pk:
        return True
    return access.speaks_for_family


@transaction.atomic
def vision_write(
    *,
    access: FamilyAccess,
    member: Member,
    text: str,
    first_noticed: str = "",
    private: bool = False,
    shared_with=(),
    request=None,
) -> Vision:
    access.require("vision.write")
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
    privacy_set(access=access, item=vision, owner=member, private=private, shared_with=shared_with)
    _revision(access, vision)
    access.audit(action="create", data="vision", obj=vision, request=request)
    _timeline(
        access,
        kind="vision",
        action="added" if accepted else "proposed",
        summary=vision.text,
        item=vision,
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
    private: bool = False,
    shared_with=(),
    request=None,
) -> Success:
    access.require("success.create")
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
    privacy_set(
        access=access,
        item=success,
        owner=access.participant.member,
        private=private,
        shared_with=shared_with,
    )
    _revision(access, success)
    access.audit(action="create", data="success", obj=success, request=request)
    _timeline(
        access,
        kind="success",
        action="added",
        summary=success.what_happened,
        goal=goals[0] if len(goals) == 1 else None,
        item=success,
    )
    return success


def can_edit_vision(access: FamilyAccess, vision: Vision) -> bool:
    """Whose words they are, or who wrote them down."""
    if not access.may("vision.edit") or vision.removed_at is not None:
        return False
    return vision.created_by_id == access.user.pk or (
        access.participant.member_id is not None
        and access.participant.member_id == vision.member_id
    )


@transaction.atomic
def vision_update(
    *,
    access: FamilyAccess,
    vision: Vision,
    expected_version: int,
    text: str,
    first_noticed: str = "",
    request=None,
) -> Vision:
    """Someone's future picture in new words: only theirs, or the one who wrote it down."""
    access.require("vision.edit")
    stored = Vision.objects.get(pk=vision.pk, family_id=access.family.pk)
    if not can_edit_vision(access, stored):
        raise ActionError(
            _("Alleen wie dit toekomstbeeld schreef of van wie het is, verandert het.")
        )
    text = text.strip()
    if not text:
        raise ActionError(_("Schrijf op wat er dan anders is."))
    vision = save_versioned(
        access=access,
        item=stored,
        expected_version=expected_version,
        shown=lambda v: v.text,
        changes={"text": text, "first_noticed": first_noticed.strip()},
    )
    access.audit(action="update", data="vision", obj=vision, request=request)
    _timeline(access, kind="vision", action="changed", summary=vision.text, item=vision)
    return vision


def can_edit_success(access: FamilyAccess, success: Success) -> bool:
    """Who told it, or the family."""
    if not access.may("success.edit") or success.removed_at is not None:
        return False
    return success.created_by_id == access.user.pk or access.speaks_for_family


@transaction.atomic
def success_update(
    *,
    access: FamilyAccess,
    success: Success,
    expected_version: int,
    what_happened: str,
    what_different: str = "",
    who_helped: str = "",
    goals=(),
    request=None,
) -> Success:
    """Change a success or the goals it belongs to.

    Links to goals the editor may not see (a youth's private goal) stay as
    they are: a form can only offer, and so only change, the goals it shows.
    """
    access.require("success.edit")
    stored = Success.objects.get(pk=success.pk, family_id=access.family.pk)
    if not can_edit_success(access, stored):
        raise ActionError(_("Alleen wie dit vertelde, of het gezin, verandert het."))
    goals = list(goals)
    if any(goal.family_id != access.family.pk for goal in goals):
        raise ActionError(_("Kies een doel uit dit plan."))
    what_happened = what_happened.strip()
    if not what_happened:
        raise ActionError(_("Schrijf op wat er gebeurde."))
    linked = list(stored.goals.values_list("pk", flat=True))
    seen = set(Goal.objects.visible_to(access).filter(pk__in=linked).values_list("pk", flat=True))
    success = save_versioned(
        access=access,
        item=stored,
        expected_version=expected_version,
        shown=lambda s: s.what_happened,
        changes={
            "what_happened": what_happened,
            "what_different": what_different.strip(),
            "who_helped": who_helped.strip(),
        },
    )
    success.goals.set([g.pk for g in goals] + [pk for pk in linked if pk not in seen])
    access.audit(action="update", data="success", obj=success, request=request)
    _timeline(
        access,
        kind="success",
        action="changed",
        summary=success.what_happened,
        goal=goals[0] if len(goals) == 1 else None,
        item=success,
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
    access.require("agreement.create")
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
    _timeline(
        access,
        kind="agreement",
        action="added",
        summary=agreement.text,
        goal=goal,
        item=agreement,
    )
    return agreement


@transaction.atomic
def agreement_answer(
    *,
    access: FamilyAccess,
    agreement: Agreement,
    answer: str,
    reason: str = "",
    seen_version=None,
    request=None,
) -> AgreementSign:
    """Someone the agreement is for answers "ja", "ja, als…" or "nee": to the version read.

    Saying no is as easy as saying yes: a "nee" or a "ja, als…" carries a short
    reason, shows beside the agreement and waits for the coordinator.
    """
    access.require("agreement.agree")
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.family_id != access.family.pk or agreement.removed_at is not None:
        raise ActionError(_("Kies een afspraak uit dit plan."))
    if not agreement.concerned.filter(pk=access.participant.pk).exists():
        raise ActionError(_("Deze afspraak gaat niet over jou."))
    reason = checked_reason(answer, reason)
    confirm_version(agreement, seen_version, shown=lambda a: a.text)
    sign = AgreementSign.objects.filter(agreement=agreement, participant=access.participant).first()
    if (
        sign is not None
        and sign.counts_for(agreement)
        and (sign.answer, sign.reason)
        == (
            answer,
            reason,
        )
    ):
        return sign  # the same answer twice (a double tap) changes nothing
    values = {
        "answer": answer,
        "reason": reason,
        "version": agreement.version,
        "agreed_at": timezone.now(),
    }
    if sign is None:
        sign = AgreementSign.objects.create(
            family=access.family, agreement=agreement, participant=access.participant, **values
        )
    else:
        AgreementSign.objects.filter(pk=sign.pk).update(**values)
        sign.refresh_from_db()
    access.audit(
        action="decline" if answer == AgreementSign.Answer.NO else "accept",
        data="agreement",
        obj=agreement,
        detail=answer,
        request=request,
    )
    _timeline(
        access,
        kind="agreement",
        action={
            AgreementSign.Answer.YES: "agreed",
            AgreementSign.Answer.YES_IF: "agreed_if",
            AgreementSign.Answer.NO: "said_no",
        }[answer],
        summary=f"{agreement.text} — {reason}" if reason else agreement.text,
        goal=agreement.goal,
        item=agreement,
    )
    return sign


def agreement_agree(
    *, access: FamilyAccess, agreement: Agreement, seen_version=None, request=None
) -> AgreementSign:
    """Someone the agreement is for says yes: to the version they read."""
    return agreement_answer(
        access=access,
        agreement=agreement,
        answer=AgreementSign.Answer.YES,
        seen_version=seen_version,
        request=request,
    )


@transaction.atomic
def agreement_update(
    *,
    access: FamilyAccess,
    agreement: Agreement,
    expected_version: int,
    text: str,
    evaluate_on=None,
    request=None,
) -> Agreement:
    """Change an agreement's words or evaluation date.

    New words ask everyone concerned again (their earlier answers were about
    other words); the one who changed them, if concerned, says yes with it.
    """
    access.require("agreement.edit")
    stored = Agreement.objects.get(pk=agreement.pk, family_id=access.family.pk)
    if stored.removed_at is not None:
        raise ActionError(_("Deze afspraak is weggehaald."))
    text = text.strip()
    if not text:
        raise ActionError(_("Schrijf op wat jullie afspreken."))
    changes = {"text": text, "evaluate_on": evaluate_on}
    reworded = text != stored.text
    if reworded:
        changes["text_version"] = expected_version + 1
    agreement = save_versioned(
        access=access,
        item=stored,
        expected_version=expected_version,
        shown=lambda a: a.text,
        changes=changes,
    )
    access.audit(action="update", data="agreement", obj=agreement, request=request)
    if reworded and agreement.concerned.filter(pk=access.participant.pk).exists():
        AgreementSign.objects.update_or_create(
            agreement=agreement,
            participant=access.participant,
            defaults={
                "family": access.family,
                "answer": AgreementSign.Answer.YES,
                "reason": "",
                "version": agreement.version,
                "agreed_at": timezone.now(),
            },
        )
    _timeline(
        access,
        kind="agreement",
        action="changed",
        summary=agreement.text,
        goal=agreement.goal,
        item=agreement,
    )
    return agreement


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
    access.require("agreement.evaluate")
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
        access,
        kind="agreement",
        action="evaluated",
        summary=agreement.text,
        goal=agreement.goal,
        item=agreement,
    )
    return evaluation


# --- proposals ---------------------------------------------------------------------

PROPOSABLE = {"help_question": HelpQuestion, "goal": Goal, "step": Step, "vision": Vision}


def can_decide(access: FamilyAccess, item) -> bool:
    if isinstance(item, Step):
        return can_decide_step(access, item)
    return access.may("proposal.decide") and access.speaks_for_family


@transaction.atomic
def proposal_decide(
    *,
    access: FamilyAccess,
    item,
    accept: bool,
    reason: str = "",
    seen_version=None,
    request=None,
) -> None:
    """Accept or decline a proposal. Until then, the family's text is unchanged.

    Accepting names the version of the proposal the person read; a help
    question proposal written against an older question is refused.
    """
    access.require("proposal.decide")
    model = type(item)
    item = model.objects.select_for_update().get(pk=item.pk, family_id=access.family.pk)
    if not can_decide(access, item):
        raise ActionError(_("Over dit voorstel beslis jij niet."))
    if item.status != Status.PROPOSED:
        raise ActionError(_("Over dit voorstel is al beslist."))
    if not accept and not reason.strip():
        raise ActionError(_("Schrijf kort op waarom jullie dit voorstel niet overnemen."))
    if accept and seen_version is not None:
        confirm_version(item, seen_version, shown=lambda i: i.text)
    if accept and isinstance(item, HelpQuestion):
        current = help_question_current(access)
        if current is not None and current.version != item.version - 1:
            raise StaleEdit(
                current.text,
                message=_(
                    "De hulpvraag is veranderd nadat dit voorstel werd geschreven. "
                    "Lees de hulpvraag van nu en het voorstel, en kies dan opnieuw."
                ),
            )
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
        item=item,
    )
