"""Every change in a family (its audit row) refreshes what waits for whom, after commit."""

import threading

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from samenplan.audit.models import AuditEvent

from .work import family_changed

_pending = threading.local()

READS = {AuditEvent.Action.VIEW, AuditEvent.Action.EXPORT}


@receiver(post_save, sender=AuditEvent)
def audit_written(sender, instance, created, **kwargs):
    if not created or instance.family_id is None or instance.action in READS:
        return
    families = getattr(_pending, "families", None)
    if families is None:
        families = _pending.families = set()
    if not families:
        transaction.on_commit(_flush)
    families.add(instance.family_id)


def _flush():
    families = getattr(_pending, "families", set())
    _pending.families = set()
    for family_id in sorted(families):
        family_changed(family_id)
