"""Hostile input on every form of "Ons netwerk": never a 500, Dutch messages, input kept."""

from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st

from samenplan.network.models import FamilyGroupPlan, NetworkPerson
from samenplan.test import SamenplanTestCase
from samenplan.tests.hostile import (
    ANY_NUMBER,
    ANY_TEXT,
    DATES,
    HostileTestCase,
    hostile_given,
)

ENDS = st.one_of(st.sampled_from(["m1", "m2", "n1", "n2", "n999", ""]), ANY_TEXT)


class HostileNetworkFormTestCase(HostileTestCase):
    def url(self, name, *args):
        self.client.force_login(self.sanne)
        return reverse(f"network:{name}", args=[self.bakker.pk, *args])

    @hostile_given(
        name=ANY_TEXT,
        relation=ANY_TEXT,
        closeness=ANY_NUMBER,
        quality=ANY_TEXT,
        sex=ANY_TEXT,
        birth_year=ANY_NUMBER,
        death_year=ANY_NUMBER,
        helps=ANY_TEXT,
    )
    def test_the_person_form(
        self, name, relation, closeness, quality, sex, birth_year, death_year, helps
    ):
        data = {
            "name": name,
            "relation": relation,
            "closeness": closeness,
            "quality": quality,
            "sex": sex,
            "birth_year": birth_year,
            "death_year": death_year,
            "helps_with": helps,
            "died": "on",
        }
        response = self.client.post(self.url("person_new"), data)
        self.assert_handled(response, [name] if len(name) <= 150 else [])

    @hostile_given(name=ANY_TEXT, version=ANY_NUMBER, closeness=ANY_NUMBER)
    def test_the_person_edit_form(self, name, version, closeness):
        person = NetworkPerson.objects.filter(family=self.bakker).first()
        data = {
            "name": name,
            "relation": "buur",
            "closeness": closeness,
            "quality": "steunend",
            "version": version,
        }
        response = self.client.post(self.url("person_edit", person.pk), data)
        self.assert_handled(response, [name] if len(name) <= 150 else [])

    @hostile_given(kind=ANY_TEXT, a=ENDS, b=ENDS, status=ANY_TEXT)
    def test_the_relationship_form(self, kind, a, b, status):
        data = {"kind": kind, "a": a, "b": b, "status": status}
        response = self.client.post(self.url("relationship_new"), data)
        self.assertEqual(response.status_code, 302)

    @hostile_given(happened_on=DATES, kind=ANY_TEXT, title=ANY_TEXT, note=ANY_TEXT)
    def test_the_life_event_form(self, happened_on, kind, title, note):
        data = {"happened_on": happened_on, "kind": kind, "title": title, "note": note}
        response = self.client.post(self.url("event_new"), data)
        self.assert_handled(response, [title] if len(title) <= 150 else [])

    @hostile_given(
        question=ANY_TEXT,
        reach=ANY_TEXT,
        goals=ANY_TEXT,
        helps=ANY_TEXT,
        support=ANY_TEXT,
        version=ANY_NUMBER,
    )
    def test_the_family_plan_form(self, question, reach, goals, helps, support, version):
        draft = FamilyGroupPlan.objects.filter(family=self.bakker, status="draft").first()
        data = {
            "main_question": question,
            "want_to_reach": reach,
            "goals": goals,
            "who_helps": helps,
            "support_needed": support,
            "version": version,
        }
        for url in (self.url("family_plan_new"), self.url("family_plan_edit", draft.pk)):
            self.assert_handled(
                self.client.post(url, data), [question] if len(question) <= 1000 else []
            )


PAYLOAD = '<script>alert("netwerk")</script>'


class NetworkPayloadTestCase(SamenplanTestCase):
    def test_it_escapes_every_network_text_in_pages_and_pictures(self):
        self.login(self.sanne)
        family = self.bakker.pk
        self.client.post(
            reverse("network:person_new", args=[family]),
            {
                "name": PAYLOAD,
                "relation": "buur",
                "relation_label": PAYLOAD,
                "closeness": "1",
                "quality": "steunend",
                "helps_with": PAYLOAD,
                "in_network": "on",
            },
        )
        person = NetworkPerson.objects.get(name=PAYLOAD)
        self.client.post(
            reverse("network:relationship_new", args=[family]),
            {"kind": "parent", "a": f"n{person.pk}", "b": f"m{self.m['sanne'].pk}"},
        )
        self.client.post(
            reverse("network:event_new", args=[family]),
            {"happened_on": "2020-01-01", "kind": "anders", "title": PAYLOAD[:150]},
        )
        self.client.post(
            reverse("network:family_plan_new", args=[family]),
            {"main_question": PAYLOAD, "goals": PAYLOAD, "who_helps": f"{PAYLOAD}: {PAYLOAD}"},
        )
        for name in ("overview", "genogram", "timeline", "family_plans"):
            content = self.client.get(reverse(f"network:{name}", args=[family])).content.decode()
            self.assertNotIn(PAYLOAD, content, name)
            self.assertIn(escape(PAYLOAD), content, name)
