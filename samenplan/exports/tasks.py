"""The plan's PDF is made by the task worker, not in the web request.

Rendering takes WeasyPrint a few hundred milliseconds of CPU: in a request it
holds a web worker that long. The worker renders it for one person, as that
person may see it now, and keeps it in the shared cache under everything it
depends on (``pdf_key``). The family's data version is part of the key, so the
first write after it makes a new one; someone else never gets this person's.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django_tasks import task

from samenplan.families.access import FamilyAccess, access_for

from . import pdf

# A PDF kept for a day at most, even if nothing in the family changes: names of
# people and organisations may change without a write of this family.
PDF_SECONDS = 24 * 60 * 60
# While one is being made, the page does not ask for another.
BUSY_SECONDS = 120


def pdf_key(access: FamilyAccess, language: str) -> str:
    family = access.family
    return ":".join(
        str(part)
        for part in (
            "pdf",
            family.pk,
            family.data_version,
            access.participant.pk,
            int(access.emergency),
            language,
        )
    )


@task()
def render_plan_pdf(user_id: int, family_id: int, language: str) -> str:
    """Make the PDF of ``user_id`` for ``family_id`` and keep it; returns its key."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return ""
    try:
        access = access_for(user, family_id)
    except (Http404, PermissionDenied):
        return ""  # no longer at the table, or consent withdrawn: nothing to make
    with translation.override(language):
        key = pdf_key(access, language)
        content = pdf.plan_pdf(access, base_url=settings.SITE_ROOT.rstrip("/") + "/")
    cache.set(key, content, PDF_SECONDS)
    cache.delete(f"{key}:busy")
    return key


def ask_for_pdf(access: FamilyAccess, language: str) -> bytes | None:
    """The PDF if it is ready; otherwise ask the worker for it (once) and return None.

    Without a separate worker (tests, one-off scripts) the task runs at once, so
    the PDF is there when this returns.
    """
    key = pdf_key(access, language)
    content = cache.get(key)
    if content is None and cache.add(f"{key}:busy", True, BUSY_SECONDS):
        render_plan_pdf.enqueue(access.user.pk, access.family.pk, language)
        content = cache.get(key)
    return content
