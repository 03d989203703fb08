"""What the decision page shows: the agreement table and the check's counts.

Individual check answers never leave this module except to their own author.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from samenplan.families.access import FamilyAccess
from samenplan.families.models import Member, Participant

from .actions import check_proxies, members_without_account
from .models import Check, Decision, Option, View

# Counts of the check show only when at least this many people other than the
# viewer answered: with fewer, the viewer could subtract their own answers and
# read someone else's.
CHECK_MIN_OTHERS = 3
# Answers below the middle of the 1–5 scale prompt the coordinator to talk about it.
CHECK_MIDPOINT = 3


def latest_views(access: FamilyAccess, decision_ids) -> list[View]:
    """Each person's newest view per decision that this person may see.

    Rows stay decisions × people however often someone changes their view.
    """
    latest = Window(
        RowNumber(),
        partition_by=[F("decision_id"), F("participant_id"), F("member_id")],
        order_by=[F("created_at").desc(), F("id").desc()],
    )
    return list(
        View.objects.visible_to(access)
        .filter(decision_id__in=list(decision_ids))
        .annotate(row=latest)
        .filter(row=1)
        .select_related("participant__user", "member", "written_by", "option")
        .order_by("created_at", "id")
    )


@dataclass
class Person:
    key: str
    name: str
    role: str
    view: View | None = None
    is_me: bool = False
    is_family: bool = False


@dataclass
class OptionRow:
    option: Option
    people: list[Person] = field(default_factory=list)
    share: int = 0  # percent of everyone who can have a view, for the bar


def people_at_table(
    access: FamilyAccess, participants: list[Participant], views: list[View]
) -> list[Person]:
    """Everyone who can have a view: people at the table and children without an account."""
    by_key = {view.person_key: view for view in views}
    people: list[Person] = []
    for p in participants:
        if p.role == Participant.Role.CLIENT_SUPPORTER:
            continue
        role = p.relation_label or p.organization_name or p.get_role_display()
        people.append(
            Person(
                key=f"p{p.pk}",
                name=p.user.name,
                role=role,
                view=by_key.pop(f"p{p.pk}", None),
                is_me=p.pk == access.participant.pk,
                is_family=p.role in (Participant.Role.PARENT, Participant.Role.YOUTH),
            )
        )
    for member in members_without_account(access, participants):
        people.append(
            Person(
                key=f"m{member.pk}",
                name=member.name,
                role=member.get_relation_display(),
                view=by_key.pop(f"m{member.pk}", None),
                is_family=True,
            )
        )
    # People who gave a view and have since left the table: their view still counts.
    for key, view in by_key.items():
        name = view.participant.user.name if view.participant_id else view.member.name
        people.append(Person(key=key, name=name, role="", view=view, is_family=False))
    return people


def agreement(options: list[Option], people: list[Person]) -> dict:
    rows = [OptionRow(option=o) for o in options]
    by_option = {row.option.pk: row for row in rows}
    unsure, silent = [], []
    for person in people:
        if person.view is None:
            silent.append(person)
        elif person.view.option_id is None or person.view.option_id not in by_option:
            unsure.append(person)
        else:
            by_option[person.view.option_id].people.append(person)
    for row in rows:
        row.share = round(100 * len(row.people) / len(people)) if people else 0
    chosen = [row for row in rows if row.people]
    return {
        "rows": rows,
        "unsure": unsure,
        "silent": silent,
        "voices": sum(len(row.people) for row in rows),
        "all_agree": len(chosen) == 1 and not unsure,
        "split": len(chosen) > 1,
    }


def check_summary(access: FamilyAccess, decision: Decision, participants=None) -> dict:
    """The viewer's own answers, and counts per statement once enough others answered.

    Other people's rows never leave the database: only counts do, and only
    when at least ``CHECK_MIN_OTHERS`` people other than the viewer answered.
    """
    visible = list(Check.objects.visible_to(access).filter(decision=decision))
    mine = next((c for c in visible if c.participant_id == access.participant.pk), None)
    written = {c.member_id: c for c in visible if c.written_for_someone}
    counts = Check.objects.counts(access, decision, minimum_others=CHECK_MIN_OTHERS)
    enough = counts is not None
    # Children without an account whose answers the viewer may write down, with
    # what the viewer wrote down for them before.
    children = []
    if decision.state != Decision.State.OPEN:
        for child in check_proxies(access, participants):
            earlier = written.get(child.pk)
            children.append(
                {
                    "member": child,
                    "answers": [(label, getattr(earlier, key)) for key, label in Check.STATEMENTS]
                    if earlier
                    else None,
                }
            )
    statements = []
    for key, label in Check.STATEMENTS:
        statements.append(
            {
                "key": key,
                "label": label,
                "counts": counts["statements"][key] if enough else None,
                "mine": getattr(mine, key) if mine else None,
            }
        )
    return {
        "answered": counts["answered"] if enough else None,
        "enough": enough,
        "statements": statements,
        "mine": mine,
        "talk_about_it": enough and counts["low"] and access.participant.is_coordinator,
        "children": children,
    }


def about_member(access: FamilyAccess, decision: Decision) -> Member | None:
    return next((m for m in access.members if m.pk == decision.about_id), None)
