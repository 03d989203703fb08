"""The gate's edges: who gets in, what an odd id does, private marks, reads without a request."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory, TestCase

from samenplan.audit.actions import read_later
from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.families import access as gate
from samenplan.families.models import ConsentExclusion, Participant, PrivateItem
from samenplan.families.visibility import privacy_set
from samenplan.lib.errors import ActionError
from samenplan.plan import actions as plan_actions


class GateTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.teen = self.f.child("Nina", age=14, account=True)
        self.worker = self.f.professional("Eef")
        self.requests = RequestFactory()

    def request(self, user, method="get"):
        request = getattr(self.requests, method)("/")
        request.user = user
        return request

    def test_an_odd_family_id_is_not_found(self):
        with self.assertRaises(Http404):
            gate.family_for(self.request(self.mother.user), "abc")

    def test_an_anonymous_visitor_finds_nothing(self):
        anonymous = self.request(AnonymousUser())
        with self.assertRaises(Http404):
            gate.family_for(anonymous, self.f.family.pk)
        self.assertEqual(gate.visible_families(AnonymousUser()), [])
        self.assertEqual(gate.open_invitations(AnonymousUser()), [])
        with self.assertRaises(Http404):
            gate.invitation_for_invitee(anonymous, 1)
        self.assertIsNone(gate.emergency_candidate(anonymous, "abc"))

    def test_a_post_without_a_write_action_is_refused(self):
        request = self.request(self.mother.user, "post")
        with self.assertRaises(PermissionDenied):
            gate.family_for(request, self.f.family.pk)
        with self.assertRaises(PermissionDenied):
            gate.family_for(request, self.f.family.pk, action="log.read")
        with self.assertRaises(PermissionDenied):
            gate.family_for(request, self.f.family.pk, action=("log.read", "export.family"))

    def test_two_seats_in_one_family_list_it_once(self):
        Participant.objects.create(family=self.f.family, user=self.mother.user, role="network")
        families = gate.visible_families(self.mother.user)
        self.assertEqual([item["family"] for item in families], [self.f.family])

    def test_a_network_seat_gives_no_consent(self):
        network = self.f.network("Oma")
        self.assertFalse(self.f.access(network).gives_consent())
        self.assertTrue(self.f.access(self.teen).gives_consent())

    def test_the_scope_of_a_participant_is_what_was_left_out(self):
        goal = plan_actions.goal_create(
            access=self.f.access(self.mother), text="Eigen avond", domain="gezondheid"
        )
        ConsentExclusion.objects.create(
            family=self.f.family,
            participant=self.worker,
            member=self.mother.member,
            kind="onbekend",  # a kind no feature registered
            set_by=self.mother.user,
        )
        ConsentExclusion.objects.create(
            family=self.f.family,
            participant=self.worker,
            member=self.mother.member,
            kind="goal",
            object_id=goal.pk,
            set_by=self.mother.user,
        )
        self.assertEqual(self.f.access(self.worker).scope, {"plan.goal": {goal.pk}})


class PrivacyTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.teen = self.f.child("Nina", age=14, account=True)
        self.youth = self.f.access(self.teen)
        self.goal = plan_actions.goal_create(
            access=self.youth, text="Tekenen", domain="vrije_tijd", owner=self.teen.member
        )

    def test_only_a_youth_keeps_only_her_own_item_to_herself(self):
        with self.assertRaises(ActionError):
            privacy_set(
                access=self.f.access(self.mother),
                item=self.goal,
                owner=self.mother.member,
                private=True,
            )
        with self.assertRaises(ActionError):
            privacy_set(access=self.youth, item=self.goal, owner=self.mother.member, private=True)
        stranger = FamilyBuilder("Gezin Anders").parent("Ander")
        with self.assertRaises(ActionError):
            privacy_set(
                access=self.youth,
                item=self.goal,
                owner=self.teen.member,
                private=True,
                shared_with=[stranger],
            )

    def test_a_kind_nobody_registered_cannot_be_private(self):
        with self.assertRaises(ValueError):
            privacy_set(access=self.youth, item=self.mother, owner=self.teen.member, private=True)

    def test_making_an_item_visible_again_ends_its_mark(self):
        privacy_set(access=self.youth, item=self.goal, owner=self.teen.member, private=True)
        mother = self.f.access(self.mother)
        self.assertIn(self.goal.pk, mother.hidden("plan.goal"))
        privacy_set(access=self.youth, item=self.goal, owner=self.teen.member, private=False)
        self.assertNotIn(self.goal.pk, self.f.access(self.mother).hidden("plan.goal"))
        self.assertIsNotNone(PrivateItem.objects.get().ended_at)
        # Not private and never was: nothing happens.
        privacy_set(access=self.youth, item=self.goal, owner=self.teen.member, private=False)
        self.assertEqual(PrivateItem.objects.count(), 1)


class ReadWithoutRequestTestCase(TestCase):
    def test_a_read_outside_a_request_is_written_at_once(self):
        f = FamilyBuilder()
        mother = f.parent("Sara")
        read_later(
            None, actor=mother.user, family=f.family, participant=mother, action="view", data="plan"
        )
        self.assertTrue(AuditEvent.objects.filter(data="plan").exists())
