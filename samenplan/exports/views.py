from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from samenplan.families.access import family_for

from . import family_json, fhir, pdf


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
    access.read("export", action="export", detail="pdf")
    content = pdf.plan_pdf(access, base_url=request.build_absolute_uri("/"))
    return _download(content, "application/pdf", _filename(access.family, "pdf"))


@login_required
def family_json_export(request: HttpRequest, family_id: int) -> HttpResponse:
    """Everything of the family this person may see, for the family itself."""
    access = family_for(request, family_id, action="export.family")
    access.read("export", action="export", detail="json")
    data = family_json.export_family(access.family, access)
    content = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return _download(content, "application/json", _filename(access.family, "json"))


@login_required
def family_fhir_export(request: HttpRequest, family_id: int) -> HttpResponse:
    access = family_for(request, family_id, action="export.family")
    access.read("export", action="export", detail="fhir")
    bundle = fhir.family_bundle(access)
    return _download(
        bundle.model_dump_json(exclude_none=True),
        "application/fhir+json",
        _filename(access.family, "fhir.json"),
    )
