"""Who decides, and who must agree: the rules of ``Decision.mode``.

- *samen besloten*: the parents with authority and the youth of 12 or older
  agree. When the decision is about one child, that child counts if they are
  12 or older; when it is about the whole family, every child of 12 or older.
- *besloten door de ouders*: the parents with authority agree. Not for a
  decision about a youth of 12 or older: from 12 a youth decides about their
  own care together with the parents, from 16 alone (Jeugdwet art. 7.3.4
  and 7.3.5; for medical care WGBO, BW art. 7:447 and 7:450).
- *besloten door de jongere*: only about a youth of 16 or older, who agrees.
- *gedwongen kader* (a professional, the GI or the judge): nobody's yes is
  asked, but a legal basis is required and the family's views stay beside the
  decision. A professional or the GI decides only when the family is in a
  compulsory framework; only a professional records such a decision, and a
  judge's decision may also be recorded by the family itself.

A child without a known birth date counts as under 12, as for consent.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from samenplan.families.access import FamilyAccess
from samenplan.families.models import Family, Member

from .models import COMPULSORY_MODES, Decision

Mode = Decision.Mode


def _age(member: Member, on: date) -> int:
    age = member.age(on)
    return -1 if age is None else age


def parents_with_authority(members: list[Member]) -> list[Member]:
    return [m for m in members if not m.is_child and m.has_authority]


def youths_concerned(members: list[Member], about: Member | None, on: date) -> list[Member]:
    """The youths of 12+ whose yes counts for a decision together."""
    if about is not None:
        return [about] if about.is_child and _age(about, on) >= 12 else []
    return [m for m in members if m.is_child and _age(m, on) >= 12]


def to_be_heard(mode: str, members: list[Member], about: Member | None, on: date) -> list[Member]:
    """The children whose own view must be there before the decision is written down.

    Hoorrecht: a youth of 12 or older is heard about every decision about them
    (Jeugdwet art. 7.3.4; BW 1:809 for the judge). In a compulsory framework the
    child it is about is heard whatever their age, and when it is about the
    whole family every youth of 12 or older. A view written down for a child
    without an account counts; otherwise the reason it is missing is required.
    """
    if mode in COMPULSORY_MODES:
        if about is not None and about.is_child:
            return [about]
        return youths_concerned(members, None, on)
    if about is not None:
        return youths_concerned(members, about, on)
    return []


def required(mode: str, members: list[Member], about: Member | None, on: date) -> list[Member]:
    """The family members who must say yes before the decision stands."""
    if mode == Mode.TOGETHER:
        return parents_with_authority(members) + youths_concerned(members, about, on)
    if mode == Mode.PARENTS:
        return parents_with_authority(members)
    if mode == Mode.YOUTH:
        return [about] if about is not None else []
    return []


def mode_refusal(access: FamilyAccess, mode: str, about: Member | None) -> str | None:
    """Why ``access``'s person may not record a decision in ``mode``; None when they may."""
    on = access.today
    is_professional = access.participant.role == "professional"
    if mode not in Mode.values:
        return _("Kies wie er beslist.")
    if mode == Mode.PARENTS and about is not None and about.is_child and _age(about, on) >= 12:
        return _(
            "Over de hulp aan een jongere van 12 jaar of ouder beslissen de ouders niet alleen. "
            "Kies 'samen besloten' of, vanaf 16 jaar, 'besloten door de jongere'."
        )
    if mode == Mode.YOUTH and (about is None or not about.is_child or _age(about, on) < 16):
        return _("Een jongere beslist zelf over de eigen hulp vanaf 16 jaar.")
    if mode in (Mode.PROFESSIONAL, Mode.GI):
        if access.family.legal_framework == Family.Framework.VOLUNTARY:
            return _(
                "Dit gezin krijgt vrijwillige hulp. Dan beslist geen professional of GI "
                "in plaats van het gezin."
            )
        if not is_professional:
            return _("Alleen een professional legt zo'n beslissing vast.")
    if mode == Mode.JUDGE and not (is_professional or access.speaks_for_family):
        return _("Een beslissing van de rechter legt een professional of het gezin vast.")
    return None


def allowed_modes(access: FamilyAccess, about: Member | None) -> list[str]:
    return [mode for mode in Mode.values if mode_refusal(access, mode, about) is None]


def can_record_outcome(access: FamilyAccess) -> bool:
    """The family, the professionals and the coordinator write down what was decided."""
    return access.may("decision.outcome")


def is_compulsory(mode: str) -> bool:
    return mode in COMPULSORY_MODES
