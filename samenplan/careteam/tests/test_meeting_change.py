"""Plans change: a meeting is moved or cancelled, versioned, and everyone invited is told."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions
from samenplan.careteam.models import Meeting
from samenplan.families.models import Family, Revision, WaitingItem
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.notices import delivery, work
from samenplan.notices.models import Notification
from samenplan.plan.models import TimelineEntry
from samenplan.test import give_totp

# Mail goes out only outside the quiet hours: these tests run at noon (conftest.py).
pytestmark = pytest.mark.daytime


def local(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def ics(response) -> tuple:
    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    return (
        str(calendar["METHOD"]),
        str(event["UID"]),
        int(event["SEQUENCE"]),
        str(event["STATUS"]),
        event.decoded("DTSTART"),
    )


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class MeetingChangeTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Ruud")
        self.gran = self.f.network("Oma Ans")
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)
        self.meeting = actions.meeting_create(
            access=self.f.access(self.worker),
            starts_at=local(5, 15, 30),
            phase="hulp",
            invited=[self.mother, self.father, self.worker],
        )

    def url(self, name):
        return reverse(f"careteam:{name}", args=[self.f.family.pk, self.meeting.pk])

    def move(self, seat, starts_at, version=None, **fields):
        current = Meeting.objects.get(pk=self.meeting.pk)
        return actions.meeting_move(
            access=self.f.access(seat, **fields),
            meeting=current,
            expected_version=version or current.version,
            starts_at=starts_at,
            minutes=current.minutes,
            place_kind=current.place_kind,
            place=current.place,
        )

    def test_moving_a_meeting_keeps_its_history_and_says_so_on_the_timeline(self):
        moved = self.move(self.mother, local(12, 10))
        self.assertEqual((moved.starts_at, moved.moved_from), (local(12, 10), local(5, 15, 30)))
        self.assertEqual((moved.version, moved.changed_by), (2, self.mother.user))
        self.assertEqual(Revision.objects.filter(item_type="meeting", item_id=moved.pk).count(), 1)
        line = TimelineEntry.objects.filter(item_id=moved.pk, action="changed").get()
        self.assertIn("verzet van", line.summary)
        self.assertIn("10:00", line.summary)
        self.assertTrue(
            AuditEvent.objects.filter(
                action="update", data="meeting", object_id=str(moved.pk)
            ).exists()
        )

    def test_a_stale_move_is_refused_and_changes_nothing(self):
        self.move(self.worker, local(6, 10))
        with self.assertRaises(StaleEdit):
            self.move(self.mother, local(7, 10), version=1)
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).starts_at, local(6, 10))

    def test_the_form_shows_both_times_after_a_stale_move_and_keeps_what_was_typed(self):
        self.move(self.worker, local(6, 10))
        self.client.force_login(self.mother.user)
        response = self.client.post(
            self.url("meeting_move"),
            {
                "date": local(7, 0).date().isoformat(),
                "time": "11:00",
                "minutes": "60",
                "place_kind": "elders",
                "place": "Bibliotheek aan het plein",
                "version": "1",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "Bibliotheek aan het plein", status_code=400)
        self.assertContains(response, "10:00", status_code=400)

    def test_the_calendar_file_keeps_its_uid_with_a_higher_sequence_and_a_cancel(self):
        self.client.force_login(self.mother.user)
        before = ics(self.client.get(self.url("meeting_ics")))
        self.move(self.worker, local(8, 9, 15))
        after = ics(self.client.get(self.url("meeting_ics")))
        self.assertEqual((before[0], after[0]), ("PUBLISH", "PUBLISH"))
        self.assertEqual(before[1], after[1])
        self.assertGreater(after[2], before[2])
        self.assertEqual(after[4], local(8, 9, 15))
        current = Meeting.objects.get(pk=self.meeting.pk)
        actions.meeting_cancel(
            access=self.f.access(self.worker),
            meeting=current,
            expected_version=current.version,
            reason="Eef is ziek",
        )
        cancelled = ics(self.client.get(self.url("meeting_ics")))
        self.assertEqual((cancelled[0], cancelled[3]), ("CANCEL", "CANCELLED"))
        self.assertEqual(cancelled[1], before[1])
        self.assertGreater(cancelled[2], after[2])

    def test_cancelling_needs_a_reason_and_keeps_the_meeting_in_the_list(self):
        access = self.f.access(self.worker)
        with self.assertRaises(ActionError):
            actions.meeting_cancel(
                access=access, meeting=self.meeting, expected_version=1, reason="   "
            )
        actions.meeting_cancel(
            access=access, meeting=self.meeting, expected_version=1, reason="Eef is ziek"
        )
        self.assertTrue(AuditEvent.objects.filter(action="remove", data="meeting").exists())
        self.client.force_login(self.mother.user)
        meetings = self.client.get(reverse("careteam:meetings", args=[self.f.family.pk]))
        self.assertContains(meetings, "Gaat niet door")
        page = self.client.get(self.url("meeting"))
        self.assertContains(page, "Eef is ziek")
        self.assertNotContains(page, self.url("meeting_move"))
        self.assertNotContains(page, self.url("agenda_add"))
        with self.assertRaises(ActionError):
            self.move(self.worker, local(9, 10))

    def test_everyone_invited_but_the_one_who_moved_it_is_told_once(self):
        self.move(self.worker, local(9, 10))
        work.family_changed(self.f.family.pk)
        told = WaitingItem.objects.filter(key__contains=":moved:")
        self.assertEqual(
            sorted(told.values_list("user_id", flat=True)),
            sorted([self.mother.user.pk, self.father.user.pk]),
        )
        self.assertIn("Eef verzette het overleg", told.first().title)
        # Oma Ans was not invited; Eef moved it herself.
        self.assertFalse(told.filter(user_id__in=[self.gran.user.pk, self.worker.user.pk]))
        work.family_changed(self.f.family.pk)
        self.assertEqual(
            Notification.objects.filter(key__contains=":moved:", user=self.mother.user).count(),
            1,
        )
        for user_id in delivery.users_with_due_mail():
            delivery.send_for(user_id)
        self.assertTrue(any(self.mother.user.email in m.to for m in mail.outbox))

    def test_a_cancellation_is_news_for_those_invited(self):
        actions.meeting_cancel(
            access=self.f.access(self.mother),
            meeting=self.meeting,
            expected_version=1,
            reason="We zijn op vakantie",
        )
        work.family_changed(self.f.family.pk)
        told = WaitingItem.objects.filter(key__contains=":cancelled:")
        self.assertEqual(
            sorted(told.values_list("user_id", flat=True)),
            sorted([self.father.user.pk, self.worker.user.pk]),
        )
        self.assertIn("We zijn op vakantie", told.first().title)

    def test_a_closed_family_and_emergency_access_move_nothing(self):
        with self.assertRaises(PermissionDenied):
            self.move(self.mother, local(9, 10), emergency=True)
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.client.force_login(self.mother.user)
        response = self.client.post(self.url("meeting_cancel"), {"reason": "X", "version": "1"})
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(Meeting.objects.get(pk=self.meeting.pk).cancelled_at)

    def test_a_time_at_night_is_asked_about_once(self):
        self.client.force_login(self.mother.user)
        data = {
            "date": local(5, 0).date().isoformat(),
            "time": "03:25",
            "minutes": "60",
            "place_kind": "thuis",
            "place": "",
            "version": "1",
        }
        response = self.client.post(self.url("meeting_move"), data)
        self.assertContains(response, "Klopt dit?", status_code=400)
        self.assertContains(response, "Ja, dit tijdstip klopt", status_code=400)
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).version, 1)
        response = self.client.post(self.url("meeting_move"), data | {"odd_hour_ok": "on"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Meeting.objects.get(pk=self.meeting.pk).starts_at, local(5, 3, 25))

    def test_the_move_page_offers_no_checkbox_for_a_normal_hour(self):
        self.client.force_login(self.mother.user)
        page = self.client.get(self.url("meeting_move"))
        self.assertNotContains(page, "Ja, dit tijdstip klopt")
        self.assertContains(page, 'value="15:30"')


class MeetingSummaryTimeTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)

    def meeting(self, starts_at):
        return actions.meeting_create(
            access=self.f.access(self.worker),
            starts_at=starts_at,
            phase="hulp",
            invited=[self.mother, self.worker],
        )

    def test_a_summary_waits_until_the_meeting_started(self):
        coming = self.meeting(local(2, 10))
        with self.assertRaises(ActionError):
            actions.summary_write(
                access=self.f.access(self.worker),
                meeting=coming,
                expected_version=coming.version,
                summary="Alvast",
            )
        self.client.force_login(self.worker.user)
        url = reverse("careteam:meeting_summary", args=[self.f.family.pk, coming.pk])
        page = self.client.get(url)
        self.assertContains(page, "als het overleg begonnen is")
        self.assertNotContains(page, 'name="summary"')

    def test_a_meeting_without_a_summary_reminds_the_one_who_planned_it(self):
        held = self.meeting(timezone.now() - timedelta(hours=3))
        work.family_changed(self.f.family.pk)
        reminder = WaitingItem.objects.filter(key=f"careteam.meeting:{held.pk}:write-summary")
        self.assertEqual(list(reminder.values_list("user_id", flat=True)), [self.worker.user.pk])
        actions.summary_write(
            access=self.f.access(self.worker),
            meeting=held,
            expected_version=held.version,
            summary="We spraken over school.",
        )
        work.family_changed(self.f.family.pk)
        self.assertFalse(reminder.exists())

    def test_the_family_says_the_summary_is_right_with_an_addition(self):
        held = self.meeting(timezone.now() - timedelta(hours=3))
        held = actions.summary_write(
            access=self.f.access(self.worker),
            meeting=held,
            expected_version=held.version,
            summary="We spraken over school.",
        )
        self.client.force_login(self.mother.user)
        url = reverse("careteam:meeting_confirm", args=[self.f.family.pk, held.pk])
        self.client.post(url, {"seen": held.version, "correction": "En over de bso."})
        held.refresh_from_db()
        self.assertEqual((held.summary_status, held.correction), ("confirmed", "En over de bso."))
        page = self.client.get(reverse("careteam:meeting", args=[self.f.family.pk, held.pk]))
        self.assertContains(page, "Het gezin vulde aan:")


class MeetingRefusalTestCase(TestCase):
    """What can no longer change is refused with a sentence, not a crash."""

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.worker = self.f.professional("Eef")

    def meeting(self, starts_at, **fields):
        meeting = actions.meeting_create(
            access=self.f.access(self.worker),
            starts_at=starts_at,
            phase="hulp",
            invited=[self.mother, self.worker],
        )
        Meeting.objects.filter(pk=meeting.pk).update(**fields)
        meeting.refresh_from_db()
        return meeting

    def move(self, meeting, **fields):
        values = {
            "starts_at": meeting.starts_at,
            "minutes": meeting.minutes,
            "place_kind": meeting.place_kind,
            "place": meeting.place,
            **fields,
        }
        return actions.meeting_move(
            access=self.f.access(self.mother),
            meeting=meeting,
            expected_version=meeting.version,
            **values,
        )

    def test_a_meeting_with_a_summary_or_an_unknown_place_is_not_moved(self):
        held = self.meeting(local(-2, 10), summary="Verslag", summary_status="waiting")
        with self.assertRaises(ActionError):
            self.move(held, starts_at=local(3, 10))
        coming = self.meeting(local(3, 10))
        with self.assertRaises(ActionError):
            self.move(coming, place_kind="op-de-maan")

    def test_another_place_is_a_change_without_a_move(self):
        coming = self.meeting(local(3, 10))
        changed = self.move(coming, place_kind="elders", place="Bibliotheek")
        self.assertIsNone(changed.moved_from)
        line = TimelineEntry.objects.get(item_id=coming.pk, action="changed")
        self.assertIn("een andere plek of duur", line.summary)

    def test_a_meeting_that_began_is_not_cancelled_and_a_cancelled_one_gets_no_summary(self):
        began = self.meeting(timezone.now() - timedelta(minutes=10))
        with self.assertRaises(ActionError):
            actions.meeting_cancel(
                access=self.f.access(self.mother),
                meeting=began,
                expected_version=began.version,
                reason="Te laat",
            )
        gone = self.meeting(local(3, 10))
        gone = actions.meeting_cancel(
            access=self.f.access(self.mother),
            meeting=gone,
            expected_version=gone.version,
            reason="Ziek",
        )
        with self.assertRaises(ActionError):
            actions.summary_write(
                access=self.f.access(self.worker),
                meeting=gone,
                expected_version=gone.version,
                summary="Toch",
            )
