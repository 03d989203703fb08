"""Ons netwerk: the pages for both demo families and an empty one, and the family
group plan that professionals do not see until the family shares it."""

from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.families.models import Consent, Family, Member, Participant
from samenplan.network.models import FamilyGroupPlan, LifeEvent, NetworkPerson, Relationship
from samenplan.plan.models import Goal, Step
from samenplan.test import SamenplanTestCase, give_totp

PAGES = ("overview", "genogram", "timeline", "family_plans")


class NetworkTestCase(SamenplanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for key in ("eva", "bram", "joke"):
            give_totp(getattr(cls, key))
        cls.draft = FamilyGroupPlan.objects.get(family=cls.bakker, status="draft")
        cls.shared = FamilyGroupPlan.objects.get(family=cls.bakker, status="shared")

    def url(self, name, *args, family=None):
        return reverse(f"network:{name}", args=[(family or self.bakker).pk, *args])

    def writes(self, data):
        return AuditEvent.objects.filter(data=data).exclude(action="view").count()


class PagesTestCase(NetworkTestCase):
    def test_the_pictures_render_for_both_demo_families(self):
        for user, family in ((self.sanne, self.bakker), (self.daan, self.degroot)):
            self.login(user)
            for name in PAGES:
                with self.subTest(user=user.name, page=name):
                    response = self.client.get(self.url(name, family=family))
                    self.assertEqual(response.status_code, 200)
                    if name != "family_plans":
                        self.assertContains(response, '<svg class="drawing')
                        self.assertContains(response, 'aria-describedby="')

    def test_the_pictures_render_for_an_empty_family(self):
        family = Family.objects.create(name="Gezin Leeg")
        parent = Member.objects.create(
            family=family, name="Ouder", relation="ouder", has_authority=True
        )
        from samenplan.families.actions import account_for_email

        user = account_for_email(email="leeg@example.org", name="Ouder Leeg")
        Participant.objects.create(family=family, user=user, role="parent", member=parent)
        self.login(user)
        for name in PAGES:
            response = self.client.get(self.url(name, family=family))
            self.assertEqual(response.status_code, 200, name)

    def test_the_bakker_genogram_has_three_generations_and_its_text_alternative(self):
        self.login(self.sanne)
        page = self.client.get(self.url("genogram"))
        self.assertContains(page, "3 generaties")
        self.assertContains(page, 'data-deceased="true"', count=1)  # opa Mohamed
        self.assertContains(page, 'data-status="uit_elkaar"')
        self.assertContains(page, 'id="genogram-list"')
        self.assertContains(page, "Partner: Sanne Bakker (uit elkaar)")

    def test_the_ecomap_links_each_person_to_what_they_help_with(self):
        self.login(self.sanne)
        page = self.client.get(self.url("overview"))
        ria = NetworkPerson.objects.get(family=self.bakker, name="Ria Bakker")
        self.assertContains(page, f'href="#eco-n{ria.pk}"')
        self.assertContains(page, f'id="eco-n{ria.pk}"')
        self.assertContains(page, "Komt op maandag")
        self.assertContains(page, "verbroken contact")  # Fatima
        self.assertContains(page, "moeizaam contact")  # Samira

    def test_the_timeline_shows_life_events_and_plan_milestones(self):
        self.login(self.sanne)
        page = self.client.get(self.url("timeline"))
        self.assertContains(page, "Sanne en Youssef gaan uit elkaar")
        self.assertContains(page, "Besloten: Krijgen we hulp thuis")
        self.assertGreaterEqual(LifeEvent.objects.filter(family=self.bakker).count(), 6)

    def test_a_person_is_added_and_a_relationship_drawn(self):
        self.login(self.youssef)
        response = self.client.post(
            self.url("person_new"),
            {
                "name": "Karim El Idrissi",
                "relation": "tante_oom",
                "closeness": "2",
                "quality": "steunend",
                "sex": "m",
                "in_network": "on",
            },
        )
        self.assertRedirects(response, self.url("overview"))
        karim = NetworkPerson.objects.get(name="Karim El Idrissi")
        samira = NetworkPerson.objects.get(name="Samira El Idrissi")
        self.client.post(
            self.url("relationship_new"),
            {"kind": "partner", "a": f"n{karim.pk}", "b": f"n{samira.pk}", "status": "getrouwd"},
        )
        self.assertTrue(Relationship.objects.filter(a_person=karim, b_person=samira).exists())
        self.assertEqual(self.writes("network_person"), 1)
        self.assertEqual(self.writes("relationship"), 1)
        page = self.client.get(self.url("genogram"))
        self.assertContains(page, f'data-key="n{karim.pk}"')

    def test_a_person_of_another_family_cannot_be_linked(self):
        rob = NetworkPerson.objects.get(family=self.degroot)
        self.login(self.sanne)
        self.client.post(
            self.url("relationship_new"),
            {"kind": "parent", "a": f"n{rob.pk}", "b": f"m{self.m['sem'].pk}"},
        )
        self.assertFalse(Relationship.objects.filter(a_person=rob).exists())

    def test_a_life_event_in_the_future_is_refused_and_the_text_kept(self):
        self.login(self.sanne)
        response = self.client.post(
            self.url("event_new"),
            {"happened_on": "2099-01-01", "kind": "verhuizing", "title": "Naar de maan"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Naar de maan", status_code=400)


class FamilyPlanTestCase(NetworkTestCase):
    def test_a_draft_is_invisible_to_professionals(self):
        for user in (self.eva, self.joke):
            self.login(user)
            page = self.client.get(self.url("family_plans"))
            self.assertNotContains(page, self.draft.main_question)
            self.assertContains(page, self.shared.main_question)
            response = self.client.get(self.url("family_plan_edit", self.draft.pk))
            self.assertIn(response.status_code, (403, 404))
            self.assertNotContains(
                response, self.draft.main_question, status_code=response.status_code
            )

    def test_the_family_and_its_network_see_and_write_the_draft(self):
        for user in (self.sanne, self.noor, self.ria):
            self.login(user)
            self.assertContains(self.client.get(self.url("family_plans")), self.draft.main_question)
        self.login(self.ria)
        response = self.client.post(
            self.url("family_plan_edit", self.draft.pk),
            {
                "main_question": "Hoe houden we Sem bezig?",
                "goals": "Sem voetbalt drie keer",
                "who_helps": "Opa Gerrit: brengt Sem naar voetbal",
                "version": self.draft.version,
            },
        )
        self.assertRedirects(response, self.url("family_plans"))
        self.assertEqual(self.writes("family_plan"), 1)

    def test_sharing_makes_it_visible_and_puts_its_goals_and_steps_in_the_plan(self):
        self.login(self.ria)  # the network writes, but the family shares
        self.assertEqual(
            self.client.post(self.url("family_plan_share", self.draft.pk)).status_code, 403
        )
        self.login(self.sanne)
        self.client.post(self.url("family_plan_share", self.draft.pk))
        self.draft.refresh_from_db()
        self.assertTrue(self.draft.is_shared)
        goal = Goal.objects.get(family=self.bakker, text="Sem heeft elke middag iets te doen")
        self.assertTrue(goal.from_family_plan)
        self.assertEqual(goal.status, "accepted")
        steps = Step.objects.filter(family=self.bakker, from_family_plan=True)
        self.assertEqual(
            {(s.owner_name, s.text) for s in steps},
            {
                ("Opa Gerrit", "brengt Sem op dinsdag naar voetbal"),
                ("Oma Ria", "huiswerk op maandag"),
            },
        )
        self.login(self.eva)
        self.assertContains(self.client.get(self.url("family_plans")), self.draft.main_question)
        plan = self.client.get(reverse("plan:plan", args=[self.bakker.pk]))
        self.assertContains(plan, "Sem heeft elke middag iets te doen")

    def test_a_shared_plan_cannot_be_changed_or_shared_again(self):
        self.login(self.sanne)
        response = self.client.post(
            self.url("family_plan_edit", self.shared.pk),
            {"main_question": "Anders", "version": self.shared.version},
        )
        self.assertRedirects(response, self.url("family_plans"))
        self.shared.refresh_from_db()
        self.assertNotEqual(self.shared.main_question, "Anders")

    def test_a_professional_does_not_write_a_family_plan(self):
        self.login(self.eva)
        self.assertEqual(self.client.get(self.url("family_plan_new")).status_code, 403)

    def test_consent_withdrawn_closes_the_network_for_the_network(self):
        Consent.objects.filter(participant=self.p["ria"]).update(withdrawn_at="2026-01-01T00:00Z")
        self.login(self.ria)
        self.assertEqual(self.client.get(self.url("family_plans")).status_code, 403)
