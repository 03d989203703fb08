"""De stem van het kind: everything one child said, chose, scored or made.

The page gathers it in time order, so that the family and the professionals
read the child's own words before they decide. The gate knows no feature:
each feature registers what it holds of a child (``@voice_of``), reading
through the visibility layer like any page, so a private view of Noor stays
out of her page for everyone she did not choose. Each source costs a fixed
number of queries, whatever the size of the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .models import Member, Participant

_SOURCES: list[Callable] = []


@dataclass
class Said:
    """One thing a child said, chose, scored or made."""

    at: datetime
    what: str  # "gaf een mening", "gaf een cijfer": a verb phrase, the child is the subject
    about: str = ""  # the decision's question, the goal: what it was about
    words: list[tuple[str, str]] = field(default_factory=list)  # (label, the child's words)
    url: str = ""
    written_by: str = ""  # who wrote it down for the child; empty: the child did
    private: bool = False  # kept for the child and the people the child chose
    added_by: str = ""  # who put in what the child made, if not the child
    picture: str = ""  # the address of a drawing or photo the child made
    sound: str = ""  # the address of a voice note
    phone_of: str = ""  # the child did it themselves, in kindmodus on this grown-up's phone


@dataclass
class Child:
    """The child, and the accounts that are theirs (a youth may have a seat)."""

    member: Member
    user_ids: set[int]

    @property
    def name(self) -> str:
        return self.member.name


def voice_of(function: Callable) -> Callable:
    """Register ``function(access, child) -> Iterable[Said]``."""
    if function not in _SOURCES:
        _SOURCES.append(function)
    return function


def child_of(access, member: Member) -> Child:
    seats = Participant.objects.filter(family_id=access.family.pk, member=member)
    return Child(member=member, user_ids=set(seats.values_list("user_id", flat=True)))


def everything_said(access, member: Member) -> list[Said]:
    """All a child said that this person may see, newest first."""
    child = child_of(access, member)
    said: list[Said] = []
    for source in _SOURCES:
        said.extend(_each(source(access, child)))
    return sorted(said, key=lambda s: s.at, reverse=True)


def _each(items: Iterable[Said] | None) -> Iterable[Said]:
    return items or ()
