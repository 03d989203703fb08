"""The core's writes: invitations, seats, consent, emergency access, closing, members."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.utils import timezone

from samenplan.accounts.models import Organization
from samenplan.builders import FamilyBuilder, user
from samenplan.families import actions
from samenplan.families.models import Consent, ContinuePlan, DestructionRequest, Invitation
from samenplan.lib.errors import ActionError


class InvitationActionsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Yusuf", account=False)
        self.family = self.f.access(self.mother)

    def invite(self, access=None, **fields):
        values = {"email": "nieuw@example.org", "name": "Nieuw", "role": "network"}
        values.update(fields)
        return actions.invitation_create(access=access or self.family, **values)

    def test_a_family_seat_names_its_member(self):
        with self.assertRaises(ActionError):
            self.invite(role="parent")
        other = FamilyBuilder("Gezin Anders").parent("Ander", account=False)
        with self.assertRaises(ActionError):
            self.invite(role="parent", member=other)

    def test_a_member_is_invited_once(self):
        self.invite(role="parent", member=self.father, email="yusuf@example.org")
        with self.assertRaises(ActionError) as refused:
            self.invite(role="parent", member=self.father, email="ander@example.org")
        self.assertIn("al uitgenodigd", str(refused.exception))

    def test_a_youth_of_16_invites_nobody_into_someone_elses_family_seat(self):
        son = self.f.child("Daan", age=17, account=True)
        with self.assertRaises(ActionError):
            self.invite(self.f.access(son), role="parent", member=self.father)

    def test_the_same_address_is_invited_once_and_never_twice_at_the_table(self):
        self.invite()
        with self.assertRaises(ActionError):
            self.invite()
        with self.assertRaises(ActionError):
            self.invite(email=self.mother.user.email)

    def test_a_professional_needs_an_account_with_an_organisation(self):
        with self.assertRaises(ActionError):
            self.invite(role="professional", email="onbekend@example.org")

    def test_the_invitee_gets_a_mail_without_family_content(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.invite()
        self.assertEqual(len(mail.outbox), 1)
        self.assertNotIn("Sara", mail.outbox[0].body)

    def test_an_invitation_is_answered_once(self):
        invitation = self.invite()
        invitee = user("nieuw@example.org")
        actions.invitation_decline(invitation=invitation, acting_user=invitee)
        with self.assertRaises(ActionError):
            actions.invitation_accept(invitation=invitation, acting_user=invitee)
        with self.assertRaises(ActionError):
            actions.invitation_decline(invitation=invitation, acting_user=invitee)
        with self.assertRaises(ActionError):
            actions.invitation_withdraw(access=self.family, invitation=invitation)

    def test_an_invitation_into_a_seat_taken_meanwhile_is_no_longer_open(self):
        invitation = self.invite(role="parent", member=self.father, email="yusuf@example.org")
        seat = self.f._seat("Yusuf", "parent", self.father)
        self.assertTrue(seat.pk)
        with self.assertRaises(ActionError):
            actions.invitation_accept(invitation=invitation, acting_user=user("yusuf@example.org"))
        self.assertEqual(Invitation.objects.get().status, "pending")

    def test_a_seat_ends_once_and_never_for_a_parent_with_authority(self):
        worker = self.f.professional("Eef")
        actions.participant_end(access=self.family, participant=worker)
        with self.assertRaises(ActionError):
            actions.participant_end(access=self.family, participant=worker)
        with self.assertRaises(ActionError):
            actions.participant_end(access=self.family, participant=self.mother)


class ConsentActionsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.worker = self.f.professional("Eef", consent=False)
        self.family = self.f.access(self.mother)

    def test_consent_is_given_once_and_withdrawn_once(self):
        first = actions.consent_give(access=self.family, participant=self.worker)
        self.assertEqual(actions.consent_give(access=self.family, participant=self.worker), first)
        actions.consent_withdraw(access=self.family, participant=self.worker)
        with self.assertRaises(ActionError):
            actions.consent_withdraw(access=self.family, participant=self.worker)
        self.assertEqual(Consent.objects.active().count(), 0)

    def test_consent_is_only_for_those_who_need_it(self):
        with self.assertRaises(ActionError):
            actions.consent_give(access=self.family, participant=self.mother)
        with self.assertRaises(ActionError):
            actions.consent_scope_set(access=self.family, participant=self.mother, left_out={})

    def test_someone_whose_consent_does_not_count_gives_none(self):
        network = self.f.network("Oma")
        with self.assertRaises(PermissionDenied):
            actions.consent_give(access=self.f.access(network), participant=self.worker)


class EmergencyActionsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.gi = Organization.objects.create(name="GI", kind="gi", safety_mandate=True)
        self.wijkteam = Organization.objects.create(name="Wijkteam", kind="wijkteam")

    def test_only_a_professional_with_a_mandate_and_a_reason_opens_it(self):
        network = self.f.network("Oma", consent=False)
        reason = "Melding van school over de veiligheid van het kind thuis."
        with self.assertRaises(ActionError):
            actions.emergency_open(participant=network, reason=reason)
        without = self.f.professional("Eef", consent=False, organization=self.wijkteam)
        with self.assertRaises(ActionError):
            actions.emergency_open(participant=without, reason=reason)
        worker = self.f.professional("Piet", consent=False, organization=self.gi)
        with self.assertRaises(ActionError):
            actions.emergency_open(participant=worker, reason="Zorgen")
        with self.captureOnCommitCallbacks(execute=True):
            opened = actions.emergency_open(participant=worker, reason=reason)
        self.assertEqual(opened.expires_at - opened.started_at, timedelta(hours=24))
        self.assertEqual(len(mail.outbox), 1)


class ClosingActionsTestCase(TestCase):
    def setUp(self):
        from samenplan.accounts.models import Organization

        self.org = Organization.objects.create(name="Wijkteam Sluiten", kind="wijkteam")
        self.f = FamilyBuilder(organization=self.org)
        self.mother = self.f.parent("Sara")
        self.worker = self.f.professional("Eef", organization=self.org)
        self.family = self.f.access(self.mother)

    def test_closing_needs_a_yes_and_the_familys_own_plan_and_ends_the_professionals_seats(self):
        with self.assertRaises(ActionError):
            actions.family_close(access=self.family)
        actions.closing_answer(access=self.family, answer="yes")
        with self.assertRaises(ActionError):
            actions.family_close(access=self.family)
        actions.continue_plan_write(access=self.family, what_works="Samen ontbijten")
        plan = actions.continue_plan_write(access=self.family, what_works="Samen ontbijten.")
        self.assertEqual(plan.version, 2)
        actions.family_close(access=self.family)
        self.worker.refresh_from_db()
        self.assertFalse(self.worker.is_active())
        self.assertIsNotNone(self.f.family.__class__.objects.get().closed_at)
        self.assertEqual(ContinuePlan.objects.get().confirmed_by, self.mother.user)

    def test_a_closed_family_still_asks_to_destroy_its_file(self):
        actions.closing_answer(access=self.family, answer="yes")
        actions.continue_plan_write(access=self.family, what_works="Samen")
        actions.family_close(access=self.family)
        self.f.family.refresh_from_db()
        asked = actions.destruction_request(access=self.f.access(self.mother), reason="Klaar")
        self.assertEqual(asked.answer_before, timezone.localdate() + timedelta(days=30))
        self.assertEqual(asked.organization, self.org)
        with self.assertRaises(PermissionDenied):
            actions.destruction_handle(access=self.f.access(self.worker), asked=asked)
        self.assertEqual(DestructionRequest.objects.get().status, "pending")

    def test_a_member_is_corrected_only_within_the_family(self):
        other = FamilyBuilder("Gezin Anders").parent("Ander").member
        with self.assertRaises(ActionError):
            actions.member_update(access=self.family, member=other, expected_version=1, name="X")
