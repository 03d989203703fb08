"""What "Wie doet wat" adds to other pages."""

from django.utils import timezone

from samenplan.families.panels import Panel, panel

from .models import ReportBack


@panel("plan")
def reports_due(access):
    """Report-backs that are late show in the plan until their owner marks them done."""
    reports = list(
        ReportBack.objects.visible_to(access)
        .filter(ended_at__isnull=True, next_due__lt=timezone.localdate())
        .select_related("participant__user")
        .order_by("next_due", "id")[:5]
    )
    if not reports:
        return None
    return Panel(
        "careteam/panel_reports_due.html", {"reports": reports, "family_id": access.family.pk}
    )
