""" "Klopt deze hulpvraag nog?": any time, for everyone at the table, with the answers shown."""

from datetime import timedelta

import time_machine
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.families.models import Family, Participant, WaitingItem
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.notices import work
from samenplan.plan import actions
from samenplan.plan.models import HelpQuestionCheck, TimelineEntry
from samenplan.test import give_totp


class HelpQuestionCheckTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.teen = self.f.child("Tess", age=14, account=True)
        self.gran = self.f.network("Oma Ans")
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)
        self.question = actions.help_question_write(
            access=self.f.access(self.mother), text="Rustige ochtenden voor iedereen", base_id=None
        )
        self.url = reverse("plan:help_question_check", args=[self.f.family.pk])

    def test_anyone_at_the_table_answers_any_time_and_the_answers_show_on_the_plan(self):
        self.client.force_login(self.gran.user)
        page = self.client.get(self.url)
        self.assertContains(page, "Rustige ochtenden voor iedereen")
        self.assertNotContains(page, "---------")
        response = self.client.post(
            self.url, {"answer": "yes", "why": "", "question": self.question.pk}
        )
        self.assertEqual(response.status_code, 302)
        self.client.force_login(self.teen.user)
        self.client.post(
            self.url,
            {
                "answer": "not_quite",
                "why": "Het gaat ook over vriendinnen",
                "question": self.question.pk,
            },
        )
        plan = self.client.get(reverse("plan:plan", args=[self.f.family.pk]))
        self.assertContains(plan, "Het gaat ook over vriendinnen")
        self.assertContains(plan, "Oma Ans")
        self.assertTrue(
            TimelineEntry.objects.filter(summary__contains="Het gaat ook over vriendinnen").exists()
        )
        self.assertEqual(
            AuditEvent.objects.filter(action="create", data="help_question_check").count(), 2
        )

    def test_not_quite_needs_a_reason_and_offers_to_write_a_new_version(self):
        self.client.force_login(self.teen.user)
        response = self.client.post(
            self.url, {"answer": "not_quite", "why": " ", "question": self.question.pk}
        )
        self.assertContains(response, "Schrijf kort wat er niet meer klopt", status_code=400)
        response = self.client.post(
            self.url,
            {"answer": "not_quite", "why": "Ook over vriendinnen", "question": self.question.pk},
        )
        self.assertRedirects(response, reverse("plan:help_question", args=[self.f.family.pk]))
        with self.assertRaises(ActionError):
            actions.help_question_check(
                access=self.f.access(self.teen), question=self.question, answer="maybe"
            )

    def test_an_answer_to_an_older_version_is_refused_with_the_new_text(self):
        old = self.question.pk
        actions.help_question_write(
            access=self.f.access(self.mother),
            text="Rustige ochtenden en een vaste bedtijd",
            base_id=old,
        )
        self.client.force_login(self.teen.user)
        response = self.client.post(self.url, {"answer": "yes", "why": "", "question": old})
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "een vaste bedtijd", status_code=400)
        self.assertFalse(HelpQuestionCheck.objects.exists())
        with self.assertRaises(StaleEdit):
            actions.help_question_check(
                access=self.f.access(self.teen),
                question=actions.help_question_current(self.f.family.pk),
                answer="yes",
                seen=old,
            )

    def test_the_family_sets_after_how_many_weeks_the_plan_asks_again(self):
        interval = reverse("plan:help_question_interval", args=[self.f.family.pk])
        self.client.force_login(self.gran.user)
        self.assertEqual(
            self.client.post(interval, {"weeks": "4", "version": "1"}).status_code, 403
        )
        self.client.force_login(self.mother.user)
        response = self.client.post(interval, {"weeks": "40", "version": "1"})
        self.assertContains(response, "26", status_code=400)
        version = Family.objects.get(pk=self.f.family.pk).version
        self.client.post(interval, {"weeks": "4", "version": str(version)})
        self.assertEqual(Family.objects.get(pk=self.f.family.pk).help_question_check_weeks, 4)
        # Nobody checked for four weeks: everyone is asked, once.
        with time_machine.travel(timezone.now() + timedelta(weeks=4, days=1)):
            work.family_changed(self.f.family.pk)
            asked = WaitingItem.objects.filter(key__contains="plan.helpquestion:")
            self.assertEqual(
                set(asked.values_list("participant_id", flat=True)),
                set(Participant.objects.filter(family=self.f.family).values_list("pk", flat=True)),
            )

    def test_a_closed_family_and_emergency_access_answer_nothing(self):
        from django.core.exceptions import PermissionDenied

        with self.assertRaises(PermissionDenied):
            actions.help_question_check(
                access=self.f.access(self.teen, emergency=True),
                question=self.question,
                answer="yes",
            )
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.client.force_login(self.teen.user)
        response = self.client.post(
            self.url, {"answer": "yes", "why": "", "question": self.question.pk}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(HelpQuestionCheck.objects.exists())

    def test_the_actions_refuse_a_missing_reason_and_an_interval_out_of_range(self):
        with self.assertRaises(ActionError):
            actions.help_question_check(
                access=self.f.access(self.teen), question=self.question, answer="not_quite"
            )
        for weeks in (1, 27):
            with self.assertRaises(ActionError):
                actions.help_question_interval(
                    access=self.f.access(self.mother), weeks=weeks, expected_version=1
                )
