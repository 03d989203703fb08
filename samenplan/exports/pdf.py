"""The plan on paper: a PDF made with WeasyPrint from an HTML template."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from samenplan.careteam.models import RoleCard
from samenplan.decisions.models import Decision
from samenplan.decisions.summary import latest_views
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Participant
from samenplan.plan.actions import help_question_current
from samenplan.plan.models import Agreement, Goal, GoalScore, Status, Step


def plan_context(access: FamilyAccess) -> dict:
    goals = list(
        Goal.objects.visible_to(access)
        .current()
        .filter(status=Status.ACCEPTED)
        .select_related("owner")
    )
    scores = list(
        GoalScore.objects.visible_to(access)
        .filter(goal__in=goals)
        .latest_per_person()
        .select_related("author")
        .order_by("author__name")
    )
    steps = list(
        Step.objects.visible_to(access)
        .current()
        .filter(status=Status.ACCEPTED)
        .select_related("owner__user", "goal")
        .order_by("done_at", "due_date", "id")[:200]
    )
    decisions = list(
        Decision.objects.visible_to(access).select_related("chosen").order_by("created_at")[:50]
    )
    views = latest_views(access, [d.pk for d in decisions])
    participants = list(
        Participant.objects.visible_to(access).active().select_related("user").order_by("id")
    )
    cards = {c.participant_id: c for c in RoleCard.objects.visible_to(access)}
    agreements = list(Agreement.objects.visible_to(access).current().order_by("created_at")[:100])
    return {
        "family": access.family,
        "printed": timezone.localtime(),
        "question": help_question_current(access),
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
