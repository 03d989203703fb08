"""Hostile input on the forms of consent scope, emergency access, the log filters and
closing: never a 500, Dutch messages, input kept."""

from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from samenplan.families.models import Consent
from samenplan.plan.tests.test_hostile_input import DATES
from samenplan.test import SamenplanTestCase, give_totp
from samenplan.tests.test_hostile_input import ANY_NUMBER, ANY_TEXT, ERROR_SUMMARY


class HostileRightsTestCase(HypothesisTestCase, SamenplanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        give_totp(cls.bram)

    def assert_handled(self, response, kept=()):
        self.assertIn(response.status_code, (200, 302, 400))
        if response.status_code == 400:
            content = response.content.decode()
            self.assertIn(ERROR_SUMMARY, content)
            for value in kept:
                if value.strip() and "\x00" not in value:
                    self.assertIn(escape(value), content)

    @given(
        everything=st.one_of(st.sampled_from(["all", "except"]), ANY_TEXT),
        goals=st.lists(ANY_NUMBER, max_size=3),
        decisions=st.lists(ANY_NUMBER, max_size=3),
        family_plan=st.sampled_from(["", "on", "x"]),
    )
    def test_the_consent_scope_form(self, everything, goals, decisions, family_plan):
        self.client.force_login(self.sanne)
        url = reverse("families:consent_scope", args=[self.bakker.pk, self.p["eva"].pk])
        data = {
            "everything": everything,
            "goals": goals,
            "decisions": decisions,
            "family_plan": family_plan,
        }
        self.assert_handled(self.client.post(url, data))

    @given(reason=ANY_TEXT)
    def test_the_emergency_form(self, reason):
        Consent.objects.filter(participant=self.p["bram"]).update(withdrawn_at="2026-01-01T00:00Z")
        self.wijkteam.safety_mandate = True
        self.wijkteam.save()
        self.client.force_login(self.bram)
        response = self.client.post(
            reverse("families:emergency", args=[self.degroot.pk]), {"reason": reason}
        )
        self.assert_handled(response, [reason] if 20 <= len(reason.strip()) <= 2000 else [])

    @given(who=ANY_TEXT, what=ANY_TEXT, since=DATES, until=DATES, pagina=ANY_NUMBER)
    def test_the_access_log_filters(self, who, what, since, until, pagina):
        self.client.force_login(self.sanne)
        response = self.client.get(
            reverse("families:access_log", args=[self.bakker.pk]),
            {"who": who, "what": what, "since": since, "until": until, "pagina": pagina},
        )
        self.assertEqual(response.status_code, 200)

    @given(
        step=st.one_of(
            st.sampled_from(["criterion", "answer", "plan", "destroy", "handle"]), ANY_TEXT
        ),
        text=ANY_TEXT,
        answer=ANY_TEXT,
        request_id=ANY_NUMBER,
    )
    def test_the_closing_forms(self, step, text, answer, request_id):
        self.client.force_login(self.sanne)
        data = {
            "step": step,
            "text": text,
            "answer": answer,
            "note": text,
            "what_works": text,
            "reason": text,
            "request_id": request_id,
            "approve": answer,
            "refusal": text,
        }
        response = self.client.post(reverse("families:closing", args=[self.bakker.pk]), data)
        self.assertIn(response.status_code, (200, 302, 400, 404))


class HostileMemberTestCase(HypothesisTestCase, SamenplanTestCase):
    @given(name=ANY_TEXT, birth_date=DATES, sex=ANY_TEXT, household=st.sampled_from(["", "on"]))
    def test_the_member_form(self, name, birth_date, sex, household):
        self.client.force_login(self.sanne)
        url = reverse("families:member_edit", args=[self.bakker.pk, self.m["sem"].pk])
        data = {"name": name, "birth_date": birth_date, "sex": sex, "lives_in_household": household}
        response = self.client.post(url, data)
        self.assertIn(response.status_code, (302, 400))
        if response.status_code == 400:
            self.assertIn(ERROR_SUMMARY, response.content.decode())
