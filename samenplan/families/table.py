"""The size of the table: how many professionals sit at it, against the family's maximum.

Professionals and client supporters count: both come from an organisation,
and the family asked for a small table (DEMO: "three professionals" are Eva,
Martijn and Joke). Pending invitations count too, so that two invitations in
a row cannot slip past the maximum.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from samenplan.families.models import Family, Invitation, Participant

PRO_ROLES = (Participant.Role.PROFESSIONAL, Participant.Role.CLIENT_SUPPORTER)


def professionals_at_table(family_id: int) -> int:
    seated = Participant.objects.active().filter(family_id=family_id, role__in=PRO_ROLES).count()
    pending = Invitation.objects.filter(
        family_id=family_id, role__in=PRO_ROLES, status=Invitation.Status.PENDING
    ).count()
    return seated + pending


def over_limit(family: Family, count_after: int) -> bool:
    return count_after > family.professional_limit


def warning(family: Family, count_after: int) -> str:
    return _(
        "Dan zitten er %(count)s professionals aan tafel. Jullie wilden er hoogstens "
        "%(limit)s. Kies wat jullie willen: toch erbij, of de tafel klein houden."
    ) % {"count": count_after, "limit": family.professional_limit}
