"""What waits for whom, who is told, and when: built on small families."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, TransactionTestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from samenplan.builders import FamilyBuilder
from samenplan.families.models import Family, WaitingItem
from samenplan.notices import delivery, work
from samenplan.notices.models import NoticeSettings, Notification
from samenplan.plan import actions as plan
from samenplan.plan.models import Goal, Step
from samenplan.test import give_totp

# Mail goes out only outside the quiet hours: these tests run at noon (conftest.py).
pytestmark = pytest.mark.daytime

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Text that only the family knows; it must never reach a mail.
SECRET = "Zwemles-op-donderdag-bij-oma-Trees"


def at(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=AMSTERDAM)


def titles(seat) -> list[str]:
    return list(WaitingItem.objects.filter(participant=seat).values_list("title", flat=True))


def mine(seat) -> list[str]:
    return list(
        WaitingItem.objects.filter(participant=seat, kind="mine").values_list("title", flat=True)
    )


class WaitingTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.father = self.f.parent("Fons")
        self.teen = self.f.child("Tess", age=14, account=True)
        self.grandma = self.f.network("Oma Trees")
        self.worker = self.f.professional("Wim")

    def refresh(self):
        work.family_changed(self.f.family.pk)

    def propose_goal(self, text=SECRET):
        goal = plan.goal_create(access=self.f.access(self.worker), text=text, domain="school")
        self.refresh()
        return goal

    def test_a_professionals_proposal_waits_for_the_family_and_goes_when_taken_over(self):
        goal = self.propose_goal()
        for seat in (self.mother, self.father, self.teen):
            self.assertEqual(mine(seat), [f"Voorstel van Wim: {SECRET}"], seat)
        self.assertEqual(mine(self.grandma), [])
        self.assertEqual(
            list(
                WaitingItem.objects.filter(participant=self.worker).values_list("kind", flat=True)
            ),
            ["family"],
        )
        plan.proposal_decide(access=self.f.access(self.mother), item=goal, accept=True)
        self.refresh()
        self.assertEqual(mine(self.mother) + mine(self.father) + mine(self.teen), [])

    def test_a_youths_private_step_never_shows_in_anyone_elses_list(self):
        step = plan.step_create(
            access=self.f.access(self.teen),
            text=SECRET,
            owner=self.teen,
            due_date=timezone.localdate() - timedelta(days=2),
            private=True,
        )
        self.refresh()
        self.assertEqual(mine(self.teen), [f"Je stap is te laat: {SECRET}"])
        for seat in (self.mother, self.father, self.grandma, self.worker):
            self.assertNotIn(SECRET, " ".join(titles(seat)), seat)
        self.assertTrue(Step.objects.filter(pk=step.pk).exists())

    def test_nothing_waits_in_a_closed_family(self):
        self.propose_goal()
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.refresh()
        self.assertFalse(WaitingItem.objects.filter(family=self.f.family).exists())

    def test_a_professional_without_consent_has_no_list(self):
        stranger = self.f.professional("Stijn", consent=False)
        self.propose_goal()
        self.assertEqual(titles(stranger), [])
        # ... and the parents are asked for their consent.
        self.assertIn("Stijn wacht op jouw toestemming. Je mag ook nee zeggen.", mine(self.mother))

    def test_the_home_the_header_and_voor_jou_show_the_list(self):
        self.propose_goal()
        self.client.force_login(self.mother.user)
        home = self.client.get(reverse("families:home", args=[self.f.family.pk]))
        self.assertContains(home, f"Voorstel van Wim: {SECRET}")
        plan_page = self.client.get(reverse("plan:plan", args=[self.f.family.pk]))
        self.assertContains(plan_page, "Wacht op jou: 1 ding")
        for_you = self.client.get(reverse("notices:for_you"))
        self.assertContains(for_you, f"Voorstel van Wim: {SECRET}")
        self.assertContains(for_you, "Gezin Test")
        # Reading the list is a read of the family's data, in its log.
        from samenplan.audit.models import AuditEvent

        self.assertTrue(
            AuditEvent.objects.filter(
                family=self.f.family, actor=self.mother.user, data="waiting"
            ).exists()
        )

    def test_a_professional_sees_per_family_what_waits_for_the_family(self):
        self.propose_goal()
        give_totp(self.worker.user)
        self.client.force_login(self.worker.user)
        page = self.client.get(reverse("notices:for_you"))
        self.assertContains(page, f"Je voorstel wacht op het gezin: {SECRET}")
        self.assertContains(page, "Wacht op het gezin")


# Mail waits in the queue; these tests send it themselves, at the moment they choose.
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class NotificationTestCase(TestCase):
    def setUp(self):
        # The family joins on a fixed morning, so that the tests below can go to
        # a later hour that day whatever the real date (people only count from
        # the moment they joined).
        clock = time_machine.travel(at(9), tick=False)
        clock.start()
        self.addCleanup(clock.stop)
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.worker = self.f.professional("Wim")

    def propose(self, text=SECRET):
        goal = plan.goal_create(access=self.f.access(self.worker), text=text, domain="school")
        work.family_changed(self.f.family.pk)
        return goal

    def test_someone_is_told_once_about_a_request_not_on_every_change(self):
        goal = self.propose()
        work.family_changed(self.f.family.pk)
        Goal.objects.filter(pk=goal.pk).update(text="Iets anders")
        work.family_changed(self.f.family.pk)
        self.assertEqual(Notification.objects.filter(user=self.mother.user).count(), 1)
        self.assertFalse(Notification.objects.filter(user=self.worker.user).exists())

    def test_a_withdrawn_request_takes_its_unsent_notification_with_it(self):
        NoticeSettings.objects.create(user=self.mother.user, frequency="daily")
        goal = self.propose()
        self.assertEqual(Notification.objects.filter(user=self.mother.user).count(), 1)
        plan.proposal_decide(
            access=self.f.access(self.mother), item=goal, accept=False, reason="Nee"
        )
        work.family_changed(self.f.family.pk)
        self.assertFalse(Notification.objects.filter(user=self.mother.user).exists())

    def test_direct_mail_waits_for_the_end_of_the_quiet_hours(self):
        prefs = NoticeSettings(frequency="direct", quiet_from=time(21), quiet_until=time(7, 30))
        self.assertEqual(delivery.send_time(prefs, at(14)), at(14))
        self.assertEqual(delivery.send_time(prefs, at(23)), at(7, 30, day=3))
        self.assertEqual(delivery.send_time(prefs, at(6)), at(7, 30))

    def test_a_daily_or_weekly_summary_comes_in_the_morning(self):
        daily = NoticeSettings(frequency="daily", quiet_until=time(8))
        self.assertEqual(delivery.send_time(daily, at(14)), at(8, day=3))
        self.assertEqual(delivery.send_time(daily, at(7)), at(8))
        weekly = NoticeSettings(frequency="weekly", quiet_until=time(8))
        # 2 December 2026 is a Wednesday: the next Monday is the 7th.
        self.assertEqual(delivery.send_time(weekly, at(14)), at(8, day=7))
        self.assertIsNone(delivery.send_time(NoticeSettings(frequency="app"), at(14)))

    def test_app_only_means_no_mail_but_the_list(self):
        NoticeSettings.objects.create(user=self.mother.user, frequency="app")
        self.propose()
        notification = Notification.objects.get(user=self.mother.user)
        self.assertFalse(notification.by_mail)
        self.assertEqual(delivery.send_for(self.mother.user.pk), None)
        self.assertEqual(mail.outbox, [])

    def test_a_daily_summary_is_one_mail_for_everything_waiting(self):
        NoticeSettings.objects.create(user=self.mother.user, frequency="daily")
        with time_machine.travel(at(14), tick=False):
            self.propose("Eerste")
            self.propose("Tweede")
            self.assertEqual(delivery.send_for(self.mother.user.pk), None)
            self.assertEqual(mail.outbox, [])
        with time_machine.travel(at(8, 5, day=3), tick=False):
            delivery.send_for(self.mother.user.pk)
            delivery.send_for(self.mother.user.pk)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(Notification.objects.filter(sent_at__isnull=True).count(), 0)

    def test_no_mail_holds_any_family_text(self):
        self.propose()
        self.mother.user.language = "en"
        self.mother.user.save()
        self.f.professional("Zoë")  # consent waits: another kind of item
        work.family_changed(self.f.family.pk)
        for user_id in delivery.users_with_due_mail():
            delivery.send_for(user_id)
        self.assertGreaterEqual(len(mail.outbox), 1)
        names = ["Gezin Test", "Mira", "Wim", "Zoë", SECRET, "school"]
        for message in mail.outbox:
            for text in names:
                self.assertNotIn(text, message.subject + message.body, message.to)
        self.assertIn("/voor-jou/", mail.outbox[0].body)

    def test_every_mail_template_ignores_what_it_is_given(self):
        from pathlib import Path

        from django.conf import settings
        from django.template.loader import render_to_string

        templates = sorted(Path(settings.BASE_DIR, "templates", "notices").glob("mail_*.txt"))
        self.assertGreaterEqual(len(templates), 2)
        stuffed = {
            "url": "https://samenplan.example/voor-jou/",
            "family": SECRET,
            "items": [SECRET],
            "user": SECRET,
            "title": SECRET,
        }
        for path in templates:
            self.assertNotIn(SECRET, render_to_string(f"notices/{path.name}", stuffed), path)


# Mail waits in the queue; these tests send it themselves, at the moment they choose.
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class RemindersTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.step = plan.step_create(
            access=self.f.access(self.mother),
            text="Bellen met school",
            owner=self.mother,
            due_date=timezone.localdate() + timedelta(days=1),
        )

    def test_a_step_due_tomorrow_then_late_is_two_reminders_and_no_more(self):
        work.daily()
        work.daily()
        self.assertEqual(mine(self.mother), ["Je stap is bijna aan de beurt: Bellen met school"])
        delivery.send_for(self.mother.user.pk)
        with time_machine.travel(timezone.now() + timedelta(days=3)):
            work.daily()
            work.daily()
            self.assertEqual(mine(self.mother), ["Je stap is te laat: Bellen met school"])
            delivery.send_for(self.mother.user.pk)
            delivery.send_for(self.mother.user.pk)
        keys = sorted(Notification.objects.values_list("key", flat=True))
        self.assertEqual(keys, [f"plan.step:{self.step.pk}:due", f"plan.step:{self.step.pk}:late"])
        self.assertEqual(len(mail.outbox), 2)

    def test_a_reminder_that_was_not_sent_yet_is_replaced_not_added(self):
        NoticeSettings.objects.create(user=self.mother.user, frequency="weekly")
        work.daily()
        with time_machine.travel(timezone.now() + timedelta(days=3)):
            work.daily()
        keys = list(Notification.objects.values_list("key", flat=True))
        self.assertEqual(keys, [f"plan.step:{self.step.pk}:late"])


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class TickTestCase(TransactionTestCase):
    """The worker's round commits, as in production (the database worker needs that)."""

    def test_the_tick_runs_the_days_round_once_and_sends_each_mail_once(self):
        f = FamilyBuilder()
        self.mother = f.parent("Mira")
        plan.step_create(
            access=f.access(self.mother),
            text="Bellen met school",
            owner=self.mother,
            due_date=timezone.localdate() + timedelta(days=1),
        )
        first = work.tick()
        second = work.tick()
        self.assertEqual((first["families"], second["families"]), (1, 0))
        self.assertEqual(mail.outbox, [])  # queued, not sent
        call_command("db_worker", batch=True, verbosity=0)
        call_command("notices", verbosity=0)
        call_command("db_worker", batch=True, verbosity=0)
        self.assertEqual([m.to for m in mail.outbox], [[self.mother.user.email]])


# Mail waits in the queue; these tests send it themselves, at the moment they choose.
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class RetryTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.worker = self.f.professional("Wim")
        plan.goal_create(access=self.f.access(self.worker), text=SECRET, domain="school")
        work.family_changed(self.f.family.pk)

    # A real SMTP connection to a port where nothing listens: the send fails.
    @override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=9,
        EMAIL_TIMEOUT=2,
    )
    def fail_once(self):
        return delivery.send_for(self.mother.user.pk)

    def test_a_failed_mail_is_tried_again_and_then_goes_out(self):
        retry = self.fail_once()
        self.assertIsNotNone(retry)
        notification = Notification.objects.get(user=self.mother.user)
        self.assertEqual(notification.attempts, 1)
        self.assertIn(notification.last_error, ("ConnectionRefusedError", "OSError", "timeout"))
        self.assertEqual(delivery.send_for(self.mother.user.pk), None)
        self.assertEqual(mail.outbox, [])
        with time_machine.travel(retry + timedelta(seconds=1)):
            delivery.send_for(self.mother.user.pk)
        self.assertEqual(len(mail.outbox), 1)

    def test_after_five_failures_the_admin_sees_it_without_content(self):
        for _attempt in range(Notification.MAX_ATTEMPTS):
            Notification.objects.update(send_after=timezone.now())
            self.fail_once()
        notification = Notification.objects.get(user=self.mother.user)
        self.assertIsNotNone(notification.failed_at)
        from samenplan.accounts.models import Professional
        from samenplan.builders import user

        admin = user("beheer@example.org", "Beheerder")
        Professional.objects.create(
            user=admin, organization=self.f.family.organization, is_org_admin=True
        )
        give_totp(admin)
        self.client.force_login(admin)
        page = self.client.get(reverse("notices:organization_failures"))
        self.assertContains(page, f"Gezin nummer {self.f.family.pk}")
        self.assertNotContains(page, SECRET)
        self.assertNotContains(page, "Mira")
        self.assertNotContains(page, "Gezin Test")


class OverviewQueryCountTestCase(TestCase):
    """ "Voor jou" costs the same for a professional in two families or in six."""

    def count(self, person):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("notices:for_you"))
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def family_with(self, worker_user, n):
        from samenplan.families.models import Consent, Participant

        f = FamilyBuilder(f"Gezin {n}")
        mother = f.parent(f"Moeder {n}")
        seat = Participant.objects.create(
            family=f.family, user=worker_user, role="professional", organization_name="Wijkteam"
        )
        Consent.objects.create(
            family=f.family, participant=seat, member=mother.member, given_by=mother.user
        )
        plan.goal_create(access=f.access(seat), text=f"Doel {n}", domain="school")
        plan.step_create(
            access=f.access(mother),
            text=f"Stap {n}",
            owner=mother,
            due_date=timezone.localdate() - timedelta(days=1),
        )
        work.family_changed(f.family.pk)
        return f, seat

    def test_the_overview_is_constant_in_the_number_of_families(self):
        worker = FamilyBuilder("Gezin 0").professional("Wim")
        give_totp(worker.user)
        self.client.force_login(worker.user)
        for n in (1, 2):
            self.family_with(worker.user, n)
        self.client.get(reverse("notices:for_you"))  # the session settles on the first visit
        small = self.count(worker)
        for n in (3, 4, 5, 6):
            self.family_with(worker.user, n)
        page = self.client.get(reverse("notices:for_you"))
        self.assertContains(page, "Je voorstel wacht op het gezin: Doel 6")
        self.assertContains(page, "Stap van Moeder 6 is te laat: Stap 6")
        self.assertEqual(self.count(worker), small)


class OverviewPagesTestCase(OverviewQueryCountTestCase):
    """A professional at many tables: "Per gezin" pages on; what waits for them stays whole."""

    def test_per_family_pages_on_and_only_what_is_shown_is_logged_as_read(self):
        from unittest.mock import patch

        from samenplan.audit.models import AuditEvent
        from samenplan.notices import views

        worker = FamilyBuilder("Gezin 0").professional("Wim")
        give_totp(worker.user)
        self.client.force_login(worker.user)
        for n in (1, 2):
            self.family_with(worker.user, n)
        third, seat = self.family_with(worker.user, 3)
        plan.step_create(
            access=third.access(seat),
            text="Eigen stap 3",
            owner=seat,
            due_date=timezone.localdate() - timedelta(days=1),
        )
        work.family_changed(third.family.pk)
        with patch.object(views, "FAMILIES_PER_PAGE", 2):
            last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
            first = self.client.get(reverse("notices:for_you"))
            read = set(
                AuditEvent.objects.filter(id__gt=last, data="waiting").values_list(
                    "family__name", flat=True
                )
            )
            second = self.client.get(reverse("notices:for_you"), {"pagina": 2})
        # What waits for Wim himself is on every page, from every family.
        self.assertContains(first, "Je stap is te laat: Eigen stap 3")
        self.assertContains(second, "Je stap is te laat: Eigen stap 3")
        self.assertContains(first, "Stap van Moeder 1 is te laat: Stap 1")
        self.assertNotContains(first, "Stap van Moeder 2 is te laat")
        self.assertContains(second, "Stap van Moeder 2 is te laat: Stap 2")
        self.assertContains(first, "Pagina 1 van 2")
        self.assertContains(first, "?pagina=2#overview-title")
        # Gezin 2's card is on the second page: the first look did not read it.
        self.assertEqual(read, {"Gezin 1", "Gezin 3"})
