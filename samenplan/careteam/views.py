from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.families import table
from samenplan.families.access import FamilyAccess, family_for, participant_in
from samenplan.families.forms import SeenForm
from samenplan.families.models import Family, Participant
from samenplan.families.versioning import show_newest
from samenplan.families.versions import cached_part
from samenplan.families.writes import button_write, form_write, note_plain_language, say_saved
from samenplan.lib.errors import ActionError
from samenplan.plan.actions import help_question_current
from samenplan.plan.models import Agreement, Step

from . import actions, calendar
from .forms import (
    AgendaForm,
    AudienceForm,
    CorrectionForm,
    MeetingCancelForm,
    MeetingForm,
    MeetingMoveForm,
    PhaseNeedForm,
    ReportBackForm,
    ReportForm,
    RoleCardForm,
    SafetyAnswerForm,
    SafetyEditForm,
    SafetyForm,
    SummaryForm,
    TableForm,
)
from .models import (
    AgendaItem,
    CoordinatorChange,
    Meeting,
    PhaseNeed,
    Report,
    ReportBack,
    RoleCard,
    SafetyScenario,
    SafetySign,
    SupportService,
    TableChoice,
)


def _participants(access: FamilyAccess) -> list[Participant]:
    return list(
        Participant.objects.visible_to(access)
        .active()
        .select_related("user", "member")
        .order_by("id")
    )


def _page(request, template, access, status=200, **extra) -> HttpResponse:
    context = {"access": access, "family": access.family, "section": "careteam", **extra}
    return render(request, template, context, status=status)


def _card_rows(participants, cards, question) -> list[dict]:
    by_participant = {card.participant_id: card for card in cards}
    rows = []
    for p in participants:
        card = by_participant.get(p.pk)
        rows.append(
            {
                "participant": p,
                "card": card,
                "is_professional": p.role in table.PRO_ROLES,
                "stale_question": bool(
                    card and question and card.help_question_id not in (None, question.pk)
                ),
                "missing": card.missing_parts() if card else [],
            }
        )
    return rows


@login_required
def overview(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="careteam")
    # The page's own part is kept until the family's data changes (families/versions.py),
    # or until a meeting starts or an alarm goes off.
    main = cached_part(request, access, "careteam", lambda: _overview_main(request, access))
    return _page(request, "careteam/overview.html", access, main=main)


def _overview_main(request, access: FamilyAccess) -> tuple[str, object]:
    """The overview's own part, and the moment it changes without a write."""
    participants = _participants(access)
    cards = list(RoleCard.objects.visible_to(access))
    question = help_question_current(access)
    rows = _card_rows(participants, cards, question)
    needs = list(
        PhaseNeed.objects.visible_to(access)
        .filter(removed_at__isnull=True)
        .select_related("participant__user")
        .order_by("created_at")
    )
    reports = list(
        ReportBack.objects.visible_to(access)
        .filter(ended_at__isnull=True)
        .select_related("participant__user")
        .order_by("next_due", "id")[:50]
    )
    sent = list(
        Report.objects.visible_to(access)
        .select_related("author", "received_by", "report_back")
        .order_by("-created_at", "-id")[:10]
    )
    now = timezone.now()
    for item in sent:
        item.alarm = item.is_unanswered_alarm(now)
    next_meeting = (
        Meeting.objects.visible_to(access)
        .filter(starts_at__gte=now, cancelled_at__isnull=True)
        .order_by("starts_at")
        .first()
    )
    moments = [
        item.receipt_due()
        for item in sent
        if item.critical and item.received_at is None and not item.alarm
    ]
    if next_meeting is not None:
        moments.append(next_meeting.starts_at)
    context = {
        "access": access,
        "family": access.family,
        "professionals": [r for r in rows if r["is_professional"]],
        "others": [r for r in rows if not r["is_professional"]],
        "question": question,
        "phases": [
            {
                "value": value,
                "label": label,
                "current": value == access.family.phase,
                "needs": [n for n in needs if n.phase == value],
            }
            for value, label in Family.Phase.choices
        ],
        "reports": reports,
        "sent": sent,
        "may_receive": actions.may_receive(access),
        "may_audience": access.may("report_back.audience"),
        "changes": list(
            CoordinatorChange.objects.visible_to(access)
            .select_related("participant__user", "previous__user", "changed_by")
            .order_by("-at", "-id")[:5]
        ),
        "choices": list(
            TableChoice.objects.visible_to(access)
            .select_related("chosen_by")
            .order_by("-at", "-id")[:5]
        ),
        "next_meeting": next_meeting,
        "count": table.professionals_at_table(access.family.pk),
        "today": access.today,
        "can_be_coordinator": {p.pk for p in participants if actions.can_be_coordinator(p)},
    }
    html = render_to_string("careteam/overview.html#main", context, request=request)
    return html, min(moments, default=None)


@login_required
def role_card_edit(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="role_card.write", data="role_card")
    if not actions.is_professional(access):
        raise PermissionDenied
    card = RoleCard.objects.visible_to(access).filter(participant=access.participant).first()
    initial = {"version": card.version if card else None}
    if card is None:
        professional = access.user.professional_or_none
        if professional is not None:
            initial["reachability"] = professional.reachability
    form = RoleCardForm(request.POST or None, instance=card, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda version, **data: actions.role_card_write(
                access=access, expected_version=version, request=request, **data
            ),
        )
    ):
        messages.success(request, _("Je rolkaart is opgeslagen. Het gezin kan hem lezen."))
        note_plain_language(request, form)
        return redirect("careteam:overview", access.family.pk)
    return _page(
        request,
        "careteam/role_card_form.html",
        access,
        status=400 if form.errors else 200,
        form=form,
        stale=getattr(form, "stale", None),
        question=help_question_current(access),
    )


@login_required
@require_POST
def coordinator(request: HttpRequest, family_id: int, participant_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="coordinator.choose")
    participant = participant_in(access, participant_id)
    button_write(
        request,
        lambda: actions.coordinator_set(access=access, participant=participant, request=request),
        _("%(name)s is nu de zorgcoördinator.") % {"name": participant.user.name},
    )
    return redirect("careteam:overview", access.family.pk)


@login_required
def phases(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="table.settings", data="table_settings")
    participants = _participants(access)
    is_table = request.method == "POST" and "professional_limit" in request.POST
    table_form = TableForm(
        request.POST if is_table else None,
        instance=access.family,
        initial={"version": access.family.version},
    )
    need_form = PhaseNeedForm(
        request.POST if request.method == "POST" and not is_table else None,
        participants=participants,
        initial={"phase": access.family.phase},
        auto_id="need-%s",  # the table form above has a "phase" too: ids must differ
    )
    if request.method == "POST":
        form = table_form if is_table else need_form
        if is_table:

            def write(version, **data):
                return actions.table_settings(
                    access=access, expected_version=version, request=request, **data
                )

            done = _("De fase en het maximum zijn opgeslagen.")
        else:

            def write(**data):
                return actions.phase_need_add(access=access, request=request, **data)

            done = _("Opgeslagen.")
        if form.is_valid() and form_write(form, write):
            messages.success(request, done)
            return redirect("careteam:phases", access.family.pk)
    needs = list(
        PhaseNeed.objects.visible_to(access)
        .filter(removed_at__isnull=True)
        .select_related("participant__user")
        .order_by("created_at")
    )
    failed = table_form.errors or need_form.errors
    return _page(
        request,
        "careteam/phases.html",
        access,
        status=400 if failed else 200,
        table_form=table_form,
        need_form=need_form,
        phases=[
            {"value": v, "label": label, "needs": [n for n in needs if n.phase == v]}
            for v, label in Family.Phase.choices
        ],
        count=table.professionals_at_table(access.family.pk),
    )


@login_required
@require_POST
def phase_need_remove(request: HttpRequest, family_id: int, need_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="phase_need.remove")
    need = PhaseNeed.objects.visible_to(access).filter(pk=need_id).first()
    if need is None:
        raise Http404
    actions.phase_need_remove(access=access, need=need, request=request)
    messages.success(request, _("Weggehaald."))
    return redirect("careteam:phases", access.family.pk)


# --- meetings ------------------------------------------------------------------


def _meeting_in(access: FamilyAccess, meeting_id) -> Meeting:
    meeting = (
        Meeting.objects.visible_to(access)
        .filter(pk=meeting_id)
        .select_related("created_by", "summary_by", "confirmed_by", "changed_by")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


@login_required
def meetings(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="meetings")
    now = timezone.now()
    # A cancelled meeting stays in the list, marked, so nobody wonders where it went.
    all_meetings = Meeting.objects.visible_to(access)
    coming = list(all_meetings.filter(starts_at__gte=now).order_by("starts_at")[:20])
    past = list(all_meetings.filter(starts_at__lt=now).order_by("-starts_at")[:20])
    return _page(request, "careteam/meetings.html", access, coming=coming, past=past)


@login_required
def meeting_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="meeting.create", data="meeting")
    participants = _participants(access)
    start = timezone.localtime() + timedelta(days=7)
    form = MeetingForm(
        request.POST or None,
        participants=participants,
        initial={
            "date": start.date(),
            "time": "10:00",
            "phase": access.family.phase,
            "invited": [p.pk for p in participants if p.role in ("parent", "youth")]
            + [access.participant.pk],
        },
    )
    warning = None
    if request.method == "POST" and form.is_valid():
        data = form.action_kwargs()
        count = actions.meeting_professionals(data["invited"], data["guest_professionals"])
        if table.over_limit(access.family, count) and not data.get("choice"):
            warning = table.warning(access.family, count)
            form.add_error("choice", warning)
        else:
            # action_kwargs turns date and time into one moment; the form's own
            # cleaned data only carries the one-time token here.
            if form_write(
                form,
                lambda **_fields: actions.meeting_create(access=access, request=request, **data),
                access=access,
            ):
                if form.repeated:
                    messages.info(request, form.repeated)
                    return redirect("careteam:meetings", access.family.pk)
                messages.success(
                    request, _("Het overleg staat gepland. Zet alvast punten op de agenda.")
                )
                return redirect("careteam:meeting", access.family.pk, form.result.pk)
    return _page(
        request,
        "careteam/meeting_form.html",
        access,
        status=400 if form.errors else 200,
        form=form,
        warning=warning,
        limit=access.family.professional_limit,
    )


@login_required
def meeting(request: HttpRequest, family_id: int, meeting_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="meeting")
    item = _meeting_in(access, meeting_id)
    invited = list(item.invited.select_related("user").order_by("id"))
    agenda = list(
        AgendaItem.objects.visible_to(access).filter(meeting=item).select_related("author")
    )
    steps = list(
        Step.objects.visible_to(access).current().filter(meeting=item).select_related("owner__user")
    )
    agreements = list(Agreement.objects.visible_to(access).current().filter(meeting=item))
    choice = (
        TableChoice.objects.visible_to(access)
        .filter(meeting=item)
        .select_related("chosen_by")
        .first()
    )
    return _page(
        request,
        "careteam/meeting.html",
        access,
        meeting=item,
        invited=invited,
        guests=[g.strip() for g in item.guests.splitlines() if g.strip()],
        agenda=agenda,
        steps=steps,
        agreements=agreements,
        choice=choice,
        agenda_form=AgendaForm(),
        correction_form=CorrectionForm(initial={"seen": item.version}),
        past=item.is_past(),
        may_change=access.may("meeting.change")
        and item.cancelled_at is None
        and item.summary_status == Meeting.Summary.NONE,
        professionals=actions.meeting_professionals(invited, item.guest_professionals),
    )


def _change_page(request, access, item, move_form, cancel_form, status=200):
    return _page(
        request,
        "careteam/meeting_change.html",
        access,
        status=status,
        meeting=item,
        # Gone or done: the page says so; a form sent anyway is refused by the action.
        closed=item.cancelled_at is not None or item.summary_status != Meeting.Summary.NONE,
        form=move_form,
        cancel_form=cancel_form,
        stale=getattr(move_form, "stale", None) or getattr(cancel_form, "stale", None),
    )


@login_required
def meeting_move(request: HttpRequest, family_id: int, meeting_id: int) -> HttpResponse:
    """Another day, time or place; or (below on the same page) cancel it."""
    access = family_for(request, family_id, action="meeting.change", data="meeting")
    item = _meeting_in(access, meeting_id)
    form = MeetingMoveForm(request.POST or None, instance=item, initial={"version": item.version})
    cancel_form = MeetingCancelForm(initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        data = form.action_kwargs()
        if form_write(
            form,
            lambda **_fields: actions.meeting_move(
                access=access, meeting=item, request=request, **data
            ),
        ):
            messages.success(
                request, _("Het overleg is verzet. Iedereen die erbij is, krijgt bericht.")
            )
            return redirect("careteam:meeting", access.family.pk, item.pk)
        if form.stale is not None:
            show_newest(form, item)
    return _change_page(
        request, access, item, form, cancel_form, status=400 if form.errors else 200
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, family_id: int, meeting_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="meeting.change")
    item = _meeting_in(access, meeting_id)
    cancel_form = MeetingCancelForm(request.POST)
    if cancel_form.is_valid() and form_write(
        cancel_form,
        lambda version, reason: actions.meeting_cancel(
            access=access, meeting=item, expected_version=version, reason=reason, request=request
        ),
    ):
        messages.success(
            request, _("Het overleg gaat niet door. Iedereen die erbij was, krijgt bericht.")
        )
        return redirect("careteam:meeting", access.family.pk, item.pk)
    if getattr(cancel_form, "stale", None) is not None:
        show_newest(cancel_form, item)
    move_form = MeetingMoveForm(instance=item, initial={"version": item.version})
    return _change_page(request, access, item, move_form, cancel_form, status=400)


@login_required
@require_POST
def agenda_add(request: HttpRequest, family_id: int, meeting_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="agenda.add")
    item = _meeting_in(access, meeting_id)
    form = AgendaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf op wat je wilt bespreken, in hoogstens 300 tekens."))
    elif form_write(
        form,
        lambda text: actions.agenda_add(access=access, meeting=item, text=text, request=request),
        access=access,
    ):
        say_saved(request, form, _("Het punt staat op de agenda."))
    else:
        messages.error(request, " ".join(form.non_field_errors()))
    return redirect(reverse("careteam:meeting", args=[access.family.pk, item.pk]) + "#agenda")


@login_required
def meeting_summary(request: HttpRequest, family_id: int, meeting_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="summary.write", data="meeting_summary")
    item = _meeting_in(access, meeting_id)
    form = SummaryForm(request.POST or None, instance=item, initial={"version": item.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda version, **data: actions.summary_write(
                access=access, meeting=item, expected_version=version, request=request, **data
            ),
        )
    ):
        messages.success(request, _("Het verslag is opgeslagen. Het gezin leest het na."))
        note_plain_language(request, form)
        return redirect("careteam:meeting", access.family.pk, item.pk)
    return _page(
        request,
        "careteam/summary_form.html",
        access,
        status=400 if form.errors else 200,
        meeting=item,
        # The action refuses these too; the page says why instead of offering a form.
        too_early=item.cancelled_at is None and not item.is_past(),
        form=form,
        stale=getattr(form, "stale", None),
    )


@login_required
@require_POST
def meeting_confirm(
    request: HttpRequest, family_id: int, meeting_id: int, correct: bool
) -> HttpResponse:
    access = family_for(request, family_id, action="summary.confirm")
    item = _meeting_in(access, meeting_id)
    if not access.speaks_for_family:
        raise PermissionDenied
    form = CorrectionForm(request.POST)
    form.is_valid()
    # What validated is kept even when the rest did not ("klopt" sends no correction).
    correction = form.cleaned_data.get("correction", "")
    seen = form.cleaned_data.get("seen")
    try:
        actions.summary_confirm(
            access=access,
            meeting=item,
            correct=correct,
            correction=correction,
            seen_version=seen,
            request=request,
        )
    except ActionError as error:
        messages.error(request, str(error))
    else:
        if correct:
            messages.success(request, _("Dank je! Jullie zeggen: dit verslag klopt."))
        else:
            messages.success(request, _("Dank je! Jullie verbetering staat bij het verslag."))
    return redirect(reverse("careteam:meeting", args=[access.family.pk, item.pk]) + "#verslag")


@login_required
def meeting_ics(request: HttpRequest, family_id: int, meeting_id: int) -> HttpResponse:
    access = family_for(request, family_id)
    item = _meeting_in(access, meeting_id)
    access.read("meeting", obj=item, action="export", detail="ics")
    item.family = access.family
    url = request.build_absolute_uri(reverse("careteam:meeting", args=[access.family.pk, item.pk]))
    response = HttpResponse(
        calendar.meeting_ics(item, url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="overleg-{item.pk}.ics"'
    return response


# --- safety, report-backs, support --------------------------------------------


@login_required
def safety(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="safety")
    scenarios = list(
        SafetyScenario.objects.visible_to(access)
        .select_related("created_by")
        .prefetch_related("concerned__user__professional", "signs")
        .order_by("created_at")[:50]
    )
    may_answer, may_edit = access.may("safety.agree"), access.may("safety.edit")
    rows = []
    for scenario in scenarios:
        concerned = _safety_answers(scenario)
        mine = [c for c in concerned if c["participant"].pk == access.participant.pk]
        rows.append(
            {
                "scenario": scenario,
                "concerned": concerned,
                "mine_to_sign": may_answer and bool(mine) and not mine[0]["sign"],
                "mine_answered": may_answer and bool(mine) and bool(mine[0]["sign"]),
                "all_agreed": all(c["sign"] and c["sign"].answer != "no" for c in concerned),
                "may_edit": may_edit,
            }
        )
    return _page(
        request,
        "careteam/safety.html",
        access,
        rows=rows,
        crisis=crisis_line(access.family.municipality),
        callers=_callers(scenarios),
    )


def crisis_line(municipality: str) -> dict | None:
    """The youth crisis service of the family's municipality, from the settings."""
    lines = settings.SAMENPLAN_CRISIS_LINES
    by_name = {str(name).strip().casefold(): line for name, line in lines.items()}
    line = by_name.get(municipality.strip().casefold()) or by_name.get("*")
    return line if isinstance(line, dict) and line.get("phone") else None


def _callers(scenarios) -> list[dict]:
    """Professionals in the family's own safety agreements who can be phoned, once each."""
    seen, callers = set(), []
    for scenario in scenarios:
        for participant in scenario.concerned.all():
            professional = getattr(participant.user, "professional", None)
            if professional and professional.phone and participant.user_id not in seen:
                seen.add(participant.user_id)
                callers.append({"participant": participant, "professional": professional})
    return callers


def _safety_answers(scenario: SafetyScenario) -> list[dict]:
    """Everyone concerned with their answer to this version (prefetched signs)."""
    signs = {s.participant_id: s for s in scenario.signs.all() if s.version == scenario.version}
    return [{"participant": p, "sign": signs.get(p.pk)} for p in scenario.concerned.all()]


def _scenario_in(access: FamilyAccess, scenario_id) -> SafetyScenario:
    scenario = (
        SafetyScenario.objects.visible_to(access)
        .filter(pk=scenario_id)
        .prefetch_related("concerned__user", "signs")
        .first()
    )
    if scenario is None:
        raise Http404
    return scenario


def _scenario_page(request, access, scenario, template, form) -> HttpResponse:
    """A safety scenario with everyone's answers and one form (an answer, or new words)."""
    return _page(
        request,
        template,
        access,
        status=400 if form.errors else 200,
        scenario=scenario,
        answers=_safety_answers(scenario),
        form=form,
        stale=getattr(form, "stale", None),
    )


def _safety_url(access: FamilyAccess, scenario: SafetyScenario) -> str:
    return reverse("careteam:safety", args=[access.family.pk]) + f"#scenario-{scenario.pk}"


@login_required
def safety_answer(request: HttpRequest, family_id: int, scenario_id: int) -> HttpResponse:
    """ "Ja", "ja, als…" or "nee" to a safety scenario, with a short reason."""
    access = family_for(request, family_id, action="safety.agree", data="safety")
    scenario = _scenario_in(access, scenario_id)
    if not any(p.pk == access.participant.pk for p in scenario.concerned.all()):
        raise PermissionDenied
    chosen = request.GET.get("antwoord", "")
    form = SafetyAnswerForm(
        request.POST or None,
        initial={
            "seen": scenario.version,
            "answer": chosen if chosen in SafetySign.Answer.values else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        if form_write(
            form,
            lambda seen, answer, reason: actions.scenario_answer(
                access=access,
                scenario=scenario,
                answer=answer,
                reason=reason,
                seen_version=seen,
                request=request,
            ),
        ):
            messages.success(
                request,
                _("Je hebt ja gezegd op deze afspraak.")
                if form.result.answer == SafetySign.Answer.YES
                else _("Je antwoord staat bij de afspraak. De zorgcoördinator ziet het."),
            )
            return redirect(_safety_url(access, scenario))
        if form.stale is not None:
            scenario.refresh_from_db()
            form.data = form.data.copy()
            form.data["seen"] = scenario.version
    return _scenario_page(request, access, scenario, "careteam/safety_answer.html", form)


@login_required
def safety_edit(request: HttpRequest, family_id: int, scenario_id: int) -> HttpResponse:
    """Change a safety scenario: a new version that everyone concerned answers again."""
    access = family_for(request, family_id, action="safety.edit", data="safety")
    scenario = _scenario_in(access, scenario_id)
    form = SafetyEditForm(
        request.POST or None, instance=scenario, initial={"version": scenario.version}
    )
    if request.method == "POST" and form.is_valid():
        if form_write(
            form,
            lambda version, **fields: actions.scenario_update(
                access=access,
                scenario=scenario,
                expected_version=version,
                request=request,
                **fields,
            ),
        ):
            messages.success(
                request,
                _(
                    "De afspraak is veranderd. We vragen iedereen die meedoet opnieuw "
                    "wat ze ervan vinden."
                ),
            )
            return redirect(_safety_url(access, scenario))
        if form.stale is not None:
            show_newest(form, scenario)
    return _scenario_page(request, access, scenario, "careteam/safety_edit.html", form)


@login_required
def safety_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="safety.create", data="safety")
    participants = [p for p in _participants(access) if p.role != "client_supporter"]
    form = SafetyForm(
        request.POST or None,
        participants=participants,
        initial={"concerned": [access.participant.pk]},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: actions.scenario_create(access=access, request=request, **data),
            access=access,
        )
    ):
        say_saved(
            request,
            form,
            _("De afspraak over veiligheid staat klaar. Iedereen die meedoet, zegt ja."),
        )
        return redirect("careteam:safety", access.family.pk)
    return _page(
        request, "careteam/safety_form.html", access, status=400 if form.errors else 200, form=form
    )


@login_required
@require_POST
def safety_agree(request: HttpRequest, family_id: int, scenario_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="safety.agree")
    scenario = SafetyScenario.objects.visible_to(access).filter(pk=scenario_id).first()
    if scenario is None:
        raise Http404
    if not scenario.concerned.filter(pk=access.participant.pk).exists():
        raise PermissionDenied
    button_write(
        request,
        lambda: actions.scenario_agree(
            access=access,
            scenario=scenario,
            seen_version=SeenForm(request.POST).seen_version(),
            request=request,
        ),
        _("Je hebt ja gezegd op deze afspraak."),
    )
    return redirect("careteam:safety", access.family.pk)


@login_required
def report_back_new(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="report_back.create", data="report_back")
    if access.participant.role != Participant.Role.PROFESSIONAL:
        raise PermissionDenied
    form = ReportBackForm(
        request.POST or None,
        initial={"next_due": access.today + timedelta(weeks=4), "every_weeks": 4},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: actions.report_back_create(access=access, request=request, **data),
            access=access,
        )
    ):
        say_saved(request, form, _("De terugkoppeling is afgesproken."))
        return redirect("careteam:overview", access.family.pk)
    return _page(
        request,
        "careteam/report_back_form.html",
        access,
        status=400 if form.errors else 200,
        form=form,
    )


@login_required
def report_back_done(request: HttpRequest, family_id: int, report_id: int) -> HttpResponse:
    """Report back: write what was reported; the next date follows."""
    access = family_for(request, family_id, action="report_back.done", data="report")
    report = ReportBack.objects.visible_to(access).filter(pk=report_id).first()
    if report is None:
        raise Http404
    if report.participant_id != access.participant.pk:
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: actions.report_back_done(
                access=access, report=report, request=request, **data
            ),
        )
    ):
        messages.success(request, _("Teruggekoppeld. De volgende keer staat erbij."))
        note_plain_language(request, form)
        return redirect(reverse("careteam:overview", args=[access.family.pk]) + "#sent-title")
    return _page(
        request,
        "careteam/report_form.html",
        access,
        status=400 if form.errors else 200,
        report=report,
        form=form,
    )


@login_required
@require_POST
def report_receive(request: HttpRequest, family_id: int, sent_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="report.receive")
    sent = Report.objects.visible_to(access).filter(pk=sent_id).first()
    if sent is None:
        raise Http404
    if not actions.may_receive(access):
        raise PermissionDenied
    button_write(
        request,
        lambda: actions.report_receive(access=access, report=sent, request=request),
        _("Dank je. Iedereen ziet dat het ontvangen is."),
    )
    return redirect(reverse("careteam:overview", args=[access.family.pk]) + f"#sent-{sent.pk}")


@login_required
@require_POST
def report_back_audience(request: HttpRequest, family_id: int, report_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="report_back.audience")
    report = ReportBack.objects.visible_to(access).filter(pk=report_id).first()
    if report is None:
        raise Http404
    form = AudienceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies wie het mag lezen."))
    else:
        button_write(
            request,
            lambda: actions.report_back_audience(
                access=access,
                report=report,
                audience=form.cleaned_data["audience"],
                expected_version=form.cleaned_data["version"],
                request=request,
            ),
            _("Opgeslagen: zo lezen jullie het voortaan."),
        )
    return redirect(reverse("careteam:overview", args=[access.family.pk]) + "#reports-title")


@login_required
def support(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="support")
    services = SupportService.objects.filter(active=True).select_related("contact__user")
    if access.family.municipality:
        services = services.filter(municipality__iexact=access.family.municipality)
    services = list(services.order_by("kind", "name")[:100])
    supporters = [p for p in _participants(access) if p.role == Participant.Role.CLIENT_SUPPORTER]
    seated = {p.user_id for p in supporters}
    return _page(
        request,
        "careteam/support.html",
        access,
        groups=[
            {"label": label, "services": [s for s in services if s.kind == value]}
            for value, label in SupportService.Kind.choices
        ],
        supporters=supporters,
        seated=seated,
    )
