from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.audit.models import AuditEvent
from samenplan.careteam import actions as careteam_actions
from samenplan.careteam import table

from . import actions
from .access import (
    consent_givers,
    family_for,
    invitation_for_invitee,
    invitation_in,
    missing_consent,
    open_invitations,
    participant_in,
    visible_families,
)
from .forms import InviteForm
from .models import Consent, Invitation, Participant


def _table(access) -> list[dict]:
    """Everyone at the table, with what is still missing for their consent."""
    participants = list(
        Participant.objects.active()
        .filter(family_id=access.family.pk)
        .select_related("user", "member")
        .order_by("id")
    )
    consents = list(Consent.objects.active().filter(family_id=access.family.pk))
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
    access = family_for(request, family_id, need="view", data="family_home")
    table = _table(access)
    invitations = []
    if access.can("manage"):
        invitations = list(
            Invitation.objects.filter(
                family_id=access.family.pk, status=Invitation.Status.PENDING
            ).order_by("-created_at")[:50]
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
            "section": "family",
        },
    )


@login_required
def invite(request: HttpRequest, family_id: int) -> HttpResponse:
    """Invite someone. A professional past the family's maximum asks the family to choose."""
    access = family_for(request, family_id, need="manage", data="invitation")
    initial = {
        key: request.GET.get(param, "")[:150]
        for key, param in (("name", "naam"), ("email", "email"), ("role", "rol"))
        if request.GET.get(param)
    }
    form = InviteForm(
        request.POST or None, members=access.members, today=access.today, initial=initial
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
            careteam_actions.table_choice_record(
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
                        careteam_actions.table_choice_record(
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
    access = family_for(request, family_id, need="manage")
    invitation = invitation_in(access, invitation_id)
    try:
        actions.invitation_withdraw(access=access, invitation=invitation, request=request)
        messages.success(request, _("De uitnodiging is ingetrokken."))
    except actions.ActionError as error:
        messages.error(request, str(error))
    return redirect("families:home", access.family.pk)


@login_required
@require_POST
def participant_end(request: HttpRequest, family_id: int, participant_id: int) -> HttpResponse:
    access = family_for(request, family_id, need="manage")
    participant = participant_in(access, participant_id)
    try:
        actions.participant_end(access=access, participant=participant, request=request)
        messages.success(
            request,
            _("%(name)s doet niet meer mee en ziet jullie gegevens niet meer.")
            % {"name": participant.user.name},
        )
    except actions.ActionError as error:
        messages.error(request, str(error))
    return redirect("families:home", access.family.pk)


@login_required
def consent(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, need="view", data="consent")
    table = [row for row in _table(access) if row["participant"].needs_consent]
    return render(
        request,
        "families/consent.html",
        {
            "access": access,
            "family": access.family,
            "table": table,
            "givers": consent_givers(access.members, access.today),
            "gives_consent": access.gives_consent(),
            "section": "family",
        },
    )


@login_required
@require_POST
def consent_change(
    request: HttpRequest, family_id: int, participant_id: int, answer: str
) -> HttpResponse:
    access = family_for(request, family_id, need="view")
    participant = participant_in(access, participant_id)
    if not access.gives_consent():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    try:
        if answer == "give":
            actions.consent_give(access=access, participant=participant, request=request)
            messages.success(
                request,
                _("Je hebt toestemming gegeven voor %(name)s.") % {"name": participant.user.name},
            )
        else:
            actions.consent_withdraw(access=access, participant=participant, request=request)
            messages.success(
                request,
                _("Je hebt je toestemming voor %(name)s ingetrokken. Dit werkt meteen.")
                % {"name": participant.user.name},
            )
    except actions.ActionError as error:
        messages.error(request, str(error))
    return redirect("families:consent", access.family.pk)


@login_required
def access_log(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, need="log", data="access_log")
    events = AuditEvent.objects.for_family(access.family).order_by("-at", "-id")
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "families/access_log.html",
        {"access": access, "family": access.family, "page": page, "section": "family"},
    )
