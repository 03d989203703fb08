"""A score for a child without an account: written down by a parent or a professional,
in the child's words, and marked with who wrote it down."""

from django.test import TestCase
from django.urls import reverse

from samenplan.builders import FamilyBuilder
from samenplan.lib.errors import ActionError
from samenplan.plan import actions
from samenplan.plan.charts import series
from samenplan.plan.models import GoalScore


class ProxyScoreTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.sem = self.f.child("Sem", age=8)
        self.noa = self.f.child("Noa", age=14, account=True)
        self.worker = self.f.professional("Wim")
        self.goal = actions.goal_create(
            access=self.f.access(self.mira), text="Sem slaapt door", domain="gezondheid"
        )

    def score(self, seat, value, member=None, note=""):
        return actions.score_add(
            access=self.f.access(seat), goal=self.goal, score=value, member=member, note=note
        )

    def test_a_parent_writes_down_the_childs_own_score_beside_her_own(self):
        self.score(self.mira, 5)
        entry = self.score(self.mira, 8, member=self.sem, note="Ik slaap al in mijn eigen bed!")
        self.assertEqual((entry.member, entry.author), (self.sem, self.mira.user))
        people = series(GoalScore.objects.filter(goal=self.goal).select_related("author", "member"))
        self.assertEqual([(p["name"], p["latest"]) for p in people], [("Mira", 5), ("Sem", 8)])

    def test_scores_written_down_by_two_people_are_still_one_childs(self):
        self.score(self.mira, 6, member=self.sem)
        self.score(self.worker, 7, member=self.sem)
        latest = GoalScore.objects.filter(goal=self.goal).latest_per_person()
        self.assertEqual([(s.person_name, s.score) for s in latest], [("Sem", 7)])

    def test_only_a_parent_or_a_professional_writes_down_and_only_for_a_child_without_account(self):
        with self.assertRaises(ActionError):
            self.score(self.noa, 4, member=self.sem)  # a youth gives her own score only
        with self.assertRaises(ActionError):
            self.score(self.mira, 4, member=self.noa.member)  # Noa gives her own
        self.assertFalse(GoalScore.objects.exists())

    def test_the_goal_page_asks_for_whom_and_says_who_wrote_it_down(self):
        self.score(self.mira, 8, member=self.sem)
        url = reverse("plan:goal", args=[self.f.family.pk, self.goal.pk])
        self.client.force_login(self.mira.user)
        page = self.client.get(url)
        self.assertContains(page, "Voor wie is dit cijfer?")
        self.assertContains(
            page, 'Sem <span class="muted">(opgeschreven door Mira)</span>', html=True
        )
        self.client.force_login(self.noa.user)
        self.assertNotContains(self.client.get(url), "Voor wie is dit cijfer?")

    def test_the_form_sends_the_child_along(self):
        self.client.force_login(self.mira.user)
        self.client.post(
            reverse("plan:score_add", args=[self.f.family.pk, self.goal.pk]),
            {"score": "9", "note": "Super!", "member": self.sem.pk, "once": "x-1"},
        )
        entry = GoalScore.objects.get()
        self.assertEqual((entry.member, entry.score, entry.note), (self.sem, 9, "Super!"))
