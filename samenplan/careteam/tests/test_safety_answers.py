"""A safety scenario can be changed, and those concerned say "ja", "ja, als…" or "nee"."""

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions
from samenplan.careteam.models import SafetyScenario, SafetySign
from samenplan.families.models import Family, Participant, Revision, WaitingItem
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.notices import work
from samenplan.test import give_totp


class SafetyAnswerTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.gran = self.f.network("Oma Ans")
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)
        Participant.objects.filter(pk=self.worker.pk).update(is_coordinator=True)
        self.worker.refresh_from_db()
        self.scenario = actions.scenario_create(
            access=self.f.access(self.worker),
            if_text="Als Sara 's avonds niet meer weet wat ze moet doen …",
            then_text="… dan belt ze oma Ans",
            concerned=[self.mother, self.gran, self.worker],
        )

    def url(self, name):
        return reverse(f"careteam:{name}", args=[self.f.family.pk, self.scenario.pk])

    def answer(self, seat, answer, reason="", seen=None):
        self.scenario.refresh_from_db()
        return actions.scenario_answer(
            access=self.f.access(seat),
            scenario=self.scenario,
            answer=answer,
            reason=reason,
            seen_version=seen if seen is not None else self.scenario.version,
        )

    def test_the_words_are_stored_without_a_second_als_or_dan(self):
        self.assertEqual(
            (self.scenario.if_text, self.scenario.then_text),
            ("Sara 's avonds niet meer weet wat ze moet doen", "belt ze oma Ans"),
        )

    def test_a_no_carries_a_reason_shows_on_the_page_and_waits_for_the_coordinator(self):
        with self.assertRaises(ActionError):
            self.answer(self.gran, "no")
        self.answer(self.gran, "no", "Ik woon te ver weg om 's avonds te komen")
        self.answer(self.mother, "yes_if", "als ik ook de buurvrouw mag bellen")
        self.assertTrue(AuditEvent.objects.filter(action="decline", data="safety").exists())
        work.family_changed(self.f.family.pk)
        told = WaitingItem.objects.filter(key__contains=":no:")
        self.assertEqual(list(told.values_list("user_id", flat=True)), [self.worker.user.pk])
        self.client.force_login(self.mother.user)
        page = self.client.get(reverse("careteam:safety", args=[self.f.family.pk]))
        self.assertContains(page, "Ik woon te ver weg om")
        self.assertContains(page, "als ik ook de buurvrouw mag bellen")
        self.assertNotContains(page, "Iedereen heeft ja gezegd.")
        self.assertContains(page, "0800-2000")

    def test_a_change_is_a_new_version_that_asks_everyone_again(self):
        self.answer(self.gran, "yes")
        self.answer(self.mother, "yes")
        self.scenario.refresh_from_db()
        changed = actions.scenario_update(
            access=self.f.access(self.mother),
            scenario=self.scenario,
            expected_version=self.scenario.version,
            if_text="Sara 's avonds niet meer weet wat ze moet doen",
            then_text="belt ze de buurvrouw, en anders oma Ans",
        )
        self.assertEqual(changed.version, 2)
        self.assertEqual(Revision.objects.filter(item_type="safetyscenario").count(), 1)
        work.family_changed(self.f.family.pk)
        asked = WaitingItem.objects.filter(key__endswith=":agree:2")
        # Sara changed it (her yes comes with it); Oma Ans and Eef are asked again.
        self.assertEqual(
            sorted(asked.values_list("user_id", flat=True)),
            sorted([self.gran.user.pk, self.worker.user.pk]),
        )
        with self.assertRaises(StaleEdit):
            self.answer(self.gran, "yes", seen=1)

    def test_the_edit_page_refuses_a_stale_save_with_both_texts(self):
        actions.scenario_update(
            access=self.f.access(self.worker),
            scenario=self.scenario,
            expected_version=1,
            if_text="Sara het niet meer weet",
            then_text="belt ze Eef",
        )
        self.client.force_login(self.mother.user)
        response = self.client.post(
            self.url("safety_edit"),
            {"if_text": "Het misgaat", "then_text": "bellen we oma Ans", "version": "1"},
        )
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "belt ze Eef", status_code=400)
        self.assertContains(response, "bellen we oma Ans", status_code=400)

    def test_only_those_concerned_answer_and_never_under_emergency_or_when_closed(self):
        outsider = self.f.parent("Ruud")
        with self.assertRaises(ActionError):
            self.answer(outsider, "yes")
        self.client.force_login(outsider.user)
        self.assertEqual(self.client.get(self.url("safety_answer")).status_code, 403)
        with self.assertRaises(PermissionDenied):
            actions.scenario_answer(
                access=self.f.access(self.gran, emergency=True),
                scenario=self.scenario,
                answer="yes",
                seen_version=1,
            )
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.client.force_login(self.gran.user)
        response = self.client.post(
            self.url("safety_answer"), {"answer": "no", "reason": "X", "seen": "1"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(SafetySign.objects.filter(participant=self.gran).exists())
        self.assertEqual(SafetyScenario.objects.get().version, 1)

    def test_empty_words_another_familys_scenario_and_a_double_tap(self):
        for if_text, then_text in (("Als …", "dan belt ze"), ("als ze boos is", "… dan …")):
            with self.assertRaises(ActionError):
                actions.scenario_create(
                    access=self.f.access(self.mother),
                    if_text=if_text,
                    then_text=then_text,
                    concerned=[self.mother],
                )
        with self.assertRaises(ActionError):
            actions.scenario_update(
                access=self.f.access(self.mother),
                scenario=self.scenario,
                expected_version=1,
                if_text="…",
                then_text="belt ze",
            )
        # Someone not concerned changes it: nobody's yes comes with it.
        outsider = self.f.professional("Mees")
        actions.scenario_update(
            access=self.f.access(outsider),
            scenario=self.scenario,
            expected_version=1,
            if_text="Sara het niet meer weet",
            then_text="belt ze Eef",
        )
        self.assertFalse(SafetySign.objects.filter(version=2).exists())
        other = FamilyBuilder("Gezin Anders")
        stranger = other.parent("Ander")
        with self.assertRaises(ActionError):
            actions.scenario_answer(
                access=other.access(stranger), scenario=self.scenario, answer="yes", seen_version=2
            )
        first = self.answer(self.gran, "no", "Te ver weg")
        self.assertEqual(self.answer(self.gran, "no", "Te ver weg").pk, first.pk)
        self.assertEqual(AuditEvent.objects.filter(action="decline", data="safety").count(), 1)
