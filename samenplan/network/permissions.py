"""What "Ons netwerk" lets whom do; the family group plan can be left out of consent."""

from django.utils.translation import gettext_lazy as _

from samenplan.families.permissions import FAMILY, WRITER, Confirm, Rule, declare
from samenplan.lib.visibility import scope_kind

# The family and its own network write the family group plan; professionals
# and client supporters read it once the family shares it.
FAMILY_SIDE = Rule(
    "a parent, a youth or the network", lambda a: a.role in ("parent", "youth", "network")
)

declare("network_person.create", WRITER, doc="the family adds; others propose")
declare("network_person.edit", FAMILY, doc="others propose a new person instead")
declare(
    "network_person.remove",
    FAMILY,
    confirm=Confirm(
        _("Deze persoon uit jullie netwerk halen?"),
        _(
            "Deze persoon staat dan niet meer in jullie netwerk en niet meer in de "
            "tekeningen. Stappen en afspraken met deze persoon blijven staan. "
            "Je kunt iemand later opnieuw toevoegen."
        ),
        _("Ja, haal uit het netwerk"),
    ),
)
declare("network_person.decide", FAMILY, doc="accept or decline a proposed person")
declare("relationship.create", FAMILY)
declare("life_event.create", FAMILY)
declare("family_plan.write", FAMILY_SIDE)
declare("family_plan.share", FAMILY)
declare(
    "about_us.write",
    FAMILY,
    doc="Wie zijn wij: the family's own words, all optional; the family chooses who reads it",
)

scope_kind("family_plan", "network.familygroupplan", _("het familiegroepsplan"), whole=True)


def _provide_hooks() -> None:
    from samenplan.families.hooks import provide

    from . import helpers

    # "Wie helpt waarmee": the plan's step forms and pages ask for these.
    provide("step.helper_choices")(helpers.choices)
    provide("step.helpers")(helpers.helpers)
    provide("step.helper_set")(helpers.set_helper)


_provide_hooks()
