"""Who may do what: every action on family data, declared once.

An action is a name (``"goal.edit"``) and a rule: which seats at the table may
do it. The core declares its own actions below; each feature declares its
actions in its ``permissions.py``, loaded when the app is ready. The gate
checks them — ``family_for(request, id, action="goal.edit")`` or
``access.require("goal.edit")`` — and every write function in ``actions.py``
checks its action again, so a view cannot forget.

Emergency access and a closed family are read-only: no action passes, except
the few marked ``when_closed`` (asking to destroy the file after closing).

Rules are small predicates on ``FamilyAccess`` combined with ``|``; the table
can be printed (``python manage.py permissions``) and is tested exhaustively.
Rules about one item (only the owner of a step marks it done) stay with the
action that needs them; the seat rule comes first, from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .access import FamilyAccess


@dataclass(frozen=True)
class Rule:
    """A seat rule: who at the table, described in a few words for the docs."""

    label: str
    test: Callable[[FamilyAccess], bool]

    def __call__(self, access: FamilyAccess) -> bool:
        return self.test(access)

    def __or__(self, other: Rule) -> Rule:
        return Rule(f"{self.label}, {other.label}", lambda a: self(a) or other(a))


# The seats. Each condition stands alone so that tests can name it.
ANYONE = Rule("anyone at the table", lambda a: True)
WRITER = Rule("anyone at the table but a client supporter", lambda a: not a.is_client_supporter)
FAMILY = Rule("a parent with authority or a youth of 12+", lambda a: a.speaks_for_family)
FAMILY_MEMBER = Rule("a parent or a youth", lambda a: a.role in ("parent", "youth"))
AUTHORITY_PARENT = Rule("a parent with authority", lambda a: a.is_authority_parent)
YOUTH_16 = Rule("a youth of 16+", lambda a: a.is_youth_16)
COORDINATOR = Rule("the care coordinator", lambda a: a.participant.is_coordinator)
PROFESSIONAL = Rule("a professional", lambda a: a.role == "professional")
TABLE_GUEST = Rule(
    "a professional or a client supporter", lambda a: a.role in ("professional", "client_supporter")
)
CONSENT_GIVER = Rule("someone whose consent counts", lambda a: a.gives_consent())
FILE_GIVER = Rule(
    "someone whose consent counts for the whole file", lambda a: a.gives_file_consent()
)
# Closing: the family in voluntary help; in a measure (OTS, voogdij,
# jeugdreclassering) only the GI carrying it out, with the legal basis.
CLOSER = Rule(
    "in voluntary help a parent with authority or a youth of 16+; in a measure the GI",
    lambda a: a.is_gi if a.family.in_measure else (a.is_authority_parent or a.is_youth_16),
)
REOPENER = Rule(
    "a parent with authority or a youth of 16+, within 30 days of closing",
    lambda a: (a.is_authority_parent or a.is_youth_16) and a.may_reopen_now,
)
PARENT_OR_PROFESSIONAL = Rule(
    "a parent or a professional", lambda a: a.role in ("parent", "professional")
)
NOBODY = Rule("nobody", lambda a: False)


@dataclass(frozen=True)
class Confirm:
    """An action that is hard to take back asks "weet je het zeker?" first.

    ``question`` is the page's heading, ``consequence`` what happens in plain
    words, ``yes`` the button that does it. ``when`` narrows it to some of the
    action's forms (closing.agree only when a criterion is taken away)."""

    question: str
    consequence: str
    yes: str
    when: Callable[[QueryDict], bool] = lambda post: True


class ConfirmFirst(Exception):
    """Raised by a write for a POST of an action declared with a confirmation
    that was not confirmed yet (the write's transaction is rolled back);
    ``families.confirm.ConfirmMiddleware`` shows the question."""

    def __init__(self, confirm: Confirm):
        super().__init__(confirm.question)
        self.confirm = confirm


# The field the confirmation page adds to the form it sends again.
CONFIRMED_FIELD = "bevestigd"


@dataclass(frozen=True)
class Action:
    name: str
    who: Rule
    when_closed: bool = False
    doc: str = ""
    # A read (the access log, a download) stays open under emergency access
    # and after closing; every other action is a write.
    read: bool = False
    confirm: Confirm | None = None
    # Kindmodus (child_mode.py): the few writes a child may do on a grown-up's phone.
    for_child: bool = False


ACTIONS: dict[str, Action] = {}


def declare(
    name: str,
    who: Rule,
    *,
    when_closed: bool = False,
    doc: str = "",
    read: bool = False,
    confirm: Confirm | None = None,
    for_child: bool = False,
) -> Action:
    """Declare an action once. Declaring a name twice is a mistake, and says so."""
    declared = Action(name, who, when_closed, doc, read, confirm, for_child)
    if name in ACTIONS and ACTIONS[name] != declared:
        raise ValueError(f"The action {name!r} is declared twice.")
    ACTIONS[name] = declared
    return declared


def action(name: str) -> Action:
    try:
        return ACTIONS[name]
    except KeyError:
        raise LookupError(f"Unknown action {name!r}: declare it in a permissions.py") from None


def allowed(access: FamilyAccess, name: str) -> bool:
    """Whether the person behind ``access`` may do ``name`` now."""
    declared = action(name)
    if not declared.read and access.emergency:
        return False
    if not declared.read and access.closed and not declared.when_closed:
        return False
    if access.child_member_id is not None and not (declared.read or declared.for_child):
        return False
    return declared.who(access)


def require(access: FamilyAccess, name: str) -> None:
    """Refuse with 403 unless the person behind ``access`` may do ``name`` now."""
    if not allowed(access, name):
        raise PermissionDenied


def confirm_first(name: str, post: QueryDict) -> None:
    """Ask first when ``name`` is declared with a confirmation and the form
    does not carry it yet. ``FamilyAccess.require`` calls this after the seat
    rules, so someone who may not do it is refused, never asked."""
    confirm = action(name).confirm
    if confirm is not None and confirm.when(post) and post.get(CONFIRMED_FIELD) != "1":
        raise ConfirmFirst(confirm)


# --- the core's own actions --------------------------------------------------------

declare("log.read", FAMILY, read=True, doc="the family's own access log")
declare("export.family", FAMILY, read=True, doc="JSON and FHIR of what this person may see")

declare("invite.table", AUTHORITY_PARENT | YOUTH_16 | COORDINATOR, doc="network, professionals")
declare(
    "invite.family",
    AUTHORITY_PARENT | YOUTH_16,
    doc="a parent's or a youth's own seat; a youth of 16+ only their own",
)
declare(
    "invitation.withdraw",
    AUTHORITY_PARENT | YOUTH_16 | COORDINATOR,
    confirm=Confirm(
        _("De uitnodiging intrekken?"),
        _(
            "De link in de e-mail werkt dan niet meer. "
            "Wil je deze persoon later toch vragen? Dan stuur je een nieuwe uitnodiging."
        ),
        _("Ja, trek de uitnodiging in"),
    ),
)
declare(
    "participant.end",
    AUTHORITY_PARENT | YOUTH_16 | COORDINATOR,
    confirm=Confirm(
        _("Iemand laten stoppen?"),
        _(
            "Deze persoon doet dan niet meer mee. Hij of zij ziet het plan van jullie gezin "
            "niet meer. Wat hij of zij schreef, blijft in het plan staan. "
            "Later kun je iemand opnieuw uitnodigen."
        ),
        _("Ja, laat stoppen"),
    ),
)
declare("consent.give", CONSENT_GIVER)
declare(
    "consent.withdraw",
    CONSENT_GIVER,
    when_closed=True,
    doc="always possible: it only narrows who reads",
)
declare("consent.scope", CONSENT_GIVER, doc="each giver's own exclusions")
declare("member.edit", FAMILY, doc="name, birth date, sex, household; never authority")
declare("member.add", AUTHORITY_PARENT, doc="a new baby, a step-parent, a foster parent")
declare("member.authority", AUTHORITY_PARENT, doc="who has gezag, with why; kept in the history")
declare("closing.criterion", WRITER, doc="a professional's criterion is a draft for the family")
declare(
    "closing.agree",
    FAMILY,
    doc="agree to, change, tick off or end a closing criterion",
    confirm=Confirm(
        _("Dit punt weghalen?"),
        _(
            "Dit punt hoort dan niet meer bij wat jullie nodig hebben om af te sluiten. "
            "In de geschiedenis blijft het staan."
        ),
        _("Ja, haal weg"),
        when=lambda post: post.get("what") == "remove",
    ),
)
declare("closing.answer", WRITER)
declare("closing.plan", FAMILY)
declare(
    "family.close",
    CLOSER,
    doc="needs every consent giver's yes in voluntary help",
    confirm=Confirm(
        _("Het plan afsluiten?"),
        _(
            "Daarna kan niemand meer iets in het plan veranderen. Iedereen kan het nog "
            "lezen. De professionals stoppen. Binnen 30 dagen kan het gezin het plan "
            "weer openen."
        ),
        _("Ja, sluit af"),
    ),
)
declare("family.reopen", REOPENER, when_closed=True, doc="“we willen toch verder”")
declare("move.propose", FAMILY | COORDINATOR, doc="to another organisation or another Samenplan")
declare("move.answer", FILE_GIVER, doc="every consent giver says yes before a move happens")
declare("move.download", FILE_GIVER, read=True, doc="the signed moving file, after everyone's yes")
declare("destruction.request", FAMILY, when_closed=True)
declare(
    "child_mode.start",
    PARENT_OR_PROFESSIONAL,
    doc="hand the phone to a child without an account: only the child's part shows",
)
declare("child_mode.end", ANYONE, for_child=True, doc="“Klaar”: the phone is the grown-up's again")
declare(
    "destruction.approve",
    NOBODY,
    doc="not a professional at the table: the organisation's privacy officer, with a second person",
)
