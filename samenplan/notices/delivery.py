"""From waiting items to notifications, and from notifications to one short mail.

``sync(family_id)`` runs after what waits in a family was worked out again:
a new waiting item for someone becomes a notification (once per key); an
item that is gone takes its unsent notification with it. ``send_for(user)``
sends one mail for everything that is due, at the time the person chose,
never in their quiet hours, and never with family content.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from samenplan.accounts.models import User
from samenplan.families.models import WaitingItem

from .models import NoticeSettings, Notification

RETRY_MINUTES = 5


def settings_for(user) -> NoticeSettings:
    found = NoticeSettings.objects.filter(user_id=user.pk).first()
    return found or NoticeSettings(user_id=user.pk)


def _in_quiet_hours(prefs: NoticeSettings, at: datetime) -> bool:
    now = timezone.localtime(at).time()
    start, end = prefs.quiet_from, prefs.quiet_until
    if start == end:
        return False
    if start < end:
        return start <= now < end
    return now >= start or now < end


def _next_morning(prefs: NoticeSettings, at: datetime) -> datetime:
    """The next moment the quiet hours end (the start of someone's day)."""
    local = timezone.localtime(at)
    candidate = local.replace(
        hour=prefs.quiet_until.hour, minute=prefs.quiet_until.minute, second=0, microsecond=0
    )
    if candidate <= local:
        candidate += timedelta(days=1)
    return candidate


def send_time(prefs: NoticeSettings, at: datetime | None = None) -> datetime | None:
    """When a notification made at ``at`` may go out by mail; ``None``: never by mail."""
    at = at or timezone.now()
    if prefs.frequency == NoticeSettings.Frequency.APP:
        return None
    if prefs.frequency == NoticeSettings.Frequency.DIRECT:
        return _next_morning(prefs, at) if _in_quiet_hours(prefs, at) else at
    morning = _next_morning(prefs, at)
    if prefs.frequency == NoticeSettings.Frequency.WEEKLY:
        while morning.weekday() != 0:
            morning += timedelta(days=1)
    return morning


@transaction.atomic
def sync(family_id: int) -> list[tuple[int, datetime]]:
    """Notifications for the family's new waiting items; unsent ones for gone items go.

    Returns (user id, send time) for mails that should be sent.
    """
    wanted = set(
        WaitingItem.objects.filter(family_id=family_id, kind=WaitingItem.Kind.MINE).values_list(
            "user_id", "key"
        )
    )
    have = {(n.user_id, n.key): n for n in Notification.objects.filter(family_id=family_id)}
    cancelled = [
        n.pk
        for pair, n in have.items()
        if pair not in wanted and n.sent_at is None and n.failed_at is None
    ]
    if cancelled:
        Notification.objects.filter(pk__in=cancelled).delete()
    new = sorted(pair for pair in wanted if pair not in have)
    if not new:
        return []
    prefs = {p.user_id: p for p in NoticeSettings.objects.filter(user_id__in={u for u, _k in new})}
    now = timezone.now()
    made, due = [], {}
    for user_id, key in new:
        when = send_time(prefs.get(user_id) or NoticeSettings(user_id=user_id), now)
        made.append(
            Notification(
                user_id=user_id,
                family_id=family_id,
                key=key,
                created_at=now,
                by_mail=when is not None,
                send_after=when,
            )
        )
        if when is not None:
            due[user_id] = min(when, due.get(user_id, when))
    Notification.objects.bulk_create(made, ignore_conflicts=True)
    return sorted(due.items())


def mail_for(user) -> tuple[str, str]:
    """The subject and body: the same for everyone, with no family content at all."""
    with override(user.language or "nl"):
        context = {"url": settings.SITE_ROOT.rstrip("/") + "/voor-jou/"}
        subject = render_to_string("notices/mail_subject.txt", context).strip()
        body = render_to_string("notices/mail_body.txt", context)
    return subject, body


def send_for(user_id: int, now: datetime | None = None) -> datetime | None:
    """Send one mail for everything due for this person.

    Returns when to try again after a failure (``None``: nothing left to do).
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(Notification.objects.select_for_update().due(now).filter(user_id=user_id))
        if not due:
            return None
        user = User.objects.filter(pk=user_id, is_active=True).first()
        ids = [n.pk for n in due]
        if user is None or not user.email:
            Notification.objects.filter(pk__in=ids).update(failed_at=now, last_error="no address")
            return None
        subject, body = mail_for(user)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried
            attempts = max(n.attempts for n in due) + 1
            retry = now + timedelta(minutes=RETRY_MINUTES * 2 ** (attempts - 1))
            gave_up = attempts >= Notification.MAX_ATTEMPTS
            Notification.objects.filter(pk__in=ids).update(
                attempts=attempts,
                last_error=type(error).__name__[:100],
                send_after=retry,
                failed_at=now if gave_up else None,
            )
            return None if gave_up else retry
        Notification.objects.filter(pk__in=ids).update(sent_at=now)
    return None


def users_with_due_mail(now: datetime | None = None) -> list[int]:
    return sorted(set(Notification.objects.due(now).values_list("user_id", flat=True)))
