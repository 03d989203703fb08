"""The writes of "Ons netwerk": the family keeps its network; others propose."""

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.utils import timezone

from samenplan.builders import FamilyBuilder
from samenplan.lib.errors import ActionError, StaleEdit
from samenplan.network import actions
from samenplan.network.models import FamilyGroupPlan, NetworkPerson


class NetworkActionsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.worker = self.f.professional("Eef")
        self.family = self.f.access(self.mother)

    def person(self, access=None, **fields):
        return actions.person_add(
            access=access or self.family, name=fields.pop("name", "Oma Ria"), relation="grootouder"
        )

    def test_the_family_adds_someone_and_a_professional_proposes(self):
        self.assertEqual(self.person().status, "accepted")
        proposal = self.person(self.f.access(self.worker), name="Buurman Piet")
        self.assertEqual(proposal.status, "proposed")
        actions.person_decide(access=self.family, person=proposal, accept=True)
        proposal.refresh_from_db()
        self.assertEqual((proposal.status, proposal.decided_by), ("accepted", self.mother.user))
        with self.assertRaises(ActionError):
            actions.person_decide(access=self.family, person=proposal, accept=False)

    def test_a_proposal_can_be_declined(self):
        proposal = self.person(self.f.access(self.worker), name="Buurman Piet")
        actions.person_decide(access=self.family, person=proposal, accept=False)
        self.assertEqual(NetworkPerson.objects.get(pk=proposal.pk).status, "declined")

    def test_years_must_make_sense(self):
        with self.assertRaises(ActionError):
            actions.person_add(
                access=self.family, name="Opa", relation="grootouder", birth_year=1700
            )
        with self.assertRaises(ActionError):
            actions.person_add(
                access=self.family,
                name="Opa",
                relation="grootouder",
                birth_year=1950,
                death_year=1940,
            )

    def test_only_the_family_changes_or_removes_a_person_and_a_stale_change_is_refused(self):
        person = self.person()
        with self.assertRaises(PermissionDenied):
            actions.person_update(
                access=self.f.access(self.worker), person=person, expected_version=1, name="X"
            )
        actions.person_update(access=self.family, person=person, expected_version=1, name=" Ria ")
        person.refresh_from_db()
        self.assertEqual(person.name, "Ria")
        with self.assertRaises(StaleEdit):
            actions.person_update(access=self.family, person=person, expected_version=1, name="Y")
        with self.assertRaises(PermissionDenied):
            actions.person_remove(access=self.f.access(self.worker), person=person)
        actions.person_remove(access=self.family, person=person)
        self.assertIsNotNone(NetworkPerson.objects.get(pk=person.pk).removed_at)

    def test_a_relationship_joins_two_different_people_of_this_family(self):
        person = self.person()
        member = self.mother.member
        other = FamilyBuilder("Gezin Anders").parent("Ander").member
        with self.assertRaises(ActionError):
            actions.relationship_add(access=self.family, kind="vriend", a=member, b=person)
        with self.assertRaises(ActionError):
            actions.relationship_add(
                access=self.family, kind="partner", a=member, b=person, status="?"
            )
        with self.assertRaises(ActionError):
            actions.relationship_add(access=self.family, kind="partner", a=member, b=member)
        with self.assertRaises(ActionError):
            actions.relationship_add(access=self.family, kind="partner", a=member, b=other)
        with self.assertRaises(ActionError):
            actions.relationship_add(access=self.family, kind="partner", a=member, b="iemand")
        actions.person_remove(access=self.family, person=person)
        person.refresh_from_db()
        with self.assertRaises(ActionError):
            actions.relationship_add(access=self.family, kind="parent", a=person, b=member)

    def test_a_life_event_happened_today_or_before(self):
        with self.assertRaises(ActionError):
            actions.event_add(
                access=self.family,
                happened_on=timezone.localdate().replace(year=timezone.localdate().year + 1),
                kind="verhuizing",
                title="Verhuisd",
            )

    def test_a_shared_family_plan_stays_as_it_was(self):
        plan = actions.family_plan_write(access=self.family, main_question="Hoe verder?")
        actions.family_plan_share(access=self.family, plan=plan, seen_version=plan.version)
        plan.refresh_from_db()
        with self.assertRaises(ActionError):
            actions.family_plan_write(
                access=self.family, plan=plan, expected_version=plan.version, main_question="Anders"
            )
        with self.assertRaises(ActionError):
            actions.family_plan_share(access=self.family, plan=plan)
        self.assertEqual(FamilyGroupPlan.objects.get().main_question, "Hoe verder?")
