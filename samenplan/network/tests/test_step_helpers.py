"""Steps name who from Ons netwerk helps, so "wie helpt waarmee" counts real steps."""

from django.test import TestCase
from django.urls import reverse

from samenplan.builders import FamilyBuilder
from samenplan.lib.errors import ActionError
from samenplan.network import actions as network
from samenplan.network.models import NetworkPerson, StepHelper
from samenplan.plan import actions as plan
from samenplan.plan.models import Step


class StepHelperTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.teen = self.f.child("Tess", age=14, account=True)
        self.other = FamilyBuilder("Gezin Anders")
        neighbour = self.other.parent("Ander")
        self.grandpa = network.person_add(
            access=self.f.access(self.mother), name="Opa Gerrit", relation="grootouder"
        )
        self.stranger = network.person_add(
            access=self.other.access(neighbour), name="Buurman Bas", relation="buur"
        )

    def url(self, name, *args):
        return reverse(name, args=[self.f.family.pk, *args])

    def test_a_step_names_a_helper_and_ons_netwerk_shows_it(self):
        self.client.force_login(self.mother.user)
        page = self.client.get(self.url("plan:step_new"))
        self.assertContains(page, "Wie uit ons netwerk helpt mee?")
        self.assertContains(page, "Opa Gerrit")
        self.assertNotContains(page, "Buurman Bas")
        response = self.client.post(
            self.url("plan:step_new"),
            {
                "text": "Sem gaat op woensdag mee naar voetbal",
                "owner": self.mother.pk,
                "helper": self.grandpa.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        step = Step.objects.get(text__startswith="Sem gaat")
        self.assertEqual(StepHelper.objects.get(step=step).person, self.grandpa)
        self.assertContains(self.client.get(self.url("plan:plan")), "Opa Gerrit helpt mee")
        overview = self.client.get(self.url("network:overview")).content.decode()
        start = overview.index("Opa Gerrit")
        self.assertIn("Sem gaat op woensdag mee naar voetbal", overview[start:])

    def test_changing_the_step_changes_or_clears_the_helper(self):
        step = plan.step_create(
            access=self.f.access(self.mother),
            text="Tess oefent voor haar toets",
            owner=self.teen,
            helper=self.grandpa.pk,
        )
        self.client.force_login(self.mother.user)
        page = self.client.get(self.url("plan:step_edit", step.pk))
        self.assertContains(page, f'<option value="{self.grandpa.pk}" selected>')
        step.refresh_from_db()
        plan.step_update(
            access=self.f.access(self.mother),
            step=step,
            expected_version=step.version,
            text=step.text,
            owner=self.teen,
            helper=None,
        )
        self.assertFalse(StepHelper.objects.exists())

    def test_someone_from_another_family_or_a_made_up_id_is_refused(self):
        for person_id in (self.stranger.pk, 999999):
            with self.assertRaises(ActionError):
                plan.step_create(
                    access=self.f.access(self.mother),
                    text="Iets",
                    owner=self.mother,
                    helper=person_id,
                )
        self.assertFalse(Step.objects.filter(text="Iets").exists())
        self.client.force_login(self.mother.user)
        response = self.client.post(
            self.url("plan:step_new"),
            {"text": "Iets", "owner": self.mother.pk, "helper": self.stranger.pk},
        )
        self.assertEqual(response.status_code, 400)

    def test_a_family_without_a_network_is_not_asked(self):
        NetworkPerson.objects.filter(family=self.f.family).delete()
        self.client.force_login(self.mother.user)
        self.assertNotContains(
            self.client.get(self.url("plan:step_new")), "Wie uit ons netwerk helpt mee?"
        )

    def test_a_removed_person_is_no_longer_offered(self):
        network.person_remove(access=self.f.access(self.mother), person=self.grandpa)
        self.client.force_login(self.mother.user)
        self.assertNotContains(self.client.get(self.url("plan:step_new")), "Opa Gerrit")
