"""Hoorrecht: no decision about a youth of 12+, and none in a compulsory framework,
is written down without the child's own view or the reason it is missing."""

from django.test import TestCase
from django.urls import reverse

from samenplan.builders import FamilyBuilder
from samenplan.decisions import actions
from samenplan.decisions.models import Decision
from samenplan.lib.errors import ActionError


class HoorrechtTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.sam = self.f.child("Sam", age=9)
        self.nina = self.f.child("Nina", age=14, account=True)
        self.worker = self.f.professional("Eef")

    def ask(self, about):
        return actions.decision_create(
            access=self.f.access(self.mother),
            question="Naar een andere school?",
            options=["Ja", "Nee"],
            about=about,
        )

    def record(self, decision, seat=None, **fields):
        decision.refresh_from_db()
        values = {
            "mode": "samen",
            "chosen": decision.options.first(),
            "outcome": "Ja.",
            "reason": "Samen besproken.",
            "review_on": None,
        }
        values.update(fields)
        return actions.outcome_record(
            access=self.f.access(seat or self.mother),
            decision=decision,
            expected_version=decision.version,
            **values,
        )

    def compulsory(self):
        self.f.family.legal_framework = "ots"
        self.f.family.save()

    def view_of(self, seat, decision, **fields):
        return actions.view_give(
            access=self.f.access(seat), decision=decision, certainty=5, **fields
        )

    def test_a_decision_about_a_youth_of_12_waits_for_her_view(self):
        decision = self.ask(self.nina.member)
        with self.assertRaisesMessage(ActionError, "Nina gaf nog geen mening."):
            self.record(decision)
        self.view_of(self.nina, decision, words="Ik wil wel, als mijn vriendin meegaat.")
        decision = self.record(decision)
        self.assertEqual(decision.unheard_reason, "")

    def test_without_her_view_the_reason_is_written_down_and_kept(self):
        decision = self.record(
            self.ask(self.nina.member), unheard_reason="Nina is een week op kamp."
        )
        self.assertEqual(decision.unheard_reason, "Nina is een week op kamp.")

    def test_a_young_child_in_voluntary_help_is_not_required_to_have_a_view(self):
        decision = self.record(self.ask(self.sam))
        self.assertTrue(decision.has_outcome)

    def test_in_a_compulsory_framework_the_child_it_is_about_is_heard_at_any_age(self):
        self.compulsory()
        decision = self.ask(self.sam)
        worker = {"seat": self.worker, "mode": "gi", "legal_basis": "BW 1:255"}
        with self.assertRaisesMessage(ActionError, "Sam gaf nog geen mening."):
            self.record(decision, **worker)
        # Sam has no account: his mother writes down what he said, in his words.
        self.view_of(self.mother, decision, member=self.sam, words="Ik wil bij mijn juf blijven.")
        decision = self.record(decision, unheard_reason="(niet nodig)", **worker)
        self.assertEqual(decision.state, Decision.State.DECIDED)
        self.assertEqual(decision.unheard_reason, "")  # he was heard: no reason kept

    def test_in_a_compulsory_framework_every_youth_of_12_is_heard_about_the_family(self):
        self.compulsory()
        decision = self.ask(None)
        worker = {"seat": self.worker, "mode": "gi", "legal_basis": "BW 1:255"}
        with self.assertRaisesMessage(ActionError, "Nina gaf nog geen mening."):
            self.record(decision, **worker)
        self.view_of(self.nina, decision, words="Ik vind het spannend.")
        self.assertEqual(self.record(decision, **worker).state, Decision.State.DECIDED)

    def test_a_view_she_keeps_to_herself_still_counts_as_heard(self):
        decision = self.ask(self.nina.member)
        self.view_of(self.nina, decision, words="Liever niet.", private=True)
        self.assertTrue(self.record(decision).has_outcome)

    def test_the_pages_say_who_is_not_heard_and_show_the_reason_beside_the_decision(self):
        decision = self.ask(self.nina.member)
        self.client.force_login(self.mother.user)
        decide = reverse("decisions:decide", args=[self.f.family.pk, decision.pk])
        page = self.client.get(decide)
        self.assertContains(page, "Nog niet gehoord")
        self.assertContains(page, "<strong>Nina</strong>", html=True)
        data = {
            "version": decision.version,
            "mode": "samen",
            "chosen": decision.options.first().pk,
            "outcome": "We kiezen de school bij oma in de buurt.",
            "reason": "Dichtbij.",
            "review_on": "2099-01-01",
            "follow_up_owner": self.mother.pk,
        }
        refused = self.client.post(decide, data)
        self.assertContains(refused, "Nina gaf nog geen mening.", status_code=400)
        self.assertContains(refused, "We kiezen de school bij oma in de buurt.", status_code=400)
        self.client.post(decide, {**data, "unheard_reason": "Nina is een week op kamp."})
        detail = self.client.get(reverse("decisions:detail", args=[self.f.family.pk, decision.pk]))
        self.assertContains(detail, "Geen mening van het kind of de jongere")
        self.assertContains(detail, "Nina is een week op kamp.")
