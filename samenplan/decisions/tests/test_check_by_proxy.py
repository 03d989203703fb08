"""The check afterwards for a child without an account: a parent or a professional
reads the four sentences with the child and writes down the child's own answers.
The answers stay with the one who wrote them down; the rest see counts only."""

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.decisions import actions
from samenplan.decisions.models import Check, Decision
from samenplan.decisions.summary import check_summary
from samenplan.lib.errors import ActionError

ANSWERS = {"heard": 4, "could_say": 5, "together": 3, "know_next": 2}


class CheckByProxyTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.sem = self.f.child("Sem", age=8)
        self.noa = self.f.child("Noa", age=14, account=True)
        self.worker = self.f.professional("Wim")
        access = self.f.access(self.mira)
        decision = actions.decision_create(
            access=access, question="Gaat Sem naar de zwemles?", options=["Ja", "Nee"]
        )
        # How it came to be decided is not what these tests are about.
        Decision.objects.filter(pk=decision.pk).update(state=Decision.State.DECIDED)
        self.decision = Decision.objects.get(pk=decision.pk)

    def answer(self, seat, member=None, **answers):
        return actions.check_answer(
            access=self.f.access(seat),
            decision=self.decision,
            member=member,
            **(ANSWERS | answers),
        )

    def test_a_parent_writes_down_the_childs_answers_marked_with_who_wrote_them(self):
        check = self.answer(self.mira, member=self.sem, heard=5)
        self.assertEqual(
            (check.member, check.participant, check.written_by, check.heard),
            (self.sem, None, self.mira.user, 5),
        )
        self.assertTrue(
            AuditEvent.objects.filter(data="decision_check", object_id=str(check.pk)).exists()
        )

    def test_a_professional_may_write_them_down_too_and_the_newest_answers_count(self):
        self.answer(self.mira, member=self.sem, heard=2)
        self.answer(self.worker, member=self.sem, heard=5)
        check = Check.objects.get(member=self.sem, participant__isnull=True)
        self.assertEqual((check.heard, check.written_by), (5, self.worker.user))

    def test_a_youth_answers_only_for_herself_and_nobody_answers_for_her(self):
        with self.assertRaises(PermissionDenied):
            self.answer(self.noa, member=self.sem)
        with self.assertRaises(ActionError):
            self.answer(self.mira, member=self.noa.member)
        self.assertFalse(Check.objects.filter(participant__isnull=True).exists())

    def test_the_childs_answers_are_seen_by_the_writer_only(self):
        self.answer(self.mira, member=self.sem, heard=1)
        mine = check_summary(self.f.access(self.mira), self.decision)
        self.assertEqual(mine["children"][0]["answers"][0][1], 1)
        self.assertIsNone(mine["mine"])  # Mira's own answers are not Sem's
        worker = check_summary(self.f.access(self.worker), self.decision)
        self.assertIsNone(worker["children"][0]["answers"])
        self.assertFalse(Check.objects.visible_to(self.f.access(self.noa)).exists())

    def test_what_you_wrote_down_yourself_does_not_count_among_the_others(self):
        # Mira knows Sem's answers: counted as "others" they would let her
        # work out the remaining person's by subtraction.
        self.answer(self.mira, member=self.sem)
        self.answer(self.noa)
        self.answer(self.mira)
        counts = Check.objects.counts(self.f.access(self.mira), self.decision, minimum_others=2)
        self.assertIsNone(counts)
        counts = Check.objects.counts(self.f.access(self.noa), self.decision, minimum_others=2)
        self.assertEqual(counts["answered"], 3)

    def test_the_page_for_sem_saves_and_is_for_writers_of_a_child_only(self):
        url = reverse("decisions:check_for", args=[self.f.family.pk, self.decision.pk, self.sem.pk])
        self.client.force_login(self.mira.user)
        page = self.client.get(url)
        self.assertContains(page, "Hoe ging het beslissen voor Sem?")
        self.client.post(url, ANSWERS | {"once": "c-1"})
        self.assertEqual(Check.objects.get(member=self.sem).written_by, self.mira.user)
        detail = self.client.get(
            reverse("decisions:detail", args=[self.f.family.pk, self.decision.pk])
        )
        self.assertContains(detail, "Wat Sem antwoordde (jij schreef het op; alleen jij ziet het):")
        self.client.force_login(self.noa.user)
        self.assertEqual(self.client.get(url).status_code, 403)
        self.client.force_login(self.mira.user)
        noa_url = reverse(
            "decisions:check_for", args=[self.f.family.pk, self.decision.pk, self.noa.member.pk]
        )
        self.assertEqual(self.client.get(noa_url).status_code, 404)

    def test_a_wrong_answer_keeps_the_rest_and_says_so(self):
        url = reverse("decisions:check_for", args=[self.f.family.pk, self.decision.pk, self.sem.pk])
        self.client.force_login(self.mira.user)
        page = self.client.post(url, ANSWERS | {"heard": "9", "once": "c-2"})
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "Kies een antwoord.", status_code=400)
        # What was chosen is still chosen.
        self.assertContains(page, 'id="id_could_say_4" required checked', status_code=400)
        self.assertFalse(Check.objects.exists())
