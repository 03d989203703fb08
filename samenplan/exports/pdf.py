"""The plan on paper: a PDF made with WeasyPrint from an HTML template."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.careteam.models import RoleCard, SafetyScenario
from samenplan.decisions.models import Decision
from samenplan.decisions.summary import latest_views
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Participant
from samenplan.plan.actions import help_question_current
from samenplan.plan.charts import score_chart, series
from samenplan.plan.models import Agreement, Goal, GoalScore, Status, Step, Success, Vision


def plan_context(access: FamilyAccess) -> dict:
    goals = list(
        Goal.objects.visible_to(access)
        .current()
        .filter(status=Status.ACCEPTED)
        .select_related("owner")
    )
    # Every score, oldest first: the chart per goal, and the latest per person.
    scores = list(
        GoalScore.objects.visible_to(access)
        .filter(goal__in=goals)
        .select_related("author", "member")
        .order_by("created_at", "id")[:2000]
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
    visions = list(
        Vision.objects.visible_to(access).current().select_related("member", "created_by")
    )
    successes = list(Success.objects.visible_to(access).current().order_by("-created_at")[:50])
    scenarios = list(
        SafetyScenario.objects.visible_to(access)
        .prefetch_related("concerned__user")
        .order_by("created_at")[:50]
    )
    return {
        "family": access.family,
        "printed": timezone.localtime(),
        "question": help_question_current(access),
        "goals": [_goal_on_paper(g, [s for s in scores if s.goal_id == g.pk]) for g in goals],
        "visions": visions,
        "successes": successes,
        "scenarios": scenarios,
        "steps": steps,
        "decisions": [
            {"decision": d, "views": [v for v in views if v.decision_id == d.pk]} for d in decisions
        ],
        "people": [{"participant": p, "card": cards.get(p.pk)} for p in participants],
        "agreements": agreements,
    }


def _goal_on_paper(goal: Goal, scores: list[GoalScore]) -> dict:
    people = series(scores)
    return {
        "goal": goal,
        # The latest score of each person, and the chart of all of them.
        "scores": sorted(
            ({"name": p["name"], "score": p["latest"]} for p in people), key=lambda p: p["name"]
        ),
        "chart": score_chart(
            people,
            label=_("Cijfers voor dit doel, van 0 tot 10, door de tijd heen"),
            described_by=f"scores-{goal.pk}",
        ),
    }


def plan_pdf(access: FamilyAccess, base_url: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("exports/plan_pdf.html", plan_context(access))
    # Tagged (PDF/UA): headings, lists and tables reach a screen reader.
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")
