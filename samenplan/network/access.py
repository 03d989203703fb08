"""Who sees the family group plan.

The family group plan is written by the family and its network in a space
professionals do not see. Drafts are visible to parents, youths and the
network; professionals and client supporters see a plan only once the
family has shared it.
"""

from __future__ import annotations

from samenplan.families.access import FamilyAccess

FAMILY_SIDE = ("parent", "youth", "network")


def sees_drafts(access: FamilyAccess) -> bool:
    return access.participant.role in FAMILY_SIDE


def writes_plan(access: FamilyAccess) -> bool:
    """The family and its network write the family group plan."""
    return sees_drafts(access) and access.can("edit")
