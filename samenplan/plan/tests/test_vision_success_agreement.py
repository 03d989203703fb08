from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.plan.models import Agreement, AgreementSign, Success, TimelineEntry, Vision
from samenplan.test import SamenplanTestCase, give_totp


class PlanPartsTestCase(SamenplanTestCase):
    def url(self, name, *args):
        return reverse(name, args=[self.bakker.pk, *args])


class VisionTestCase(PlanPartsTestCase):
    def test_it_shows_everyones_future_picture_and_who_wrote_a_childs(self):
        self.login(self.noor)
        response = self.client.get(self.url("plan:plan"))
        self.assertContains(response, "Ik ga weer naar school zonder buikpijn.")
        self.assertContains(
            response, "Opgeschreven door Sanne Bakker, in de woorden van Sem Bakker."
        )
        self.assertNotContains(response, "in de woorden van Noor Bakker")

    def test_a_youth_writes_her_own(self):
        self.login(self.noor)
        self.client.post(
            self.url("plan:vision_new"),
            {"member": self.m["noor"].pk, "text": "Ik heb mijn diploma", "first_noticed": "Oma"},
        )
        vision = Vision.objects.get(text="Ik heb mijn diploma")
        self.assertEqual((vision.status, vision.by_self), ("accepted", True))
        self.assertTrue(AuditEvent.objects.filter(data="vision", action="create").exists())

    def test_a_professional_writing_for_a_child_makes_a_proposal(self):
        give_totp(self.eva)
        self.login(self.eva)
        self.client.post(
            self.url("plan:vision_new"), {"member": self.m["sem"].pk, "text": "Sem speelt buiten"}
        )
        vision = Vision.objects.get(text="Sem speelt buiten")
        self.assertEqual((vision.status, vision.by_self), ("proposed", False))
        self.login(self.sanne)
        self.assertNotContains(
            self.client.get(self.url("plan:plan")), "Opgeschreven door Eva de Vries"
        )
        self.client.post(self.url("plan:proposal_accept", "vision", vision.pk))
        vision.refresh_from_db()
        self.assertEqual(vision.status, "accepted")

    def test_a_future_picture_becomes_a_goal(self):
        vision = Vision.objects.get(family=self.bakker, member=self.m["noor"])
        self.login(self.sanne)
        response = self.client.get(self.url("plan:goal_new") + f"?toekomstbeeld={vision.pk}")
        self.assertContains(response, "Ik ga weer naar school zonder buikpijn.")
        other = Vision.objects.create(
            family=self.degroot,
            member=self.m["daan"],
            text="Geheim van De Groot",
            created_by=self.daan,
        )
        response = self.client.get(self.url("plan:goal_new") + f"?toekomstbeeld={other.pk}")
        self.assertNotContains(response, "Geheim van De Groot")


class SuccessTestCase(PlanPartsTestCase):
    def test_it_tells_a_success_linked_to_goals(self):
        self.login(self.ria)
        school = self.bakker_goal("Noor gaat")
        self.client.post(
            self.url("plan:success_new"),
            {
                "what_happened": "Noor ging drie dagen naar school",
                "what_different": "Ze fietste met Fleur",
                "who_helped": "Fleur",
                "goals": [school.pk],
            },
        )
        success = Success.objects.get(what_happened="Noor ging drie dagen naar school")
        self.assertEqual(list(success.goals.all()), [school])
        response = self.client.get(self.url("plan:goal", school.pk))
        self.assertContains(response, "Noor ging drie dagen naar school")
        self.assertTrue(TimelineEntry.objects.filter(kind="success", goal=school).exists())

    def test_it_needs_what_happened(self):
        self.login(self.sanne)
        response = self.client.post(self.url("plan:success_new"), {"who_helped": "Oma"})
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)
        self.assertContains(response, "Oma", status_code=400)

    def bakker_goal(self, start):
        from samenplan.plan.models import Goal

        return Goal.objects.get(family=self.bakker, text__startswith=start)


class AgreementTestCase(PlanPartsTestCase):
    def test_it_shows_who_agreed_and_when_to_evaluate(self):
        self.login(self.sanne)
        response = self.client.get(self.url("plan:plan"))
        self.assertContains(response, "Martijn vertelt Sanne elke vrijdag")
        self.assertContains(response, "Evalueren op")
        self.assertContains(response, "nog niet")

    def test_each_person_concerned_says_yes(self):
        agreement = Agreement.objects.get(family=self.bakker, text__startswith="Door de week")
        self.login(self.noor)
        self.client.post(
            self.url("plan:agreement_agree", agreement.pk), {"seen": agreement.version}
        )
        self.assertTrue(
            AgreementSign.objects.filter(agreement=agreement, participant=self.p["noor"]).exists()
        )
        self.login(self.ria)
        response = self.client.post(self.url("plan:agreement_agree", agreement.pk))
        self.assertEqual(response.status_code, 403)

    def test_it_makes_an_agreement_about_reporting_back(self):
        give_totp(self.eva)
        self.login(self.eva)
        self.client.post(
            self.url("plan:agreement_new"),
            {
                "kind": "collaboration",
                "text": "Eva belt Youssef na elk overleg",
                "concerned": [self.p["eva"].pk, self.p["youssef"].pk],
                "evaluate_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            },
        )
        agreement = Agreement.objects.get(text="Eva belt Youssef na elk overleg")
        self.assertEqual(
            set(agreement.signs.values_list("participant", flat=True)), {self.p["eva"].pk}
        )

    def test_an_agreement_about_a_goal_needs_the_goal(self):
        self.login(self.sanne)
        response = self.client.post(
            self.url("plan:agreement_new"),
            {"kind": "goal", "text": "Iets", "concerned": [self.p["sanne"].pk]},
        )
        self.assertContains(response, "Kies bij welk doel de afspraak hoort.", status_code=400)

    def test_it_records_an_evaluation(self):
        agreement = Agreement.objects.get(family=self.bakker, text__startswith="Martijn vertelt")
        self.login(self.youssef)
        response = self.client.post(
            self.url("plan:agreement_evaluate", agreement.pk),
            {"works": "yes", "adjust": "Graag op donderdag", "next_evaluation": ""},
        )
        self.assertRedirects(response, self.url("plan:plan"))
        self.assertTrue(agreement.evaluations.filter(author=self.youssef, works="yes").exists())
        response = self.client.get(self.url("plan:agreement_evaluate", agreement.pk))
        self.assertContains(response, "Graag op donderdag")
