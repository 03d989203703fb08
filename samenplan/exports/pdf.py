"""The plan on paper: a PDF made with WeasyPrint from an HTML template."""

from __future__ import annotations

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils import timezone

from samenplan.careteam.models import RoleCard
from samenplan.decisions.models import Decision
from samenplan.decisions.summary import latest_views
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Participant
from samenplan.plan.actions import help_question_current
from samenplan.plan.models import Agreement, Goal, GoalScore, Status, Step
from samenplan.plan.visibility import hidden_goal_ids


def plan_context(access: FamilyAccess) -> dict:
    hidden = hidden_goal_ids(access)
    goals = list(
        Goal.objects.current()
        .filter(family_id=access.family.pk, status=Status.ACCEPTED)
        .exclude(pk__in=hidden)
        .select_related("owner")
    )
    latest = Window(
        RowNumber(),
        partition_by=[F("goal_id"), F("author_id")],
        order_by=[F("created_at").desc(), F("id").desc()],
    )
    scores = list(
        GoalScore.objects.filter(family_id=access.family.pk, goal__in=goals)
        .annotate(row=latest)
        .filter(row=1)
        .select_related("author")
        .order_by("author__name")
    )
    steps = list(
        Step.objects.current()
        .filter(family_id=access.family.pk, status=Status.ACCEPTED)
        .exclude(goal_id__in=hidden)
        .select_related("owner__user", "goal")
        .order_by("done_at", "due_date", "id")[:200]
    )
    decisions = list(
        Decision.objects.filter(family_id=access.family.pk)
        .exclude(pk__in=access.scope.decisions)
        .select_related("chosen")
        .order_by("created_at")[:50]
    )
    views = latest_views([d.pk for d in decisions])
    participants = list(
        Participant.objects.active()
        .filter(family_id=access.family.pk)
        .select_related("user")
        .order_by("id")
    )
    cards = {c.participant_id: c for c in RoleCard.objects.filter(family_id=access.family.pk)}
    agreements = list(
        Agreement.objects.current()
        .filter(family_id=access.family.pk)
        .exclude(goal_id__in=hidden)
        .order_by("created_at")[:100]
    )
    return {
        "family": access.family,
        "printed": timezone.localtime(),
        "question": help_question_current(access.family.pk),
        "goals": [{"goal": g, "scores": [s for s in scores if s.goal_id == g.pk]} for g in goals],
        "steps": steps,
        "decisions": [
            {"decision": d, "views": [v for v in views if v.decision_id == d.pk]} for d in decisions
        ],
        "people": [{"participant": p, "card": cards.get(p.pk)} for p in participants],
        "agreements": agreements,
    }


def plan_pdf(access: FamilyAccess, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("exports/plan_pdf.html", plan_context(access))
    return HTML(string=html, base_url=base_url).write_pdf()
