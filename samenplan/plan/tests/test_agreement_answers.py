"""Saying no is as easy as saying yes: "ja", "ja, als…" or "nee" to an agreement, and new
words ask everyone again."""

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.families.models import Family, Participant, Revision, WaitingItem
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.notices import work
from samenplan.plan import actions
from samenplan.plan.models import Agreement, AgreementSign, TimelineEntry
from samenplan.test import give_totp

TEXT = "Door de week gaan de telefoons om negen uur in de keuken"


class AgreementAnswerTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Ruud")
        self.teen = self.f.child("Tess", age=14, account=True)
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)
        Participant.objects.filter(pk=self.worker.pk).update(is_coordinator=True)
        self.worker.refresh_from_db()
        self.agreement = actions.agreement_create(
            access=self.f.access(self.mother),
            kind="collaboration",
            text=TEXT,
            concerned=[self.mother, self.father, self.teen],
        )

    def answer(self, seat, answer, reason="", seen=None):
        self.agreement.refresh_from_db()
        return actions.agreement_answer(
            access=self.f.access(seat),
            agreement=self.agreement,
            answer=answer,
            reason=reason,
            seen_version=seen if seen is not None else self.agreement.version,
        )

    def url(self, name):
        return reverse(f"plan:{name}", args=[self.f.family.pk, self.agreement.pk])

    def test_a_yes_if_and_a_no_carry_a_reason_and_show_beside_the_agreement(self):
        with self.assertRaises(ActionError):
            self.answer(self.teen, "no")
        self.answer(self.teen, "no", "Ik heb mijn wekker op mijn telefoon")
        self.answer(self.father, "yes_if", "als het in het weekend om tien uur mag")
        self.assertEqual(
            dict(AgreementSign.objects.values_list("participant__user__name", "answer")),
            {"Sara": "yes", "Tess": "no", "Ruud": "yes_if"},
        )
        self.client.force_login(self.mother.user)
        plan = self.client.get(reverse("plan:plan", args=[self.f.family.pk]))
        self.assertContains(plan, "Ik heb mijn wekker op mijn telefoon")
        self.assertContains(plan, "als het in het weekend om tien uur mag")
        actions_seen = set(TimelineEntry.objects.values_list("action", flat=True))
        self.assertTrue({"said_no", "agreed_if"} <= actions_seen)
        self.assertTrue(AuditEvent.objects.filter(action="decline", data="agreement").exists())

    def test_a_no_waits_for_the_coordinator_and_keeps_the_agreement_open(self):
        self.answer(self.teen, "no", "Ik heb mijn wekker op mijn telefoon")
        work.family_changed(self.f.family.pk)
        waiting = WaitingItem.objects.filter(key__contains=":no:")
        self.assertEqual(list(waiting.values_list("user_id", flat=True)), [self.worker.user.pk])
        self.assertIn("Tess zei nee op de afspraak", waiting.get().title)
        # Tess may change her mind: the answer is replaced, not added.
        self.answer(self.teen, "yes")
        work.family_changed(self.f.family.pk)
        self.assertFalse(WaitingItem.objects.filter(key__contains=":no:").exists())
        self.assertEqual(AgreementSign.objects.filter(participant=self.teen).count(), 1)

    def test_new_words_ask_everyone_again_but_a_new_date_does_not(self):
        self.answer(self.father, "yes_if", "als het in het weekend om tien uur mag")
        self.answer(self.teen, "yes")
        self.agreement.refresh_from_db()
        actions.agreement_update(
            access=self.f.access(self.mother),
            agreement=self.agreement,
            expected_version=self.agreement.version,
            text=TEXT,
            evaluate_on=timezone.localdate(),
        )
        work.family_changed(self.f.family.pk)
        self.assertFalse(WaitingItem.objects.filter(key__contains=":sign").exists())
        self.agreement.refresh_from_db()
        changed = actions.agreement_update(
            access=self.f.access(self.mother),
            agreement=self.agreement,
            expected_version=self.agreement.version,
            text=TEXT + ", in het weekend om tien uur",
            evaluate_on=None,
        )
        self.assertEqual(changed.text_version, changed.version)
        work.family_changed(self.f.family.pk)
        key = f"plan.agreement:{changed.pk}:sign:{changed.version}"
        asked = WaitingItem.objects.filter(key=key)
        self.assertEqual(
            sorted(asked.values_list("user_id", flat=True)),
            sorted([self.father.user.pk, self.teen.user.pk]),
        )
        self.assertEqual(Revision.objects.filter(item_type="agreement").count(), 3)
        self.assertTrue(TimelineEntry.objects.filter(action="changed", kind="agreement").exists())

    def test_an_answer_to_words_that_changed_since_is_refused(self):
        seen = self.agreement.version
        self.agreement.refresh_from_db()
        actions.agreement_update(
            access=self.f.access(self.mother),
            agreement=self.agreement,
            expected_version=seen,
            text="Iets anders",
        )
        with self.assertRaises(StaleEdit):
            self.answer(self.teen, "yes", seen=seen)
        with self.assertRaises(StaleEdit):
            actions.agreement_update(
                access=self.f.access(self.father),
                agreement=self.agreement,
                expected_version=seen,
                text="Nog iets anders",
            )

    def test_only_those_concerned_answer_and_never_under_emergency_access(self):
        with self.assertRaises(ActionError):
            self.answer(self.worker, "yes")
        with self.assertRaises(PermissionDenied):
            actions.agreement_answer(
                access=self.f.access(self.teen, emergency=True),
                agreement=self.agreement,
                answer="yes",
                seen_version=self.agreement.version,
            )
        self.client.force_login(self.worker.user)
        self.assertEqual(self.client.get(self.url("agreement_answer")).status_code, 403)

    def test_the_answer_page_keeps_what_was_typed_and_shows_both_texts_when_stale(self):
        self.client.force_login(self.teen.user)
        response = self.client.post(self.url("agreement_answer"), {"answer": "no", "seen": "1"})
        self.assertContains(response, "Schrijf kort waarom niet", status_code=400)
        self.agreement.refresh_from_db()
        actions.agreement_update(
            access=self.f.access(self.mother),
            agreement=self.agreement,
            expected_version=self.agreement.version,
            text="Telefoons om half tien in de keuken",
        )
        response = self.client.post(
            self.url("agreement_answer"),
            {"answer": "no", "reason": "Mijn wekker staat op mijn telefoon", "seen": "1"},
        )
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "Telefoons om half tien", status_code=400)
        self.assertContains(response, "Mijn wekker staat op mijn telefoon", status_code=400)
        self.assertFalse(AgreementSign.objects.filter(participant=self.teen).exists())

    def test_a_closed_family_changes_no_agreement(self):
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.client.force_login(self.mother.user)
        response = self.client.post(
            self.url("agreement_edit"), {"text": "Weg", "version": self.agreement.version}
        )
        self.assertEqual(response.status_code, 403)
        self.agreement.refresh_from_db()
        self.assertEqual(self.agreement.text, TEXT)

    def test_a_double_tap_empty_words_and_a_removed_agreement_are_handled(self):
        first = self.answer(self.teen, "no", "Mijn wekker")
        self.assertEqual(self.answer(self.teen, "no", "Mijn wekker").pk, first.pk)
        self.assertEqual(TimelineEntry.objects.filter(action="said_no").count(), 1)
        self.agreement.refresh_from_db()
        with self.assertRaises(ActionError):
            actions.agreement_update(
                access=self.f.access(self.mother),
                agreement=self.agreement,
                expected_version=self.agreement.version,
                text="   ",
            )
        # Made by someone it is not for: nobody's yes comes with it.
        other = actions.agreement_create(
            access=self.f.access(self.worker),
            kind="collaboration",
            text="Eef belt elke vrijdag",
            concerned=[self.mother],
        )
        self.assertFalse(AgreementSign.objects.filter(agreement=other).exists())
        Agreement.objects.filter(pk=other.pk).update(removed_at=timezone.now())
        other.refresh_from_db()
        with self.assertRaises(ActionError):
            actions.agreement_update(
                access=self.f.access(self.mother),
                agreement=other,
                expected_version=other.version,
                text="Anders",
            )
        with self.assertRaises(ActionError):
            actions.agreement_answer(
                access=self.f.access(self.mother),
                agreement=other,
                answer="yes",
                seen_version=other.version,
            )
