"""Deciding together: each refusal with its reason (small families from builders)."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from samenplan.builders import FamilyBuilder
from samenplan.decisions import actions
from samenplan.decisions.models import Check, Decision
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.plan import actions as plan_actions


class DecisionActionsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.child = self.f.child("Sam", age=9)
        self.teen = self.f.child("Nina", age=14, account=True)
        self.worker = self.f.professional("Eef")
        self.family = self.f.access(self.mother)
        other = FamilyBuilder("Gezin Anders")
        self.stranger = other.parent("Ander")
        self.strange_goal = plan_actions.goal_create(
            access=other.access(self.stranger), text="Ander doel", domain="geld"
        )
        self.decision = actions.decision_create(
            access=self.family, question="Naar de opvang?", options=["Ja", "Nee"], about=self.child
        )

    def outcome(self, access=None, **fields):
        self.decision.refresh_from_db()
        values = {
            "mode": "samen",
            "chosen": self.decision.options.first(),
            "outcome": "Ja.",
            "reason": "Samen besproken.",
            "review_on": None,
        }
        values.update(fields)
        return actions.outcome_record(
            access=access or self.family,
            decision=self.decision,
            expected_version=self.decision.version,
            **values,
        )

    def test_a_question_is_about_this_family_and_has_two_options(self):
        with self.assertRaises(ActionError):
            actions.decision_create(
                access=self.family, question="?", options=["Ja"], about=self.stranger.member
            )
        with self.assertRaises(ActionError):
            actions.decision_create(
                access=self.family, question="?", options=["Ja", "Nee"], goal=self.strange_goal
            )
        with self.assertRaises(ActionError):
            actions.decision_create(
                access=self.family, question="?", options=["Ja", "ja"], add_wait=False
            )

    def test_options_and_arguments_belong_to_an_open_question(self):
        with self.assertRaises(ActionError):
            actions.option_add(access=self.family, decision=self.decision, text="ja")
        option = self.decision.options.first()
        with self.assertRaises(ActionError):
            actions.argument_add(access=self.family, option=option, kind="misschien", text="X")
        other = FamilyBuilder("Gezin Derde")
        strange = actions.decision_create(
            access=other.access(other.parent("Derde")), question="Ander", options=["A", "B"]
        ).options.first()
        with self.assertRaises(ActionError):
            actions.argument_add(access=self.family, option=strange, kind="pro", text="X")

    def test_a_view_picks_an_option_of_this_question_and_is_written_down_only_for_a_child(self):
        other = actions.decision_create(access=self.family, question="Ander", options=["A", "B"])
        with self.assertRaises(ActionError):
            actions.view_give(
                access=self.family,
                decision=self.decision,
                certainty=5,
                option=other.options.first(),
            )
        with self.assertRaises(ActionError):
            actions.view_give(
                access=self.f.access(self.teen),
                decision=self.decision,
                certainty=5,
                member=self.child,
            )
        with self.assertRaises(ActionError):
            actions.view_give(
                access=self.family, decision=self.decision, certainty=5, member=self.teen.member
            )
        own = actions.view_give(
            access=self.family, decision=self.decision, certainty=5, member=self.mother.member
        )
        self.assertEqual(own.participant, self.mother)

    def test_an_outcome_is_refused_when_it_does_not_hold(self):
        other = actions.decision_create(access=self.family, question="Ander", options=["A", "B"])
        with self.assertRaises(ActionError):
            self.outcome(chosen=other.options.first())
        with self.assertRaises(ActionError):
            self.outcome(mode="jongere")
        with self.assertRaises(ActionError):
            self.outcome(follow_up="Bellen", follow_up_owner=None)
        with self.assertRaises(ActionError):
            self.outcome(follow_up="Bellen", follow_up_owner=self.stranger)
        with self.assertRaises(ActionError):
            self.outcome(review_on=timezone.localdate())
        with self.assertRaises(StaleEdit):
            actions.outcome_record(
                access=self.family,
                decision=self.decision,
                expected_version=0,
                mode="samen",
                chosen=self.decision.options.first(),
                outcome="Ja",
                reason="x",
                review_on=None,
            )

    def test_a_compulsory_decision_needs_its_legal_basis(self):
        self.f.family.legal_framework = "ots"
        self.f.family.save()
        worker = self.f.access(self.worker)
        with self.assertRaises(ActionError):
            self.outcome(worker, mode="gi")
        decision = self.outcome(
            worker,
            mode="gi",
            legal_basis="BW 1:265b",
            unheard_reason="Sam wilde er nu niet over praten.",
        )
        self.assertEqual(decision.state, Decision.State.DECIDED)
        self.assertFalse(actions.can_assent(self.family, decision))
        with self.assertRaises(ActionError):
            actions.assent_give(access=self.family, decision=decision, agrees=True, seen_version=1)
        with self.assertRaises(ActionError):
            actions.option_add(access=self.family, decision=decision, text="Nog iets")

    def test_a_review_comes_once_after_deciding(self):
        with self.assertRaises(ActionError):
            actions.decision_review(access=self.family, decision=self.decision, review_note="x")

    def test_the_check_is_for_the_family_after_deciding_with_answers_1_to_5(self):
        answers = {"heard": 3, "could_say": 3, "together": 3, "know_next": 3}
        with self.assertRaises(ActionError):
            actions.check_answer(access=self.family, decision=self.decision, **answers)
        with self.assertRaises(ActionError):
            actions.objection_add(access=self.family, decision=self.decision, text="Nee")
        Decision.objects.filter(pk=self.decision.pk).update(state="decided", mode="samen")
        self.decision.refresh_from_db()
        with self.assertRaises(ActionError):
            actions.check_answer(
                access=self.family, decision=self.decision, **{**answers, "heard": 6}
            )
        actions.check_answer(access=self.family, decision=self.decision, **answers)
        self.assertEqual(Check.objects.get().heard, 3)

    def test_the_summary_counts_only_with_enough_others(self):
        from samenplan.decisions.summary import check_summary

        Decision.objects.filter(pk=self.decision.pk).update(state="decided", mode="samen")
        summary = check_summary(self.family, self.decision)
        self.assertFalse(summary["enough"])
        self.assertIsNone(summary["mine"])

    def test_a_decision_due_shows_on_the_plan(self):
        from samenplan.decisions.panels import decisions_due

        self.assertIsNone(decisions_due(self.family))
        Decision.objects.filter(pk=self.decision.pk).update(
            decide_by=timezone.localdate() + timedelta(days=2)
        )
        self.assertEqual(decisions_due(self.family).context["decisions"][0].pk, self.decision.pk)
