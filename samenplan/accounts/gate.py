"""Who may use the organisation's pages (not a family's: that is families/access.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Professional


def org_admin_for(request) -> Professional:
    """The organisation admin behind ``request``: 404 for non-professionals, 403 for others."""
    professional = (
        Professional.objects.filter(user_id=request.user.pk, is_active=True)
        .select_related("organization", "user")
        .first()
    )
    if professional is None:
        raise Http404
    if not professional.is_org_admin:
        raise PermissionDenied
    return professional
