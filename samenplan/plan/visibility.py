"""Which goals someone may see.

A youth of 12 or older may keep their own goal private: then only the youth
and the people they chose see it, and its scores, steps and timeline lines.
Every plan page asks ``hidden_goal_ids`` once and leaves those goals out,
together with the goals left out of the participant's consent (its scope).
"""

from __future__ import annotations

from samenplan.families.access import FamilyAccess

from .models import Goal


def hidden_goal_ids(access: FamilyAccess) -> set[int]:
    private = Goal.objects.filter(family_id=access.family.pk, private=True).values_list(
        "pk", "owner_id", "shared_with"
    )
    me = access.participant
    visible: set[int] = set()
    hidden: set[int] = set()
    is_youth = me.role == "youth" and me.member_id is not None
    for goal_id, owner_id, shared_with in private:
        own_goal = is_youth and owner_id == me.member_id
        if own_goal or shared_with == me.pk:
            visible.add(goal_id)
        else:
            hidden.add(goal_id)
    # Goals left out of this participant's consent are hidden as well.
    return (hidden - visible) | access.scope.goals
