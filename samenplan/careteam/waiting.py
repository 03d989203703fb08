"""What working together asks of people: meetings, summaries, safety, report-backs."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samenplan.families.waiting import FAMILY, INFO, MINE, Item, short, source

from .models import AgendaItem, Meeting, ReportBack, SafetyScenario, SafetySign

# The family is asked for its points this many days before a meeting.
AGENDA_DAYS = 7


@source
def meetings(access):
    now = timezone.now()
    family_id = access.family.pk
    upcoming = list(
        Meeting.objects.visible_to(access)
        .filter(cancelled_at__isnull=True, starts_at__gte=now)
        .order_by("starts_at", "id")[:5]
    )
    with_family_points = set(
        AgendaItem.objects.visible_to(access)
        .filter(meeting__in=upcoming, by_family=True)
        .values_list("meeting_id", flat=True)
    )
    for index, meeting in enumerate(upcoming):
        url = reverse("careteam:meeting", args=[family_id, meeting.pk])
        day = timezone.localdate(meeting.starts_at)
        when = date_format(timezone.localtime(meeting.starts_at), "l j F, H:i")
        if index == 0:
            # Not a task: the next meeting, for the overview.
            yield Item(
                f"careteam.meeting:{meeting.pk}:next",
                _("Volgend overleg: %(when)s") % {"when": when},
                url,
                kind=INFO,
                due=day,
            )
        if day == access.today + timedelta(1):
            yield Item(
                f"careteam.meeting:{meeting.pk}:tomorrow",
                _("Morgen is er overleg: %(when)s") % {"when": when},
                url,
                due=day,
            )
        if (
            day <= access.today + timedelta(AGENDA_DAYS)
            and meeting.pk not in with_family_points
            and access.may("agenda.add")
        ):
            yield Item(
                f"careteam.meeting:{meeting.pk}:agenda",
                _("Wat willen jullie bespreken op %(when)s? Zet het op de agenda.")
                % {"when": when},
                url + "#agenda-title",
                kind=FAMILY if access.participant.role not in ("parent", "youth") else MINE,
                due=day,
            )
    to_confirm = (
        Meeting.objects.visible_to(access)
        .filter(summary_status=Meeting.Summary.WAITING, cancelled_at__isnull=True)
        .order_by("starts_at", "id")
    )
    for meeting in to_confirm:
        when = date_format(timezone.localtime(meeting.starts_at), "j F")
        key = f"careteam.meeting:{meeting.pk}:summary:{meeting.version}"
        url = reverse("careteam:meeting", args=[family_id, meeting.pk]) + "#summary-title"
        if access.may("summary.confirm"):
            yield Item(
                key,
                _("Klopt het verslag van het overleg van %(when)s?") % {"when": when},
                url,
            )
        else:
            yield Item(
                key,
                _("Het gezin leest het verslag van %(when)s nog na.") % {"when": when},
                url,
                kind=FAMILY,
            )


@source
def safety(access):
    """A safety scenario the person is part of and has not said yes to (this version)."""
    if not access.may("safety.agree"):
        return
    scenarios = list(
        SafetyScenario.objects.visible_to(access)
        .filter(concerned=access.participant)
        .order_by("id")
    )
    if not scenarios:
        return
    signed = set(
        SafetySign.objects.visible_to(access)
        .filter(scenario__in=scenarios, participant=access.participant)
        .values_list("scenario_id", "version")
    )
    for scenario in scenarios:
        if (scenario.pk, scenario.version) in signed:
            continue
        yield Item(
            f"careteam.safetyscenario:{scenario.pk}:agree:{scenario.version}",
            _("Zeg ja op het veiligheidsplan: %(what)s") % {"what": short(scenario.if_text)},
            reverse("careteam:safety", args=[access.family.pk]),
        )


@source
def report_backs(access):
    """A report-back that is late, for the professional who owes it."""
    rows = (
        ReportBack.objects.visible_to(access)
        .filter(ended_at__isnull=True, next_due__lt=access.today)
        .select_related("participant__user")
    )
    for report in rows:
        mine = report.participant_id == access.participant.pk
        yield Item(
            f"careteam.reportback:{report.pk}:late:{report.next_due.isoformat()}",
            (
                _("Je terugkoppeling is te laat: %(what)s")
                if mine
                else _("Terugkoppeling van %(name)s is te laat: %(what)s")
            )
            % {"what": short(report.what), "name": report.participant.user.name},
            reverse("careteam:overview", args=[access.family.pk]) + "#reports-title",
            kind=MINE if mine else FAMILY,
            due=report.next_due,
            late=True,
        )
