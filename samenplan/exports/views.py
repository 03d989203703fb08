from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenplan.accounts.gate import org_admin_for
from samenplan.families.access import family_for
from samenplan.families.models import MOVE_FILE_DAYS, Move
from samenplan.lib.forms import SafeForm

from . import downloads, moving
from .tasks import ask_for_pdf


def _filename(family, suffix: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"samenplan-{slugify(family.name) or family.pk}-{stamp}.{suffix}"


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_pdf(request: HttpRequest, family_id: int) -> HttpResponse:
    """The plan on paper, for everyone at the table; it shows what they may see."""
    access = family_for(request, family_id)
    content = ask_for_pdf(access, translation.get_language())
    if content is None:
        # Being made by the worker: this page looks again by itself. Nothing of
        # the plan is shown yet, so nothing is logged as read yet either.
        return render(request, "exports/pdf_waiting.html", {"family": access.family})
    access.read("export", action="export", detail="pdf")
    return _download(content, "application/pdf", _filename(access.family, "pdf"))


@login_required
def family_json_export(request: HttpRequest, family_id: int) -> HttpResponse:
    """Everything of the family this person may see, for the family itself."""
    access = family_for(request, family_id, action="export.family")
    access.read("export", action="export", detail="json")
    content = downloads.family_json_bytes(access)
    return _download(content, "application/json", _filename(access.family, "json"))


@login_required
def family_fhir_export(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="export.family")
    access.read("export", action="export", detail="fhir")
    return _download(
        downloads.family_fhir_text(access),
        "application/fhir+json",
        _filename(access.family, "fhir.json"),
    )


@login_required
def move_file(request: HttpRequest, family_id: int) -> HttpResponse:
    """The signed moving file, once every consent giver said yes (for 30 days)."""
    access = family_for(request, family_id, action="move.download")
    agreed = (
        Move.objects.visible_to(access)
        .filter(
            kind=Move.Kind.INSTALLATION,
            status=Move.Status.DONE,
            done_at__gte=timezone.now() - timedelta(days=MOVE_FILE_DAYS),
        )
        .exists()
    )
    if not agreed:
        raise PermissionDenied
    access.read("move_file", action="export", detail="moving file")
    content = moving.moving_file(access.family)
    return _download(content, "application/json", _filename(access.family, "verhuis.json"))


class ImportForm(SafeForm):
    file = forms.FileField(
        label=gettext_lazy("Verhuisbestand"),
        help_text=gettext_lazy("Het bestand dat het gezin van de vorige organisatie kreeg."),
    )
    gi = forms.ModelChoiceField(
        label=gettext_lazy("GI (alleen bij een maatregel van de rechter)"),
        queryset=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from samenplan.accounts.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["gi"].queryset = Organization.objects.filter(kind=Organization.Kind.GI)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """The receiving organisation's admin reads in a family's moving file."""
    admin = org_admin_for(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            moving.check_size(upload.size)  # before reading it
            family, invited = moving.import_moving_file(
                upload.read(), admin=admin, gi=form.cleaned_data.get("gi")
            )
        except moving.ImportRefused as refused:
            form.add_error("file", str(refused))
        else:
            messages.success(
                request,
                _(
                    "%(name)s is ingelezen. %(count)s mensen uit het gezin en het netwerk zijn "
                    "opnieuw uitgenodigd. Kies nu wie van jullie erheen gaat."
                )
                % {"name": family.name, "count": invited},
            )
            return redirect("families:organization_invitations")
    return render(
        request,
        "exports/import.html",
        {
            "admin": admin,
            "form": form,
            "key": moving.fingerprint(moving.public_key()),
            "full_key": moving.public_key(),
            "max_mb": moving.max_bytes() // (1024 * 1024),
        },
        status=400 if form.errors else 200,
    )
