"""Report-backs with content and receipt: what was reported, for whom the family chooses,
and "ontvangen"; a critical one unanswered after a working day shows in red."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions
from samenplan.careteam.models import Report, ReportBack
from samenplan.families.models import Family, Participant, WaitingItem
from samenplan.lib.errors import ActionError
from samenplan.notices import work
from samenplan.test import give_totp

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Friday afternoon: one working day later is Monday afternoon.
FRIDAY = datetime(2026, 12, 4, 15, 0, tzinfo=AMSTERDAM)


class ReportTestCase(TestCase):
    def setUp(self):
        clock = time_machine.travel(FRIDAY - timedelta(hours=6), tick=False)
        clock.start()
        self.addCleanup(clock.stop)
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.gran = self.f.network("Oma Ans")
        self.worker = self.f.professional("Eef")
        self.coordinator = self.f.professional("Cas")
        self.colleague = self.f.professional("Mees")
        for seat in (self.worker, self.coordinator, self.colleague):
            give_totp(seat.user)
        Participant.objects.filter(pk=self.coordinator.pk).update(is_coordinator=True)
        self.coordinator.refresh_from_db()
        self.agreement = actions.report_back_create(
            access=self.f.access(self.worker),
            what="Hoe de ochtenden gaan",
            to_whom="Sara en Cas",
            every_weeks=2,
            next_due=timezone.localdate(),
        )

    def report(self, text="De ochtenden gaan beter", critical=False):
        return actions.report_back_done(
            access=self.f.access(self.worker), report=self.agreement, text=text, critical=critical
        )

    def overview(self, seat):
        self.client.force_login(seat.user)
        return self.client.get(reverse("careteam:overview", args=[self.f.family.pk]))

    def test_what_was_reported_is_kept_and_read_by_the_family_and_the_coordinator(self):
        sent = self.report()
        self.assertTrue(AuditEvent.objects.filter(action="create", data="report").exists())
        self.assertEqual(
            ReportBack.objects.get().next_due, timezone.localdate() + timedelta(weeks=2)
        )
        for seat in (self.mother, self.coordinator, self.worker):
            self.assertContains(self.overview(seat), "De ochtenden gaan beter")
        # Not for the rest of the table, unless the family chooses so.
        for seat in (self.gran, self.colleague):
            self.assertNotContains(self.overview(seat), "De ochtenden gaan beter")
        actions.report_back_audience(
            access=self.f.access(self.mother),
            report=self.agreement,
            audience="table",
            expected_version=1,
        )
        self.assertContains(self.overview(self.gran), "De ochtenden gaan beter")
        with self.assertRaises(ActionError):
            actions.report_receive(access=self.f.access(self.gran), report=sent)

    def test_the_family_says_ontvangen_and_the_request_goes(self):
        sent = self.report()
        work.family_changed(self.f.family.pk)
        waiting = WaitingItem.objects.filter(key=f"careteam.report:{sent.pk}:receive")
        self.assertEqual(
            sorted(waiting.values_list("user_id", flat=True)),
            sorted([self.mother.user.pk, self.coordinator.user.pk]),
        )
        self.client.force_login(self.mother.user)
        self.client.post(reverse("careteam:report_receive", args=[self.f.family.pk, sent.pk]))
        sent.refresh_from_db()
        self.assertEqual(sent.received_by, self.mother.user)
        work.family_changed(self.f.family.pk)
        self.assertFalse(waiting.exists())
        self.assertContains(self.overview(self.worker), "Ontvangen door Sara")

    def test_a_critical_report_unanswered_after_one_working_day_is_red_for_the_coordinator(self):
        with time_machine.travel(FRIDAY, tick=False):
            sent = self.report("Sara was erg boos en de kinderen waren bang", critical=True)
        self.assertEqual(timezone.localtime(sent.receipt_due()).weekday(), 0)  # Monday
        with time_machine.travel(FRIDAY + timedelta(days=2), tick=False):  # Sunday
            self.assertFalse(sent.is_unanswered_alarm())
        with time_machine.travel(FRIDAY + timedelta(days=3, hours=1), tick=False):  # Monday
            self.assertTrue(sent.is_unanswered_alarm())
            work.family_changed(self.f.family.pk)
            alarm = WaitingItem.objects.get(key=f"careteam.report:{sent.pk}:alarm")
            self.assertEqual((alarm.user_id, alarm.late), (self.coordinator.user.pk, True))
            page = self.overview(self.coordinator)
            self.assertContains(page, "Nog niet ontvangen, na een werkdag")

    def test_a_report_needs_words_and_only_the_one_who_agreed_to_it_reports(self):
        with self.assertRaises(ActionError):
            self.report(text="   ")
        self.client.force_login(self.colleague.user)
        url = reverse("careteam:report_back_done", args=[self.f.family.pk, self.agreement.pk])
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(self.worker.user)
        response = self.client.post(url, {"text": "", "critical": "on"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Report.objects.exists())

    def test_a_closed_family_receives_nothing(self):
        sent = self.report()
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.client.force_login(self.mother.user)
        response = self.client.post(
            reverse("careteam:report_receive", args=[self.f.family.pk, sent.pk])
        )
        self.assertEqual(response.status_code, 403)
        self.assertIsNone(Report.objects.get().received_at)

    def test_a_second_ontvangen_changes_nothing_and_an_unknown_audience_is_refused(self):
        sent = self.report()
        actions.report_receive(access=self.f.access(self.mother), report=sent)
        again = actions.report_receive(access=self.f.access(self.coordinator), report=sent)
        self.assertEqual(again.received_by, self.mother.user)
        with self.assertRaises(ActionError):
            actions.report_back_audience(
                access=self.f.access(self.mother),
                report=self.agreement,
                audience="iedereen-op-straat",
                expected_version=1,
            )
