"""The rules that were broken at the edges, each written as the reproduction.

Each test builds the small family it needs (``samenplan.builders``).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organization
from samenplan.audit.actions import read_later, reads_write
from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions as careteam_actions
from samenplan.careteam.models import Meeting
from samenplan.decisions import actions as decision_actions
from samenplan.families import actions
from samenplan.families.models import (
    DestructionRequest,
    EmergencyAccess,
    Family,
    Invitation,
    Revision,
)
from samenplan.lib.errors import StaleEdit
from samenplan.plan import actions as plan_actions
from samenplan.plan.models import Goal, Step
from samenplan.test import give_totp


class ScopeTestCase(TestCase):
    """Each consent giver's exclusions are their own; the union counts."""

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.teen = self.f.child("Ties", age=15, account=True)
        self.worker = self.f.professional("Wim")
        self.goal = plan_actions.goal_create(
            access=self.f.access(self.mother),
            text="Een avond per week voor mezelf",
            domain="gezondheid",
            owner=self.mother.member,
        )

    def test_one_giver_cannot_undo_another_givers_exclusion(self):
        actions.consent_scope_set(
            access=self.f.access(self.mother),
            participant=self.worker,
            left_out={"goal": [self.goal.pk]},
        )
        # The youth chooses "ons hele plan" for himself.
        actions.consent_scope_set(
            access=self.f.access(self.teen), participant=self.worker, left_out={}
        )
        self.assertIn(self.goal.pk, self.f.access(self.worker).hidden("plan.goal"))

    def test_the_page_says_whose_choice_an_exclusion_is(self):
        actions.consent_scope_set(
            access=self.f.access(self.mother),
            participant=self.worker,
            left_out={"goal": [self.goal.pk]},
        )
        self.client.force_login(self.teen.user)
        url = reverse("families:consent_scope", args=[self.f.family.pk, self.worker.pk])
        page = self.client.get(url)
        self.assertContains(page, "Mira laat niet zien: Een avond per week voor mezelf")
        self.assertContains(page, "Alleen wie het koos, kan het terugdraaien.")


class OwnItemsTestCase(TestCase):
    """A person's own goals and views reach a professional only with their consent."""

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Anke")
        self.son = self.f.child("Dirk", age=17, account=True)
        self.worker = self.f.professional("Bart")
        give_totp(self.worker.user)
        self.goal = plan_actions.goal_create(
            access=self.f.access(self.mother),
            text="Weer drie dagen per week werken",
            domain="school",
            owner=self.mother.member,
        )

    def test_a_parent_withdraws_consent_for_her_own_items_when_the_youth_decides_the_file(self):
        self.client.force_login(self.mother.user)
        url = reverse("families:consent_withdraw", args=[self.f.family.pk, self.worker.pk])
        self.assertEqual(self.client.post(url).status_code, 302)
        # Dirk (17) still consents for the file: Bart opens it, without Anke's goal.
        self.client.force_login(self.worker.user)
        plan = self.client.get(reverse("plan:plan", args=[self.f.family.pk]))
        self.assertEqual(plan.status_code, 200)
        self.assertNotContains(plan, "Weer drie dagen per week werken")
        goal = reverse("plan:goal", args=[self.f.family.pk, self.goal.pk])
        self.assertEqual(self.client.get(goal).status_code, 404)


class EmergencyTestCase(TestCase):
    def setUp(self):
        organization = Organization.objects.create(name="GI Test", kind="gi", safety_mandate=True)
        self.f = FamilyBuilder(legal_framework="ots")
        self.mother = self.f.parent("Anke")
        self.worker = self.f.professional("Piet", consent=False, organization=organization)
        give_totp(self.worker.user)
        now = timezone.now()
        EmergencyAccess.objects.create(
            family=self.f.family,
            participant=self.worker,
            organization=organization,
            reason="Melding van school over de veiligheid van het kind.",
            started_at=now,
            expires_at=now + timedelta(hours=24),
        )
        self.asked = actions.destruction_request(access=self.f.access(self.mother))

    def test_emergency_access_cannot_destroy_the_file(self):
        self.client.force_login(self.worker.user)
        url = reverse("families:closing", args=[self.f.family.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url, {"step": "handle", "request_id": self.asked.pk, "approve": "yes"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Family.objects.filter(pk=self.f.family.pk).exists())
        self.assertEqual(DestructionRequest.objects.get().status, "pending")

    def test_every_write_is_refused_in_the_action_too(self):
        access = self.f.access(self.worker, emergency=True)
        with self.assertRaises(PermissionDenied):
            actions.closing_criterion_add(access=access, text="Klaar als het veilig is")
        with self.assertRaises(PermissionDenied):
            plan_actions.goal_create(access=access, text="Veilig thuis", domain="veiligheid")


class SecondSeatTestCase(TestCase):
    """A member has at most one seat, and only the family invites into it."""

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Yusuf")
        self.worker = self.f.professional("Erik")
        give_totp(self.worker.user)
        self.worker.is_coordinator = True
        self.worker.save()
        self.url = reverse("families:invite", args=[self.f.family.pk])

    def invite(self, who, member, email):
        self.client.force_login(who.user)
        return self.client.post(
            self.url,
            {"name": "Iemand", "email": email, "role": "parent", "member": member.pk},
        )

    def test_the_coordinator_cannot_invite_into_a_parents_seat(self):
        response = self.invite(self.worker, self.mother.member, "prive@example.org")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Invitation.objects.exists())

    def test_a_parent_cannot_invite_someone_into_a_seat_that_is_taken(self):
        response = self.invite(self.father, self.mother.member, "prive@example.org")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Invitation.objects.exists())

    def test_the_action_refuses_a_second_seat_too(self):
        with self.assertRaises(actions.ActionError):
            actions.invitation_create(
                access=self.f.access(self.father),
                email="prive@example.org",
                name="Iemand",
                role="parent",
                member=self.mother.member,
            )
        with self.assertRaises(PermissionDenied):
            actions.invitation_create(
                access=self.f.access(self.worker),
                email="prive@example.org",
                name="Iemand",
                role="parent",
                member=self.mother.member,
            )


class ConfirmationsTestCase(TestCase):
    """A confirmation names the version the person saw."""

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.father = self.f.parent("Yusuf")
        self.worker = self.f.professional("Eef")
        self.other_worker = self.f.professional("Mees")

    def test_a_klopt_does_not_erase_a_correction_made_meanwhile(self):
        meeting = Meeting.objects.create(
            family=self.f.family,
            starts_at=timezone.now() - timedelta(days=1),
            phase="hulp",
            created_by=self.worker.user,
        )
        meeting = careteam_actions.summary_write(
            access=self.f.access(self.worker),
            meeting=meeting,
            expected_version=meeting.version,
            summary="We spraken over school.",
        )
        seen = meeting.version
        careteam_actions.summary_confirm(
            access=self.f.access(self.father),
            meeting=meeting,
            correct=False,
            correction="Ik was er ook bij.",
            seen_version=seen,
        )
        with self.assertRaises(StaleEdit) as refused:
            careteam_actions.summary_confirm(
                access=self.f.access(self.mother), meeting=meeting, correct=True, seen_version=seen
            )
        self.assertIn("Ik was er ook bij.", refused.exception.current)
        meeting.refresh_from_db()
        self.assertEqual(
            (meeting.summary_status, meeting.correction), ("corrected", "Ik was er ook bij.")
        )

    def test_a_yes_never_counts_for_an_outcome_the_person_did_not_see(self):
        child = self.f.child("Sam", age=9)
        worker = self.f.access(self.worker)
        decision = decision_actions.decision_create(
            access=worker, question="Naar de opvang?", options=["Ja", "Nee"], about=child
        )
        first, second = decision.options.order_by("id")[:2]

        def record(access, chosen, outcome):
            decision.refresh_from_db()
            decision_actions.outcome_record(
                access=access,
                decision=decision,
                expected_version=decision.version,
                mode="samen",
                chosen=chosen,
                outcome=outcome,
                reason="Samen besproken.",
                review_on=None,
            )
            decision.refresh_from_db()
            return decision.outcome_version

        seen = record(worker, first, "A: naar de opvang")
        decision_actions.assent_give(
            access=self.f.access(self.mother), decision=decision, agrees=True, seen_version=seen
        )
        record(self.f.access(self.other_worker), second, "B: niet naar de opvang")
        with self.assertRaises(StaleEdit):
            decision_actions.assent_give(
                access=self.f.access(self.father), decision=decision, agrees=True, seen_version=seen
            )
        decision.refresh_from_db()
        self.assertEqual(decision.state, "open")
        missing = decision_actions.missing_assent(
            decision,
            self.f.access(None).members,
            list(decision.assents.all()),
            timezone.localdate(),
        )
        self.assertEqual({m.name for m in missing}, {"Sara", "Yusuf"})

    def test_taking_over_a_proposal_never_puts_back_older_words(self):
        family = self.f.access(self.mother)
        goal = plan_actions.goal_create(access=family, text="Rustige ochtenden", domain="opvoeden")
        proposal = plan_actions.goal_propose_change(
            access=self.f.access(self.worker),
            goal=goal,
            seen_version=goal.version,
            text="Rustige ochtenden, ook in het weekend",
        )
        plan_actions.goal_update(
            access=family, goal=goal, expected_version=goal.version, text="Rustige ochtenden thuis"
        )
        with self.assertRaises(StaleEdit):
            plan_actions.proposal_decide(access=family, item=proposal, accept=True)
        goal.refresh_from_db()
        self.assertEqual(goal.text, "Rustige ochtenden thuis")

    def test_a_stale_member_edit_is_refused_and_every_version_kept(self):
        member = self.mother.member
        family = self.f.access(self.mother)
        actions.member_update(
            access=family, member=member, expected_version=member.version, name="Sara B."
        )
        with self.assertRaises(StaleEdit) as refused:
            actions.member_update(access=family, member=member, expected_version=1, name="Saar")
        self.assertEqual(refused.exception.current, "Sara B.")
        self.assertEqual(Revision.objects.filter(item_type="member", item_id=member.pk).count(), 1)

    def test_two_help_question_saves_from_one_version_make_one_version(self):
        family = self.f.access(self.mother)
        first = plan_actions.help_question_write(access=family, text="Rust in huis", base_id=None)
        plan_actions.help_question_write(access=family, text="Rust", base_id=first.pk)
        with self.assertRaises(StaleEdit):
            plan_actions.help_question_write(access=family, text="Ook school", base_id=first.pk)


class DoubleSubmitTestCase(TestCase):
    def test_the_same_create_form_twice_makes_one_step_and_says_so(self):
        f = FamilyBuilder()
        mother = f.parent("Sara")
        self.client.force_login(mother.user)
        url = reverse("plan:step_new", args=[f.family.pk])
        form = self.client.get(url)
        token = form.context["form"]["once"].value()
        data = {"text": "Sara belt de school", "owner": mother.pk, "once": token}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        again = self.client.post(url, data, follow=True)
        self.assertContains(again, "Dit was al opgeslagen.")
        self.assertEqual(Step.objects.filter(text="Sara belt de school").count(), 1)


class AccessLogTruthTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)

    def test_a_page_that_was_not_found_is_not_logged_as_a_read(self):
        self.client.force_login(self.mother.user)
        url = reverse("plan:goal", args=[self.f.family.pk, 987654])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertFalse(AuditEvent.objects.filter(data="goal").exists())

    def test_a_page_that_failed_is_not_logged_as_a_read(self):
        request = RequestFactory().get("/")
        read_later(
            request,
            actor=self.mother.user,
            family=self.f.family,
            participant=self.mother,
            action="view",
            data="plan",
        )
        self.assertEqual(reads_write(request, HttpResponse(status=500)), 0)
        self.assertFalse(AuditEvent.objects.exists())

    def test_a_page_that_was_shown_is_logged(self):
        self.client.force_login(self.mother.user)
        self.client.get(reverse("plan:plan", args=[self.f.family.pk]))
        self.assertTrue(AuditEvent.objects.filter(data="plan", action="view").exists())

    def test_a_professionals_list_of_families_is_a_logged_read(self):
        self.client.force_login(self.worker.user)
        self.assertEqual(self.client.get(reverse("families:list")).status_code, 200)
        event = AuditEvent.objects.get(data="family_list")
        self.assertEqual((event.family_id, event.actor_id), (self.f.family.pk, self.worker.user.pk))


class GoalsStayPrivateTestCase(TestCase):
    def test_a_youth_keeps_a_step_a_success_and_a_view_to_herself(self):
        f = FamilyBuilder()
        mother = f.parent("Sara")
        teen = f.child("Nina", age=14, account=True)
        youth = f.access(teen)
        step = plan_actions.step_create(
            access=youth, text="Nina oefent met praten", owner=teen, private=True
        )
        success = plan_actions.success_create(
            access=youth, what_happened="Nina zei wat ze wilde", private=True
        )
        parent = f.access(mother)
        self.assertIn(step.pk, parent.hidden("plan.step"))
        self.assertIn(success.pk, parent.hidden("plan.success"))
        self.assertFalse(Step.objects.visible_to(parent).filter(pk=step.pk).exists())
        self.assertTrue(Step.objects.visible_to(f.access(teen)).filter(pk=step.pk).exists())
        self.assertFalse(Goal.objects.visible_to(parent).filter(text__contains="Nina").exists())
