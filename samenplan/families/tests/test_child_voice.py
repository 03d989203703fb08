"""Stem van het kind: one page per child with everything the child said, chose or
scored, newest first, read through the visibility layer like every page."""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.decisions import actions as decisions
from samenplan.decisions.models import Decision
from samenplan.plan import actions as plan
from samenplan.plan.models import GoalScore
from samenplan.test import give_totp


class ChildVoiceTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.sem = self.f.child("Sem", age=9)
        self.noor = self.f.child("Noor", age=15, account=True)
        self.eva = self.f.professional("Eva")
        give_totp(self.eva.user)
        self.decision = decisions.decision_create(
            access=self.f.access(self.mira),
            question="Gaat Sem naar de zwemles?",
            options=["Ja", "Nee"],
            about=self.sem,
        )
        self.goal = plan.goal_create(
            access=self.f.access(self.mira), text="Sem slaapt door", domain="gezondheid"
        )

    def page(self, seat, member):
        self.client.force_login(seat.user)
        return self.client.get(reverse("families:child_voice", args=[self.f.family.pk, member.pk]))

    def test_what_sem_said_stands_in_his_own_words_marked_with_who_wrote_it_down(self):
        decisions.view_give(
            access=self.f.access(self.mira),
            decision=self.decision,
            certainty=8,
            option=self.decision.options.get(text="Ja"),
            words="Dan kan ik met Ali zwemmen.",
            member=self.sem,
        )
        plan.score_add(
            access=self.f.access(self.eva),
            goal=self.goal,
            score=7,
            member=self.sem,
            note="Bijna elke nacht",
        )
        page = self.page(self.eva, self.sem)
        self.assertContains(page, "<h1>Stem van Sem</h1>", html=True)
        self.assertContains(page, "Dan kan ik met Ali zwemmen.")
        self.assertContains(page, "In de woorden van Sem, opgeschreven door Mira")
        self.assertContains(page, "Bijna elke nacht")
        self.assertContains(page, "In de woorden van Sem, opgeschreven door Eva")

    def test_newest_first(self):
        first = plan.score_add(
            access=self.f.access(self.mira), goal=self.goal, score=3, member=self.sem
        )
        GoalScore.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=9))
        plan.score_add(access=self.f.access(self.mira), goal=self.goal, score=9, member=self.sem)
        text = self.page(self.mira, self.sem).content.decode()
        self.assertLess(text.index("9/10"), text.index("3/10"))

    def test_what_noor_kept_to_herself_is_on_her_page_for_her_only(self):
        about_noor = decisions.decision_create(
            access=self.f.access(self.mira), question="Welke school?", options=["A", "B"]
        )
        decisions.view_give(
            access=self.f.access(self.noor),
            decision=about_noor,
            certainty=6,
            words="Ik wil naar de school van mijn vriendin.",
            private=True,
        )
        decisions.view_give(
            access=self.f.access(self.noor), decision=self.decision, certainty=4, words="Prima."
        )
        own = self.page(self.noor, self.noor.member)
        self.assertContains(own, "Ik wil naar de school van mijn vriendin.")
        self.assertContains(own, "Door Noor zelf")
        self.assertContains(own, "Alleen voor Noor en wie Noor koos")
        for seat in (self.mira, self.eva):
            page = self.page(seat, self.noor.member)
            self.assertContains(page, "Prima.")
            self.assertNotContains(page, "vriendin")

    def test_answers_to_the_check_stay_with_who_wrote_them_down(self):
        Decision.objects.filter(pk=self.decision.pk).update(state=Decision.State.DECIDED)
        self.decision.refresh_from_db()
        decisions.check_answer(
            access=self.f.access(self.mira),
            decision=self.decision,
            member=self.sem,
            heard=2,
            could_say=3,
            together=4,
            know_next=5,
        )
        self.assertContains(self.page(self.mira, self.sem), "Ik ben gehoord.")
        self.assertNotContains(self.page(self.eva, self.sem), "Ik ben gehoord.")

    def test_reading_it_is_in_the_access_log_and_a_parents_page_does_not_exist(self):
        self.page(self.eva, self.sem)
        self.assertTrue(
            AuditEvent.objects.filter(
                family=self.f.family, data="child_voice", action="view", actor=self.eva.user
            ).exists()
        )
        self.assertEqual(self.page(self.mira, self.mira.member).status_code, 404)

    def test_an_empty_page_says_how_to_give_the_child_a_voice(self):
        self.assertContains(self.page(self.mira, self.sem), "Er staat nog niets van Sem.")

    def test_the_decision_about_sem_points_to_his_voice(self):
        self.client.force_login(self.eva.user)
        url = reverse("decisions:detail", args=[self.f.family.pk, self.decision.pk])
        voice = reverse("families:child_voice", args=[self.f.family.pk, self.sem.pk])
        self.assertContains(self.client.get(url), f'href="{voice}"')
