"""Every refusal of starting, inviting, gezag, closing, erasing and moving, on small families."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.utils import timezone

from samenplan.accounts.models import Organization
from samenplan.builders import FamilyBuilder
from samenplan.families import actions
from samenplan.families.models import (
    Closing,
    ClosingCriterion,
    DestructionRequest,
    Family,
    Invitation,
    Move,
    Participant,
)
from samenplan.families.tests.test_closing_retention import worker_of
from samenplan.lib.errors import ActionError, StaleEdit


class InvitingTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.team = Organization.objects.create(name="Jeugdhulp Noord", kind="jeugdhulp")
        self.admin = worker_of(self.team, "beheer@noord.example", admin=True)

    def test_an_organisation_is_invited_once_and_its_admin_is_told(self):
        access = self.f.access(self.mother)
        invitation = actions.invitation_create(
            access=access, email="", name="", role="professional", organization=self.team
        )
        self.assertEqual((invitation.organization, invitation.email), (self.team, ""))
        with self.assertRaisesMessage(ActionError, "al uitgenodigd"):
            actions.invitation_create(
                access=access, email="", name="", role="professional", organization=self.team
            )

    def test_the_admin_assigns_only_an_own_professional_once(self):
        invitation = actions.invitation_create(
            access=self.f.access(self.mother),
            email="",
            name="",
            role="professional",
            organization=self.team,
        )
        stranger = worker_of(Organization.objects.create(name="Ander", kind="wijkteam"), "x@a.nl")
        admin = self.admin.professional
        with self.assertRaisesMessage(ActionError, "professional van jullie organisatie"):
            actions.invitation_assign(
                admin=admin, invitation=invitation, professional=stranger.professional
            )
        other_admin = worker_of(Organization.objects.create(name="Z", kind="wijkteam"), "z@z.nl")
        with self.assertRaises(PermissionDenied):
            actions.invitation_assign(
                admin=other_admin.professional, invitation=invitation, professional=admin
            )
        worker = worker_of(self.team, "wim@noord.example")
        actions.invitation_assign(
            admin=admin, invitation=invitation, professional=worker.professional
        )
        with self.assertRaisesMessage(ActionError, "al iemand gekozen"):
            actions.invitation_assign(
                admin=admin, invitation=Invitation.objects.get(pk=invitation.pk), professional=admin
            )

    def test_someone_already_at_the_table_is_not_assigned_again(self):
        worker = worker_of(self.team, "wim@noord.example")
        Participant.objects.create(
            family=self.f.family, user=worker, role="professional", organization_name="Noord"
        )
        invitation = actions.invitation_create(
            access=self.f.access(self.mother),
            email="",
            name="",
            role="professional",
            organization=self.team,
        )
        with self.assertRaisesMessage(ActionError, "doet al mee"):
            actions.invitation_assign(
                admin=self.admin.professional,
                invitation=invitation,
                professional=worker.professional,
            )

    def test_a_privacy_officer_cannot_accept_an_invitation(self):
        officer = worker_of(self.team, "privacy@noord.example", officer=True)
        invitation = Invitation.objects.create(
            family=self.f.family,
            email=officer.email,
            name="P",
            role="professional",
            invited_by=self.mother.user,
        )
        with self.assertRaisesMessage(ActionError, "functionaris voor privacy"):
            actions.invitation_accept(invitation=invitation, acting_user=officer)

    def test_the_first_organisation_in_a_family_without_one_answers_for_the_file(self):
        Family.objects.filter(pk=self.f.family.pk).update(organization=None)
        worker = worker_of(self.team, "wim@noord.example")
        invitation = Invitation.objects.create(
            family=self.f.family,
            email=worker.email,
            name="Wim",
            role="professional",
            invited_by=self.mother.user,
        )
        actions.invitation_accept(invitation=invitation, acting_user=worker)
        self.assertEqual(Family.objects.get(pk=self.f.family.pk).organization, self.team)

    def test_a_professional_is_not_invited_into_a_family_seat(self):
        worker_of(self.team, "wim@noord.example")
        child = self.f.child("Ties", age=9)
        with self.assertRaises(ActionError):
            actions._invite_member(
                access=self.f.access(self.mother), member=child, email="wim@noord.example"
            )


class StartingTestCase(TestCase):
    def setUp(self):
        from samenplan.accounts.models import User

        self.parent = User.objects.create_user(email="mira@example.org", name="")
        self.org = Organization.objects.create(name="Wijkteam", kind="wijkteam")
        self.worker = worker_of(self.org, "wim@wijk.example")

    def rows(self, **first):
        return [
            {"name": "Mira", "relation": "moeder", "has_authority": True, "me": True, **first},
            {
                "name": "Ties",
                "relation": "kind",
                "birth_date": timezone.localdate() - timedelta(3000),
            },
        ]

    def start(self, who, **kwargs):
        kwargs.setdefault("members", self.rows())
        return actions.family_start(user=who, name="Gezin Nieuw", **kwargs)

    def test_nobody_logged_out_or_inactive_starts_a_family(self):
        from django.contrib.auth.models import AnonymousUser

        self.assertFalse(actions.may_start_family(AnonymousUser()))
        self.parent.is_active = False
        with self.assertRaises(PermissionDenied):
            self.start(self.parent)

    def test_a_measure_needs_a_gi(self):
        with self.assertRaisesMessage(ActionError, "gecertificeerde instelling"):
            self.start(self.worker, legal_framework="ots", members=self.rows(me=False))

    def test_a_parent_marks_exactly_one_row_as_themselves(self):
        with self.assertRaisesMessage(ActionError, "dit ben ik"):
            self.start(self.parent, members=self.rows(me=False))

    def test_a_professional_is_not_a_member(self):
        with self.assertRaisesMessage(ActionError, "geen lid van het gezin"):
            self.start(self.worker)

    def test_someone_has_authority(self):
        with self.assertRaises(ActionError):
            self.start(self.worker, members=self.rows(me=False, has_authority=False))

    def test_a_parent_without_a_name_gets_the_name_of_their_row(self):
        family = self.start(self.parent)
        self.parent.refresh_from_db()
        self.assertEqual(self.parent.name, "Mira")
        self.assertEqual(family.name, "Gezin Nieuw")

    def test_a_professionals_address_is_not_a_family_members(self):
        rows = self.rows(me=False)
        rows[0]["email"] = "wim@wijk.example"
        with self.assertRaises(ActionError):
            self.start(self.worker, members=rows)


class AuthorityTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.father = self.f.parent("Fons", authority=False, account=False)
        self.child = self.f.child("Ties", age=9)

    def change(self, member, **kwargs):
        kwargs.setdefault("why", "Uitspraak van de rechter")
        kwargs.setdefault("expected_version", member.version)
        return actions.member_authority_set(
            access=self.f.access(self.mother), member=member, has_authority=True, **kwargs
        )

    def test_refusals(self):
        other = FamilyBuilder("Gezin Ander").parent("Ander", account=False)
        with self.assertRaisesMessage(ActionError, "uit dit gezin"):
            self.change(other)
        with self.assertRaisesMessage(ActionError, "Een kind heeft geen gezag"):
            self.change(self.child)
        with self.assertRaisesMessage(ActionError, "waarom het gezag verandert"):
            self.change(self.father, why="  ")
        self.assertTrue(self.change(self.father).has_authority)


class ClosingAndErasingTestCase(TestCase):
    def setUp(self):
        self.org = Organization.objects.create(name="Wijkteam", kind="wijkteam")
        self.f = FamilyBuilder(organization=self.org)
        self.mother = self.f.parent("Mira")
        self.officer = worker_of(self.org, "privacy@wijk.example", officer=True).professional
        self.colleague = worker_of(self.org, "collega@wijk.example", officer=True).professional

    def test_criteria_changes_that_are_refused_or_empty(self):
        access = self.f.access(self.mother)
        criterion = actions.closing_criterion_add(access=access, text="Ties gaat naar school")
        other = FamilyBuilder("Gezin Ander")
        foreign = ClosingCriterion.objects.create(
            family=other.family, text="x", created_by=self.mother.user
        )
        with self.assertRaisesMessage(ActionError, "niet bij dit gezin"):
            actions.closing_criterion_change(access=access, criterion=foreign, expected_version=1)
        same = actions.closing_criterion_change(
            access=access, criterion=criterion, expected_version=criterion.version
        )
        self.assertEqual(same.version, criterion.version)
        gone = actions.closing_criterion_change(
            access=access, criterion=criterion, expected_version=criterion.version, remove=True
        )
        self.assertEqual(gone.status, ClosingCriterion.Status.REMOVED)

    def close(self):
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        Closing.objects.create(
            family=self.f.family, framework="vrijwillig", closed_by=self.mother.user
        )
        self.f.family.refresh_from_db()

    def test_closing_twice_and_reopening_an_open_family_are_refused(self):
        with self.assertRaises((ActionError, PermissionDenied)):
            actions.family_reopen(access=self.f.access(self.mother))
        # Closed, but without its closing record (closed before records were kept).
        Family.objects.filter(pk=self.f.family.pk).update(closed_at=timezone.now())
        self.f.family.refresh_from_db()
        with self.assertRaisesMessage(ActionError, "niet afgesloten"):
            actions.family_reopen(access=self.f.access(self.mother))
        with self.assertRaises((ActionError, PermissionDenied)):
            actions.family_close(access=self.f.access(self.mother))

    def test_a_family_without_organisation_cannot_ask_for_erasure(self):
        Family.objects.filter(pk=self.f.family.pk).update(organization=None)
        self.f.family.refresh_from_db()
        self.close()
        with self.assertRaises(ActionError):
            actions.destruction_request(access=self.f.access(self.mother), reason="Klaar")

    def asked(self):
        self.close()
        return actions.destruction_request(access=self.f.access(self.mother), reason="Klaar")

    def test_the_officers_refusals(self):
        asked = self.asked()
        stranger = worker_of(
            Organization.objects.create(name="Ander", kind="wijkteam"), "p@a.nl", officer=True
        ).professional
        with self.assertRaises(PermissionDenied):
            actions.destruction_decide(
                officer=stranger, asked=asked, expected_version=1, destroy=False, refusal="x" * 20
            )
        with self.assertRaises(StaleEdit):
            actions.destruction_decide(
                officer=self.officer, asked=asked, expected_version=9, destroy=True, basis="x" * 20
            )
        with self.assertRaisesMessage(ActionError, "op grond waarvan"):
            actions.destruction_decide(
                officer=self.officer, asked=asked, expected_version=1, destroy=True, basis="kort"
            )
        with self.assertRaisesMessage(ActionError, "waarom het niet kan"):
            actions.destruction_decide(
                officer=self.officer, asked=asked, expected_version=1, destroy=False, refusal="nee"
            )
        with self.assertRaises(StaleEdit):
            actions.destruction_extend(
                officer=self.officer, asked=asked, expected_version=9, because="x" * 20
            )
        with self.assertRaisesMessage(ActionError, "meer tijd nodig"):
            actions.destruction_extend(
                officer=self.officer, asked=asked, expected_version=1, because="kort"
            )
        with self.assertRaisesMessage(ActionError, "tweede persoon"):
            actions.destruction_confirm(
                officer=self.colleague, asked=asked, expected_version=1, agree=True
            )
        actions.destruction_decide(
            officer=self.officer, asked=asked, expected_version=1, destroy=False, refusal="x" * 20
        )
        asked.refresh_from_db()
        with self.assertRaisesMessage(ActionError, "al beantwoord"):
            actions.destruction_decide(
                officer=self.officer,
                asked=asked,
                expected_version=2,
                destroy=False,
                refusal="y" * 20,
            )
        with self.assertRaisesMessage(ActionError, "al beantwoord"):
            actions.destruction_extend(
                officer=self.officer, asked=asked, expected_version=2, because="x" * 20
            )

    def test_the_second_person_may_say_no_and_must_be_of_the_organisation(self):
        asked = self.asked()
        actions.destruction_decide(
            officer=self.officer, asked=asked, expected_version=1, destroy=True, basis="x" * 20
        )
        asked.refresh_from_db()
        with self.assertRaises(PermissionDenied):
            actions.destruction_confirm(officer=None, asked=asked, expected_version=2, agree=True)
        stranger = worker_of(
            Organization.objects.create(name="Ander", kind="wijkteam"), "p@a.nl", officer=True
        ).professional
        with self.assertRaises(PermissionDenied):
            actions.destruction_confirm(
                officer=stranger, asked=asked, expected_version=2, agree=True
            )
        with self.assertRaises(StaleEdit):
            actions.destruction_confirm(
                officer=self.colleague, asked=asked, expected_version=9, agree=True
            )
        actions.destruction_confirm(
            officer=self.colleague, asked=asked, expected_version=2, agree=False
        )
        asked.refresh_from_db()
        self.assertEqual(asked.status, DestructionRequest.Status.PENDING)
        self.assertTrue(Family.objects.filter(pk=self.f.family.pk).exists())


class MovingTestCase(TestCase):
    def setUp(self):
        self.org = Organization.objects.create(name="Wijkteam", kind="wijkteam")
        self.f = FamilyBuilder(organization=self.org)
        self.mother = self.f.parent("Mira")
        self.father = self.f.parent("Fons")
        self.next = Organization.objects.create(name="Wijkteam Zuid", kind="wijkteam")

    def test_refusals(self):
        access = self.f.access(self.mother)
        with self.assertRaisesMessage(ActionError, "nieuwe organisatie"):
            actions.move_propose(access=access, kind=Move.Kind.ORGANIZATION)
        with self.assertRaisesMessage(ActionError, "nu al helpt"):
            actions.move_propose(
                access=access, kind=Move.Kind.ORGANIZATION, to_organization=self.org
            )
        move = actions.move_propose(
            access=access, kind=Move.Kind.ORGANIZATION, to_organization=self.next
        )
        with self.assertRaisesMessage(ActionError, "al een verhuizing"):
            actions.move_propose(
                access=access, kind=Move.Kind.ORGANIZATION, to_organization=self.next
            )
        with self.assertRaisesMessage(ActionError, "al antwoord"):
            actions.move_answer(access=access, move=move, agrees=True, seen_version=move.version)
        Move.objects.filter(pk=move.pk).update(status=Move.Status.CANCELLED)
        move.refresh_from_db()
        with self.assertRaisesMessage(ActionError, "al besloten"):
            actions.move_answer(
                access=self.f.access(self.father), move=move, agrees=True, seen_version=move.version
            )
