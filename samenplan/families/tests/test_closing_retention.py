"""Afsluiten, and keeping and destroying a family's data."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.exports.family_json import family_models
from samenplan.families.models import (
    ContinuePlan,
    DestructionRecord,
    DestructionRequest,
    Family,
    Participant,
)
from samenplan.families.retention import destroy_family
from samenplan.test import SamenplanTestCase, give_totp


class ClosingTestCase(SamenplanTestCase):
    def url(self):
        return reverse("families:closing", args=[self.bakker.pk])

    def test_closing_needs_the_familys_own_plan_first(self):
        self.login(self.sanne)
        self.client.post(self.url(), {"step": "close"})
        self.bakker.refresh_from_db()
        self.assertIsNone(self.bakker.closed_at)

    def test_closing_ends_each_professionals_part_and_keeps_the_plan_for_the_family(self):
        give_totp(self.eva)
        self.login(self.sanne)
        self.client.post(self.url(), {"step": "criterion", "text": "De ochtenden zijn rustig"})
        self.client.post(self.url(), {"step": "answer", "answer": "yes"})
        self.client.post(
            self.url(),
            {"step": "plan", "what_works": "Samen ontbijten", "who_helps": "Oma Ria op maandag"},
        )
        self.assertIsNotNone(ContinuePlan.objects.get(family=self.bakker).confirmed_at)
        response = self.client.post(self.url(), {"step": "close"})
        self.assertRedirects(response, reverse("families:home", args=[self.bakker.pk]))
        self.bakker.refresh_from_db()
        self.assertIsNotNone(self.bakker.closed_at)
        self.assertFalse(
            Participant.objects.active().filter(family=self.bakker, role="professional").exists()
        )
        self.assertEqual(
            self.client.get(reverse("plan:plan", args=[self.bakker.pk])).status_code, 200
        )
        self.login(self.eva)
        self.assertEqual(
            self.client.get(reverse("plan:plan", args=[self.bakker.pk])).status_code, 404
        )
        self.login(self.ria)
        self.assertEqual(
            self.client.get(reverse("plan:plan", args=[self.bakker.pk])).status_code, 200
        )

    def test_a_youth_of_15_or_a_professional_does_not_close(self):
        ContinuePlan.objects.create(
            family=self.bakker,
            what_works="x",
            written_by=self.sanne,
            confirmed_by=self.sanne,
            confirmed_at=timezone.now(),
        )
        give_totp(self.eva)
        for user in (self.noor, self.eva):
            self.login(user)
            self.client.post(self.url(), {"step": "close"})
        self.bakker.refresh_from_db()
        self.assertIsNone(self.bakker.closed_at)


class RetentionTestCase(SamenplanTestCase):
    def test_the_dry_run_destroys_nothing_and_apply_destroys_only_what_is_due(self):
        Family.objects.filter(pk=self.degroot.pk).update(
            closed_at=timezone.now() - timedelta(days=365 * 20 + 10)
        )
        Family.objects.filter(pk=self.bakker.pk).update(
            closed_at=timezone.now() - timedelta(days=365 * 19)
        )
        out = StringIO()
        call_command("apply_retention", stdout=out)
        self.assertIn(f"Zou vernietigen: gezin nummer {self.degroot.pk}", out.getvalue())
        self.assertNotIn(f"nummer {self.bakker.pk}", out.getvalue())
        self.assertTrue(Family.objects.filter(pk=self.degroot.pk).exists())
        logged = AuditEvent.objects.filter(family_id=self.degroot.pk).count()
        call_command("apply_retention", "--apply", stdout=StringIO())
        self.assertFalse(Family.objects.filter(pk=self.degroot.pk).exists())
        self.assertTrue(Family.objects.filter(pk=self.bakker.pk).exists())
        for model in family_models():
            if model is AuditEvent:
                continue
            self.assertFalse(
                model._default_manager.filter(family_id=self.degroot.pk).exists(), model
            )
        record = DestructionRecord.objects.get(family_number=self.degroot.pk)
        self.assertEqual(record.reason, "retention")
        self.assertGreater(sum(record.rows.values()), 10)
        # The access log stays: it is the proof of who saw what.
        self.assertEqual(AuditEvent.objects.filter(family_id=self.degroot.pk).count(), logged)

    def test_the_bakker_family_with_everything_can_be_destroyed(self):
        record = destroy_family(self.bakker, reason="request")
        self.assertFalse(Family.objects.filter(pk=self.bakker.pk).exists())
        self.assertIn("plan.goal", record.rows)


class DestructionRequestTestCase(SamenplanTestCase):
    def url(self, family=None):
        return reverse("families:closing", args=[(family or self.bakker).pk])

    def test_a_parent_asks_and_the_professional_refuses_with_a_reason(self):
        self.login(self.sanne)
        self.client.post(self.url(), {"step": "destroy", "reason": "We zijn klaar"})
        asked = DestructionRequest.objects.get(family=self.bakker)
        self.assertEqual(asked.answer_before, timezone.localdate() + timedelta(days=91))
        # Nobody at the table answers it: the organisation's privacy officer will,
        # with a second person. Until then the request waits.
        give_totp(self.eva)
        self.login(self.eva)
        response = self.client.post(
            self.url(),
            {
                "step": "handle",
                "request_id": asked.pk,
                "approve": "no",
                "refusal": "Sem heeft er belang bij dat de afspraken bewaard blijven.",
            },
        )
        self.assertEqual(response.status_code, 403)
        asked.refresh_from_db()
        self.assertEqual(asked.status, "pending")

    def test_a_professional_at_the_table_cannot_destroy_the_file(self):
        self.login(self.daan)
        self.client.post(self.url(self.degroot), {"step": "destroy"})
        asked = DestructionRequest.objects.get(family=self.degroot)
        give_totp(self.bram)
        self.login(self.bram)
        response = self.client.post(
            self.url(self.degroot), {"step": "handle", "request_id": asked.pk, "approve": "yes"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Family.objects.filter(pk=self.degroot.pk).exists())
        self.assertFalse(DestructionRecord.objects.exists())

    def test_network_and_professionals_do_not_ask(self):
        self.login(self.ria)
        self.client.post(self.url(), {"step": "destroy"})
        self.assertFalse(DestructionRequest.objects.exists())
