"""Writes of the notices: a person's own settings."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from samenplan.audit.actions import event_record
from samenplan.lib.errors import StaleEdit

from .models import NoticeSettings


@transaction.atomic
def notice_settings_save(
    *, user, expected_version: int, frequency: str, quiet_from, quiet_until, request=None
) -> NoticeSettings:
    """Save how and when this person hears from Samenplan, over the version they saw."""
    changes = {"frequency": frequency, "quiet_from": quiet_from, "quiet_until": quiet_until}
    if expected_version == 0:
        try:
            with transaction.atomic():
                saved = NoticeSettings.objects.create(user=user, **changes)
        except IntegrityError:
            raise StaleEdit(message=_("Je had dit intussen al ergens anders aangepast.")) from None
    else:
        updated = NoticeSettings.objects.filter(user=user, version=expected_version).update(
            version=F("version") + 1, **changes
        )
        if not updated:
            raise StaleEdit(message=_("Je had dit intussen al ergens anders aangepast."))
        saved = NoticeSettings.objects.get(user=user)
    # Not family data; kept in the log beside other account changes.
    event_record(actor=user, action="update", data="notice_settings", obj=saved, request=request)
    return saved
