"""Taalhulp while a professional writes: hints beside the field (htmx-free fetch
from ``samenplan.js``), and putting a hint aside. Nothing typed is kept."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .check import check
from .models import HintDismissal
from .notes import for_professional

RULES = {"long_sentence", "rare_word", "passive", "jargon", "label"}
LONGEST = 5000


@login_required
@require_POST
def hints(request: HttpRequest) -> HttpResponse:
    if not for_professional(request):
        raise PermissionDenied
    text = request.POST.get("tekst", "")[:LONGEST]
    return render(request, "taal/hints.html", {"report": check(text)})


@login_required
@require_POST
def dismiss(request: HttpRequest) -> HttpResponse:
    if not for_professional(request):
        raise PermissionDenied
    rule = request.POST.get("regel", "")
    if rule not in RULES:
        return HttpResponse(status=400)
    HintDismissal.count_one(rule)
    return HttpResponse(status=204)
