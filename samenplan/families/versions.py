"""The family's data version, and pages kept in the cache under it.

Every write of a family's data raises ``Family.data_version`` in the write's
own transaction: the audit layer does it with each write's log row (actions
write through ``save_versioned`` and bulk updates, which send no signals), and
the receivers below do it for rows saved or removed one by one elsewhere (the
demo, the test builders, the admin). A page part cached under the old number
is then never read again, so the next request of every person sees the write.

``cached_part`` keeps a rendered part of a page under everything it depends
on: the family and its version, the person looking (so what one may see is
never shown to another), emergency access, kindmodus, the language, the day (pages say
"te laat" and "vandaag") and the browser's CSRF secret (the part holds forms).
It stays at most ``PAGE_CACHE_SECONDS``, for what changes without a write
of this family (someone's account name).
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.middleware.csrf import get_token
from django.utils import timezone, translation

# Rows written while a page is only read: they must not make every view a miss.
NOT_FAMILY_DATA = {"audit.auditevent", "families.waitingitem"}


def bump(family_id: int | None) -> None:
    from .models import Family

    if family_id is not None:
        Family._base_manager.filter(pk=family_id).update(data_version=F("data_version") + 1)


def _family_id(instance) -> int | None:
    if instance._meta.label_lower in NOT_FAMILY_DATA:
        return None
    if instance._meta.label_lower == "families.family":
        return None  # the family's own row: its writes are audited
    return getattr(instance, "family_id", None)


@receiver(post_save, dispatch_uid="family-version-save")
@receiver(post_delete, dispatch_uid="family-version-delete")
def _row_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    bump(_family_id(instance))


@receiver(m2m_changed, dispatch_uid="family-version-m2m")
def _links_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump(_family_id(instance))


def cached_part(request, access, name: str, render) -> str:
    """The part ``name`` of a page for this person now: from the cache, or ``render()``.

    ``render()`` returns the HTML, or ``(html, until)`` for a part that changes
    by itself at a known moment (a meeting starts, an alarm goes off): it is
    kept until then and no longer.
    """
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        made = render()
        return made[0] if isinstance(made, tuple) else made
    if not request.META.get("CSRF_COOKIE"):
        get_token(request)  # a first visit: the part's forms need this browser's secret
    browser = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()[:16]
    family = access.family
    key = ":".join(
        str(part)
        for part in (
            "kept",
            name,
            family.pk,
            family.data_version,
            access.participant.pk,
            int(access.emergency),
            # A phone in kindmodus shows the child's part only (families/child_mode.py).
            access.child_member_id or "",
            translation.get_language(),
            timezone.localdate().isoformat(),
            browser,
        )
    )
    cache = caches["pages"]
    kept = cache.get(key)
    if kept is None or (kept[1] is not None and timezone.now() >= kept[1]):
        made = render()
        kept = made if isinstance(made, tuple) else (made, None)
        cache.set(key, kept, seconds)
    return fresh_tokens(kept[0])


# A create form's one-time token (families/once.py), with or without a prefix.
_ONCE = re.compile(r'(name="(?:[\w-]+-)?once" value=")[\w-]*(")')


def fresh_tokens(html: str) -> str:
    """A new one-time token in every create form of a kept part: a token must be
    new on every page, or two tabs would share it and the second save would be
    dropped as a repeat of the first."""
    from django.utils.safestring import SafeData, mark_safe

    from .once import new_token

    renewed = _ONCE.sub(lambda m: f"{m.group(1)}{new_token()}{m.group(2)}", html)
    # Only URL-safe tokens went in: what was safe to show still is.
    return mark_safe(renewed) if isinstance(html, SafeData) else renewed
