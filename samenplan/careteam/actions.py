"""Writes of "Wie doet wat". Each runs in one transaction with its audit event."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samenplan.families import table
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Family, Participant
from samenplan.families.versioning import confirm_version, save_versioned
from samenplan.lib.answers import checked_reason
from samenplan.lib.errors import ActionError
from samenplan.plan.actions import help_question_current, timeline_add

from .models import (
    AgendaItem,
    CoordinatorChange,
    Meeting,
    PhaseNeed,
    Report,
    ReportBack,
    RoleCard,
    SafetyScenario,
    SafetySign,
    TableChoice,
)


def _seated(access: FamilyAccess, participant: Participant) -> None:
    if participant.family_id != access.family.pk or not participant.is_active():
        raise ActionError(_("Kies iemand die aan tafel zit."))


def is_professional(access: FamilyAccess) -> bool:
    return access.participant.role in table.PRO_ROLES


# --- role cards -----------------------------------------------------------------


@transaction.atomic
def role_card_write(
    *, access: FamilyAccess, expected_version: int | None, request=None, **fields
) -> RoleCard:
    """A professional writes or updates their own role card."""
    access.require("role_card.write")
    fields = {key: (value or "").strip() for key, value in fields.items()}
    question = help_question_current(access)
    card = RoleCard.objects.select_for_update().filter(participant=access.participant).first()
    if card is None:
        card = RoleCard.objects.create(
            family=access.family,
            participant=access.participant,
            help_question=question,
            **fields,
        )
        access.audit(action="create", data="role_card", obj=card, request=request)
        return card
    card = save_versioned(
        access=access,
        item=card,
        expected_version=expected_version if expected_version is not None else -1,
        shown=lambda c: c.work,
        changes={"help_question": question, "updated_at": timezone.now(), **fields},
    )
    access.audit(action="update", data="role_card", obj=card, request=request)
    return card


# --- the coordinator ----------------------------------------------------------


def can_be_coordinator(participant: Participant) -> bool:
    """Anyone at the table, a parent or youth included; not a client supporter."""
    if not participant.is_active():
        return False
    return participant.role != Participant.Role.CLIENT_SUPPORTER


@transaction.atomic
def coordinator_set(*, access: FamilyAccess, participant: Participant, request=None) -> None:
    """Make ``participant`` the one coordinator. Parents with authority, a youth of 16+
    and the coordinator choose; the change is recorded."""
    access.require("coordinator.choose")
    _seated(access, participant)
    if not can_be_coordinator(participant):
        raise ActionError(
            _("Een cliëntondersteuner staat naast het gezin en is geen zorgcoördinator.")
        )
    current = list(
        Participant.objects.select_for_update().filter(
            family_id=access.family.pk, is_coordinator=True
        )
    )
    if [p.pk for p in current] == [participant.pk]:
        return
    Participant.objects.filter(family_id=access.family.pk, is_coordinator=True).update(
        is_coordinator=False
    )
    Participant.objects.filter(pk=participant.pk).update(is_coordinator=True)
    change = CoordinatorChange.objects.create(
        family=access.family,
        participant=participant,
        previous=current[0] if current else None,
        changed_by=access.user,
    )
    access.audit(action="update", data="coordinator", obj=change, request=request)


# --- phases and the size of the table ---------------------------------------


@transaction.atomic
def table_settings(
    *,
    access: FamilyAccess,
    phase: str,
    professional_limit: int,
    expected_version: int | None = None,
    request=None,
) -> Family:
    """The family sets its phase and its maximum of professionals at the table."""
    access.require("table.settings")
    if phase not in Family.Phase.values:
        raise ActionError(_("Kies een fase."))
    if not 1 <= professional_limit <= 10:
        raise ActionError(_("Kies een maximum van 1 tot en met 10."))
    save_versioned(
        access=access,
        item=access.family,
        expected_version=access.family.version if expected_version is None else expected_version,
        shown=lambda f: f"{f.get_phase_display()} · {f.professional_limit}",
        history=False,
        changes={"phase": phase, "professional_limit": professional_limit},
    )
    access.audit(action="update", data="table_settings", obj=access.family, request=request)
    return access.family


@transaction.atomic
def phase_need_add(
    *,
    access: FamilyAccess,
    phase: str,
    why: str,
    participant: Participant | None = None,
    who: str = "",
    request=None,
) -> PhaseNeed:
    access.require("table.settings")
    if phase not in Family.Phase.values:
        raise ActionError(_("Kies een fase."))
    who = who.strip()
    if participant is None and not who:
        raise ActionError(_("Kies wie er nodig is, of schrijf het op."))
    if participant is not None:
        _seated(access, participant)
    need = PhaseNeed.objects.create(
        family=access.family,
        phase=phase,
        participant=participant,
        who="" if participant else who,
        why=why.strip(),
        created_by=access.user,
    )
    access.audit(action="create", data="phase_need", obj=need, request=request)
    return need


@transaction.atomic
def phase_need_remove(*, access: FamilyAccess, need: PhaseNeed, request=None) -> None:
    access.require("phase_need.remove")
    PhaseNeed.objects.filter(pk=need.pk, family_id=access.family.pk).update(
        removed_at=timezone.now()
    )
    access.audit(action="remove", data="phase_need", obj=need, request=request)


@transaction.atomic
def table_choice_record(
    *,
    access: FamilyAccess,
    about: str,
    choice: str,
    count: int,
    reason: str = "",
    meeting: Meeting | None = None,
    request=None,
) -> TableChoice:
    """The family chose about a table larger than its maximum; the choice is kept."""
    if not (access.may("invite.table") or access.may("meeting.create")):
        raise PermissionDenied
    if choice not in TableChoice.Choice.values:
        raise ActionError(_("Kies wat jullie willen."))
    made = TableChoice.objects.create(
        family=access.family,
        about=about.strip()[:200],
        meeting=meeting,
        choice=choice,
        reason=reason.strip()[:500],
        count=count,
        limit=access.family.professional_limit,
        chosen_by=access.user,
    )
    access.audit(action="create", data="table_choice", obj=made, request=request)
    return made


# --- meetings ------------------------------------------------------------------


def meeting_professionals(invited: list[Participant], guest_professionals: int) -> int:
    return sum(1 for p in invited if p.role in table.PRO_ROLES) + guest_professionals


@transaction.atomic
def meeting_create(
    *,
    access: FamilyAccess,
    starts_at,
    phase: str,
    invited,
    minutes: int = 60,
    place_kind: str = Meeting.Place.HOME,
    place: str = "",
    guests: str = "",
    guest_professionals: int = 0,
    choice: str = "",
    reason: str = "",
    request=None,
) -> Meeting:
    """Plan a meeting. Over the family's maximum, the family's choice is required."""
    access.require("meeting.create")
    invited = list(invited)
    for participant in invited:
        _seated(access, participant)
    if not invited:
        raise ActionError(_("Kies wie er bij zijn."))
    if phase not in Family.Phase.values:
        raise ActionError(_("Kies een fase."))
    count = meeting_professionals(invited, guest_professionals)
    over = table.over_limit(access.family, count)
    if over and choice not in TableChoice.Choice.values:
        raise ActionError(table.warning(access.family, count))
    if over and choice == TableChoice.Choice.KEEP_SMALL:
        raise ActionError(
            _("Jullie houden de tafel klein. Haal dan iemand van de lijst, en sla opnieuw op.")
        )
    meeting = Meeting.objects.create(
        family=access.family,
        starts_at=starts_at,
        minutes=minutes,
        place_kind=place_kind,
        place=place.strip(),
        phase=phase,
        guests=guests.strip(),
        guest_professionals=guest_professionals,
        created_by=access.user,
    )
    meeting.invited.set(invited)
    if over:
        table_choice_record(
            access=access,
            about=_("Overleg van %(when)s")
            % {"when": timezone.localtime(starts_at).strftime("%d-%m-%Y")},
            choice=choice,
            count=count,
            reason=reason,
            meeting=meeting,
            request=request,
        )
    access.audit(action="create", data="meeting", obj=meeting, request=request)
    timeline_add(
        access,
        kind="meeting",
        action="added",
        summary=timezone.localtime(starts_at).strftime("%d-%m-%Y %H:%M"),
        item=meeting,
    )
    return meeting


def _open_meeting(access: FamilyAccess, meeting: Meeting) -> Meeting:
    """The meeting as stored, refused when it can no longer change."""
    meeting = Meeting.objects.get(pk=meeting.pk, family_id=access.family.pk)
    if meeting.cancelled_at is not None:
        raise ActionError(_("Dit overleg gaat niet door. Plan een nieuw overleg."))
    if meeting.summary_status != Meeting.Summary.NONE:
        raise ActionError(_("Dit overleg is al geweest en heeft een verslag."))
    return meeting


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "l j F, H:i")


@transaction.atomic
def meeting_move(
    *,
    access: FamilyAccess,
    meeting: Meeting,
    expected_version: int,
    starts_at,
    minutes: int,
    place_kind: str,
    place: str = "",
    request=None,
) -> Meeting:
    """Move a meeting (another day, time, length or place).

    Everyone invited is told (a waiting item per version, so a notification
    once); their calendar file keeps its UID with a higher SEQUENCE.
    """
    access.require("meeting.change")
    stored = _open_meeting(access, meeting)
    if place_kind not in Meeting.Place.values:
        raise ActionError(_("Kies waar het overleg is."))
    changes = {
        "starts_at": starts_at,
        "minutes": minutes,
        "place_kind": place_kind,
        "place": place.strip(),
        "changed_by": access.user,
        "changed_at": timezone.now(),
    }
    moved = starts_at != stored.starts_at
    if moved:
        changes["moved_from"] = stored.starts_at
    meeting = save_versioned(
        access=access,
        item=stored,
        expected_version=expected_version,
        shown=lambda m: _when(m.starts_at),
        changes=changes,
    )
    access.audit(action="update", data="meeting", obj=meeting, request=request)
    timeline_add(
        access,
        kind="meeting",
        action="changed",
        summary=(
            _("verzet van %(before)s naar %(after)s")
            % {"before": _when(stored.starts_at), "after": _when(starts_at)}
            if moved
            else _("%(when)s, een andere plek of duur") % {"when": _when(starts_at)}
        ),
        item=meeting,
    )
    return meeting


@transaction.atomic
def meeting_cancel(
    *, access: FamilyAccess, meeting: Meeting, expected_version: int, reason: str, request=None
) -> Meeting:
    """Cancel a meeting with a short reason; everyone invited is told."""
    access.require("meeting.change")
    stored = _open_meeting(access, meeting)
    reason = " ".join(reason.split())
    if not reason:
        raise ActionError(_("Schrijf kort op waarom het overleg niet doorgaat."))
    if stored.is_past():
        raise ActionError(_("Dit overleg is al begonnen. Schrijf liever een kort verslag."))
    meeting = save_versioned(
        access=access,
        item=stored,
        expected_version=expected_version,
        shown=lambda m: _when(m.starts_at),
        changes={
            "cancelled_at": timezone.now(),
            "cancel_reason": reason[:300],
            "changed_by": access.user,
            "changed_at": timezone.now(),
        },
    )
    access.audit(action="remove", data="meeting", obj=meeting, request=request)
    timeline_add(
        access,
        kind="meeting",
        action="removed",
        summary=_("%(when)s gaat niet door: %(reason)s")
        % {"when": _when(stored.starts_at), "reason": meeting.cancel_reason},
        item=meeting,
    )
    return meeting


def is_family_voice(access: FamilyAccess) -> bool:
    return access.participant.role in (Participant.Role.PARENT, Participant.Role.YOUTH)


@transaction.atomic
def agenda_add(*, access: FamilyAccess, meeting: Meeting, text: str, request=None) -> AgendaItem:
    access.require("agenda.add")
    if meeting.family_id != access.family.pk or meeting.cancelled_at:
        raise ActionError(_("Kies een overleg van dit gezin."))
    item = AgendaItem.objects.create(
        family=access.family,
        meeting=meeting,
        text=text.strip(),
        by_family=is_family_voice(access),
        author=access.user,
    )
    access.audit(action="create", data="agenda_item", obj=item, request=request)
    return item


@transaction.atomic
def summary_write(
    *,
    access: FamilyAccess,
    meeting: Meeting,
    expected_version: int,
    summary: str,
    notes: str = "",
    request=None,
) -> Meeting:
    """Write the meeting's notes and summary; the family then confirms or corrects it."""
    access.require("summary.write")
    if meeting.cancelled_at is not None:
        raise ActionError(_("Dit overleg ging niet door. Er komt geen verslag."))
    if not meeting.is_past():
        raise ActionError(_("Dit overleg is nog niet begonnen. Schrijf het verslag daarna."))
    meeting = save_versioned(
        access=access,
        item=meeting,
        expected_version=expected_version,
        shown=lambda m: m.summary,
        changes={
            "summary": summary.strip(),
            "notes": notes.strip(),
            "summary_status": Meeting.Summary.WAITING,
            "summary_by": access.user,
            "confirmed_by": None,
            "confirmed_at": None,
            "correction": "",
        },
    )
    access.audit(action="update", data="meeting_summary", obj=meeting, request=request)
    return meeting


@transaction.atomic
def summary_confirm(
    *,
    access: FamilyAccess,
    meeting: Meeting,
    correct: bool,
    correction: str = "",
    seen_version=None,
    request=None,
) -> Meeting:
    """ "Klopt dit verslag?" The family says yes, or writes what is not right.

    The answer is about the version of the summary the person read: when
    someone changed or corrected it since, the answer is refused and the
    newest text shown, so that a "klopt" never erases a correction.
    """
    access.require("summary.confirm")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk, family_id=access.family.pk)
    if meeting.summary_status == Meeting.Summary.NONE:
        raise ActionError(_("Er is nog geen verslag."))
    confirm_version(
        meeting, seen_version, shown=lambda m: "\n\n".join(filter(None, [m.summary, m.correction]))
    )
    correction = correction.strip()
    if not correct and not correction:
        raise ActionError(_("Schrijf op wat er niet klopt."))
    meeting.summary_status = Meeting.Summary.CONFIRMED if correct else Meeting.Summary.CORRECTED
    # With "klopt", words are an addition ("ja, als…" for a summary); otherwise the correction.
    meeting.correction = correction[:2000]
    meeting.confirmed_by = access.user
    meeting.confirmed_at = timezone.now()
    meeting.version += 1
    meeting.save()
    access.audit(
        action="accept" if correct else "update",
        data="meeting_summary",
        obj=meeting,
        request=request,
    )
    timeline_add(
        access,
        kind="meeting",
        action="accepted" if correct else "changed",
        summary=meeting.summary[:200],
        item=meeting,
    )
    return meeting


# --- safety --------------------------------------------------------------------


def _clause(text: str, word: str) -> str:
    """ "Als …" and "… dan" stand on the page already: not twice ("Als Als Sanne")."""
    text = text.strip()
    for _round in range(2):
        text = text.lstrip("….").strip()
        if text.lower().startswith(word + " "):
            text = text[len(word) + 1 :].strip()
    text = text.rstrip("….").strip()
    return text


def _concerned_ok(access: FamilyAccess, concerned: list[Participant]) -> None:
    if not concerned:
        raise ActionError(_("Kies wie dit samen afspreken."))
    for participant in concerned:
        _seated(access, participant)
        if participant.role == Participant.Role.CLIENT_SUPPORTER:
            raise ActionError(_("Een cliëntondersteuner spreekt niets af; kies iemand anders."))


def _sign(access: FamilyAccess, scenario: SafetyScenario, answer: str, reason: str) -> SafetySign:
    sign, _created = SafetySign.objects.update_or_create(
        scenario=scenario,
        participant=access.participant,
        version=scenario.version,
        defaults={
            "family": access.family,
            "answer": answer,
            "reason": reason,
            "agreed_at": timezone.now(),
        },
    )
    return sign


@transaction.atomic
def scenario_create(
    *,
    access: FamilyAccess,
    if_text: str,
    then_text: str,
    concerned,
    who_informs: str = "",
    family_can_do: str = "",
    request=None,
) -> SafetyScenario:
    access.require("safety.create")
    concerned = list(concerned)
    _concerned_ok(access, concerned)
    if_text, then_text = _clause(if_text, "als"), _clause(then_text, "dan")
    if not if_text or not then_text:
        raise ActionError(_("Schrijf op wat er gebeurt als, en wat er dan gebeurt."))
    scenario = SafetyScenario.objects.create(
        family=access.family,
        if_text=if_text,
        then_text=then_text,
        who_informs=who_informs.strip(),
        family_can_do=family_can_do.strip(),
        created_by=access.user,
    )
    scenario.concerned.set(concerned)
    if access.participant in concerned:
        _sign(access, scenario, SafetySign.Answer.YES, "")
    access.audit(action="create", data="safety", obj=scenario, request=request)
    return scenario


@transaction.atomic
def scenario_update(
    *,
    access: FamilyAccess,
    scenario: SafetyScenario,
    expected_version: int,
    if_text: str,
    then_text: str,
    who_informs: str = "",
    family_can_do: str = "",
    request=None,
) -> SafetyScenario:
    """Change a safety scenario. It is a new version: everyone concerned is asked again."""
    access.require("safety.edit")
    stored = SafetyScenario.objects.get(pk=scenario.pk, family_id=access.family.pk)
    if_text, then_text = _clause(if_text, "als"), _clause(then_text, "dan")
    if not if_text or not then_text:
        raise ActionError(_("Schrijf op wat er gebeurt als, en wat er dan gebeurt."))
    scenario = save_versioned(
        access=access,
        item=stored,
        expected_version=expected_version,
        shown=lambda sc: f"{sc.if_text} → {sc.then_text}",
        changes={
            "if_text": if_text,
            "then_text": then_text,
            "who_informs": who_informs.strip(),
            "family_can_do": family_can_do.strip(),
        },
    )
    if scenario.concerned.filter(pk=access.participant.pk).exists():
        _sign(access, scenario, SafetySign.Answer.YES, "")
    access.audit(action="update", data="safety", obj=scenario, request=request)
    return scenario


@transaction.atomic
def scenario_answer(
    *,
    access: FamilyAccess,
    scenario: SafetyScenario,
    answer: str,
    reason: str = "",
    seen_version=None,
    request=None,
) -> SafetySign:
    """Someone the scenario is for answers "ja", "ja, als…" or "nee": to the version read."""
    access.require("safety.agree")
    scenario = SafetyScenario.objects.select_for_update().get(pk=scenario.pk)
    if scenario.family_id != access.family.pk:
        raise ActionError(_("Kies een afspraak van dit gezin."))
    reason = checked_reason(answer, reason)
    confirm_version(scenario, seen_version, shown=lambda sc: f"{sc.if_text} → {sc.then_text}")
    if not scenario.concerned.filter(pk=access.participant.pk).exists():
        raise ActionError(_("Deze afspraak gaat niet over jou."))
    before = SafetySign.objects.filter(
        scenario=scenario, participant=access.participant, version=scenario.version
    ).first()
    if before is not None and (before.answer, before.reason) == (answer, reason):
        return before  # the same answer twice (a double tap) changes nothing
    sign = _sign(access, scenario, answer, reason)
    access.audit(
        action="decline" if answer == SafetySign.Answer.NO else "accept",
        data="safety",
        obj=scenario,
        detail=answer,
        request=request,
    )
    return sign


def scenario_agree(
    *, access: FamilyAccess, scenario: SafetyScenario, seen_version=None, request=None
) -> SafetySign:
    """Someone the scenario is for says yes: to the version they read."""
    return scenario_answer(
        access=access,
        scenario=scenario,
        answer=SafetySign.Answer.YES,
        seen_version=seen_version,
        request=request,
    )


# --- report-backs ------------------------------------------------------------


@transaction.atomic
def report_back_create(
    *, access: FamilyAccess, what: str, to_whom: str, every_weeks: int, next_due, request=None
) -> ReportBack:
    access.require("report_back.create")
    if not 1 <= every_weeks <= 52:
        raise ActionError(_("Kies om de 1 tot 52 weken."))
    report = ReportBack.objects.create(
        family=access.family,
        participant=access.participant,
        what=what.strip(),
        to_whom=to_whom.strip(),
        every_weeks=every_weeks,
        next_due=next_due,
    )
    access.audit(action="create", data="report_back", obj=report, request=request)
    return report


@transaction.atomic
def report_back_done(
    *,
    access: FamilyAccess,
    report: ReportBack,
    text: str = "",
    critical: bool = False,
    request=None,
) -> Report:
    """Report back: what was reported (kept, for whom the family chose), and the next date."""
    access.require("report_back.done")
    report = ReportBack.objects.select_for_update().get(pk=report.pk, family_id=access.family.pk)
    if report.participant_id != access.participant.pk:
        raise ActionError(_("Alleen wie de terugkoppeling afsprak, zet hem op gedaan."))
    text = text.strip()
    if not text:
        raise ActionError(_("Schrijf kort op wat je hebt teruggekoppeld."))
    today = timezone.localdate()
    report.last_done_at = timezone.now()
    report.next_due = max(report.next_due, today) + timedelta(weeks=report.every_weeks)
    report.save(update_fields=["last_done_at", "next_due"])
    sent = Report.objects.create(
        family=access.family,
        report_back=report,
        author=access.user,
        text=text[:2000],
        critical=critical,
    )
    access.audit(action="create", data="report", obj=sent, request=request)
    return sent


def may_receive(access: FamilyAccess) -> bool:
    """The family (a parent or youth at the table) and the coordinator say "ontvangen"."""
    return access.may("report.receive") and (
        access.role in (Participant.Role.PARENT, Participant.Role.YOUTH)
        or access.participant.is_coordinator
    )


@transaction.atomic
def report_receive(*, access: FamilyAccess, report: Report, request=None) -> Report:
    """ "Ontvangen": the family or the coordinator read what was reported."""
    access.require("report.receive")
    if not may_receive(access):
        raise ActionError(_("Het gezin of de zorgcoördinator zegt dat het ontvangen is."))
    report = Report.objects.select_for_update().get(pk=report.pk, family_id=access.family.pk)
    if report.received_at is not None:
        return report  # someone else was first: once received is enough
    report.received_by = access.user
    report.received_at = timezone.now()
    report.save(update_fields=["received_by", "received_at"])
    access.audit(action="accept", data="report", obj=report, request=request)
    return report


@transaction.atomic
def report_back_audience(
    *, access: FamilyAccess, report: ReportBack, audience: str, expected_version: int, request=None
) -> ReportBack:
    """The family chooses who reads what is reported under this agreement."""
    access.require("report_back.audience")
    if audience not in ReportBack.Audience.values:
        raise ActionError(_("Kies wie het mag lezen."))
    report = save_versioned(
        access=access,
        item=ReportBack.objects.get(pk=report.pk, family_id=access.family.pk),
        expected_version=expected_version,
        shown=lambda r: r.get_audience_display(),
        history=False,
        changes={"audience": audience},
    )
    access.audit(action="update", data="report_back", obj=report, request=request)
    return report
