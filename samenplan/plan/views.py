from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from samenplan.families import hooks
from samenplan.families.access import FamilyAccess, family_for
from samenplan.families.forms import SeenForm
from samenplan.families.models import Participant
from samenplan.families.panels import panels_for
from samenplan.families.versioning import show_newest
from samenplan.families.versions import cached_part
from samenplan.families.writes import button_write, form_write, offer_undo, say_saved, undo_done
from samenplan.lib.errors import ActionError
from samenplan.lib.params import id_param

from . import actions
from .charts import legend_swatch, score_chart, series
from .forms import (
    AgreementAnswerForm,
    AgreementEditForm,
    AgreementForm,
    CheckIntervalForm,
    ChildWordForm,
    DeclineForm,
    EvaluationForm,
    GoalForm,
    HelpQuestionCheckForm,
    HelpQuestionForm,
    ScoreForm,
    StepEditForm,
    StepForm,
    SuccessEditForm,
    SuccessForm,
    VisionEditForm,
    VisionForm,
)
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


def _goal_in(access: FamilyAccess, goal_id) -> Goal:
    goal = Goal.objects.visible_to(access).filter(pk=goal_id, removed_at__isnull=True).first()
    if goal is None:
        raise Http404
    return goal


def _step_in(access: FamilyAccess, step_id) -> Step:
    step = (
        Step.objects.visible_to(access)
        .filter(pk=step_id, removed_at__isnull=True)
        .select_related("goal")
        .first()
    )
    if step is None:
        raise Http404
    return step


def _participants(access: FamilyAccess) -> list[Participant]:
    return list(
        Participant.objects.visible_to(access).active().select_related("user").order_by("id")
    )


def _goal_people(goals, scores) -> dict[int, list[dict]]:
    by_goal: dict[int, list] = {goal.pk: [] for goal in goals}
    for score in scores:
        by_goal.setdefault(score.goal_id, []).append(score)
    return {goal_id: series(items) for goal_id, items in by_goal.items()}


def _check_due(access: FamilyAccess, question: HelpQuestion | None, checks) -> bool:
    """The plan asks "klopt deze hulpvraag nog?" when nobody checked for a while.

    ``checks``: the answers about this version, newest first (``_checks``).
    """
    if question is None:
        return False
    last_check = checks[0].created_at if checks else None
    since = max(filter(None, [question.decided_at or question.created_at, last_check]))
    return timezone.now() - since > timedelta(weeks=access.family.help_question_check_weeks)


@login_required
def plan(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="plan")
    # The page's own part is kept until the family's data changes (families/versions.py).
    main = cached_part(
        request,
        access,
        "plan",
        lambda: render_to_string(
            "plan/plan.html#plan-main", _plan_context(access), request=request
        ),
    )
    return render(
        request,
        "plan/plan.html",
        {"access": access, "family": access.family, "section": "plan", "main": main},
    )


def _plan_context(access: FamilyAccess) -> dict:
    # The help question now and the proposals for a new one, in one query.
    newest = (
        HelpQuestion.objects.visible_to(access)
        .filter(status=Status.ACCEPTED)
        .order_by("-version", "-id")
        .values("pk")[:1]
    )
    questions = list(
        HelpQuestion.objects.visible_to(access)
        .filter(Q(status=Status.PROPOSED) | Q(pk__in=Subquery(newest)))
        .select_related("created_by")
        .order_by("created_at", "id")
    )
    question = next((q for q in questions if q.status == Status.ACCEPTED), None)
    question_proposals = [q for q in questions if q.status == Status.PROPOSED]
    goals = list(
        Goal.objects.visible_to(access).current().select_related("owner", "created_by", "replaces")
    )
    steps = list(
        Step.objects.visible_to(access)
        .current()
        .select_related("owner__user", "goal", "created_by")
    )
    _with_helpers(access, steps)
    checks = _checks(access, question)
    # Only each person's latest score per goal: the page shows where we stand now.
    scores = list(
        GoalScore.objects.visible_to(access)
        .filter(goal__removed_at__isnull=True)
        .latest_per_person()
        .select_related("author", "member")
        .order_by("created_at", "id")
    )
    visions = list(
        Vision.objects.visible_to(access).current().select_related("member", "created_by")
    )
    hooks.attach_made(access, "vision", visions)
    successes = list(
        Success.objects.visible_to(access)
        .current()
        .select_related("created_by")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.visible_to(access)))
        .order_by("-created_at")[:10]
    )
    agreements = _agreements(access)
    people = _goal_people(goals, scores)
    today = timezone.localdate()
    active = [g for g in goals if g.status == Status.ACCEPTED and g.goal_status == "active"]
    open_steps = [s for s in steps if s.status == Status.ACCEPTED and s.done_at is None]
    open_steps.sort(key=lambda s: (s.due_date is None, s.due_date or today, s.pk))
    done_steps = sorted(
        (s for s in steps if s.done_at is not None), key=lambda s: s.done_at, reverse=True
    )
    proposals = [
        *(("help_question", q) for q in question_proposals),
        *(("goal", g) for g in goals if g.status == Status.PROPOSED),
        *(("step", s) for s in steps if s.status == Status.PROPOSED),
        *(("vision", v) for v in visions if v.status == Status.PROPOSED),
    ]
    return {
        "access": access,
        "family": access.family,
        "section": "plan",
        "question": question,
        "check_due": _check_due(access, question, checks),
        "checks": checks,
        "may_check": access.may("help_question.check") and question is not None,
        "check_form": HelpQuestionCheckForm(
            initial={"question": question.pk if question else None}
        ),
        "goals": [
            {
                "goal": g,
                "people": people.get(g.pk, []),
                "steps": [s for s in open_steps if s.goal_id == g.pk][:3],
            }
            for g in active
        ],
        "other_goals": [
            g for g in goals if g.status == Status.ACCEPTED and g.goal_status != "active"
        ],
        "open_steps": open_steps,
        "done_steps": done_steps[:10],
        "proposals": [
            {
                "kind": kind,
                "item": item,
                "can_decide": access.may("proposal.decide") and actions.can_decide(access, item),
            }
            for kind, item in proposals
        ],
        "today": today,
        "decline_form": DeclineForm(),
        "visions": [v for v in visions if v.status == Status.ACCEPTED],
        "successes": successes,
        "agreements": agreements,
        "panels": panels_for("plan", access),
        "private_goals": access.private_ids("plan.goal"),
    }


def _agreements(access: FamilyAccess) -> list[dict]:
    agreements = list(
        Agreement.objects.visible_to(access)
        .current()
        .select_related("goal")
        # The people with their accounts in one query, not two.
        .prefetch_related(
            Prefetch("concerned", queryset=Participant.objects.select_related("user")), "signs"
        )
        .order_by("evaluate_on", "id")
    )
    today = timezone.localdate()
    rows = []
    for agreement in agreements:
        signed = {
            sign.participant_id: sign
            for sign in agreement.signs.all()
            if sign.counts_for(agreement)
        }
        concerned = [
            {"participant": p, "sign": signed.get(p.pk)} for p in agreement.concerned.all()
        ]
        rows.append(
            {
                "agreement": agreement,
                "concerned": concerned,
                "mine_to_sign": access.may("agreement.agree")
                and any(
                    c["participant"].pk == access.participant.pk and not c["sign"]
                    for c in concerned
                ),
                "mine_answered": access.may("agreement.agree")
                and any(
                    c["participant"].pk == access.participant.pk and c["sign"] for c in concerned
                ),
                "due": agreement.evaluate_on is not None and agreement.evaluate_on <= today,
            }
        )
    return rows


PROPOSAL_READY = _lazy("Je voorstel staat klaar. Het gezin beslist erover.")


def _meeting_from(request, access: FamilyAccess):
    """The meeting a step or agreement comes from (``?overleg=``), or None."""
    meeting_id = id_param(request.GET.get("overleg"))
    if not meeting_id:
        return None
    # The model a step's meeting points at, without importing its app.
    Meeting = Step._meta.get_field("meeting").related_model
    return Meeting.objects.visible_to(access).filter(pk=meeting_id).first()


def _form_page(
    request, access, form, template, *, create, done, proposed=PROPOSAL_READY, meeting=None
):
    """A page with one form that adds an item to the plan through its action.

    On a valid POST the action runs once per form (a double submit makes one
    item); an ActionError comes back on the form, with everything the person
    typed still in it.
    """
    extra = {"meeting": meeting} if meeting is not None else {}
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: create(access=access, request=request, **data, **extra),
            access=access,
        )
    ):
        is_proposal = getattr(form.result, "status", None) == Status.PROPOSED
        say_saved(request, form, proposed if is_proposal else done)
        if meeting is not None:
            return redirect("careteam:meeting", access.family.pk, meeting.pk)
        return redirect(_plan_at(access, form.result, is_proposal))
    return render(
        request,
        template,
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "form": form,
            "meeting": meeting,
        },
        status=400 if form.errors else 200,
    )


@login_required
def help_question_edit(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="help_question.write", data="help_question")
    current = actions.help_question_current(access)
    initial = {"text": current.text if current else "", "base": current.pk if current else None}
    form = HelpQuestionForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda text, base: actions.help_question_write(
                access=access, text=text, base_id=base, request=request
            ),
        )
    ):
        if form.result.status == Status.PROPOSED:
            messages.success(request, _("Je voorstel staat klaar. Het gezin beslist erover."))
        else:
            messages.success(request, _("De hulpvraag is opgeslagen."))
        return redirect("plan:plan", access.family.pk)
    versions = list(
        HelpQuestion.objects.visible_to(access)
        .filter(status=Status.ACCEPTED)
        .select_related("created_by")
        .order_by("-decided_at", "-created_at", "-id")[:20]
    )
    return render(
        request,
        "plan/help_question_edit.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "form": form,
            "stale": getattr(form, "stale", None),
            "versions": versions,
        },
        status=400 if form.errors else 200,
    )


def _checks(access: FamilyAccess, question: HelpQuestion | None) -> list[HelpQuestionCheck]:
    """Each person's newest answer to "klopt deze hulpvraag nog?" about this version."""
    if question is None:
        return []
    newest = {}
    for check in (
        HelpQuestionCheck.objects.visible_to(access)
        .filter(question=question)
        .select_related("author")
        .order_by("-created_at", "-id")[:50]
    ):
        newest.setdefault(check.author_id, check)
    return list(newest.values())[:10]


def _check_page(request, access, question, form, interval_form, status=200):
    return render(
        request,
        "plan/help_question_check.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "question": question,
            "checks": _checks(access, question),
            "form": form,
            "interval_form": interval_form,
            "may_interval": access.may("help_question.interval"),
            "stale": getattr(form, "stale", None) or getattr(interval_form, "stale", None),
        },
        status=status,
    )


@login_required
def help_question_check(request: HttpRequest, family_id: int) -> HttpResponse:
    """ "Klopt deze hulpvraag nog?": anyone at the table, any time, with a reason."""
    access = family_for(
        request, family_id, action="help_question.check", data="help_question_check"
    )
    question = actions.help_question_current(access)
    if question is None:
        raise Http404
    form = HelpQuestionCheckForm(request.POST or None, initial={"question": question.pk})
    interval_form = CheckIntervalForm(
        initial={
            "version": access.family.version,
            "weeks": access.family.help_question_check_weeks,
        }
    )
    if request.method == "POST" and form.is_valid():

        def write(question: int, answer, why):
            return actions.help_question_check(
                access=access,
                question=actions.help_question_current(access),
                seen=question,
                answer=answer,
                why=why,
                request=request,
            )

        if form_write(form, write):
            if form.result.answer == HelpQuestionCheck.Answer.NOT_QUITE and access.may(
                "help_question.write"
            ):
                messages.success(
                    request,
                    _(
                        "Dank je! Je antwoord staat bij de hulpvraag. "
                        "Schrijf hier samen een nieuwe versie."
                    ),
                )
                return redirect("plan:help_question", access.family.pk)
            messages.success(request, _("Dank je! Je antwoord staat bij de hulpvraag."))
            return redirect(reverse("plan:plan", args=[access.family.pk]) + "#question-title")
        if form.stale is not None:
            form.data = form.data.copy()
            form.data["question"] = question.pk
    return _check_page(
        request, access, question, form, interval_form, status=400 if form.errors else 200
    )


@login_required
@require_POST
def help_question_interval(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="help_question.interval")
    question = actions.help_question_current(access)
    interval_form = CheckIntervalForm(request.POST)
    if interval_form.is_valid() and form_write(
        interval_form,
        lambda version, weeks: actions.help_question_interval(
            access=access, weeks=weeks, expected_version=version, request=request
        ),
    ):
        messages.success(
            request,
            _("Voortaan vragen we het na %(weeks)s weken.")
            % {"weeks": interval_form.cleaned_data["weeks"]},
        )
        return redirect("plan:help_question_check", access.family.pk)
    if getattr(interval_form, "stale", None) is not None:
        access.family.refresh_from_db()
        interval_form.data = interval_form.data.copy()
        interval_form.data["version"] = access.family.version
    form = HelpQuestionCheckForm(initial={"question": question.pk if question else None})
    return _check_page(request, access, question, form, interval_form, status=400)


@login_required
def goal_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="goal.create", data="goal")
    initial = {}
    vision_id = id_param(request.GET.get("toekomstbeeld"))
    if vision_id:
        vision = Vision.objects.visible_to(access).current().filter(pk=vision_id).first()
        if vision is not None:
            initial = {"text": vision.text[:300], "owner": vision.member_id}
    form = GoalForm(
        request.POST or None,
        members=access.members,
        initial=initial,
        access=access,
        participants=_participants(access),
    )
    return _form_page(
        request,
        access,
        form,
        "plan/goal_form.html",
        create=actions.goal_create,
        done=_lazy("Het doel staat in jullie plan."),
    )


def _made(access, goal):
    hooks.attach_made(access, "goal", [goal])
    return goal.made


@login_required
def goal_detail(request: HttpRequest, family_id: int, goal_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="goal")
    goal = _goal_in(access, goal_id)
    scores = list(
        GoalScore.objects.visible_to(access)
        .filter(goal=goal)
        .select_related("author", "member")
        .order_by("created_at", "id")[:500]
    )
    people = series(scores)
    for person in people:
        person["swatch"] = legend_swatch(person)
    steps = list(
        Step.objects.visible_to(access)
        .current()
        .filter(goal=goal)
        .select_related("owner__user", "goal")
        .order_by("done_at", "due_date", "id")
    )
    _with_helpers(access, steps)
    successes = list(
        Success.objects.visible_to(access).current().filter(goals=goal).order_by("-created_at")[:10]
    )
    chart = score_chart(
        people,
        label=_("Cijfers voor dit doel, van 0 tot 10, door de tijd heen"),
        described_by="scores-table",
    )
    return render(
        request,
        "plan/goal_detail.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "goal": goal,
            "people": people,
            "scores": list(reversed(scores))[:50],
            "chart": chart,
            "steps": steps,
            "successes": successes,
            "score_form": ScoreForm(proxies=actions.score_proxies(access)),
            "made": _made(access, goal),
            "today": timezone.localdate(),
            "private": goal.pk in access.private_ids("plan.goal"),
        },
    )


@login_required
def goal_edit(request: HttpRequest, family_id: int, goal_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="goal.edit", data="goal")
    goal = _goal_in(access, goal_id)
    if goal.pk in access.private_ids("plan.goal") and not access.speaks_for_family:
        raise PermissionDenied
    form = GoalForm(
        request.POST or None,
        instance=goal,
        members=access.members,
        initial={"version": goal.version},
        access=access,
        participants=_participants(access),
    )
    # The family changes its goal; anyone else proposes a change, taken over or not.
    if access.speaks_for_family:

        def write(version, **fields):
            return actions.goal_update(
                access=access, goal=goal, expected_version=version or 0, request=request, **fields
            )

        done = _("Het doel is opgeslagen.")
    else:

        def write(version, private=None, shared_with=None, **fields):
            return actions.goal_propose_change(
                access=access, goal=goal, seen_version=version or 0, request=request, **fields
            )

        done = _("Je voorstel staat klaar. Het gezin beslist erover.")
    if request.method == "POST" and form.is_valid() and form_write(form, write):
        messages.success(request, done)
        return redirect("plan:goal", access.family.pk, goal.pk)
    return render(
        request,
        "plan/goal_form.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "form": form,
            "goal": goal,
            "stale": getattr(form, "stale", None),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def goal_remove(request: HttpRequest, family_id: int, goal_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="goal.remove")
    goal = _goal_in(access, goal_id)
    if not access.speaks_for_family:
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        actions.goal_remove(access=access, goal=goal, expected_version=version, request=request)
    except actions.StaleEdit:
        messages.error(
            request, _("Iemand anders heeft dit doel intussen veranderd. Kijk het nog eens na.")
        )
        return redirect("plan:goal", access.family.pk, goal.pk)
    messages.success(
        request, _("Het doel is uit het plan gehaald. Op de tijdlijn blijft het zichtbaar.")
    )
    offer_undo(
        request,
        reverse("plan:goal_restore", args=[access.family.pk, goal.pk]),
        goal.text,
        actions.UNDO_SECONDS,
    )
    return redirect("plan:plan", access.family.pk)


def _removed_in(access: FamilyAccess, model, item_id):
    """Something this person may see that was taken out of the plan (to put it back)."""
    item = model.objects.visible_to(access).filter(pk=item_id, removed_at__isnull=False).first()
    if item is None:
        raise Http404
    return item


def _restore(request, access, write, done_url):
    try:
        write()
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Ongedaan gemaakt. Het staat weer in het plan."))
    undo_done(request)
    return redirect(done_url)


@login_required
@require_POST
def goal_restore(request: HttpRequest, family_id: int, goal_id: int) -> HttpResponse:
    """ "Ongedaan maken" just after taking a goal out of the plan."""
    access = family_for(request, family_id, action="goal.restore")
    goal = _removed_in(access, Goal, goal_id)
    return _restore(
        request,
        access,
        lambda: actions.goal_restore(access=access, goal=goal, request=request),
        reverse("plan:plan", args=[access.family.pk]) + f"#goal-{goal.pk}",
    )


@login_required
@require_POST
def step_restore(request: HttpRequest, family_id: int, step_id: int) -> HttpResponse:
    """ "Ongedaan maken" just after taking a step out of the plan."""
    access = family_for(request, family_id, action="step.restore")
    step = _removed_in(access, Step, step_id)
    return _restore(
        request,
        access,
        lambda: actions.step_restore(access=access, step=step, request=request),
        reverse("plan:plan", args=[access.family.pk]) + f"#step-{step.pk}",
    )


@login_required
@require_POST
def score_add(request: HttpRequest, family_id: int, goal_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="goal.score")
    goal = _goal_in(access, goal_id)
    form = ScoreForm(request.POST, proxies=actions.score_proxies(access))
    if not form.is_valid():
        messages.error(request, _("Kies een cijfer van 0 tot en met 10."))
    elif form_write(
        form,
        lambda **data: actions.score_add(access=access, goal=goal, request=request, **data),
        access=access,
        drop=("once", "terug"),
    ):
        say_saved(request, form, _("Je cijfer is opgeslagen."))
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    back_to_mine = form["terug"].value() == "mijn-plan"
    own = access.child_member_id or (access.participant.member_id if back_to_mine else None)
    if own:
        return redirect("plan:mine", access.family.pk, own)
    return redirect("plan:goal", access.family.pk, goal.pk)


# --- Mijn plan: the child's own part, in large type ------------------------------------


def _child_in(access: FamilyAccess, member_id) -> object:
    member = next((m for m in access.members if m.pk == member_id and m.is_child), None)
    if member is None:
        raise Http404
    return member


@login_required
def mine(request: HttpRequest, family_id: int, member_id: int) -> HttpResponse:
    """Mijn plan: a child's own goals, steps, scores, future picture and words, in
    large type, to read aloud, with a way to say something back."""
    access = family_for(request, family_id, data="child_plan")
    return _mine_page(request, access, _child_in(access, member_id))


def _mine_page(request, access: FamilyAccess, member, bound=None) -> HttpResponse:
    """The page; ``bound``: a refused "dit vind ik ervan", shown again with what was typed."""
    how = "self" if actions.is_the_child(access, member) else ""
    context = {
        "access": access,
        "family": access.family,
        "section": "plan",
        "member": member,
        "first_name": member.name.split()[0],
        "how": how,
        "child_mode": access.child_member_id is not None,
    }

    def render_main() -> str:
        return render_to_string(
            "plan/mine.html#main", {**context, **_mine_context(access, member, how, bound)}, request
        )

    # The page's own part is kept until the family's data changes (families/versions.py);
    # a refused "dit vind ik ervan" is made anew, with what was typed.
    context["main"] = (
        render_main()
        if bound is not None
        else cached_part(request, access, f"mine:{member.pk}", render_main)
    )
    return render(request, "plan/mine.html", context, status=400 if bound is not None else 200)


def _mine_context(access: FamilyAccess, member, how: str, bound) -> dict:
    writes = how == "self" and access.may("child_word.add")
    seats = set(
        Participant.objects.filter(family_id=access.family.pk, member=member).values_list(
            "user_id", flat=True
        )
    )
    goals = list(actions.child_goals(access, member))
    goal_ids = [g.pk for g in goals]
    steps: dict[int, list[Step]] = {pk: [] for pk in goal_ids}
    for step in (
        Step.objects.visible_to(access)
        .current()
        .filter(goal_id__in=goal_ids, status=Status.ACCEPTED)
        .order_by("done_at", "due_date", "id")
    ):
        steps[step.goal_id].append(step)
    latest: dict[int, GoalScore] = {}
    for score in (
        GoalScore.objects.visible_to(access)
        .filter(goal_id__in=goal_ids)
        .filter(Q(member=member) | Q(member__isnull=True, author_id__in=seats))
        .order_by("created_at", "id")
    ):
        latest[score.goal_id] = score
    hooks.attach_made(access, "goal", goals)
    for goal in goals:
        goal.child_steps = steps[goal.pk]
        goal.child_score = latest.get(goal.pk)
        if writes:
            goal.score_form = ScoreForm(auto_id=f"s{goal.pk}-%s")
            goal.word_form = ChildWordForm(
                auto_id=f"w{goal.pk}-%s", goals=goals, initial={"goal": goal.pk}
            )
            if bound is not None and str(bound["goal"].value()) == str(goal.pk):
                goal.word_form, bound = bound, None
    visions = list(Vision.objects.visible_to(access).current().filter(member=member))
    words = list(
        ChildWord.objects.visible_to(access)
        .filter(member=member)
        .select_related("author", "goal")
        .order_by("-created_at", "-id")[:20]
    )
    may_hand_over = (
        access.child_member_id is None
        and access.may("child_mode.start")
        and member in access.children_without_seat()
    )
    return {
        "writes": writes,
        "goals": goals,
        "visions": visions,
        "words": words,
        "word_form": bound or (ChildWordForm(auto_id="w-%s", goals=goals) if writes else None),
        "may_hand_over": may_hand_over,
        "seats": seats,
    }


@login_required
@require_POST
def child_word_add(request: HttpRequest, family_id: int, member_id: int) -> HttpResponse:
    """ "Dit vind ik ervan", from the child's own plan."""
    access = family_for(request, family_id, action="child_word.add")
    member = _child_in(access, member_id)
    if not actions.is_the_child(access, member):
        raise PermissionDenied
    goals = list(actions.child_goals(access, member))
    form = ChildWordForm(request.POST, goals=goals)
    goal_id = form["goal"].value()
    # The same ids as on the page, where each goal has its own form.
    form.auto_id = f"w{goal_id}-%s" if goal_id else "w-%s"
    if form.is_valid() and form_write(
        form,
        lambda **data: actions.child_word_add(
            access=access, member=member, request=request, **data
        ),
        access=access,
    ):
        say_saved(request, form, _("Dank je! Iedereen aan tafel kan het lezen."))
        anchor = f"#goal-{form.cleaned_data['goal'].pk}" if form.cleaned_data.get("goal") else ""
        return redirect(reverse("plan:mine", args=[access.family.pk, member.pk]) + anchor)
    return _mine_page(request, access, member, bound=form)


def _plan_at(access: FamilyAccess, item, is_proposal: bool) -> str:
    """The plan, scrolled to what was just saved (the page is long on a phone)."""
    url = reverse("plan:plan", args=[access.family.pk])
    if item is None or not getattr(item, "pk", None):
        return url  # a double tap: the first one's item is not at hand
    if is_proposal:
        return f"{url}#proposals-title"
    return f"{url}#{item._meta.model_name}-{item.pk}"


def _helper_choices(access: FamilyAccess) -> list[tuple[int, str]]:
    """The family's network, when there is one (the network feature provides it)."""
    return hooks.call("step.helper_choices", access=access) or []


def _with_helpers(access: FamilyAccess, steps) -> None:
    """Name on each step who from the network helps with it (one query for all)."""
    steps = list(steps)
    helped = hooks.call("step.helpers", access=access, step_ids=[s.pk for s in steps]) or {}
    for step in steps:
        step.helper_name = helped.get(step.pk, (None, ""))[1]


@login_required
def step_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="step.create", data="step")
    goals = _active_goals(access)
    # Client supporters stand beside the family and take on no steps.
    participants = [p for p in _participants(access) if p.role != "client_supporter"]
    initial = {"owner": access.participant.pk}
    goal_id = id_param(request.GET.get("doel"))
    if goal_id:
        initial["goal"] = goal_id
    form = StepForm(
        request.POST or None,
        goals=goals,
        participants=participants,
        helpers=_helper_choices(access),
        initial=initial,
        access=access,
    )
    return _form_page(
        request,
        access,
        form,
        "plan/step_form.html",
        create=actions.step_create,
        done=_lazy("De stap staat in jullie plan."),
        proposed=_lazy("De stap is voorgesteld. Eerst moet die persoon hem aannemen."),
        meeting=_meeting_from(request, access),
    )


@login_required
def step_edit(request: HttpRequest, family_id: int, step_id: int) -> HttpResponse:
    """Change a step: its words, who does it, its goal, its date."""
    access = family_for(request, family_id, action="step.edit", data="step")
    step = _step_in(access, step_id)
    if not actions.can_edit_step(access, step):
        raise PermissionDenied
    participants = [p for p in _participants(access) if p.role != "client_supporter"]
    helped = hooks.call("step.helpers", access=access, step_ids=[step.pk]) or {}
    form = StepEditForm(
        request.POST or None,
        instance=step,
        goals=_active_goals(access),
        participants=participants,
        helpers=_helper_choices(access),
        initial={"version": step.version, "helper": helped.get(step.pk, (None,))[0]},
    )

    def write(version, **fields):
        return actions.step_update(
            access=access, step=step, expected_version=version or 0, request=request, **fields
        )

    if request.method == "POST" and form.is_valid():
        if form_write(form, write):
            saved = form.result
            if saved.is_proposal:
                messages.success(
                    request, _("De stap is veranderd. Eerst moet die persoon hem aannemen.")
                )
            else:
                messages.success(request, _("De stap is veranderd."))
            # Back where the step is shown, at the step itself.
            if request.POST.get("back") == "goal" and saved.goal_id:
                url = reverse("plan:goal", args=[access.family.pk, saved.goal_id])
            else:
                url = reverse("plan:plan", args=[access.family.pk])
            return redirect(f"{url}#step-{saved.pk}")
        if form.stale is not None:
            show_newest(form, step)
    return render(
        request,
        "plan/step_edit.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "form": form,
            "step": step,
            "stale": getattr(form, "stale", None),
            "back": request.GET.get("terug") == "doel" or request.POST.get("back") == "goal",
        },
        status=400 if form.errors else 200,
    )


STEP_ACTIONS = {"done": "step.done", "celebrate": "step.celebrate", "remove": "step.remove"}


@login_required
@require_POST
def step_change(request: HttpRequest, family_id: int, step_id: int, change: str) -> HttpResponse:
    access = family_for(request, family_id, action=STEP_ACTIONS[change])
    step = _step_in(access, step_id)
    if change == "done" and not actions.can_finish_step(access, step):
        raise PermissionDenied
    if change == "remove" and not actions.can_remove_step(access, step):
        raise PermissionDenied
    try:
        if change == "remove":
            actions.step_remove(access=access, step=step, request=request)
            flash = _("De stap is uit het plan gehaald.")
        elif change == "done":
            step = actions.step_done(access=access, step=step, request=request)
            flash = _("Goed gedaan! De stap is klaar.")
        else:
            step = actions.step_celebrate(access=access, step=step, request=request)
            flash = _("Gevierd! Dit staat nu op de tijdlijn.")
    except ActionError as error:
        if request.htmx:
            return HttpResponse(str(error), status=409)
        messages.error(request, str(error))
        return redirect("plan:plan", access.family.pk)
    if request.htmx:
        # In place: the card itself shows the new state and says what happened.
        if change == "remove":
            return render(request, "plan/plan.html#step-removed", {"flash": flash})
        return render(
            request,
            "plan/plan.html#step-card",
            {
                "step": step,
                "access": access,
                "family": access.family,
                "today": timezone.localdate(),
                "back": request.POST.get("back", ""),
                "flash": flash,
            },
        )
    messages.success(request, flash)
    if change == "remove":
        offer_undo(
            request,
            reverse("plan:step_restore", args=[access.family.pk, step.pk]),
            step.text,
            actions.UNDO_SECONDS,
        )
    if request.POST.get("back") == "goal" and step.goal_id:
        return redirect("plan:goal", access.family.pk, step.goal_id)
    return redirect("plan:plan", access.family.pk)


@login_required
@require_POST
def proposal_answer(
    request: HttpRequest, family_id: int, kind: str, item_id: int, answer: str
) -> HttpResponse:
    access = family_for(request, family_id, action="proposal.decide")
    model = actions.PROPOSABLE.get(kind)
    if model is None:
        raise Http404
    item = model.objects.visible_to(access).filter(pk=item_id).first()
    if item is None:
        raise Http404
    if not actions.can_decide(access, item):
        raise PermissionDenied
    accept = answer == "accept"
    seen = SeenForm(request.POST).seen_version() if accept else None
    form = None if accept else DeclineForm(request.POST)
    if form is None or form.is_valid():
        reason = form.cleaned_data["reason"] if form else ""
        try:
            actions.proposal_decide(
                access=access,
                item=item,
                accept=accept,
                reason=reason,
                seen_version=seen,
                request=request,
            )
        except ActionError as error:
            if form is None:
                messages.error(request, str(error))
                return redirect("plan:plan", access.family.pk)
            form.add_error(None, str(error))
        else:
            if accept:
                messages.success(request, _("Het voorstel is overgenomen."))
            else:
                messages.success(
                    request, _("Het voorstel is niet overgenomen. De reden staat erbij.")
                )
            return redirect("plan:plan", access.family.pk)
    # The reason could not be saved: show it again with what was typed.
    return render(
        request,
        "plan/proposal_decline.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "form": form,
            "item": item,
            "kind": kind,
        },
        status=400,
    )


@login_required
def vision_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="vision.write", data="vision")
    initial = {"member": access.participant.member_id}
    form = VisionForm(
        request.POST or None,
        members=access.members,
        initial=initial,
        access=access,
        participants=_participants(access),
    )
    return _form_page(
        request,
        access,
        form,
        "plan/vision_form.html",
        create=actions.vision_write,
        done=_lazy("Het toekomstbeeld staat in jullie plan."),
    )


def _active_goals(access: FamilyAccess) -> list[Goal]:
    return list(Goal.objects.visible_to(access).active())


@login_required
def success_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="success.create", data="success")
    form = SuccessForm(
        request.POST or None,
        goals=_active_goals(access),
        access=access,
        participants=_participants(access),
    )
    return _form_page(
        request,
        access,
        form,
        "plan/success_form.html",
        create=actions.success_create,
        done=_lazy("Mooi! Dit succes staat in jullie plan."),
    )


def _edit_page(request, access, item, form, *, write, done, anchor, heading, intro):
    """A page that changes one item of the plan: saved, or refused with both texts."""
    if request.method == "POST" and form.is_valid():
        if form_write(form, write):
            messages.success(request, done)
            return redirect(reverse("plan:plan", args=[access.family.pk]) + anchor)
        if form.stale is not None:
            show_newest(form, item)
    return render(
        request,
        "plan/edit_page.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "form": form,
            "stale": getattr(form, "stale", None),
            "heading": heading,
            "intro": intro,
            "anchor": anchor,
        },
        status=400 if form.errors else 200,
    )


@login_required
def vision_edit(request: HttpRequest, family_id: int, vision_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="vision.edit", data="vision")
    vision = Vision.objects.visible_to(access).current().filter(pk=vision_id).first()
    if vision is None:
        raise Http404
    if not actions.can_edit_vision(access, vision):
        raise PermissionDenied
    form = VisionEditForm(
        request.POST or None, instance=vision, initial={"version": vision.version}
    )
    return _edit_page(
        request,
        access,
        vision,
        form,
        write=lambda version, **fields: actions.vision_update(
            access=access, vision=vision, expected_version=version, request=request, **fields
        ),
        done=_("Het toekomstbeeld is veranderd."),
        anchor=f"#vision-{vision.pk}",
        heading=_("Toekomstbeeld veranderen"),
        intro=_("Dromen veranderen ook. De oude woorden blijven bewaard."),
    )


@login_required
def success_edit(request: HttpRequest, family_id: int, success_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="success.edit", data="success")
    success = Success.objects.visible_to(access).current().filter(pk=success_id).first()
    if success is None:
        raise Http404
    if not actions.can_edit_success(access, success):
        raise PermissionDenied
    form = SuccessEditForm(
        request.POST or None,
        instance=success,
        goals=_active_goals(access),
        initial={"version": success.version},
    )
    return _edit_page(
        request,
        access,
        success,
        form,
        write=lambda version, **fields: actions.success_update(
            access=access, success=success, expected_version=version, request=request, **fields
        ),
        done=_("Het succes is veranderd."),
        anchor=f"#success-{success.pk}",
        heading=_("Succes veranderen"),
        intro=_("Vul aan wat er gebeurde, of koppel het aan een ander doel."),
    )


@login_required
def agreement_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="agreement.create", data="agreement")
    form = AgreementForm(
        request.POST or None,
        goals=_active_goals(access),
        participants=_participants(access),
        initial={"concerned": [access.participant.pk]},
    )
    return _form_page(
        request,
        access,
        form,
        "plan/agreement_form.html",
        create=actions.agreement_create,
        done=_lazy("De afspraak staat in jullie plan. Iedereen voor wie hij geldt, zegt ja."),
        meeting=_meeting_from(request, access),
    )


def _agreement_in(access: FamilyAccess, agreement_id) -> Agreement:
    agreement = (
        Agreement.objects.visible_to(access)
        .current()
        .filter(pk=agreement_id)
        .select_related("goal")
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


@login_required
@require_POST
def agreement_agree(request: HttpRequest, family_id: int, agreement_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="agreement.agree")
    agreement = _agreement_in(access, agreement_id)
    if not agreement.concerned.filter(pk=access.participant.pk).exists():
        raise PermissionDenied
    button_write(
        request,
        lambda: actions.agreement_agree(
            access=access,
            agreement=agreement,
            seen_version=SeenForm(request.POST).seen_version(),
            request=request,
        ),
        _("Je hebt ja gezegd op de afspraak."),
    )
    return redirect("plan:plan", access.family.pk)


def _answers(access: FamilyAccess, agreement: Agreement) -> list[dict]:
    """Everyone the agreement is for, with their answer to the words as they are now."""
    signs = {
        s.participant_id: s
        for s in AgreementSign.objects.visible_to(access).filter(agreement=agreement)
        if s.counts_for(agreement)
    }
    return [
        {"participant": p, "sign": signs.get(p.pk)}
        for p in agreement.concerned.select_related("user").order_by("id")
    ]


def _agreement_page(request, access, agreement, template, form) -> HttpResponse:
    """An agreement with everyone's answers and one form (an answer, or new words)."""
    return render(
        request,
        template,
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "agreement": agreement,
            "answers": _answers(access, agreement),
            "form": form,
            "stale": getattr(form, "stale", None),
        },
        status=400 if form.errors else 200,
    )


def _agreement_url(access: FamilyAccess, agreement: Agreement) -> str:
    return reverse("plan:plan", args=[access.family.pk]) + f"#agreement-{agreement.pk}"


@login_required
def agreement_answer(request: HttpRequest, family_id: int, agreement_id: int) -> HttpResponse:
    """ "Ja", "ja, als…" or "nee", with a short reason: saying no is as easy as yes."""
    access = family_for(request, family_id, action="agreement.agree", data="agreement")
    agreement = _agreement_in(access, agreement_id)
    if not agreement.concerned.filter(pk=access.participant.pk).exists():
        raise PermissionDenied
    chosen = request.GET.get("antwoord", "")
    form = AgreementAnswerForm(
        request.POST or None,
        initial={
            "seen": agreement.version,
            "answer": chosen if chosen in AgreementSign.Answer.values else None,
        },
    )
    if request.method == "POST" and form.is_valid():

        def write(seen, answer, reason):
            return actions.agreement_answer(
                access=access,
                agreement=agreement,
                answer=answer,
                reason=reason,
                seen_version=seen,
                request=request,
            )

        if form_write(form, write):
            messages.success(
                request,
                {
                    AgreementSign.Answer.YES: _("Je hebt ja gezegd op de afspraak."),
                    AgreementSign.Answer.YES_IF: _(
                        "Je zei 'ja, als…'. Iedereen ziet wat er voor jou anders moet."
                    ),
                    AgreementSign.Answer.NO: _(
                        "Je zei nee. De zorgcoördinator ziet het, en jullie praten erover."
                    ),
                }[form.result.answer],
            )
            return redirect(_agreement_url(access, agreement))
        if form.stale is not None:
            agreement.refresh_from_db()
            form.data = form.data.copy()
            form.data["seen"] = agreement.version
    return _agreement_page(request, access, agreement, "plan/agreement_answer.html", form)


@login_required
def agreement_edit(request: HttpRequest, family_id: int, agreement_id: int) -> HttpResponse:
    """New words or another evaluation date; new words ask everyone again."""
    access = family_for(request, family_id, action="agreement.edit", data="agreement")
    agreement = _agreement_in(access, agreement_id)
    form = AgreementEditForm(
        request.POST or None, instance=agreement, initial={"version": agreement.version}
    )
    if request.method == "POST" and form.is_valid():

        def write(version, text, evaluate_on):
            return actions.agreement_update(
                access=access,
                agreement=agreement,
                expected_version=version,
                text=text,
                evaluate_on=evaluate_on,
                request=request,
            )

        if form_write(form, write):
            if form.result.text_version == form.result.version:
                messages.success(
                    request,
                    _(
                        "De afspraak is veranderd. We vragen iedereen voor wie hij geldt "
                        "opnieuw of ze meedoen."
                    ),
                )
            else:
                messages.success(request, _("De afspraak is veranderd."))
            return redirect(_agreement_url(access, form.result))
        if form.stale is not None:
            show_newest(form, agreement)
    return _agreement_page(request, access, agreement, "plan/agreement_edit.html", form)


@login_required
def agreement_evaluate(request: HttpRequest, family_id: int, agreement_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="agreement.evaluate", data="agreement")
    agreement = _agreement_in(access, agreement_id)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.agreement_evaluate(
            access=access, agreement=agreement, request=request, **form.cleaned_data
        )
        messages.success(request, _("Dank je! De evaluatie is opgeslagen."))
        return redirect("plan:plan", access.family.pk)
    evaluations = list(
        AgreementEvaluation.objects.visible_to(access)
        .filter(agreement=agreement)
        .select_related("author")
        .order_by("-created_at")[:20]
    )
    return render(
        request,
        "plan/agreement_evaluate.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "agreement": agreement,
            "evaluations": evaluations,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
def timeline(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="timeline")
    chosen = {"doel": "", "persoon": "", "soort": ""}
    goal_id = id_param(request.GET.get("doel"))
    if goal_id:
        chosen["doel"] = str(goal_id)
    person_id = id_param(request.GET.get("persoon"))
    if person_id:
        chosen["persoon"] = str(person_id)
    kind = request.GET.get("soort", "")
    if kind in TimelineEntry.Kind.values:
        chosen["soort"] = kind
    number = id_param(request.GET.get("pagina")) or 1
    # The page's own part is kept until the family's data changes (families/versions.py).
    main = cached_part(
        request,
        access,
        "timeline:" + ":".join([*chosen.values(), str(number)]),
        lambda: render_to_string(
            "plan/timeline.html#main", _timeline_context(access, chosen, number), request=request
        ),
    )
    return render(
        request,
        "plan/timeline.html",
        {"access": access, "family": access.family, "section": "plan", "main": main},
    )


def _timeline_context(access: FamilyAccess, chosen: dict, number: int) -> dict:
    entries = TimelineEntry.objects.visible_to(access).select_related("actor", "goal")
    if chosen["doel"]:
        entries = entries.filter(goal_id=int(chosen["doel"]))
    if chosen["persoon"]:
        entries = entries.filter(actor_id=int(chosen["persoon"]))
    if chosen["soort"]:
        entries = entries.filter(kind=chosen["soort"])
    page = Paginator(entries.order_by("-at", "-id"), 30).get_page(number)
    return {
        "access": access,
        "family": access.family,
        "section": "plan",
        "page": page,
        "goals": list(Goal.objects.visible_to(access).current().filter(status=Status.ACCEPTED)),
        "people": _participants(access),
        "kinds": TimelineEntry.Kind.choices,
        "chosen": chosen,
        "query": "&".join(f"{k}={v}" for k, v in chosen.items() if v),
    }
