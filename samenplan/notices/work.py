"""The notices' work in one place: after a change, once a day, and a tick."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from samenplan.families import waiting
from samenplan.families.models import Family

from . import delivery
from .tasks import enqueue_sends, send_notices


def family_changed(family_id: int, today: date | None = None) -> None:
    """What waits in the family again, then who is told (mail goes through the queue)."""
    waiting.refresh(family_id, today)
    enqueue_sends(delivery.sync(family_id))


def daily(today: date | None = None) -> int:
    """Dates come near and pass: every open family once. Running it twice tells nobody twice."""
    today = today or timezone.localdate()
    families = list(Family.objects.filter(closed_at__isnull=True).values_list("pk", flat=True))
    for family_id in families:
        family_changed(family_id, today)
    return len(families)


def tick(now=None) -> dict:
    """What a worker does every few minutes: the day's round once a day, then due mail."""
    from django.db import IntegrityError, transaction

    from .models import DailyRun

    today = timezone.localdate(now)
    try:
        with transaction.atomic():
            DailyRun.objects.create(day=today)
        first_today = True
    except IntegrityError:
        first_today = False  # today's round already ran (another tick or worker)
    families = daily(today) if first_today else 0
    return {"families": families, "mails": send_due()}


def send_due() -> int:
    """Mail that is due now: digests, the end of quiet hours, retries."""
    users = delivery.users_with_due_mail()
    for user_id in users:
        send_notices.enqueue(user_id)
    return len(users)
