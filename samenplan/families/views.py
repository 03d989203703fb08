from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.accounts.gate import org_admin_for
from samenplan.audit.actions import read_later
from samenplan.audit.describe import log_days
from samenplan.audit.models import AuditEvent
from samenplan.lib import keyset as log_cursor
from samenplan.lib.dates import local_midnight
from samenplan.lib.visibility import SCOPE_KINDS

from . import actions, child_mode, hooks, retention, table
from .access import (
    emergency_active,
    emergency_candidate,
    family_for,
    invitation_for_invitee,
    invitation_in,
    missing_consent,
    my_families_page,
    open_invitations,
    participant_in,
)
from .forms import (
    AccessLogFilterForm,
    AssignForm,
    AuthorityForm,
    CloseForm,
    ClosingAnswerForm,
    ConsentScopeForm,
    ContinuePlanForm,
    CriterionChangeForm,
    CriterionForm,
    DestructionConfirmForm,
    DestructionDecideForm,
    DestructionExtendForm,
    DestructionForm,
    EmergencyForm,
    InviteForm,
    MemberAddForm,
    MemberForm,
    MemberRows,
    MoveAnswerForm,
    MoveForm,
    StartFamilyForm,
)
from .models import (
    EMERGENCY_HOURS,
    MOVE_FILE_DAYS,
    REOPEN_DAYS,
    Closing,
    ClosingAnswer,
    ClosingCriterion,
    Consent,
    ConsentExclusion,
    ContinuePlan,
    DestructionRecord,
    DestructionRequest,
    EmergencyAccess,
    Invitation,
    Member,
    Move,
    MoveAnswer,
    Participant,
    Revision,
    WaitingItem,
)
from .once import AlreadySaved
from .panels import panels_for
from .versioning import show_newest
from .versions import cached_part
from .voice import everything_said
from .writes import button_write, form_write, say_saved


def _table(access) -> list[dict]:
    """Everyone at the table, with what is still missing for their consent."""
    participants = list(
        Participant.objects.visible_to(access)
        .active()
        .select_related("user", "member")
        .order_by("id")
    )
    consents = list(Consent.objects.visible_to(access).active())
    givers = access.consent_givers
    with_account = {p.member_id for p in participants if p.member_id}
    rows = []
    for participant in participants:
        missing = missing_consent(participant, givers, consents)
        given_by_me = any(
            c.participant_id == participant.pk and c.member_id == access.participant.member_id
            for c in consents
        )
        rows.append(
            {
                "participant": participant,
                "missing": missing,
                "missing_without_account": [m for m in missing if m.pk not in with_account],
                "given_by_me": given_by_me,
            }
        )
    return rows


@login_required
def family_list(request: HttpRequest) -> HttpResponse:
    page, families = my_families_page(request.user, request.GET.get("pagina"))
    professional = request.user.professional_or_none
    mandate = professional is not None and professional.organization.safety_mandate
    for item in families:
        item["emergency"] = (
            mandate and not item["open"] and item["participant"].role == "professional"
        )
        if item["open"] and item["participant"].needs_consent:
            # Seeing a family's name in the list is itself a read of its data.
            read_later(
                request,
                actor=request.user,
                participant=item["participant"],
                family=item["family"],
                action="view",
                data="family_list",
                emergency=item["emergency_active"],
            )
    # What waits for this person in each family they can open: something to act on.
    waiting = {
        row["family_id"]: row
        for row in WaitingItem.objects.filter(
            user=request.user,
            kind=WaitingItem.Kind.MINE,
            family_id__in=[item["family"].pk for item in families if item["open"]],
        )
        .values("family_id")
        .annotate(count=Count("id"), late=Count("id", filter=Q(late=True)))
    }
    for item in families:
        item["waiting"] = waiting.get(item["family"].pk) if item["open"] else None
    invitations = open_invitations(request.user)
    return render(
        request,
        "families/family_list.html",
        {
            "families": families,
            "page": page,
            "invitations": invitations,
            "may_start": actions.may_start_family(request.user),
            "officer": actions.officer_for(request.user),
        },
    )


@login_required
@require_POST
def invitation_respond(request: HttpRequest, invitation_id: int, answer: str) -> HttpResponse:
    invitation = invitation_for_invitee(request, invitation_id)
    try:
        if answer == "accept":
            actions.invitation_accept(
                invitation=invitation, acting_user=request.user, request=request
            )
            messages.success(request, _("Welkom! Je doet nu mee."))
        else:
            actions.invitation_decline(
                invitation=invitation, acting_user=request.user, request=request
            )
            messages.info(request, _("Je hebt de uitnodiging afgewezen."))
    except actions.ActionError as error:
        messages.error(request, str(error))
    return redirect("families:list")


@login_required
def family_home(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="family_home")
    table = _table(access)
    invitations = []
    if access.may("invitation.withdraw"):
        invitations = list(
            Invitation.objects.visible_to(access)
            .filter(status=Invitation.Status.PENDING)
            .order_by("-created_at")[:50]
        )
    todo = []
    for row in table:
        for member in row["missing"]:
            todo.append(
                _("%(giver)s geeft nog toestemming voor %(person)s.")
                % {"giver": member.name, "person": row["participant"].user.name}
            )
    if not any(row["participant"].is_coordinator for row in table):
        todo.append(_("Er is nog geen zorgcoördinator gekozen."))
    emergencies = []
    if access.participant.role in ("parent", "youth") or access.emergency:
        emergencies = list(
            EmergencyAccess.objects.visible_to(access)
            .filter(started_at__gte=timezone.now() - timedelta(days=90))
            .select_related("participant__user", "organization")
            .order_by("-started_at")[:10]
        )
    return render(
        request,
        "families/family_home.html",
        {
            "access": access,
            "family": access.family,
            "members": sorted(
                access.members,
                key=lambda m: (m.is_child, -(m.age(access.today) or 0), m.pk),
            ),
            "table": table,
            "invitations": invitations,
            "todo": todo,
            "waiting_for_us": any(
                access.participant.member_id in {m.pk for m in row["missing"]} for row in table
            ),
            "emergencies": emergencies,
            "panels": panels_for("home", access),
            "may": {
                name.replace(".", "_"): access.may(name)
                for name in ("member.add", "member.authority", "move.propose", "move.answer")
            },
            "section": "family",
        },
    )


@login_required
def invite(request: HttpRequest, family_id: int) -> HttpResponse:
    """Invite someone. A professional past the family's maximum asks the family to choose."""
    access = family_for(
        request, family_id, action=("invite.table", "invite.family"), data="invitation"
    )
    initial = {
        key: request.GET.get(param, "")[:150]
        for key, param in (("name", "naam"), ("email", "email"), ("role", "rol"))
        if request.GET.get(param)
    }
    form = InviteForm(
        request.POST or None,
        members=access.members,
        today=access.today,
        initial=initial,
        access=access,
    )
    count = table.professionals_at_table(access.family.pk)
    show_choice = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        choice = data.pop("choice", "")
        reason = data.pop("choice_reason", "")
        over = data["role"] in table.PRO_ROLES and table.over_limit(access.family, count + 1)
        if over and not choice:
            show_choice = True
            form.add_error("choice", table.warning(access.family, count + 1))
        elif over and choice == "keep_small":
            hooks.call(
                "table.choice",
                access=access,
                about=data["name"],
                choice=choice,
                count=count + 1,
                reason=reason,
                request=request,
            )
            messages.success(
                request,
                _("Jullie houden de tafel klein. %(name)s is niet uitgenodigd. Dat is opgeslagen.")
                % {"name": data["name"]},
            )
            return redirect("careteam:overview", access.family.pk)
        else:
            try:
                with transaction.atomic():
                    actions.invitation_create(access=access, request=request, **data)
                    if over:
                        hooks.call(
                            "table.choice",
                            access=access,
                            about=data["name"],
                            choice=choice,
                            count=count + 1,
                            reason=reason,
                            request=request,
                        )
            except actions.ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("De uitnodiging is verstuurd. %(name)s krijgt een e-mail.")
                    % {"name": data["name"]},
                )
                return redirect("families:home", access.family.pk)
    show_choice = show_choice or bool(form.data.get("choice"))
    return render(
        request,
        "families/invite.html",
        {
            "access": access,
            "family": access.family,
            "form": form,
            "section": "family",
            "count": count,
            "show_choice": show_choice,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, family_id: int, invitation_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="invitation.withdraw")
    invitation = invitation_in(access, invitation_id)
    button_write(
        request,
        lambda: actions.invitation_withdraw(access=access, invitation=invitation, request=request),
        _("De uitnodiging is ingetrokken."),
    )
    return redirect("families:home", access.family.pk)


@login_required
@require_POST
def participant_end(request: HttpRequest, family_id: int, participant_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="participant.end")
    participant = participant_in(access, participant_id)
    button_write(
        request,
        lambda: actions.participant_end(access=access, participant=participant, request=request),
        _("%(name)s doet niet meer mee en ziet jullie gegevens niet meer.")
        % {"name": participant.user.name},
    )
    return redirect("families:home", access.family.pk)


@login_required
def consent(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, data="consent")
    table = [row for row in _table(access) if row["participant"].needs_consent]
    return render(
        request,
        "families/consent.html",
        {
            "access": access,
            "family": access.family,
            "table": table,
            "givers": access.consent_givers,
            "own_items_only": [m for m in access.consent_voices if m not in access.consent_givers],
            "gives_consent": access.gives_consent(),
            "section": "family",
        },
    )


@login_required
@require_POST
def consent_change(
    request: HttpRequest, family_id: int, participant_id: int, answer: str
) -> HttpResponse:
    access = family_for(
        request, family_id, action="consent.give" if answer == "give" else "consent.withdraw"
    )
    participant = participant_in(access, participant_id)
    name = {"name": participant.user.name}
    if answer == "give":
        button_write(
            request,
            lambda: actions.consent_give(access=access, participant=participant, request=request),
            _("Je hebt toestemming gegeven voor %(name)s.") % name,
        )
    else:
        button_write(
            request,
            lambda: actions.consent_withdraw(
                access=access, participant=participant, request=request
            ),
            _("Je hebt je toestemming voor %(name)s ingetrokken. Dit werkt meteen.") % name,
        )
    return redirect("families:consent", access.family.pk)


LOG_PAGE = 50


@login_required
def access_log(request: HttpRequest, family_id: int) -> HttpResponse:
    """The family's own access log, with filters on who, when and what."""
    access = family_for(request, family_id, action="log.read", data="access_log")
    events = AuditEvent.objects.visible_to(access)
    form = AccessLogFilterForm(request.GET, family=access.family) if request.GET else None
    chosen = form.cleaned_data if form is not None and form.is_valid() else {}
    # What you looked at yourself is not news to you: hidden unless asked for.
    if not chosen.get("mine") and chosen.get("who") != request.user.name:
        events = events.exclude(actor=request.user, action=AuditEvent.Action.VIEW)
    if chosen:
        if chosen.get("who"):
            events = events.filter(actor_name=chosen["who"])
        if chosen.get("what"):
            events = events.filter(data=chosen["what"])
        # A range on the moment itself (not on its date), so the index on
        # (family, -at) serves it: from local midnight to the next.
        if chosen.get("since"):
            events = events.filter(at__gte=local_midnight(chosen["since"]))
        if chosen.get("until"):
            events = events.filter(at__lt=local_midnight(chosen["until"] + timedelta(days=1)))
        if chosen.get("emergency"):
            events = events.filter(emergency=True)
    # Paged by "older than the last one shown" instead of an offset and a count:
    # the same cost on page 1 and page 1,000 of a long log.
    older = log_cursor.parse(request.GET.get("ouder", ""))
    if older is not None:
        at, pk = older
        events = events.filter(Q(at__lt=at) | Q(at=at, pk__lt=pk))
    rows = list(events.order_by("-at", "-id")[: LOG_PAGE + 1])
    more = len(rows) > LOG_PAGE
    rows = rows[:LOG_PAGE]
    query = request.GET.copy()
    query.pop("ouder", None)

    def make_filters() -> str:
        shown = form or AccessLogFilterForm(family=access.family)
        return render_to_string("families/access_log.html#filters", {"form": shown}, request)

    # The empty filter form (a list of every name and every kind of data) is the
    # same until the family's data changes: kept, like a page part.
    filters = make_filters() if form else cached_part(request, access, "log-filters", make_filters)
    return render(
        request,
        "families/access_log.html",
        {
            "access": access,
            "family": access.family,
            "filters": filters,
            "filtered": form is not None,
            "days": log_days(rows),
            "empty": not rows,
            "older": log_cursor.make(rows[-1]) if more else "",
            "paged": older is not None,
            "query": query.urlencode(),
            "section": "family",
        },
    )


@login_required
def consent_scope(request: HttpRequest, family_id: int, participant_id: int) -> HttpResponse:
    """What a participant may see: the whole plan, or the whole plan minus chosen parts.

    Each consent giver chooses for themselves; what the participant sees is
    the plan minus everyone's choices together. The page shows the others'.
    """
    access = family_for(request, family_id, action="consent.scope", data="consent")
    participant = participant_in(access, participant_id)
    if not participant.needs_consent:
        raise PermissionDenied
    kinds = list(SCOPE_KINDS.values())
    items = {
        kind.kind: list(apps.get_model(kind.label).objects.visible_to(access).order_by("pk")[:100])
        for kind in kinds
        if not kind.whole
    }
    rows = list(
        ConsentExclusion.objects.visible_to(access)
        .filter(participant=participant, removed_at__isnull=True)
        .select_related("member")
    )
    mine = [r for r in rows if r.member_id == access.participant.member_id]
    initial = {"everything": "all" if not mine else "except"}
    for kind in kinds:
        chosen = [r for r in mine if r.kind == kind.kind]
        initial[kind.kind] = bool(chosen) if kind.whole else [r.object_id for r in chosen]
    form = ConsentScopeForm(request.POST or None, kinds=kinds, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        everything = data["everything"] == "all"
        left_out = {}
        for kind in kinds:
            value = data.get(kind.kind)
            if everything or not value:
                continue
            left_out[kind.kind] = [None] if kind.whole else [item.pk for item in value]
        actions.consent_scope_set(
            access=access, participant=participant, left_out=left_out, request=request
        )
        messages.success(
            request,
            _("Opgeslagen. Dit geldt meteen voor %(name)s.") % {"name": participant.user.name},
        )
        return redirect("families:consent", access.family.pk)
    titles = {kind.kind: kind for kind in kinds}
    shown = {kind: {item.pk: str(item) for item in found} for kind, found in items.items()}
    others = [
        {
            "member": row.member,
            "what": titles[row.kind].title
            if titles.get(row.kind) and titles[row.kind].whole
            else shown.get(row.kind, {}).get(row.object_id, _("iets wat jij niet ziet")),
        }
        for row in rows
        if row.member_id != access.participant.member_id and row.kind in titles
    ]
    return render(
        request,
        "families/consent_scope.html",
        {
            "access": access,
            "family": access.family,
            "participant": participant,
            "form": form,
            "others": others,
            "section": "family",
        },
        status=400 if form.errors else 200,
    )


@login_required
def emergency(request: HttpRequest, family_id: int) -> HttpResponse:
    """Ask for emergency access to a family that has not (yet) given consent."""
    participant = emergency_candidate(request, family_id)
    if participant is None:
        raise Http404
    professional = request.user.professional_or_none
    if professional is None or not professional.organization.safety_mandate:
        raise PermissionDenied
    if participant.family.closed_at is not None or emergency_active(participant):
        # A closed family is read-only; emergency access that is on needs no second ask.
        raise PermissionDenied
    form = EmergencyForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda reason: actions.emergency_open(
                participant=participant, reason=reason, request=request
            ),
        )
    ):
        messages.warning(
            request,
            _(
                "Noodtoegang staat aan voor 24 uur. Je kunt alleen lezen. Het gezin "
                "krijgt bericht en ziet het in het logboek."
            ),
        )
        return redirect("families:home", participant.family_id)
    return render(
        request,
        "families/emergency.html",
        {"family": participant.family, "form": form, "hours": EMERGENCY_HOURS},
        status=400 if form.errors else 200,
    )


# What each form of the closing page does (see permissions.py).
CLOSING_ACTIONS = {
    "criterion": "closing.criterion",
    "criterion_change": "closing.agree",
    "answer": "closing.answer",
    "plan": "closing.plan",
    "close": "family.close",
    "reopen": "family.reopen",
    "destroy": "destruction.request",
}
CLOSING_FORMS = {
    "criterion": CriterionForm,
    "criterion_change": CriterionChangeForm,
    "answer": ClosingAnswerForm,
    "plan": ContinuePlanForm,
    "close": CloseForm,
    "destroy": DestructionForm,
}


def _closing_write(request, access, step, data):
    """Run the write one closing form asks for; return the message to show."""
    if step == "criterion":
        actions.closing_criterion_add(access=access, text=data["text"], request=request)
        return _("Opgeslagen.")
    if step == "criterion_change":
        criterion = ClosingCriterion.objects.visible_to(access).filter(pk=data["criterion"]).first()
        if criterion is None:
            raise Http404
        actions.closing_criterion_change(
            access=access,
            criterion=criterion,
            expected_version=data["version"],
            text=data["text"] if data["what"] == "save" else None,
            met=data["met"] if data["what"] == "save" else None,
            agree=data["what"] == "agree",
            remove=data["what"] == "remove",
            request=request,
        )
        return _("Opgeslagen.")
    if step == "answer":
        actions.closing_answer(access=access, request=request, **data)
        return _("Je antwoord is opgeslagen.")
    if step == "plan":
        actions.continue_plan_write(access=access, request=request, **data)
        return _("Opgeslagen.")
    if step == "close":
        actions.family_close(access=access, legal_basis=data["legal_basis"], request=request)
        return _("Afgesloten. Jullie plan blijft leesbaar. Veel succes met zelf verder gaan!")
    if step == "destroy":
        actions.destruction_request(access=access, reason=data["reason"], request=request)
        return _("Je verzoek is verstuurd. De organisatie antwoordt binnen een maand.")
    raise Http404


@login_required
def closing(request: HttpRequest, family_id: int) -> HttpResponse:
    """Afsluiten: criteria, "kunnen jullie zelf verder?", the family's own plan, then close."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    # A POST names its form; one that names none is refused by the gate.
    access = family_for(request, family_id, action=CLOSING_ACTIONS.get(step), data="closing")
    bound = CLOSING_FORMS[step](request.POST) if step in CLOSING_FORMS else None
    stale = None
    if request.method == "POST":
        if step == "reopen":
            if button_write(
                request,
                lambda: actions.family_reopen(access=access, request=request),
                _("Welkom terug. De tafel is weer zoals voor het afsluiten."),
            ):
                return redirect("families:home", access.family.pk)
            return redirect("families:closing", access.family.pk)
        if bound.is_valid() and form_write(
            bound, lambda **data: _closing_write(request, access, step, data), access=access
        ):
            say_saved(request, bound, bound.result)
            if step == "close":
                return redirect("families:home", access.family.pk)
            return redirect("families:closing", access.family.pk)
        stale = getattr(bound, "stale", None)
    criteria = [
        c
        for c in ClosingCriterion.objects.visible_to(access).select_related("created_by")[:50]
        if c.status != ClosingCriterion.Status.REMOVED
    ]
    answers = list(
        ClosingAnswer.objects.visible_to(access)
        .filter(created_at__gte=actions.closing_since(access.family))
        .select_related("participant__user")
        .order_by("-created_at")[:100]
    )
    latest = {}
    for answer in answers:
        latest.setdefault(answer.participant_id, answer)
    plan = ContinuePlan.objects.visible_to(access).select_related("confirmed_by").first()
    requests_ = list(
        DestructionRequest.objects.visible_to(access).select_related(
            "requested_by", "organization"
        )[:20]
    )
    last_closing = Closing.objects.visible_to(access).select_related("closed_by").first()
    voices = actions.closing_voices(access)

    def form(name, **kwargs):
        return bound if step == name and bound is not None else CLOSING_FORMS[name](**kwargs)

    return render(
        request,
        "families/closing.html",
        {
            "access": access,
            "family": access.family,
            "section": "family",
            "criteria": criteria,
            "criteria_met": sum(1 for c in criteria if c.met),
            # Everyone else's answers: the network, professionals, a parent whose
            # consent does not count for the file (Anouk beside Daan of 17).
            "answers": [
                a
                for a in latest.values()
                if a.participant.member_id not in {v["member"].pk for v in voices}
            ],
            "voices": voices,
            "all_yes": all(v["answer"] and v["answer"].answer == "yes" for v in voices),
            "plan": plan,
            "requests": requests_,
            "closing": last_closing,
            "reopen_days": REOPEN_DAYS,
            "criterion_form": form("criterion"),
            "change_step": step == "criterion_change" and bound,
            "stale": stale,
            "answer_form": form("answer"),
            "plan_form": form(
                "plan",
                initial={
                    "what_works": plan.what_works if plan else "",
                    "who_helps": plan.who_helps if plan else "",
                    "whom_to_call": plan.whom_to_call if plan else "",
                },
            ),
            "close_form": form("close"),
            "destroy_form": form("destroy"),
            "retention": retention.term_for(access.family),
            "may": {step: access.may(action) for step, action in CLOSING_ACTIONS.items()},
        },
        status=400 if bound is not None and bound.errors else 200,
    )


@login_required
def member_edit(request: HttpRequest, family_id: int, member_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="member.edit", data="family_home")
    if not access.speaks_for_family:
        raise PermissionDenied
    member = next((m for m in access.members if m.pk == member_id), None)
    if member is None:
        raise Http404
    form = MemberForm(request.POST or None, instance=member, initial={"version": member.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda version, **data: actions.member_update(
                access=access, member=member, expected_version=version, request=request, **data
            ),
        )
    ):
        messages.success(request, _("Opgeslagen."))
        return redirect("families:home", access.family.pk)
    if getattr(form, "stale", None) is not None:
        show_newest(form, member)
    if form.errors:
        # The form changed the instance while checking; show the saved name.
        member.refresh_from_db()
    return render(
        request,
        "families/member_form.html",
        {
            "access": access,
            "family": access.family,
            "member": member,
            "form": form,
            "stale": getattr(form, "stale", None),
            "may_authority": access.may("member.authority"),
            "section": "family",
        },
        status=400 if form.errors else 200,
    )


START_ROWS = 4


@login_required
def family_start(request: HttpRequest) -> HttpResponse:
    """Start a family: a professional for a family they work with, or a parent for their own."""
    if not actions.may_start_family(request.user):
        raise PermissionDenied
    professional = request.user.professional_or_none
    data = request.POST.copy() if request.method == "POST" else None
    adding = data is not None and "more" in data
    if adding:
        # One more empty row; what was typed stays.
        key = "member-TOTAL_FORMS"
        try:
            total = int(data.get(key, START_ROWS))
        except ValueError:
            total = START_ROWS
        data[key] = str(min(total + 1, 20))
    initial = []
    if professional is None and data is None:
        initial = [
            {
                "name": request.user.name,
                "has_authority": True,
                "lives_in_household": True,
                "me": True,
            }
        ]
    form = StartFamilyForm(data)
    rows = MemberRows(data, prefix="member", initial=initial)
    if data is None:
        rows.extra = START_ROWS - len(initial)
    if not adding and data is not None and form.is_valid() and rows.is_valid():
        fields = form.cleaned_data
        try:
            family = actions.family_start(
                user=request.user,
                name=fields["name"],
                legal_framework=fields["legal_framework"],
                gi=fields.get("gi"),
                municipality=fields.get("municipality", ""),
                members=rows.rows,
                criteria=form.criteria,
                once=fields.get("once", ""),
                request=request,
            )
        except AlreadySaved as error:
            messages.info(request, str(error))
            return redirect("families:list")
        except actions.ActionError as error:
            form.add_error(None, str(error))
        else:
            if professional is not None:
                messages.success(
                    request,
                    _(
                        "%(name)s staat klaar. De ouders krijgen een e-mail. Zij beslissen of "
                        "ze meedoen. Je ziet het plan pas als zij toestemming geven."
                    )
                    % {"name": family.name},
                )
                return redirect("families:list")
            messages.success(
                request,
                _("%(name)s staat klaar. Nodig nu je gezin en je netwerk uit.")
                % {"name": family.name},
            )
            return redirect("families:invite", family.pk)
    invalid = (
        data is not None
        and not adding
        and bool(form.errors or any(rows.errors) or rows.non_form_errors())
    )
    return render(
        request,
        "families/start.html",
        {"form": form, "rows": rows, "professional": professional, "invalid": invalid},
        status=400 if invalid else 200,
    )


@login_required
def member_new(request: HttpRequest, family_id: int) -> HttpResponse:
    """A new member: a baby, a step-parent, a foster parent."""
    access = family_for(request, family_id, action="member.add", data="member")
    form = MemberAddForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **data: actions.member_add(access=access, request=request, **data),
            access=access,
        )
    ):
        say_saved(
            request,
            form,
            _("%(name)s hoort nu bij het gezin.") % {"name": form.cleaned_data["name"]},
        )
        return redirect("families:home", access.family.pk)
    return render(
        request,
        "families/member_new.html",
        {"access": access, "family": access.family, "form": form, "section": "family"},
        status=400 if form.errors else 200,
    )


def _member_of(access, member_id) -> Member:
    member = next((m for m in access.members if m.pk == member_id), None)
    if member is None:
        raise Http404
    return member


@login_required
def member_authority(request: HttpRequest, family_id: int, member_id: int) -> HttpResponse:
    """Change who has gezag, with why; the history keeps every version."""
    access = family_for(request, family_id, action="member.authority", data="authority")
    member = _member_of(access, member_id)
    if member.is_child:
        raise Http404
    form = AuthorityForm(
        request.POST or None,
        initial={"version": member.version, "has_authority": "1" if member.has_authority else "0"},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda version, **data: actions.member_authority_set(
                access=access, member=member, expected_version=version, request=request, **data
            ),
        )
    ):
        messages.success(
            request,
            _("Opgeslagen. Wie toestemming geeft, is meteen aangepast."),
        )
        return redirect("families:member_history", access.family.pk, member.pk)
    if getattr(form, "stale", None) is not None:
        show_newest(form, member)
    return render(
        request,
        "families/member_authority.html",
        {
            "access": access,
            "family": access.family,
            "member": member,
            "form": form,
            "stale": getattr(form, "stale", None),
            "section": "family",
        },
        status=400 if form.errors else 200,
    )


@login_required
def member_history(request: HttpRequest, family_id: int, member_id: int) -> HttpResponse:
    """Every saved version of a member: who changed what, when and why."""
    access = family_for(request, family_id, data="member")
    member = _member_of(access, member_id)
    versions = list(
        Revision.objects.visible_to(access)
        .filter(item_type="member", item_id=member.pk)
        .select_related("author")
        .order_by("-version")[:100]
    )
    return render(
        request,
        "families/member_history.html",
        {
            "access": access,
            "family": access.family,
            "member": member,
            "versions": versions,
            "section": "family",
        },
    )


@login_required
def child_voice(request: HttpRequest, family_id: int, member_id: int) -> HttpResponse:
    """Stem van het kind: all one child said, chose, scored or made, newest first."""
    access = family_for(request, family_id, data="child_voice")
    member = _member_of(access, member_id)
    if not member.is_child:
        raise Http404
    context = {
        "access": access,
        "family": access.family,
        "member": member,
        "first_name": member.name.split()[0],
        "section": "family",
    }
    # The page's own part is kept until the family's data changes (families/versions.py).
    context["main"] = cached_part(
        request,
        access,
        f"child-voice:{member.pk}",
        lambda: render_to_string(
            "families/child_voice.html#main",
            {**context, "said": everything_said(access, member)},
            request,
        ),
    )
    return render(request, "families/child_voice.html", context)


@login_required
@require_POST
def child_mode_start(request: HttpRequest, family_id: int, member_id: int) -> HttpResponse:
    """Hand the phone to a child without an account: from now on only their part shows."""
    access = family_for(request, family_id, action="child_mode.start")
    member = _member_of(access, member_id)
    actions.child_mode_start(access=access, member=member, request=request)
    return redirect(child_mode.home_url(child_mode.state(request)))


@login_required
@require_POST
def child_mode_end(request: HttpRequest, family_id: int) -> HttpResponse:
    """ "Klaar": the phone is the grown-up's again, back where they handed it over."""
    access = family_for(request, family_id, action="child_mode.end")
    member_id = access.child_member_id
    actions.child_mode_end(access=access, request=request)
    messages.success(request, _("Klaar. Dit is weer jouw telefoon."))
    if member_id is None:
        return redirect("families:home", access.family.pk)
    return redirect(child_mode.home_url({"family": access.family.pk, "member": member_id}))


# --- the privacy officer --------------------------------------------------------------


def _officer(request, *, second=True):
    """A privacy officer (or, to confirm, the organisation's admin): 404 for anyone
    who does not work for an organisation, 403 for a professional without the role."""
    professional = request.user.professional_or_none
    if professional is None or not professional.is_active:
        raise Http404
    officer = actions.officer_for(request.user, second=second)
    if officer is None:
        raise PermissionDenied
    return officer


@login_required
def privacy_requests(request: HttpRequest) -> HttpResponse:
    """Requests to destroy a file, for the organisation's privacy officer."""
    officer = _officer(request)
    asked = list(
        DestructionRequest.objects.filter(organization=officer.organization)
        .select_related("family", "handled_by")
        .order_by("status", "answer_before", "id")[:200]
    )
    today = timezone.localdate()
    return render(
        request,
        "families/privacy_requests.html",
        {
            "officer": officer,
            "open": [a for a in asked if a.status in DestructionRequest.OPEN],
            "done": [a for a in asked if a.status not in DestructionRequest.OPEN],
            "today": today,
        },
    )


PRIVACY_FORMS = {
    "decide": DestructionDecideForm,
    "extend": DestructionExtendForm,
    "confirm": DestructionConfirmForm,
}


def _privacy_write(request, officer, asked, step, data):
    if step == "decide":
        return actions.destruction_decide(
            officer=actions.officer_for(request.user),
            asked=asked,
            expected_version=data["version"],
            destroy=data["answer"] == "destroy",
            basis=data["basis"],
            refusal=data["refusal"],
            request=request,
        )
    if step == "extend":
        return actions.destruction_extend(
            officer=actions.officer_for(request.user),
            asked=asked,
            expected_version=data["version"],
            because=data["because"],
            request=request,
        )
    return actions.destruction_confirm(
        officer=officer,
        asked=asked,
        expected_version=data["version"],
        agree=data["agree"],
        request=request,
    )


def _hidden_form_errors(asked, step, bound, officer, user):
    """A refused form whose part of the page is not shown (any more): say so on top.

    Its own field errors would point at fields that are not on the page.
    """
    if bound is None or not bound.errors:
        return []
    pending = asked.status == DestructionRequest.Status.PENDING
    shown = {
        "decide": pending and officer.is_privacy_officer,
        "extend": pending and officer.is_privacy_officer and not asked.extended_because,
        "confirm": asked.status == DestructionRequest.Status.CHECKING
        and asked.handled_by_id != user.pk,
    }
    if shown.get(step):
        return []
    return bound.non_field_errors() or [
        _("Dit kan nu niet: het verzoek is niet (meer) bij deze stap. Hieronder staat wat nu kan.")
    ]


@login_required
def privacy_request(request: HttpRequest, request_id: int) -> HttpResponse:
    """One request: what is asked, by whom, the deadline; decide, extend or confirm."""
    officer = _officer(request)
    asked = (
        DestructionRequest.objects.filter(organization=officer.organization, pk=request_id)
        .select_related("family", "requested_by", "member", "handled_by")
        .first()
    )
    if asked is None:
        raise Http404
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if request.method == "POST" and step not in PRIVACY_FORMS:
        raise PermissionDenied
    bound = PRIVACY_FORMS[step](request.POST) if step else None
    if bound is not None and bound.is_valid():
        if step in ("decide", "extend") and not officer.is_privacy_officer:
            raise PermissionDenied
        if form_write(bound, lambda **data: _privacy_write(request, officer, asked, step, data)):
            if isinstance(bound.result, DestructionRecord):
                messages.success(
                    request,
                    _(
                        "De gegevens zijn vernietigd. "
                        "Het verslag staat in de audit trail (nummer %(n)s)."
                    )
                    % {"n": bound.result.family_number},
                )
                return redirect("families:privacy")
            messages.success(request, _("Opgeslagen."))
            return redirect("families:privacy_request", asked.pk)
    if request.method == "GET":
        read_later(
            request,
            actor=request.user,
            family=asked.family,
            action="view",
            data="destruction",
            obj=asked,
            role="privacy_officer",
        )
    members = list(Member.objects.filter(family_id=asked.family_id))
    children = [m for m in members if m.is_child]

    def form(name):
        if step == name and bound is not None:
            return bound
        return PRIVACY_FORMS[name](initial={"version": asked.version})

    return render(
        request,
        "families/privacy_request.html",
        {
            "officer": officer,
            "asked": asked,
            "family": asked.family,
            "children_ages": sorted((m.age() for m in children if m.birth_date), reverse=True),
            "term": retention.term_for(asked.family, members),
            "decide_form": form("decide"),
            "extend_form": form("extend"),
            "confirm_form": form("confirm"),
            "may_decide": officer.is_privacy_officer,
            "may_confirm": asked.handled_by_id != request.user.pk,
            "top_errors": _hidden_form_errors(asked, step, bound, officer, request.user),
        },
        status=400 if bound is not None and bound.errors else 200,
    )


# --- an organisation invited by a family ---------------------------------------------


@login_required
def organization_invitations(request: HttpRequest) -> HttpResponse:
    """Families that invited this organisation; the admin chooses who goes."""
    admin = org_admin_for(request)
    form = AssignForm(request.POST or None, organization=admin.organization)
    if request.method == "POST" and form.is_valid():
        invitation = Invitation.objects.filter(
            pk=form.cleaned_data["invitation"], organization=admin.organization
        ).first()
        if invitation is None:
            raise Http404
        if form_write(
            form,
            lambda **data: actions.invitation_assign(
                admin=admin,
                invitation=invitation,
                professional=data["professional"],
                request=request,
            ),
        ):
            messages.success(
                request,
                _("%(name)s krijgt een e-mail en ziet de uitnodiging bij Mijn gezinnen.")
                % {"name": form.cleaned_data["professional"].user.name},
            )
            return redirect("families:organization_invitations")
    waiting = list(
        Invitation.objects.filter(
            organization=admin.organization, email="", status=Invitation.Status.PENDING
        )
        .select_related("family", "invited_by")
        .order_by("created_at")[:200]
    )
    return render(
        request,
        "families/organization_invitations.html",
        {
            "admin": admin,
            "waiting": waiting,
            "form": form,
            "professionals": list(form.fields["professional"].queryset),
        },
        status=400 if form.errors else 200,
    )


# --- moving ---------------------------------------------------------------------------

MOVE_ACTIONS = {"propose": "move.propose", "answer": "move.answer"}


@login_required
def move(request: HttpRequest, family_id: int) -> HttpResponse:
    """Verhuizen: to another organisation here, or with a moving file to another Samenplan."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    access = family_for(request, family_id, action=MOVE_ACTIONS.get(step), data="move")
    propose = MoveForm(request.POST if step == "propose" else None)
    if (
        step == "propose"
        and propose.is_valid()
        and form_write(
            propose,
            lambda **data: actions.move_propose(access=access, request=request, **data),
            access=access,
        )
    ):
        moved = propose.result
        say_saved(
            request,
            propose,
            _("Iedereen heeft ja gezegd. De verhuizing is geregeld.")
            if moved is not None and moved.status == Move.Status.DONE
            else _("Voorgesteld. Iedereen die toestemming geeft, zegt nu ja of nee."),
        )
        return redirect("families:move", access.family.pk)
    if step == "answer":
        answer = MoveAnswerForm(request.POST)
        if not answer.is_valid():
            messages.error(request, _("Kies ja of nee."))
            return redirect("families:move", access.family.pk)
        chosen = Move.objects.visible_to(access).filter(pk=answer.cleaned_data["move"]).first()
        if chosen is None:
            raise Http404
        button_write(
            request,
            lambda: actions.move_answer(
                access=access,
                move=chosen,
                agrees=answer.cleaned_data["agrees"],
                seen_version=answer.cleaned_data["seen"],
                request=request,
            ),
            lambda moved: {
                Move.Status.DONE: _("Iedereen heeft ja gezegd. De verhuizing is geregeld."),
                Move.Status.CANCELLED: _("Je zei nee. De verhuizing gaat niet door."),
            }.get(moved.status, _("Je antwoord is opgeslagen.")),
        )
        return redirect("families:move", access.family.pk)
    moves = list(
        Move.objects.visible_to(access).select_related("to_organization", "proposed_by")[:10]
    )
    current = next((m for m in moves if m.status == Move.Status.OPEN), None)
    answers = {}
    if current is not None:
        for row in MoveAnswer.objects.visible_to(access).filter(
            move=current, version=current.version
        ):
            answers[row.member_id] = row
    voices = [{"member": m, "answer": answers.get(m.pk)} for m in access.consent_givers]
    recent_file = next(
        (
            m
            for m in moves
            if m.kind == Move.Kind.INSTALLATION
            and m.status == Move.Status.DONE
            and m.done_at >= timezone.now() - timedelta(days=MOVE_FILE_DAYS)
        ),
        None,
    )
    return render(
        request,
        "families/move.html",
        {
            "access": access,
            "family": access.family,
            "section": "family",
            "moves": moves,
            "current": current,
            "voices": voices,
            "my_answer": answers.get(access.participant.member_id),
            "form": propose,
            "recent_file": recent_file,
            "file_days": MOVE_FILE_DAYS,
            "may": {
                "propose": access.may("move.propose") and current is None,
                "answer": access.may("move.answer"),
                "download": access.may("move.download"),
            },
        },
        status=400 if propose.errors else 200,
    )
