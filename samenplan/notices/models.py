"""How and when each person hears that something waits for them.

A notification never holds family content: it names a waiting item by its
key only, and the mail says "Er staat iets voor je klaar" with a link.
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.visibility import FamilyQuerySet


class NoticeSettings(models.Model):
    """A person's own choice: how often mail, and when never."""

    class Frequency(models.TextChoices):
        DIRECT = "direct", _("Meteen een e-mail")
        DAILY = "daily", _("Eén e-mail per dag, 's ochtends")
        WEEKLY = "weekly", _("Eén e-mail per week, op maandagochtend")
        APP = "app", _("Geen e-mail: ik kijk zelf in Samenplan")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_settings"
    )
    frequency = models.CharField(
        _("Hoe wil je horen dat er iets voor je klaarstaat?"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.DIRECT,
    )
    quiet_from = models.TimeField(_("Geen e-mail vanaf"), default=time(21, 0))
    quiet_until = models.TimeField(_("tot"), default=time(8, 0))
    version = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"{self.user_id}: {self.frequency}"


class NotificationQuerySet(FamilyQuerySet):
    # Bookkeeping of mail, not part of the family's file: never exported or moved.
    derived = True

    def rules(self, queryset, access):
        return queryset.filter(user_id=access.user.pk)

    def due(self, now=None):
        return self.filter(
            by_mail=True,
            sent_at__isnull=True,
            failed_at__isnull=True,
            send_after__lte=now or timezone.now(),
        )


class Notification(models.Model):
    """One person is told once about one waiting item (its key).

    When the item is gone before the mail went out (withdrawn, done, no longer
    visible), the notification goes too. A failed mail is tried again later;
    after ``MAX_ATTEMPTS`` the organisation's admin sees that it failed.
    """

    MAX_ATTEMPTS = 5

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    by_mail = models.BooleanField(default=True)
    send_after = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The kind of error only (e.g. "SMTPServerDisconnected"), never an address or text.
    last_error = models.CharField(max_length=100, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_notification_per_key")
        ]
        indexes = [models.Index(fields=["sent_at", "send_after"])]

    def __str__(self):
        return f"{self.user_id}: {self.key}"


class DailyRun(models.Model):
    """The day's round of reminders ran (once a day, however many workers tick)."""

    day = models.DateField(unique=True)
    at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.day)
