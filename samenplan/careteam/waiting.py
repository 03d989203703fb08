"""What working together asks of people: meetings, summaries, safety, report-backs."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samenplan.families.waiting import FAMILY, INFO, MINE, Item, short, source

from .models import AgendaItem, Meeting, Report, ReportBack, SafetyScenario, SafetySign

# The family is asked for its points this many days before a meeting.
AGENDA_DAYS = 7
# Those invited hear of a move or a cancellation for this many days (or until
# the meeting), once by mail: the key holds the version.
CHANGE_DAYS = 7
# A meeting without a summary reminds the one who planned it for this long.
SUMMARY_DAYS = 30


def _changed_meetings(access, now):
    """A move or cancellation someone else made, told to those invited."""
    changed = (
        Meeting.objects.visible_to(access)
        .filter(
            invited=access.participant,
            changed_at__gte=now - timedelta(days=CHANGE_DAYS),
            starts_at__gte=now,
        )
        .exclude(changed_by_id=access.user.pk)
        .select_related("changed_by")
        .order_by("starts_at", "id")
    )
    for meeting in changed:
        url = reverse("careteam:meeting", args=[access.family.pk, meeting.pk])
        when = date_format(timezone.localtime(meeting.starts_at), "l j F, H:i")
        if meeting.cancelled_at:
            title = _("%(name)s zegde het overleg van %(when)s af: %(reason)s") % {
                "name": meeting.changed_by.name,
                "when": when,
                "reason": short(meeting.cancel_reason),
            }
            state = "cancelled"
        elif meeting.moved_from:
            title = _("%(name)s verzette het overleg naar %(when)s. Kun je dan?") % {
                "name": meeting.changed_by.name,
                "when": when,
            }
            state = "moved"
        else:
            title = _("%(name)s veranderde de plek of de duur van het overleg van %(when)s.") % {
                "name": meeting.changed_by.name,
                "when": when,
            }
            state = "changed"
        yield Item(
            f"careteam.meeting:{meeting.pk}:{state}:{meeting.version}",
            title,
            url,
            due=timezone.localdate(meeting.starts_at),
        )


def _summaries_to_write(access, now):
    """A meeting that took place without a summary, for the person who planned it."""
    if not access.may("summary.write"):
        return
    held = (
        Meeting.objects.visible_to(access)
        .filter(
            created_by_id=access.user.pk,
            cancelled_at__isnull=True,
            summary_status=Meeting.Summary.NONE,
            starts_at__lt=now,
            starts_at__gte=now - timedelta(days=SUMMARY_DAYS),
        )
        .order_by("starts_at", "id")
    )
    for meeting in held:
        yield Item(
            f"careteam.meeting:{meeting.pk}:write-summary",
            _("Schrijf een kort verslag van het overleg van %(when)s.")
            % {"when": date_format(timezone.localtime(meeting.starts_at), "j F")},
            reverse("careteam:meeting_summary", args=[access.family.pk, meeting.pk]),
            due=timezone.localdate(meeting.starts_at),
        )


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
    yield from _changed_meetings(access, now)
    yield from _summaries_to_write(access, now)
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
    """A safety scenario the person is part of and has not answered (this version); for
    the coordinator, a "nee" or "ja, als…" to talk about."""
    scenarios = list(SafetyScenario.objects.visible_to(access).order_by("id"))
    if not scenarios:
        return
    current = {s.pk: s for s in scenarios}
    signs = [
        sign
        for sign in SafetySign.objects.visible_to(access)
        .filter(scenario__in=scenarios)
        .select_related("participant__user")
        if sign.version == current[sign.scenario_id].version
    ]
    url = reverse("careteam:safety", args=[access.family.pk])
    if access.may("safety.agree"):
        mine = set(
            SafetyScenario.concerned.through.objects.filter(
                safetyscenario_id__in=current, participant_id=access.participant.pk
            ).values_list("safetyscenario_id", flat=True)
        )
        answered = {s.scenario_id for s in signs if s.participant_id == access.participant.pk}
        for scenario in scenarios:
            if scenario.pk in mine and scenario.pk not in answered:
                yield Item(
                    f"careteam.safetyscenario:{scenario.pk}:agree:{scenario.version}",
                    _("Zeg ja op het veiligheidsplan: %(what)s")
                    % {"what": short(scenario.if_text)},
                    f"{url}#scenario-{scenario.pk}",
                )
    if not access.participant.is_coordinator:
        return
    for sign in signs:
        if sign.answer == SafetySign.Answer.YES:
            continue
        scenario = current[sign.scenario_id]
        values = {
            "name": sign.participant.user.name,
            "what": short(scenario.if_text, 60),
            "reason": short(sign.reason, 60),
        }
        yield Item(
            f"careteam.safetyscenario:{scenario.pk}:{sign.answer}:{sign.pk}:{sign.version}",
            (
                _("%(name)s zei nee op het veiligheidsplan: %(what)s (%(reason)s)")
                if sign.answer == SafetySign.Answer.NO
                else _("%(name)s zei 'ja, als…' op het veiligheidsplan: %(what)s (%(reason)s)")
            )
            % values,
            f"{url}#scenario-{scenario.pk}",
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


@source
def reports(access):
    """What was reported waits for "ontvangen"; a critical one past a working day, in red."""
    from .actions import may_receive

    if not may_receive(access):
        return
    unread = (
        Report.objects.visible_to(access)
        .filter(received_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "id")[:20]
    )
    url = reverse("careteam:overview", args=[access.family.pk])
    now = timezone.now()
    for report in unread:
        values = {"name": report.author.name, "what": short(report.text, 60)}
        if report.is_unanswered_alarm(now) and access.participant.is_coordinator:
            yield Item(
                f"careteam.report:{report.pk}:alarm",
                _("Zorgen om veiligheid, nog niet ontvangen: %(name)s schreef %(what)s") % values,
                f"{url}#sent-{report.pk}",
                due=timezone.localdate(report.created_at),
                late=True,
            )
        else:
            yield Item(
                f"careteam.report:{report.pk}:receive",
                _("%(name)s koppelde terug: %(what)s. Zeg dat je het ontvangen hebt.") % values,
                f"{url}#sent-{report.pk}",
            )
