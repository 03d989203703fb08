"""The writes of "Wie doet wat", each refusal with its reason (small families from builders)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.utils import timezone

from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions
from samenplan.careteam.models import Meeting, PhaseNeed, ReportBack, RoleCard, SafetyScenario
from samenplan.families.models import Participant
from samenplan.lib.errors import ActionError, StaleEdit


class CareteamActionsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.worker = self.f.professional("Eef")
        self.other = FamilyBuilder("Gezin Anders").parent("Ander")

    def meeting(self, days=2, **fields):
        return Meeting.objects.create(
            family=self.f.family,
            starts_at=timezone.now() + timedelta(days=days),
            phase="hulp",
            created_by=self.worker.user,
            **fields,
        )

    def test_a_professional_writes_a_role_card_and_a_stale_save_is_refused(self):
        access = self.f.access(self.worker)
        card = actions.role_card_write(access=access, expected_version=None, work="Ik help thuis.")
        self.assertEqual(RoleCard.objects.get().work, "Ik help thuis.")
        actions.role_card_write(access=access, expected_version=card.version, work="Twee keer.")
        with self.assertRaises(StaleEdit):
            actions.role_card_write(access=access, expected_version=card.version, work="Oud.")

    def test_the_coordinator_is_someone_at_this_table_and_not_a_client_supporter(self):
        access = self.f.access(self.mother)
        with self.assertRaises(ActionError):
            actions.coordinator_set(access=access, participant=self.other)
        supporter = Participant.objects.create(
            family=self.f.family, user=self.worker.user, role="client_supporter"
        )
        with self.assertRaises(ActionError):
            actions.coordinator_set(access=access, participant=supporter)
        actions.coordinator_set(access=access, participant=self.worker)
        actions.coordinator_set(access=access, participant=self.worker)  # already: nothing new
        self.assertEqual(list(Participant.objects.filter(is_coordinator=True)), [self.worker])

    def test_a_seat_that_ended_cannot_be_coordinator(self):
        self.worker.active_to = timezone.now() - timedelta(days=1)
        self.worker.save()
        self.assertFalse(actions.can_be_coordinator(self.worker))

    def test_the_family_sets_phase_and_maximum_within_bounds(self):
        access = self.f.access(self.mother)
        with self.assertRaises(ActionError):
            actions.table_settings(access=access, phase="nergens", professional_limit=3)
        with self.assertRaises(ActionError):
            actions.table_settings(access=access, phase="hulp", professional_limit=11)
        family = actions.table_settings(access=access, phase="hulp", professional_limit=4)
        self.assertEqual((family.phase, family.professional_limit), ("hulp", 4))

    def test_who_is_needed_per_phase(self):
        access = self.f.access(self.mother)
        with self.assertRaises(ActionError):
            actions.phase_need_add(access=access, phase="nergens", why="x")
        with self.assertRaises(ActionError):
            actions.phase_need_add(access=access, phase="hulp", why="Omdat")
        with self.assertRaises(ActionError):
            actions.phase_need_add(access=access, phase="hulp", why="x", participant=self.other)
        need = actions.phase_need_add(access=access, phase="hulp", why="Thuis", who=" De school ")
        self.assertEqual(need.who, "De school")
        actions.phase_need_add(access=access, phase="hulp", why="Thuis", participant=self.worker)
        actions.phase_need_remove(access=access, need=need)
        self.assertEqual(PhaseNeed.objects.filter(removed_at__isnull=True).count(), 1)

    def test_a_table_choice_needs_a_choice_and_a_seat_that_may_make_it(self):
        with self.assertRaises(ActionError):
            actions.table_choice_record(
                access=self.f.access(self.mother), about="Iemand", choice="?", count=4
            )
        network = self.f.network("Oma")
        with self.assertRaises(PermissionDenied):
            actions.table_choice_record(
                access=self.f.access(network, emergency=True),
                about="Iemand",
                choice="more",
                count=4,
            )

    def test_a_meeting_needs_people_a_phase_and_the_familys_choice_past_its_maximum(self):
        access = self.f.access(self.mother)
        when = timezone.now() + timedelta(days=3)
        with self.assertRaises(ActionError):
            actions.meeting_create(access=access, starts_at=when, phase="hulp", invited=[])
        with self.assertRaises(ActionError):
            actions.meeting_create(
                access=access, starts_at=when, phase="nergens", invited=[self.mother]
            )
        with self.assertRaises(ActionError) as refused:
            actions.meeting_create(
                access=access,
                starts_at=when,
                phase="hulp",
                invited=[self.mother, self.worker],
                guest_professionals=3,
            )
        self.assertIn("professionals", str(refused.exception))
        with self.assertRaises(ActionError):
            actions.meeting_create(
                access=access,
                starts_at=when,
                phase="hulp",
                invited=[self.mother, self.worker],
                guest_professionals=3,
                choice="keep_small",
            )

    def test_agenda_points_belong_to_a_meeting_of_this_family_that_goes_ahead(self):
        cancelled = self.meeting(cancelled_at=timezone.now())
        with self.assertRaises(ActionError):
            actions.agenda_add(access=self.f.access(self.mother), meeting=cancelled, text="Punt")

    def test_only_the_family_says_whether_the_summary_is_right(self):
        meeting = actions.summary_write(
            access=self.f.access(self.worker),
            meeting=self.meeting(days=-1),
            expected_version=1,
            summary="Verslag",
        )
        network = self.f.network("Oma")
        with self.assertRaises(PermissionDenied):
            actions.summary_confirm(
                access=self.f.access(network), meeting=meeting, correct=True, seen_version=2
            )
        empty = self.meeting()
        with self.assertRaises(ActionError):
            actions.summary_confirm(
                access=self.f.access(self.mother), meeting=empty, correct=True, seen_version=1
            )
        with self.assertRaises(ActionError):
            actions.summary_confirm(
                access=self.f.access(self.mother),
                meeting=meeting,
                correct=False,
                correction=" ",
                seen_version=meeting.version,
            )

    def test_a_parent_without_authority_does_not_confirm_the_summary(self):
        meeting = actions.summary_write(
            access=self.f.access(self.worker),
            meeting=self.meeting(days=-1),
            expected_version=1,
            summary="Verslag",
        )
        parent = self.f.parent("Zonder gezag", authority=False)
        with self.assertRaises(PermissionDenied):
            actions.summary_confirm(
                access=self.f.access(parent),
                meeting=meeting,
                correct=True,
                seen_version=meeting.version,
            )

    def test_a_safety_scenario_is_agreed_by_the_people_it_is_for(self):
        access = self.f.access(self.worker)
        with self.assertRaises(ActionError):
            actions.scenario_create(access=access, if_text="Als", then_text="dan", concerned=[])
        supporter = Participant.objects.create(
            family=self.f.family, user=self.other.user, role="client_supporter"
        )
        with self.assertRaises(ActionError):
            actions.scenario_create(
                access=access, if_text="Als", then_text="dan", concerned=[supporter]
            )
        scenario = actions.scenario_create(
            access=access, if_text="Als", then_text="dan", concerned=[self.mother]
        )
        network = self.f.network("Oma")
        with self.assertRaises(ActionError):
            actions.scenario_agree(
                access=self.f.access(network), scenario=scenario, seen_version=scenario.version
            )
        actions.scenario_agree(
            access=self.f.access(self.mother), scenario=scenario, seen_version=scenario.version
        )
        self.assertEqual(SafetyScenario.objects.get().signs.count(), 1)

    def test_report_backs_are_a_professionals_own(self):
        access = self.f.access(self.worker)
        due = timezone.localdate()
        with self.assertRaises(ActionError):
            actions.report_back_create(
                access=access, what="Hoe het gaat", to_whom="Sara", every_weeks=60, next_due=due
            )
        report = actions.report_back_create(
            access=access, what="Hoe het gaat", to_whom="Sara", every_weeks=2, next_due=due
        )
        colleague = self.f.professional("Mees")
        with self.assertRaises(ActionError):
            actions.report_back_done(
                access=self.f.access(colleague), report=report, text="Het gaat goed"
            )
        with self.assertRaises(ActionError):
            actions.report_back_done(access=access, report=report, text="  ")
        actions.report_back_done(access=access, report=report, text="Het gaat goed")
        self.assertEqual(ReportBack.objects.get().next_due, due + timedelta(weeks=2))
