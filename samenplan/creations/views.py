"""Adding what a child made, showing it through the gate, and taking it away."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.families import child_mode
from samenplan.families.access import FamilyAccess, family_for
from samenplan.families.models import Participant
from samenplan.families.writes import form_write
from samenplan.lib.policy import permissions_policy

from . import actions
from .forms import CreationForm
from .models import Creation


def back_to(access: FamilyAccess, item_type: str, item) -> str:
    family_id = access.family.pk
    if access.child_member_id is not None:
        return child_mode.home_url({"family": family_id, "member": access.child_member_id})
    if item_type == "goal":
        return reverse("plan:goal", args=[family_id, item.pk])
    if item_type == "view":
        return reverse("decisions:detail", args=[family_id, item.decision_id]) + "#meningen"
    return reverse("plan:plan", args=[family_id]) + f"#vision-{item.pk}"


def _creation_in(access: FamilyAccess, creation_id: int) -> Creation:
    creation = (
        Creation.objects.visible_to(access)
        .current()
        .filter(pk=creation_id)
        .select_related("member")
        .first()
    )
    if creation is None:
        raise Http404
    return creation


@login_required
def creation_add(request: HttpRequest, family_id: int, on: str, on_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="creation.add", data="creation")
    item = actions.attached_to(access, on, on_id)
    if item is None:
        raise Http404
    makers = actions.makers(access)
    others = (
        Participant.objects.visible_to(access)
        .active()
        .exclude(pk=access.participant.pk)
        .select_related("user")
        .order_by("role", "id")
    )
    form = CreationForm(request.POST or None, request.FILES or None, makers=makers, others=others)
    if (
        request.method == "POST"
        and form.is_valid()
        and form_write(
            form,
            lambda **_data: actions.creation_add(
                access=access, item_type=on, item_id=on_id, request=request, **form.action_kwargs()
            ),
            access=access,
        )
    ):
        messages.success(request, _("Dank je! Het staat erbij."))
        return redirect(back_to(access, on, item))
    response = render(
        request,
        "creations/add.html",
        {
            "access": access,
            "family": access.family,
            "section": "plan",
            "form": form,
            "makers": makers,
            "back": back_to(access, on, item),
        },
        status=400 if form.errors else 200,
    )
    # Only this page may ask for the microphone: a voice note recorded here.
    response["Permissions-Policy"] = permissions_policy("microphone")
    return response


@login_required
def creation_file(request: HttpRequest, family_id: int, creation_id: int) -> HttpResponse:
    """The file itself, only through the gate; a browser shows it and never runs it."""
    access = family_for(request, family_id, data="creation")
    creation = _creation_in(access, creation_id)
    response = HttpResponse(bytes(creation.content), content_type=creation.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def creation_remove(request: HttpRequest, family_id: int, creation_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="creation.remove")
    creation = _creation_in(access, creation_id)
    if not actions.may_remove(access, creation):
        raise PermissionDenied
    item = actions.attached_to(access, creation.item_type, creation.item_id)
    actions.creation_remove(access=access, creation=creation, request=request)
    messages.success(request, _("Weggehaald."))
    if item is None:
        return redirect("plan:plan", access.family.pk)
    return redirect(back_to(access, creation.item_type, item))
