"""Hostile input on the forms of consent scope, emergency access, the log filters and
closing: never a 500, Dutch messages, input kept."""

from django.urls import reverse
from hypothesis import strategies as st

from samenplan.families.models import Consent
from samenplan.test import give_totp
from samenplan.tests.hostile import (
    ANY_NUMBER,
    ANY_TEXT,
    DATES,
    ERROR_SUMMARY,
    HostileTestCase,
    hostile_given,
)


class HostileRightsTestCase(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        give_totp(cls.bram)

    @hostile_given(
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
            "goal": goals,
            "decision": decisions,
            "family_plan": family_plan,
        }
        self.assert_handled(self.client.post(url, data))

    @hostile_given(reason=ANY_TEXT)
    def test_the_emergency_form(self, reason):
        Consent.objects.filter(participant=self.p["bram"]).update(withdrawn_at="2026-01-01T00:00Z")
        self.wijkteam.safety_mandate = True
        self.wijkteam.save()
        self.client.force_login(self.bram)
        response = self.client.post(
            reverse("families:emergency", args=[self.degroot.pk]), {"reason": reason}
        )
        self.assert_handled(response, [reason] if 20 <= len(reason.strip()) <= 2000 else [])

    @hostile_given(who=ANY_TEXT, what=ANY_TEXT, since=DATES, until=DATES, ouder=ANY_TEXT)
    def test_the_access_log_filters(self, who, what, since, until, ouder):
        self.client.force_login(self.sanne)
        response = self.client.get(
            reverse("families:access_log", args=[self.bakker.pk]),
            {"who": who, "what": what, "since": since, "until": until, "ouder": ouder},
        )
        self.assertEqual(response.status_code, 200)

    @hostile_given(
        step=st.one_of(
            st.sampled_from(["criterion", "answer", "plan", "destroy", "handle"]), ANY_TEXT
        ),
        text=ANY_TEXT,
        answer=ANY_TEXT,
        request_id=ANY_NUMBER,
    )
    def test_the_closing_forms(self, step, text, answer, request_id):
        self.client.force_login(self.sanne)
        url = reverse("families:closing", args=[self.bakker.pk])
        data = {
            "text": text,
            "answer": answer,
            "note": text,
            "what_works": text,
            "reason": text,
            "request_id": request_id,
            "approve": answer,
            "refusal": text,
        }
        # The drawn step, then every form of the page with the same input.
        for each in (step, "criterion", "answer", "plan", "destroy", "handle"):
            response = self.client.post(url, {**data, "step": each})
            self.assertIn(response.status_code, (200, 302, 400, 403, 404))
            if response.status_code == 400:
                self.assertIn(ERROR_SUMMARY, response.content.decode())


class HostileMemberTestCase(HostileTestCase):
    @hostile_given(
        name=ANY_TEXT, birth_date=DATES, sex=ANY_TEXT, household=st.sampled_from(["", "on"])
    )
    def test_the_member_form(self, name, birth_date, sex, household):
        self.client.force_login(self.sanne)
        url = reverse("families:member_edit", args=[self.bakker.pk, self.m["sem"].pk])
        data = {
            "name": name,
            "birth_date": birth_date,
            "sex": sex,
            "lives_in_household": household,
            "version": self.m["sem"].version,
        }
        response = self.client.post(url, data)
        self.assertIn(response.status_code, (302, 400))
        if response.status_code == 400:
            self.assertIn(ERROR_SUMMARY, response.content.decode())
