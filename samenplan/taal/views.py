"""Taalhulp while a professional writes: hints beside the field (htmx-free fetch
from ``samenplan.js``), and putting a hint aside. Nothing typed is kept."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .check import check
from .forms import DismissForm, TextForm
from .models import HintDismissal
from .notes import for_professional

LONGEST = 5000


@login_required
@require_POST
def hints(request: HttpRequest) -> HttpResponse:
    if not for_professional(request):
        raise PermissionDenied
    form = TextForm(request.POST)
    text = form.cleaned_data["tekst"][:LONGEST] if form.is_valid() else ""
    return render(request, "taal/hints.html", {"report": check(text)})


@login_required
@require_POST
def dismiss(request: HttpRequest) -> HttpResponse:
    if not for_professional(request):
        raise PermissionDenied
    form = DismissForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    HintDismissal.count_one(form.cleaned_data["regel"])
    return HttpResponse(status=204)
