"""Keeping and destroying a family's data.

A closed family's data is kept for the legal term, then destroyed. The Jeugdwet
asks youth-care providers to keep their records twenty years (Jeugdwet art.
7.3.8, first paragraph: "gedurende twintig jaar ... of zoveel langer als
redelijkerwijs in verband met de zorg van een goed hulpverlener voortvloeit").
Samenplan counts the term from closing, which is never earlier than the law
requires; ``SAMENPLAN_RETENTION_YEARS`` changes it. The audit log is kept: it
is the proof of who saw what, and holds no plan content.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samenplan.lib.dates import years_before

from .models import DestructionRecord, Family


def retention_years() -> int:
    return int(getattr(settings, "SAMENPLAN_RETENTION_YEARS", 20))


def due_families(now: datetime | None = None):
    """Closed families whose term has ended."""
    now = now or timezone.now()
    limit = years_before(timezone.localtime(now).date(), retention_years())
    return Family.objects.filter(closed_at__isnull=False, closed_at__date__lt=limit).order_by("pk")


@transaction.atomic
def destroy_family(family: Family, *, reason: str) -> DestructionRecord:
    """Delete every row of the family, children first, then the family itself."""
    from samenplan.audit.models import AuditEvent
    from samenplan.lib.visibility import family_models

    rows = {}
    for model in reversed(family_models()):
        if model is AuditEvent:
            continue
        label = model._meta.label_lower
        queryset = model._default_manager.filter(family_id=family.pk)
        count = queryset.count()
        if count:
            for field in model._meta.many_to_many:
                through = getattr(model, field.name).through
                through.objects.filter(**{f"{model._meta.model_name}__in": queryset}).delete()
            queryset._raw_delete(queryset.db)
            rows[label] = count
    record = DestructionRecord.objects.create(
        family_number=family.pk, closed_at=family.closed_at, reason=reason, rows=rows
    )
    Family.objects.filter(pk=family.pk)._raw_delete(Family.objects.db)
    return record
