"""Small builders for tests: a family with exactly the people a test needs.

The demo (``samenplan.demo``) is a story for journeys; a test that checks one
rule builds its own small family here, so that rewriting the story never
breaks it::

    family = FamilyBuilder("Gezin Test")
    mother = family.parent("Mira", authority=True)
    child = family.child("Ties", age=14, account=True)
    worker = family.professional("Wim", consent=True)
    access = family.access(mother)
"""

from __future__ import annotations

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from samenplan.accounts.models import Organization, Professional, User
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Consent, Family, Member, Participant
from samenplan.lib.dates import years_before


def user(email: str, name: str = "") -> User:
    found = User.objects.filter(email=email).first()
    if found:
        return found
    made = User.objects.create_user(email=email, name=name or email.split("@")[0])
    # As an accepted invitation or an organisation's admin leaves it: the address is
    # known to be theirs, so logging in does not ask to verify it first.
    EmailAddress.objects.create(user=made, email=email, verified=True, primary=True)
    return made


def default_organization() -> Organization:
    return Organization.objects.get_or_create(name="Wijkteam Test", defaults={"kind": "wijkteam"})[
        0
    ]


class FamilyBuilder:
    """A family, its members and the people at its table."""

    def __init__(self, name: str = "Gezin Test", **fields):
        # Most families have an organisation that answers for the file.
        fields.setdefault("organization", default_organization())
        self.family = Family.objects.create(name=name, **fields)
        self.seats: dict[str, Participant] = {}
        self._n = 0

    def _email(self, name: str) -> str:
        self._n += 1
        return f"{name.lower().replace(' ', '.')}.{self.family.pk}.{self._n}@example.org"

    def parent(self, name: str, *, authority: bool = True, account: bool = True) -> Participant:
        member = Member.objects.create(
            family=self.family,
            name=name,
            relation=Member.Relation.PARENT,
            has_authority=authority,
            birth_date=years_before(timezone.localdate(), 40),
        )
        return self._seat(name, "parent", member) if account else member

    def child(self, name: str, *, age: int, account: bool = False):
        born = years_before(timezone.localdate(), age, days=30)
        member = Member.objects.create(
            family=self.family, name=name, relation=Member.Relation.CHILD, birth_date=born
        )
        if not account:
            return member
        return self._seat(name, "youth", member)

    def professional(self, name: str, *, consent: bool = True, organization=None) -> Participant:
        organization = organization or default_organization()
        account = user(self._email(name), name)
        Professional.objects.get_or_create(user=account, defaults={"organization": organization})
        seat = Participant.objects.create(
            family=self.family,
            user=account,
            role="professional",
            organization_name=organization.name,
        )
        self.seats[name] = seat
        if consent:
            self.consent_all(seat)
        return seat

    def network(self, name: str, *, consent: bool = True) -> Participant:
        seat = self._seat(name, "network", None)
        if consent:
            self.consent_all(seat)
        return seat

    def _seat(self, name: str, role: str, member) -> Participant:
        seat = Participant.objects.create(
            family=self.family, user=user(self._email(name), name), role=role, member=member
        )
        self.seats[name] = seat
        return seat

    def consent_all(self, seat: Participant) -> None:
        """Every member whose consent counts gives it (for the file and their own items)."""
        for member in self.access(None).consent_voices:
            giver = Participant.objects.filter(family=self.family, member=member).first()
            Consent.objects.create(
                family=self.family,
                participant=seat,
                member=member,
                given_by=giver.user if giver else seat.user,
            )

    def access(self, seat: Participant | None, **extra) -> FamilyAccess:
        """The gate's answer for ``seat`` (``None``: a bare look at the family)."""
        members = list(Member.objects.filter(family=self.family))
        if seat is None:
            seat = Participant(family=self.family, role="parent")
        consents = list(Consent.objects.active().filter(participant=seat)) if seat.pk else []
        return FamilyAccess(
            family=self.family, participant=seat, members=members, consents=consents, **extra
        )


def birthday(age: int, days: int = 0) -> date:
    return years_before(timezone.localdate(), age) - timedelta(days=days)
