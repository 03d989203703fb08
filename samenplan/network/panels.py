"""What "Ons netwerk" adds to other pages: the family's "Wie zijn wij" for someone
from outside the family who has not read this version yet."""

from django.db.models import Exists, OuterRef

from samenplan.audit.models import AuditEvent
from samenplan.families.panels import Panel, panel

from .about import about_texts, about_us_for
from .models import AboutUs


def _first_visit(access):
    if access.role in ("parent", "youth"):
        return None
    read = AuditEvent.objects.filter(
        family_id=access.family.pk,
        data="about_us",
        action="view",
        actor_id=access.user.pk,
        at__gte=OuterRef("updated_at"),
    )
    about = AboutUs.objects.visible_to(access).annotate(read=Exists(read)).first()
    if about is None or about.read or about.version == 0:
        return None
    about, children = about_us_for(access)
    texts = about_texts(about)
    if not texts and not children:
        return None
    # Shown in full: this is the read the next visit looks for.
    access.read("about_us", obj=about)
    return Panel(
        "network/panel_about_us.html",
        {"about": about, "texts": texts, "children": children, "family_id": access.family.pk},
    )


@panel("home")
def about_us_at_home(access):
    return _first_visit(access)


@panel("plan")
def about_us_on_the_plan(access):
    return _first_visit(access)
