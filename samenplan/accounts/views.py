from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import actions
from .forms import ProfessionalForm, ProfileForm
from .gate import org_admin_for
from .models import Professional


@login_required
@require_POST
def still_here(request: HttpRequest) -> HttpResponse:
    """ "Ik ben er nog": typing or the button on the warning keeps the session open.

    The session timeout counts every request as activity; this one has nothing
    else to do. It answers 204, or sends an ended session to the login page."""
    return HttpResponse(status=204)


@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        actions.profile_update(user=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Je gegevens zijn opgeslagen."))
        response = redirect("accounts:my_account")
        response.set_cookie("django_language", request.user.language, samesite="Lax")
        return response
    return render(
        request,
        "accounts/my_account.html",
        {"form": form, "professional": request.user.professional_or_none},
        status=400 if form.errors else 200,
    )


@login_required
def organization(request: HttpRequest) -> HttpResponse:
    admin = org_admin_for(request)
    form = ProfessionalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.professional_create(admin=admin, request=request, **form.cleaned_data)
        messages.success(
            request,
            _("Het account is gemaakt. %(name)s krijgt een e-mail.")
            % {"name": form.cleaned_data["name"]},
        )
        return redirect("accounts:organization")
    professionals = (
        Professional.objects.filter(organization=admin.organization)
        .select_related("user")
        .order_by("-is_active", "user__name")[:500]
    )
    # Emergency access by this organisation's professionals: who, when, for how long.
    # No family content: the family is named by its number only.
    emergencies = list(
        admin.organization.emergency_accesses.select_related("participant__user").order_by(
            "-started_at"
        )[:200]
    )
    return render(
        request,
        "accounts/organization.html",
        {
            "admin": admin,
            "professionals": professionals,
            "form": form,
            "emergencies": emergencies,
        },
        status=400 if form.errors else 200,
    )


@login_required
def professional_edit(request: HttpRequest, professional_id: int) -> HttpResponse:
    admin = org_admin_for(request)
    professional = (
        Professional.objects.filter(organization=admin.organization, pk=professional_id)
        .select_related("user")
        .first()
    )
    if professional is None:
        raise Http404
    form = ProfessionalForm(request.POST or None, instance=professional)
    if request.method == "POST" and form.is_valid():
        actions.professional_update(
            admin=admin, professional=professional, request=request, **form.cleaned_data
        )
        messages.success(request, _("De gegevens zijn opgeslagen."))
        return redirect("accounts:organization")
    return render(
        request,
        "accounts/professional_edit.html",
        {"admin": admin, "professional": professional, "form": form},
        status=400 if form.errors else 200,
    )
