from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samenplan.accounts.gate import org_admin_for
from samenplan.accounts.models import Professional
from samenplan.audit.actions import read_later
from samenplan.families.models import Family, Participant, WaitingItem
from samenplan.families.writes import form_write

from . import actions
from .delivery import settings_for
from .forms import NoticeSettingsForm
from .models import Notification

# A professional can sit at hundreds of tables: "Per gezin" shows this many
# families per page (like "Mijn gezinnen"); what waits for them is always whole.
FAMILIES_PER_PAGE = 25


@login_required
def for_you(request: HttpRequest) -> HttpResponse:
    """Everything that waits for this person, in all their families, most urgent first.

    For a professional also, per family (a page of them), what waits for the
    family, what is late and the next meeting. Read from the lists made through
    each person's own visibility (``families.waiting``): the same queries for
    any number of families.
    """
    seats = (
        Participant.objects.active()
        .filter(user=request.user, family__closed_at__isnull=True)
        .order_by("family__name", "family_id")
    )
    mine_items = list(
        WaitingItem.objects.filter(
            user=request.user, kind=WaitingItem.Kind.MINE, participant__in=seats
        )
        .select_related("family")
        .order_by("-late", "due", "created_at", "id")
    )
    mine = [(item.family, item) for item in mine_items]
    mine.sort(key=lambda pair: (not pair[1].late, pair[1].due is None, pair[1].due or 0))
    professional = request.user.professional_or_none
    page, groups = None, []
    if professional is not None:
        page = Paginator(seats.select_related("family"), FAMILIES_PER_PAGE).get_page(
            request.GET.get("pagina")
        )
        groups = _family_groups(request.user, list(page.object_list), mine_items)
    # What the page shows of a family is a read of its data, once per family.
    shown = {family.pk: family for family, _item in mine}
    for group in groups:
        if group["family_items"] or group["late"] or group["next"]:
            shown.setdefault(group["family"].pk, group["family"])
    for family in shown.values():
        read_later(request, actor=request.user, family=family, action="view", data="waiting")
    return render(
        request,
        "notices/for_you.html",
        {
            "mine": mine,
            "groups": groups,
            "page": page,
            "professional": professional,
            "settings": settings_for(request.user),
        },
    )


def _family_groups(user, seats, mine_items) -> list[dict]:
    """Per family of ``seats``: its items for this person, sorted into the card's rows."""
    by_family = {
        seat.family_id: {
            "family": seat.family,
            "mine": [],
            "family_items": [],
            "late": [],
            "next": None,
        }
        for seat in seats
    }
    for item in mine_items:
        if item.family_id in by_family:
            by_family[item.family_id]["mine"].append(item)
    others = (
        WaitingItem.objects.filter(user=user, participant__in=seats)
        .exclude(kind=WaitingItem.Kind.MINE)
        .order_by("-late", "due", "created_at", "id")
    )
    for item in others:
        group = by_family[item.family_id]
        if item.kind == WaitingItem.Kind.INFO:
            group["next"] = group["next"] or item
        elif item.late:
            group["late"].append(item)
        else:
            group["family_items"].append(item)
    return list(by_family.values())


@login_required
def notice_settings(request: HttpRequest) -> HttpResponse:
    """How and when this person hears that something waits for them."""
    current = settings_for(request.user)
    initial = {
        "frequency": current.frequency,
        "quiet_from": current.quiet_from,
        "quiet_until": current.quiet_until,
        "version": current.version if current.pk else 0,
    }
    form = NoticeSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form_write(
            form,
            lambda **data: actions.notice_settings_save(
                user=request.user,
                expected_version=data["version"],
                frequency=data["frequency"],
                quiet_from=data["quiet_from"],
                quiet_until=data["quiet_until"],
                request=request,
            ),
        )
        if saved:
            messages.success(request, _("Opgeslagen. Zo hoor je van Samenplan."))
            return redirect("notices:settings")
    return render(
        request,
        "notices/settings.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def organization_failures(request: HttpRequest) -> HttpResponse:
    """For the organisation's admin: mail that could not be sent, without any content.

    Only who (a professional of the organisation, or "a family member" counted
    per family number), how often it was tried and since when.
    """
    admin = org_admin_for(request)
    colleagues = {
        p.user_id: p
        for p in Professional.objects.filter(organization=admin.organization).select_related("user")
    }
    failed = Notification.objects.filter(attempts__gt=0, sent_at__isnull=True)
    professionals = list(
        failed.filter(user_id__in=colleagues)
        .values("user_id")
        .annotate(count=Count("id"), last=Max("created_at"), gave_up=Max("failed_at"))
        .order_by("-last")
    )
    for row in professionals:
        row["professional"] = colleagues[row["user_id"]]
    families = list(
        failed.filter(family__in=Family.objects.filter(organization=admin.organization))
        .exclude(user_id__in=colleagues)
        .values("family_id")
        .annotate(count=Count("id"), people=Count("user_id", distinct=True), last=Max("created_at"))
        .order_by("-last")
    )
    return render(
        request,
        "notices/organization_failures.html",
        {"admin": admin, "professionals": professionals, "families": families},
    )
