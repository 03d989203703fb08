"""The plan's writes, each refusal with its reason (small families from builders)."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from samenplan.builders import FamilyBuilder
from samenplan.careteam.models import Meeting
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.plan import actions
from samenplan.plan.models import Goal, HelpQuestion


class PlanActionsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.teen = self.f.child("Nina", age=14, account=True)
        self.worker = self.f.professional("Eef")
        self.family = self.f.access(self.mother)
        other = FamilyBuilder("Gezin Anders")
        self.stranger = other.parent("Ander")
        self.strange_goal = actions.goal_create(
            access=other.access(self.stranger), text="Ander doel", domain="geld"
        )
        self.strange_meeting = Meeting.objects.create(
            family=other.family,
            starts_at=timezone.now(),
            phase="hulp",
            created_by=self.stranger.user,
        )
        self.goal = actions.goal_create(access=self.family, text="Rust in huis", domain="opvoeden")

    def test_a_goal_belongs_to_someone_of_this_family(self):
        with self.assertRaises(ActionError):
            actions.goal_create(
                access=self.family, text="X", domain="geld", owner=self.stranger.member
            )
        with self.assertRaises(ActionError):
            actions.goal_update(
                access=self.family,
                goal=self.goal,
                expected_version=self.goal.version,
                owner=self.stranger.member,
            )
        with self.assertRaises(ActionError):
            actions.goal_propose_change(
                access=self.f.access(self.worker), goal=self.goal, owner=self.stranger.member
            )

    def test_a_change_is_proposed_only_for_a_goal_in_the_plan(self):
        actions.goal_remove(access=self.family, goal=self.goal, expected_version=self.goal.version)
        self.goal.refresh_from_db()
        with self.assertRaises(ActionError):
            actions.goal_propose_change(access=self.f.access(self.worker), goal=self.goal, text="X")
        with self.assertRaises(StaleEdit):
            actions.goal_remove(
                access=self.family, goal=self.goal, expected_version=self.goal.version
            )
        with self.assertRaises(ActionError):
            actions.score_add(access=self.family, goal=self.goal, score=5)

    def test_only_the_family_changes_its_goal_and_reaching_it_is_dated(self):
        with self.assertRaises(ActionError):
            actions.goal_update(
                access=self.f.access(self.worker),
                goal=self.goal,
                expected_version=self.goal.version,
                text="Anders",
            )
        goal = actions.goal_update(
            access=self.family,
            goal=self.goal,
            expected_version=self.goal.version,
            goal_status=Goal.GoalStatus.ACHIEVED,
        )
        self.assertIsNotNone(goal.achieved_at)

    def test_a_step_has_someone_at_this_table_a_goal_and_a_meeting_of_this_family(self):
        family = self.family
        with self.assertRaises(ActionError):
            actions.step_create(access=family, text="Bellen")
        with self.assertRaises(ActionError):
            actions.step_create(access=family, text="Bellen", owner=self.stranger)
        self.worker.active_to = timezone.now() - timedelta(days=1)
        self.worker.save()
        with self.assertRaises(ActionError):
            actions.step_create(access=family, text="Bellen", owner=self.worker)
        with self.assertRaises(ActionError):
            actions.step_create(
                access=family, text="Bellen", owner=self.mother, goal=self.strange_goal
            )
        with self.assertRaises(ActionError):
            actions.step_create(
                access=family, text="Bellen", owner=self.mother, meeting=self.strange_meeting
            )
        with self.assertRaises(ActionError):
            actions.step_create(
                access=self.f.access(self.teen),
                text="Iets van mama",
                owner=self.mother,
                private=True,
            )

    def test_a_step_is_done_by_its_owner_or_the_family_once_it_was_taken_on(self):
        worker = self.f.access(self.worker)
        proposal = actions.step_create(access=worker, text="Sara belt", owner=self.mother)
        with self.assertRaises(ActionError):
            actions.step_done(access=self.family, step=proposal)
        own = actions.step_create(access=worker, text="Eef belt", owner=self.worker)
        network = self.f.network("Oma")
        self.assertFalse(actions.can_finish_step(self.f.access(network), own))
        self.assertFalse(actions.can_remove_step(self.f.access(network), own))
        with self.assertRaises(ActionError):
            actions.step_done(access=self.f.access(network), step=own)
        done = actions.step_done(access=worker, step=own)
        self.assertEqual(actions.step_done(access=worker, step=done).done_at, done.done_at)
        with self.assertRaises(ActionError):
            actions.step_remove(access=self.f.access(network), step=own)

    def test_a_success_and_an_agreement_belong_to_this_plan(self):
        with self.assertRaises(ActionError):
            actions.success_create(
                access=self.family, what_happened="Het lukte", goals=[self.strange_goal]
            )
        with self.assertRaises(ActionError):
            actions.vision_write(access=self.family, member=self.stranger.member, text="Later")
        agree = {"access": self.family, "kind": "goal", "text": "Samen eten"}
        with self.assertRaises(ActionError):
            actions.agreement_create(**agree, concerned=[])
        with self.assertRaises(ActionError):
            actions.agreement_create(**agree, concerned=[self.stranger])
        with self.assertRaises(ActionError):
            actions.agreement_create(**agree, concerned=[self.mother], goal=self.strange_goal)
        with self.assertRaises(ActionError):
            actions.agreement_create(**agree, concerned=[self.mother])
        with self.assertRaises(ActionError):
            actions.agreement_create(
                **{**agree, "kind": "collaboration"},
                concerned=[self.mother],
                meeting=self.strange_meeting,
            )

    def test_a_yes_is_for_those_the_agreement_is_for(self):
        agreement = actions.agreement_create(
            access=self.family, kind="collaboration", text="Samen eten", concerned=[self.mother]
        )
        with self.assertRaises(ActionError):
            actions.agreement_agree(
                access=self.f.access(self.worker), agreement=agreement, seen_version=1
            )

    def test_a_proposal_is_decided_once_by_whoever_may(self):
        worker = self.f.access(self.worker)
        proposal = actions.goal_create(access=worker, text="Voorstel", domain="geld")
        with self.assertRaises(ActionError):
            actions.proposal_decide(access=worker, item=proposal, accept=True)
        with self.assertRaises(ActionError):
            actions.proposal_decide(access=self.family, item=proposal, accept=False, reason=" ")
        actions.proposal_decide(access=self.family, item=proposal, accept=False, reason="Nee")
        with self.assertRaises(ActionError):
            actions.proposal_decide(access=self.family, item=proposal, accept=True)

    def test_a_help_question_proposal_written_against_an_older_question_is_refused(self):
        first = actions.help_question_write(access=self.family, text="Rust", base_id=None)
        proposal = actions.help_question_write(
            access=self.f.access(self.worker), text="Rust en school", base_id=first.pk
        )
        actions.help_question_write(access=self.family, text="Rust thuis", base_id=first.pk)
        with self.assertRaises(StaleEdit):
            actions.proposal_decide(access=self.family, item=proposal, accept=True)
        self.assertEqual(HelpQuestion.objects.get(pk=proposal.pk).status, "proposed")

    def test_a_check_on_an_older_help_question_is_refused(self):
        first = actions.help_question_write(access=self.family, text="Rust", base_id=None)
        second = actions.help_question_write(access=self.family, text="Rust", base_id=first.pk)
        with self.assertRaises(StaleEdit):
            actions.help_question_check(
                access=self.family, question=second, answer="yes", seen=first.pk
            )
