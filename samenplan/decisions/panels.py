"""What deciding together adds to other pages."""

from datetime import timedelta

from django.db.models import Q

from samenplan.families.panels import Panel, panel

from .models import Decision


@panel("plan")
def decisions_due(access):
    """Decisions to look at again soon, and open ones whose date comes near."""
    soon = access.today + timedelta(days=7)
    decisions = list(
        Decision.objects.visible_to(access)
        .filter(
            Q(state=Decision.State.DECIDED, review_on__lte=soon)
            | Q(state=Decision.State.OPEN, decide_by__lte=soon)
        )
        .order_by("review_on", "decide_by", "id")[:5]
    )
    if not decisions:
        return None
    return Panel(
        "decisions/panel_due.html", {"decisions": decisions, "family_id": access.family.pk}
    )
