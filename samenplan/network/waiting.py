"""What the network asks of the family: people proposed by others."""

from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.families.waiting import FAMILY, Item, source

from .models import NetworkPerson


@source
def proposed_people(access):
    rows = (
        NetworkPerson.objects.visible_to(access)
        .filter(status=NetworkPerson.Status.PROPOSED, removed_at__isnull=True)
        .select_related("created_by")
        .order_by("id")
    )
    url = reverse("network:overview", args=[access.family.pk]) + "#proposals-title"
    decides = access.may("network_person.decide")
    for person in rows:
        key = f"network.networkperson:{person.pk}:proposed"
        if decides:
            yield Item(
                key,
                _("%(by)s stelt voor om %(name)s in jullie netwerk te zetten.")
                % {"by": person.created_by.name, "name": person.name},
                url,
            )
        elif person.created_by_id == access.user.pk:
            yield Item(
                key,
                _("Je voorstel (%(name)s) wacht op het gezin.") % {"name": person.name},
                url,
                kind=FAMILY,
            )
