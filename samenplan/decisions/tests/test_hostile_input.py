"""Hostile input on every decision form: never a 500, Dutch messages, input kept, escaped."""

from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st

from samenplan.decisions.models import Decision
from samenplan.lib.forms import is_unsafe
from samenplan.test import SamenplanTestCase
from samenplan.tests.hostile import (
    ANY_NUMBER,
    ANY_TEXT,
    DATES,
    ERROR_SUMMARY,
    HostileTestCase,
    hostile_given,
    query,
)

MODES = st.one_of(st.sampled_from([c for c, _ in Decision.Mode.choices]), ANY_TEXT)
SCALE = st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), ANY_NUMBER)


class HostileDecisionFormTestCase(HostileTestCase):
    def url(self, name, *args, user=None):
        self.client.force_login(user or self.sanne)
        return reverse(f"decisions:{name}", args=[self.bakker.pk, *args])

    @property
    def open_decision(self):
        return Decision.objects.get(family=self.bakker, question__startswith="Gaat Sem")

    @property
    def decided(self):
        return Decision.objects.get(family=self.bakker, question__startswith="Krijgen")

    @hostile_given(
        question=ANY_TEXT,
        why=ANY_TEXT,
        about=ANY_NUMBER,
        goal=ANY_NUMBER,
        decide_by=DATES,
        one=ANY_TEXT,
        two=ANY_TEXT,
        three=ANY_TEXT,
        wait=st.sampled_from(["", "on", "x"]),
    )
    def test_the_new_decision_form(
        self, question, why, about, goal, decide_by, one, two, three, wait
    ):
        data = {
            "question": question,
            "why_now": why,
            "about": about,
            "goal": goal,
            "decide_by": decide_by,
            "option_1": one,
            "option_2": two,
            "option_3": three,
            "add_wait": wait,
        }
        response = self.client.post(self.url("new"), data)
        self.assert_handled(response, [question] if len(question) <= 300 else [])

    @hostile_given(text=ANY_TEXT)
    def test_the_option_form(self, text):
        response = self.client.post(self.url("option_add", self.open_decision.pk), {"text": text})
        self.assertEqual(response.status_code, 302)

    @hostile_given(kind=st.one_of(st.sampled_from(["pro", "con"]), ANY_TEXT), text=ANY_TEXT)
    def test_the_pro_and_con_form(self, kind, text):
        decision = self.open_decision
        option = decision.options.first()
        url = self.url("argument_add", decision.pk, option.pk)
        data = {f"o{option.pk}-kind": kind, f"o{option.pk}-text": text}
        response = self.client.post(url, data, headers={"HX-Request": "true"})
        self.assertIn(response.status_code, (200, 400))
        shown = text.strip() and len(text) <= 300 and not is_unsafe(text)
        if response.status_code == 400 and shown:
            self.assertIn(escape(text), response.content.decode())

    @hostile_given(
        option=ANY_NUMBER,
        certainty=ANY_NUMBER,
        matters=ANY_TEXT,
        words=ANY_TEXT,
        needs=ANY_TEXT,
        voor=st.one_of(st.just(""), ANY_NUMBER),
    )
    def test_the_view_form(self, option, certainty, matters, words, needs, voor):
        url = self.url("view", self.open_decision.pk)
        data = {
            "option": option,
            "certainty": certainty,
            "matters": matters,
            "words": words,
            "needs": needs,
        }
        response = self.client.post(url + query(voor=voor), data)
        self.assertIn(response.status_code, (200, 302, 400, 404))
        if response.status_code == 400:
            self.assertIn(ERROR_SUMMARY, response.content.decode())

    @hostile_given(
        version=ANY_NUMBER,
        mode=MODES,
        chosen=ANY_NUMBER,
        outcome=ANY_TEXT,
        reason=ANY_TEXT,
        legal_basis=ANY_TEXT,
        review_on=DATES,
        follow_up=ANY_TEXT,
        owner=ANY_NUMBER,
    )
    def test_the_outcome_form(
        self, version, mode, chosen, outcome, reason, legal_basis, review_on, follow_up, owner
    ):
        data = {
            "version": version,
            "mode": mode,
            "chosen": chosen,
            "outcome": outcome,
            "reason": reason,
            "legal_basis": legal_basis,
            "review_on": review_on,
            "follow_up": follow_up,
            "follow_up_owner": owner,
        }
        response = self.client.post(
            self.url("decide", self.open_decision.pk, user=self.sanne), data
        )
        self.assert_handled(response, [outcome] if len(outcome) <= 1000 else [])

    @hostile_given(why=ANY_TEXT, agrees=st.booleans())
    def test_the_assent_forms(self, why, agrees):
        name = "assent_yes" if agrees else "assent_no"
        response = self.client.post(self.url(name, self.open_decision.pk), {"why": why})
        # No outcome is proposed yet: nobody's yes is asked.
        self.assertEqual(response.status_code, 403)

    @hostile_given(text=ANY_TEXT)
    def test_the_objection_form(self, text):
        response = self.client.post(self.url("objection", self.decided.pk), {"text": text})
        self.assertEqual(response.status_code, 302)

    @hostile_given(heard=SCALE, could_say=SCALE, together=SCALE, know_next=SCALE)
    def test_the_check_form(self, heard, could_say, together, know_next):
        data = {
            "heard": heard,
            "could_say": could_say,
            "together": together,
            "know_next": know_next,
        }
        response = self.client.post(self.url("check", self.decided.pk), data)
        self.assert_handled(response)

    @hostile_given(note=ANY_TEXT)
    def test_the_review_form(self, note):
        response = self.client.post(self.url("review", self.decided.pk), {"review_note": note})
        self.assert_handled(response, [note] if len(note) <= 1000 else [])

    @hostile_given(pagina=ANY_NUMBER, toon=ANY_TEXT)
    def test_the_list_and_page_parameters(self, pagina, toon):
        self.assertEqual(self.client.get(self.url("list"), {"pagina": pagina}).status_code, 200)
        response = self.client.get(self.url("detail", self.open_decision.pk), {"toon": toon})
        self.assertEqual(response.status_code, 200)


PAYLOAD = '<script>alert("beslissen")</script>'


class DecisionPayloadTestCase(SamenplanTestCase):
    def test_it_escapes_every_decision_text_on_every_page(self):
        self.login(self.sanne)
        family = self.bakker.pk
        self.client.post(
            reverse("decisions:new", args=[family]),
            {"question": PAYLOAD, "why_now": PAYLOAD, "option_1": PAYLOAD, "option_2": "Nee"},
        )
        decision = Decision.objects.get(question=PAYLOAD)
        option = decision.options.get(text=PAYLOAD)
        self.client.post(
            reverse("decisions:argument_add", args=[family, decision.pk, option.pk]),
            {f"o{option.pk}-kind": "pro", f"o{option.pk}-text": PAYLOAD},
        )
        self.client.post(
            reverse("decisions:view", args=[family, decision.pk]),
            {"option": option.pk, "certainty": "5", "matters": PAYLOAD, "words": PAYLOAD},
        )
        self.client.post(
            reverse("decisions:decide", args=[family, decision.pk]),
            {
                "version": decision.version,
                "mode": "ouders",
                "chosen": option.pk,
                "outcome": PAYLOAD,
                "reason": PAYLOAD,
                "review_on": "2099-01-01",
                "follow_up": PAYLOAD,
                "follow_up_owner": self.p["sanne"].pk,
            },
        )
        decision.refresh_from_db()
        self.assertEqual(decision.state, "open")  # Youssef still has to say yes
        for url in (
            reverse("decisions:list", args=[family]),
            reverse("decisions:detail", args=[family, decision.pk]),
            reverse("decisions:view", args=[family, decision.pk]),
            reverse("decisions:decide", args=[family, decision.pk]),
            reverse("plan:timeline", args=[family]),
        ):
            content = self.client.get(url).content.decode()
            self.assertNotIn(PAYLOAD, content, url)
            self.assertIn(escape(PAYLOAD), content, url)
