"""What a child made: who may add it, who may take it away."""

from django.utils.translation import gettext_lazy as _

from samenplan.families import child_mode
from samenplan.families.permissions import WRITER, Confirm, declare

declare(
    "creation.add",
    WRITER,
    for_child=True,
    doc="a child's own, or for a child without an account by a parent or a professional",
)
declare(
    "creation.remove",
    WRITER,
    doc="who put it in, the child, or a parent with authority; the file itself is wiped",
    confirm=Confirm(
        _("Deze tekening, foto of dit bericht weghalen?"),
        _(
            "Het bestand is daarna weg, voor iedereen. Dat kan niet terug. "
            "In het plan staat alleen nog dat het er was."
        ),
        _("Ja, haal weg"),
    ),
)

# A child on a grown-up's phone puts a drawing beside their own goal, and sees it.
child_mode.allow("creations:add", "creations:file")
