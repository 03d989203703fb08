from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.lib.visibility import FamilyQuerySet


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(FamilyQuerySet):
    # A log line about an item someone may not see is not shown to them.
    refers_to = ("object_type", "object_id")

    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be removed.")

    def bulk_create(self, objs, *args, **kwargs):
        from .chain import bump_versions, link

        objs = list(objs)
        if not objs:
            return objs
        with transaction.atomic(using=self.db, savepoint=False):
            link(objs)
            bump_versions(objs)
            return super().bulk_create(objs, *args, **kwargs)

    def for_family(self, family):
        return self.filter(family_id=family.pk)


class AuditEvent(models.Model):
    """One read or write of family data, kept for as long as the family's file.

    The fields follow NEN 7513 (logging of access to health records):

    - ``at``: when it happened.
    - ``actor``: the user who did it (``actor_name`` keeps the name as it was,
      so the log stays readable if the account changes).
    - ``on_behalf_of``: for whom the actor acted, if not for themselves
      (for example "in de woorden van Sem" or the organisation's name).
    - ``role``: the actor's role at the family's table at that moment
      (ouder, jongere, netwerk, professional, cliëntondersteuner, beheerder).
    - ``organization``: the actor's organisation at that moment, if any.
    - ``family``: whose data it was. Empty for events outside any family
      (a login, an organisation admin's change).
    - ``data``: which data, as a short code ("family_home", "consent", "access_log").
    - ``object_type`` / ``object_id``: the row concerned, if one.
    - ``action``: view, create, update, remove, or another verb from ``Action``.
    - ``emergency``: true when the data was opened through emergency access.
    - ``source``: where the request came from (IP address).
    - ``detail``: a short extra note without personal data.

    Rows are append-only: the ORM refuses update and delete, and on PostgreSQL
    a trigger refuses them as well.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("bekeek")
        CREATE = "create", _("voegde toe")
        UPDATE = "update", _("wijzigde")
        REMOVE = "remove", _("haalde weg")
        INVITE = "invite", _("nodigde uit")
        ACCEPT = "accept", _("nam aan")
        DECLINE = "decline", _("wees af")
        CONSENT_GIVE = "consent_give", _("gaf toestemming")
        CONSENT_WITHDRAW = "consent_withdraw", _("trok toestemming in")
        EXPORT = "export", _("downloadde")
        # Kindmodus: the phone handed to a child without an account, and back.
        HAND_OVER = "hand_over", _("gaf de telefoon aan")
        HAND_BACK = "hand_back", _("kreeg de telefoon terug van")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150)
    on_behalf_of = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=30, blank=True)
    organization = models.CharField(max_length=200, blank=True)
    # No index of its own: the (family, …) indexes below start with it.
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    data = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    emergency = models.BooleanField(default=False)
    source = models.CharField(max_length=64, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    # The chain (chain.py): the previous event's hash in this family, and this one's.
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["family", "-at"]),
            models.Index(fields=["family", "-id"], name="audit_chain_end"),
            # The access log's filters "who" and "what", newest first.
            models.Index(fields=["family", "actor_name", "-at"], name="audit_family_who"),
            models.Index(fields=["family", "data", "-at"], name="audit_family_what"),
        ]
        verbose_name = _("logregel")
        verbose_name_plural = _("logregels")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.data}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        from .chain import bump_versions, link

        with transaction.atomic(savepoint=False):
            link([self])
            bump_versions([self])
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be removed.")
