from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.audit.actions import read_later
from samenplan.audit.models import AuditEvent
from samenplan.lib.visibility import SCOPE_KINDS

from . import actions, hooks, table
from .access import (
    emergency_active,
    emergency_candidate,
    family_for,
    invitation_for_invitee,
    invitation_in,
    missing_consent,
    open_invitations,
    participant_in,
    visible_families,
)
from .forms import (
    AccessLogFilterForm,
    ClosingAnswerForm,
    ConsentScopeForm,
    ContinuePlanForm,
    CriterionForm,
    DestructionAnswerForm,
    DestructionForm,
    EmergencyForm,
    InviteForm,
    MemberForm,
)
from .models import (
    EMERGENCY_HOURS,
    ClosingAnswer,
    ClosingCriterion,
    Consent,
    ConsentExclusion,
    ContinuePlan,
    DestructionRequest,
    EmergencyAccess,
    Invitation,
    Participant,
)
from .once import create_once
from .panels import panels_for
from .retention import retention_years
from .versioning import show_newest
from .writes import button_write, form_write


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
    families = visible_families(request.user)
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
    invitations = open_invitations(request.user)
    return render(
        request,
        "families/family_list.html",
        {"families": families, "invitations": invitations},
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
            "emergencies": emergencies,
            "panels": panels_for("home", access),
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


@login_required
def access_log(request: HttpRequest, family_id: int) -> HttpResponse:
    """The family's own access log, with filters on who, when and what."""
    access = family_for(request, family_id, action="log.read", data="access_log")
    events = AuditEvent.objects.visible_to(access)
    form = AccessLogFilterForm(request.GET or None, family=access.family)
    if form.is_valid():
        chosen = form.cleaned_data
        if chosen.get("who"):
            events = events.filter(actor_name=chosen["who"])
        if chosen.get("what"):
            events = events.filter(data=chosen["what"])
        if chosen.get("since"):
            events = events.filter(at__date__gte=chosen["since"])
        if chosen.get("until"):
            events = events.filter(at__date__lte=chosen["until"])
        if chosen.get("emergency"):
            events = events.filter(emergency=True)
    page = Paginator(events.order_by("-at", "-id"), 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "families/access_log.html",
        {
            "access": access,
            "family": access.family,
            "page": page,
            "form": form,
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
    "answer": "closing.answer",
    "plan": "closing.plan",
    "close": "family.close",
    "destroy": "destruction.request",
    "handle": "destruction.approve",
}
CLOSING_FORMS = {
    "criterion": CriterionForm,
    "answer": ClosingAnswerForm,
    "plan": ContinuePlanForm,
    "destroy": DestructionForm,
    "handle": DestructionAnswerForm,
}


@login_required
def closing(request: HttpRequest, family_id: int) -> HttpResponse:
    """Afsluiten: criteria, "kunnen jullie zelf verder?", the family's own plan, then close."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    # A POST names its form; one that names none is refused by the gate.
    access = family_for(request, family_id, action=CLOSING_ACTIONS.get(step), data="closing")
    bound = CLOSING_FORMS[step](request.POST) if step in CLOSING_FORMS else None
    if request.method == "POST":
        try:
            if step == "close":
                actions.family_close(access=access, request=request)
                messages.success(
                    request,
                    _("Afgesloten. Jullie plan blijft leesbaar. Veel succes met zelf verder gaan!"),
                )
                return redirect("families:home", access.family.pk)
            if bound.is_valid():
                data = dict(bound.cleaned_data)
                token = data.pop("once", "")
                if step == "criterion":
                    create_once(
                        access=access,
                        token=token,
                        make=lambda: actions.closing_criterion_add(
                            access=access, text=data["text"], request=request
                        ),
                    )
                elif step == "answer":
                    create_once(
                        access=access,
                        token=token,
                        make=lambda: actions.closing_answer(access=access, request=request, **data),
                    )
                elif step == "plan":
                    actions.continue_plan_write(access=access, request=request, **data)
                elif step == "destroy":
                    create_once(
                        access=access,
                        token=token,
                        make=lambda: actions.destruction_request(
                            access=access, reason=data["reason"], request=request
                        ),
                    )
                else:
                    asked = DestructionRequest.objects.filter(
                        family_id=access.family.pk, pk=data["request_id"]
                    ).first()
                    if asked is None:
                        raise Http404
                    done = actions.destruction_handle(
                        access=access,
                        asked=asked,
                        approve=data["approve"] == "yes",
                        refusal=data["refusal"],
                        request=request,
                    )
                    if done is not None:
                        messages.success(request, _("De gegevens van het gezin zijn vernietigd."))
                        return redirect("families:list")
                messages.success(request, _("Opgeslagen."))
                return redirect("families:closing", access.family.pk)
        except actions.ActionError as error:
            messages.error(request, str(error))
            if bound is None:
                return redirect("families:closing", access.family.pk)
            bound.add_error(None, str(error))
    criteria = list(ClosingCriterion.objects.filter(family_id=access.family.pk)[:50])
    answers = list(
        ClosingAnswer.objects.filter(family_id=access.family.pk)
        .select_related("participant__user")
        .order_by("-created_at")[:100]
    )
    latest = {}
    for answer in answers:
        latest.setdefault(answer.participant_id, answer)
    plan = (
        ContinuePlan.objects.filter(family_id=access.family.pk)
        .select_related("confirmed_by")
        .first()
    )
    requests_ = list(
        DestructionRequest.objects.filter(family_id=access.family.pk).select_related(
            "requested_by", "handled_by"
        )[:20]
    )

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
            "answers": list(latest.values()),
            "plan": plan,
            "requests": requests_,
            "criterion_form": form("criterion"),
            "answer_form": form("answer"),
            "plan_form": form(
                "plan",
                initial={
                    "what_works": plan.what_works if plan else "",
                    "who_helps": plan.who_helps if plan else "",
                    "whom_to_call": plan.whom_to_call if plan else "",
                },
            ),
            "destroy_form": form("destroy"),
            "handle_form": DestructionAnswerForm,
            "retention_years": retention_years(),
            "can_close": access.may("family.close"),
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
            "section": "family",
        },
        status=400 if form.errors else 200,
    )
