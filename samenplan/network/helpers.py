"""Who from Ons netwerk helps with which step, offered to the plan through the core's hooks.

The plan comes before the network and imports nothing of it; these hooks
(registered in ``permissions.py``) let its step forms offer the network's
people and let its pages name who helps.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from samenplan.lib.errors import ActionError

from .models import NetworkPerson, StepHelper


def _people(access):
    return (
        NetworkPerson.objects.visible_to(access)
        .filter(
            removed_at__isnull=True,
            status=NetworkPerson.Status.ACCEPTED,
            in_network=True,
            died=False,
        )
        .order_by("name", "id")
    )


def choices(*, access) -> list[tuple[int, str]]:
    """The network's people a step can name as helper."""
    return [(p.pk, p.name) for p in _people(access)[:200]]


def helpers(*, access, step_ids) -> dict[int, tuple[int, str]]:
    """For each step (of those given) with a helper: (person id, name)."""
    rows = (
        StepHelper.objects.visible_to(access)
        .filter(step_id__in=list(step_ids))
        .select_related("person")
    )
    return {row.step_id: (row.person_id, row.person.name) for row in rows}


def set_helper(*, access, step, person_id: int | None) -> None:
    """Name (or clear) the helper of a step, inside the step's own write."""
    if person_id is None:
        StepHelper.objects.filter(family_id=access.family.pk, step_id=step.pk).delete()
        return
    person = _people(access).filter(pk=person_id).first()
    if person is None:
        raise ActionError(_("Kies iemand uit jullie netwerk."))
    StepHelper.objects.update_or_create(
        step_id=step.pk, defaults={"family_id": access.family.pk, "person": person}
    )
