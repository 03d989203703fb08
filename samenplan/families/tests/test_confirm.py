"""Harmful actions ask "weet je het zeker?" first, on a page that works without JavaScript.

Which actions ask is declared once, with the action (``permissions.Confirm``);
the write asks at the moment it would write, so a form with mistakes shows its
mistakes first, and someone who may not do it is refused, never asked.
"""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions as careteam
from samenplan.careteam.models import PhaseNeed
from samenplan.creations.models import Creation
from samenplan.families import actions as families
from samenplan.families.models import Invitation, Participant
from samenplan.families.permissions import ACTIONS, CONFIRMED_FIELD
from samenplan.network import actions as network
from samenplan.network.models import NetworkPerson
from samenplan.plan import actions as plan
from samenplan.plan.models import Goal, Step
from samenplan.test import CONFIRMED


class ConfirmTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.gran = self.f.network("Oma Trees")
        self.worker = self.f.professional("Wim")
        mother = self.f.access(self.mother)
        self.goal = plan.goal_create(access=mother, text="Rustig slapen", domain="thuis")
        self.step = plan.step_create(
            access=mother, text="Om negen uur naar bed", goal=self.goal, owner=self.mother
        )
        self.invitation = families.invitation_create(
            access=mother, email="juf@example.org", name="Juf Ans", role="network"
        )
        self.criterion = families.closing_criterion_add(access=mother, text="Slapen gaat goed")
        self.neighbour = network.person_add(access=mother, name="Buurvrouw Els")
        self.need = careteam.phase_need_add(
            access=mother, phase="plan", why="Hulp bij slapen", who="Een slaapcoach"
        )
        self.drawing = Creation.objects.create(
            family=self.f.family,
            member=self.f.child("Sem", age=7),
            item_type="goal",
            item_id=self.goal.pk,
            kind="drawing",
            content=b"tekening",
            content_type="image/png",
            size=8,
            created_by=self.mother.user,
        )
        self.client.force_login(self.mother.user)

    def url(self, name, *args):
        return reverse(name, args=[self.f.family.pk, *args])

    def harmful(self):
        """Each action declared with a confirmation, and a POST a page sends for it."""
        closing = self.url("families:closing")
        return {
            "invitation.withdraw": (
                self.url("families:invitation_withdraw", self.invitation.pk),
                {},
            ),
            "participant.end": (self.url("families:participant_end", self.gran.pk), {}),
            "coordinator.choose": (self.url("careteam:coordinator", self.worker.pk), {}),
            "goal.remove": (
                self.url("plan:goal_remove", self.goal.pk),
                {"version": self.goal.version},
            ),
            "step.remove": (self.url("plan:step_remove", self.step.pk), {}),
            "closing.agree": (
                closing,
                {
                    "step": "criterion_change",
                    "criterion": self.criterion.pk,
                    "version": self.criterion.version,
                    "text": self.criterion.text,
                    "what": "remove",
                },
            ),
            "family.close": (closing, {"step": "close", "legal_basis": ""}),
            "network_person.remove": (
                self.url("network:person_edit", self.neighbour.pk),
                {"weghalen": "1"},
            ),
            "phase_need.remove": (self.url("careteam:phase_need_remove", self.need.pk), {}),
            "creation.remove": (self.url("creations:remove", self.drawing.pk), {}),
        }

    def state(self):
        self.f.family.refresh_from_db()
        return (
            AuditEvent.objects.exclude(action="view").count(),
            Participant.objects.filter(family=self.f.family, active_to__isnull=True).count(),
            Invitation.objects.get(pk=self.invitation.pk).status,
            Goal.objects.get(pk=self.goal.pk).removed_at,
            Step.objects.get(pk=self.step.pk).removed_at,
            self.f.family.closed_at,
            sorted(Participant.objects.filter(is_coordinator=True).values_list("pk", flat=True)),
            NetworkPerson.objects.get(pk=self.neighbour.pk).removed_at,
            PhaseNeed.objects.get(pk=self.need.pk).removed_at,
            Creation.objects.get(pk=self.drawing.pk).removed_at,
        )

    def test_every_action_that_asks_first_is_tried_here(self):
        declared = {name for name, action in ACTIONS.items() if action.confirm}
        self.assertEqual(declared, set(self.harmful()))

    def test_nothing_is_written_until_the_person_says_yes(self):
        for name, (url, data) in self.harmful().items():
            with self.subTest(name):
                before = self.state()
                page = self.client.post(url, data, HTTP_REFERER="http://testserver/terug/")
                self.assertEqual(page.status_code, 200)
                confirm = ACTIONS[name].confirm
                self.assertContains(page, f"<h1>{confirm.question}</h1>", html=True)
                self.assertContains(page, str(confirm.yes))
                self.assertContains(page, f'<form method="post" action="{url}"')
                self.assertContains(page, f'name="{CONFIRMED_FIELD}" value="1"')
                for field, value in data.items():
                    self.assertContains(page, f'name="{field}" value="{value}"')
                self.assertContains(page, 'href="http://testserver/terug/"')
                self.assertEqual(self.state(), before, "asking wrote something")

    def test_the_yes_does_it_and_logs_it(self):
        url, data = self.harmful()["participant.end"]
        self.client.post(url, {**data, **CONFIRMED})
        self.gran.refresh_from_db()
        self.assertIsNotNone(self.gran.active_to)
        self.assertTrue(AuditEvent.objects.filter(action="remove", data="participant").exists())

    def test_someone_who_may_not_is_refused_not_asked(self):
        self.client.force_login(self.gran.user)
        url, data = self.harmful()["participant.end"]
        self.assertEqual(self.client.post(url, data).status_code, 403)

    def test_a_form_with_a_mistake_shows_the_mistake_before_asking(self):
        response = self.client.post(
            self.url("families:closing"),
            {"step": "criterion_change", "criterion": self.criterion.pk, "what": "remove"},
        )
        self.assertNotContains(response, "Dit punt weghalen?", status_code=400)

    def test_an_htmx_button_gets_the_question_as_a_whole_page(self):
        url, data = self.harmful()["step.remove"]
        response = self.client.post(url, data, HTTP_HX_REQUEST="true")
        self.assertEqual(response["HX-Retarget"], "body")
        self.assertContains(response, "Deze stap uit het plan halen?")

    def test_the_question_is_in_english_for_who_chose_english(self):
        self.mother.user.language = "en"
        self.mother.user.save(update_fields=["language"])
        url, data = self.harmful()["step.remove"]
        page = self.client.post(url, data)
        self.assertContains(page, "Remove this step from the plan?")
        self.assertContains(page, "No, go back")


class UndoTestCase(TestCase):
    """Taking a goal or a step out of the plan can be undone for 30 seconds, by who did it."""

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.father = self.f.parent("Fons")
        mother = self.f.access(self.mother)
        self.goal = plan.goal_create(access=mother, text="Rustig slapen", domain="thuis")
        self.step = plan.step_create(
            access=mother, text="Om negen uur naar bed", goal=self.goal, owner=self.mother
        )
        self.client.force_login(self.mother.user)

    def url(self, name, *args):
        return reverse(name, args=[self.f.family.pk, *args])

    def remove_step(self):
        return self.client.post(self.url("plan:step_remove", self.step.pk), CONFIRMED, follow=True)

    def test_the_next_page_offers_to_put_the_step_back_and_it_comes_back(self):
        page = self.remove_step()
        restore = self.url("plan:step_restore", self.step.pk)
        self.assertContains(page, f'<form method="post" action="{restore}" class="undo">')
        self.assertContains(page, "Ongedaan maken")
        back = self.client.post(restore, follow=True)
        self.assertContains(back, "Ongedaan gemaakt. Het staat weer in het plan.")
        self.assertNotContains(back, 'class="undo"')
        self.assertIsNone(Step.objects.get(pk=self.step.pk).removed_at)
        self.assertContains(self.client.get(self.url("plan:plan")), "Om negen uur naar bed")
        self.assertContains(self.client.get(self.url("plan:timeline")), "zette de stap terug")
        self.assertTrue(
            AuditEvent.objects.filter(data="step", action="update", detail="undo").exists()
        )

    def test_a_removed_goal_comes_back(self):
        self.client.post(
            self.url("plan:goal_remove", self.goal.pk), {"version": self.goal.version, **CONFIRMED}
        )
        goal_link = f'href="{self.url("plan:goal", self.goal.pk)}"'
        self.assertNotContains(self.client.get(self.url("plan:plan")), goal_link)
        self.client.post(self.url("plan:goal_restore", self.goal.pk))
        self.assertContains(self.client.get(self.url("plan:plan")), goal_link)
        self.assertIsNone(Goal.objects.get(pk=self.goal.pk).removed_at)

    def test_after_30_seconds_it_is_too_late(self):
        import time_machine
        from django.utils import timezone

        self.remove_step()
        with time_machine.travel(timezone.now() + timedelta(seconds=31)):
            self.assertNotContains(self.client.get(self.url("plan:plan")), 'class="undo"')
            page = self.client.post(self.url("plan:step_restore", self.step.pk), follow=True)
        self.assertContains(page, "Ongedaan maken kan alleen vlak na het weghalen")
        self.assertIsNotNone(Step.objects.get(pk=self.step.pk).removed_at)

    def test_only_who_removed_it_puts_it_back(self):
        self.remove_step()
        self.client.force_login(self.father.user)
        page = self.client.post(self.url("plan:step_restore", self.step.pk), follow=True)
        self.assertContains(page, "Ongedaan maken kan alleen vlak na het weghalen")
        self.assertIsNotNone(Step.objects.get(pk=self.step.pk).removed_at)

    def test_a_step_in_the_plan_has_nothing_to_put_back(self):
        response = self.client.post(self.url("plan:step_restore", self.step.pk))
        self.assertEqual(response.status_code, 404)
