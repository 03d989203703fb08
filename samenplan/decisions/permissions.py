"""What deciding together lets whom do; what of it can be left out or kept private."""

from django.utils.translation import gettext_lazy as _

from samenplan.families.permissions import (
    AUTHORITY_PARENT,
    COORDINATOR,
    FAMILY,
    FAMILY_MEMBER,
    PROFESSIONAL,
    WRITER,
    declare,
)
from samenplan.lib.visibility import private_kind, scope_kind

declare("decision.create", WRITER)
declare("decision.option", WRITER)
declare("decision.argument", WRITER)
declare(
    "decision.view",
    WRITER,
    doc="one's own; a parent with authority or a professional writes down a child's",
)
declare(
    "decision.outcome",
    FAMILY | PROFESSIONAL | COORDINATOR,
    doc="who may decide follows rules.py (age, authority, legal framework)",
)
declare("decision.assent", FAMILY_MEMBER, doc="those whose yes the decision needs")
declare("decision.objection", FAMILY_MEMBER, doc="once decided")
declare("decision.check", FAMILY_MEMBER, doc="once decided; each answer stays private")
declare(
    "decision.check_for",
    AUTHORITY_PARENT | PROFESSIONAL,
    doc="the answers of a child without an account, in the child's words; "
    "they stay with the one who wrote them down",
)
declare("decision.review", WRITER)

scope_kind("decision", "decisions.decision", _("beslissingen"))
private_kind("decisions.view")
