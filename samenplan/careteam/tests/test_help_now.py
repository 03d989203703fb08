"""'Het gaat nu niet goed': one tap from every family page to the numbers to call."""

from django.test import TestCase, override_settings
from django.urls import reverse

from samenplan.accounts.models import Professional
from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions
from samenplan.families.models import Participant
from samenplan.test import give_totp

CRISIS = {
    "Utrecht": {"name": "Spoed voor Jeugd Utrecht", "phone": "030 123 45 67", "hours": "Altijd."},
    "*": {"name": "Crisisdienst Jeugd Regio", "phone": "088-7654321"},
}


class HelpNowTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara")
        self.gran = self.f.network("Oma Ans")
        self.worker = self.f.professional("Eef")
        give_totp(self.worker.user)
        Participant.objects.filter(pk=self.worker.pk).update(is_coordinator=True)
        self.worker.refresh_from_db()
        Professional.objects.filter(user=self.worker.user).update(
            phone="06 1234 5678", reachability="Maandag tot en met donderdag"
        )
        self.client.force_login(self.mother.user)

    def safety_page(self):
        return self.client.get(reverse("careteam:safety", args=[self.f.family.pk]))

    def agree_to_call(self, *concerned):
        return actions.scenario_create(
            access=self.f.access(self.worker),
            if_text="Sara 's avonds niet meer weet wat ze moet doen",
            then_text="belt ze oma Ans of Eef",
            concerned=list(concerned),
        )

    def test_every_family_page_has_the_button(self):
        family = self.f.family.pk
        for name in ("plan:plan", "decisions:list", "careteam:overview", "families:home"):
            with self.subTest(name):
                response = self.client.get(reverse(name, args=[family]))
                self.assertContains(
                    response, f'href="{reverse("careteam:safety", args=[family])}#nu"'
                )
                self.assertContains(response, "Het gaat nu niet goed")

    def test_the_safety_page_starts_with_numbers_to_call_at_once(self):
        response = self.safety_page()
        content = response.content.decode()
        self.assertLess(content.index('id="nu"'), content.index('id="afspraken"'))
        for number in ("tel:112", "tel:08002000", "tel:08000432", "tel:08000113"):
            self.assertContains(response, f'href="{number}"')

    def test_no_crisis_service_is_made_up_when_none_is_set(self):
        self.assertNotContains(self.safety_page(), "crisisdienst voor kinderen")

    @override_settings(SAMENPLAN_CRISIS_LINES=CRISIS)
    def test_the_crisis_service_is_the_one_of_the_familys_municipality(self):
        self.f.family.municipality = "utrecht "
        self.f.family.save()
        response = self.safety_page()
        self.assertContains(
            response, 'Spoed voor Jeugd Utrecht: <span class="nowrap">030 123 45 67'
        )
        self.assertContains(response, 'href="tel:0301234567"')
        self.assertNotContains(response, "Crisisdienst Jeugd Regio")

    @override_settings(SAMENPLAN_CRISIS_LINES=CRISIS)
    def test_another_municipality_gets_the_crisis_service_set_for_all(self):
        self.f.family.municipality = "Zeist"
        self.f.family.save()
        response = self.safety_page()
        self.assertContains(response, 'Crisisdienst Jeugd Regio: <span class="nowrap">088-7654321')
        self.assertContains(response, 'href="tel:0887654321"')

    def test_a_professional_in_the_familys_agreements_can_be_called_in_one_tap(self):
        self.agree_to_call(self.mother, self.gran, self.worker)
        response = self.safety_page()
        self.assertContains(response, 'Bel Eef: <span class="nowrap">06 1234 5678')
        self.assertContains(response, 'href="tel:0612345678"')
        self.assertContains(response, "Maandag tot en met donderdag")

    def test_a_professional_outside_the_agreements_is_not_listed(self):
        self.agree_to_call(self.mother, self.gran)
        self.assertNotContains(self.safety_page(), "Bel Eef")
