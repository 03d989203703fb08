"""Hostile input on every plan form: never a 500, Dutch messages, input kept, output escaped."""

from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st

from samenplan.plan.actions import help_question_current
from samenplan.plan.models import Agreement, AgreementSign, Goal, Step
from samenplan.test import SamenplanTestCase
from samenplan.tests.hostile import (
    ANY_NUMBER,
    ANY_TEXT,
    DATES,
    ERROR_SUMMARY,
    HostileTestCase,
    hostile_given,
)

DOMAINS = st.one_of(st.sampled_from([c for c, _ in Goal.Domain.choices]), ANY_TEXT)


class HostilePlanFormTestCase(HostileTestCase):
    def url(self, name, *args):
        """The URL, for Sanne (each example starts logged in)."""
        self.client.force_login(self.sanne)
        return reverse(name, args=[self.bakker.pk, *args])

    @hostile_given(text=ANY_TEXT, base=ANY_NUMBER)
    def test_the_help_question_form(self, text, base):
        response = self.client.post(self.url("plan:help_question"), {"text": text, "base": base})
        self.assert_handled(response, [text] if len(text) <= 1000 else [])

    @hostile_given(answer=ANY_TEXT, why=ANY_TEXT)
    def test_the_help_question_check(self, answer, why):
        response = self.client.post(
            self.url("plan:help_question_check"), {"answer": answer, "why": why}
        )
        self.assert_handled(response, [why] if len(why) <= 500 else [])

    @hostile_given(weeks=ANY_NUMBER, version=ANY_NUMBER)
    def test_the_help_question_interval(self, weeks, version):
        response = self.client.post(
            self.url("plan:help_question_interval"), {"weeks": weeks, "version": version}
        )
        self.assert_handled(response)

    @hostile_given(
        text=ANY_TEXT,
        domain=DOMAINS,
        owner=ANY_NUMBER,
        why=ANY_TEXT,
        low=ANY_TEXT,
        high=ANY_TEXT,
    )
    def test_the_new_goal_form(self, text, domain, owner, why, low, high):
        data = {
            "text": text,
            "domain": domain,
            "owner": owner,
            "why": why,
            "scale_low": low,
            "scale_high": high,
        }
        response = self.client.post(self.url("plan:goal_new"), data)
        self.assert_handled(response, [text] if len(text) <= 300 else [])

    @hostile_given(text=ANY_TEXT, version=ANY_NUMBER, status=ANY_TEXT, domain=DOMAINS)
    def test_the_edit_goal_form(self, text, version, status, domain):
        goal = Goal.objects.get(family=self.bakker, text__startswith="Noor gaat")
        data = {"text": text, "domain": domain, "goal_status": status, "version": version}
        response = self.client.post(self.url("plan:goal_edit", goal.pk), data)
        self.assert_handled(response, [text] if len(text) <= 300 else [])

    @hostile_given(score=ANY_NUMBER, note=ANY_TEXT)
    def test_the_score_form(self, score, note):
        goal = Goal.objects.get(family=self.bakker, text__startswith="Noor gaat")
        response = self.client.post(
            self.url("plan:score_add", goal.pk), {"score": score, "note": note}
        )
        self.assertEqual(response.status_code, 302)

    @hostile_given(text=ANY_TEXT, goal=ANY_NUMBER, owner=ANY_NUMBER, owner_name=ANY_TEXT, due=DATES)
    def test_the_step_form(self, text, goal, owner, owner_name, due):
        data = {
            "text": text,
            "goal": goal,
            "owner": owner,
            "owner_name": owner_name,
            "due_date": due,
        }
        response = self.client.post(self.url("plan:step_new"), data)
        self.assert_handled(response, [text] if len(text) <= 300 else [])

    @hostile_given(
        text=ANY_TEXT,
        goal=ANY_NUMBER,
        owner=ANY_NUMBER,
        owner_name=ANY_TEXT,
        due=DATES,
        version=ANY_NUMBER,
    )
    def test_the_step_change_form(self, text, goal, owner, owner_name, due, version):
        step = Step.objects.filter(
            family=self.bakker, created_by=self.sanne, done_at__isnull=True, removed_at__isnull=True
        ).first()
        data = {
            "text": text,
            "goal": goal,
            "owner": owner,
            "owner_name": owner_name,
            "due_date": due,
            "version": version,
        }
        response = self.client.post(self.url("plan:step_edit", step.pk), data)
        self.assert_handled(response, [text] if len(text) <= 300 else [])

    @hostile_given(
        benign={"kind": "goal"},
        reason=ANY_TEXT,
        kind=st.one_of(st.sampled_from(["goal", "step", "help_question"]), ANY_TEXT),
    )
    def test_the_decline_form(self, reason, kind):
        goal = Goal.objects.get(family=self.bakker, status="proposed", replaces__isnull=True)
        try:
            url = self.url("plan:proposal_decline", kind, goal.pk)
        except Exception:
            return  # not a URL at all: the router never reaches the view
        response = self.client.post(url, {"reason": reason})
        self.assertIn(response.status_code, (302, 400, 403, 404))
        if response.status_code == 400:
            self.assert_handled(response, [reason] if len(reason) <= 500 else [])

    @hostile_given(member=ANY_NUMBER, text=ANY_TEXT, first_noticed=ANY_TEXT)
    def test_the_future_picture_form(self, member, text, first_noticed):
        data = {"member": member, "text": text, "first_noticed": first_noticed}
        response = self.client.post(self.url("plan:vision_new"), data)
        self.assert_handled(response, [text] if len(text) <= 2000 else [])

    @hostile_given(
        happened=ANY_TEXT,
        different=ANY_TEXT,
        helped=ANY_TEXT,
        goals=st.lists(ANY_NUMBER, max_size=3),
    )
    def test_the_success_form(self, happened, different, helped, goals):
        data = {
            "what_happened": happened,
            "what_different": different,
            "who_helped": helped,
            "goals": goals,
        }
        response = self.client.post(self.url("plan:success_new"), data)
        self.assert_handled(response, [happened] if len(happened) <= 2000 else [])

    @hostile_given(
        kind=st.one_of(st.sampled_from(["goal", "collaboration"]), ANY_TEXT),
        goal=ANY_NUMBER,
        text=ANY_TEXT,
        concerned=st.lists(ANY_NUMBER, max_size=3),
        evaluate_on=DATES,
    )
    def test_the_agreement_form(self, kind, goal, text, concerned, evaluate_on):
        data = {
            "kind": kind,
            "goal": goal,
            "text": text,
            "concerned": concerned,
            "evaluate_on": evaluate_on,
        }
        response = self.client.post(self.url("plan:agreement_new"), data)
        self.assert_handled(response, [text] if len(text) <= 1000 else [])

    @hostile_given(works=ANY_TEXT, adjust=ANY_TEXT, next_evaluation=DATES)
    def test_the_evaluation_form(self, works, adjust, next_evaluation):
        from samenplan.plan.models import Agreement

        agreement = Agreement.objects.filter(family=self.bakker).first()
        data = {"works": works, "adjust": adjust, "next_evaluation": next_evaluation}
        response = self.client.post(self.url("plan:agreement_evaluate", agreement.pk), data)
        self.assert_handled(response, [adjust] if len(adjust) <= 1000 else [])

    def sannes_agreement(self):
        from samenplan.plan.models import Agreement

        return Agreement.objects.filter(concerned=self.p["sanne"]).order_by("id").first()

    @hostile_given(
        answer=st.one_of(st.sampled_from(["yes", "yes_if", "no"]), ANY_TEXT),
        reason=ANY_TEXT,
        seen=ANY_NUMBER,
    )
    def test_the_agreement_answer_form(self, answer, reason, seen):
        data = {"answer": answer, "reason": reason, "seen": seen}
        response = self.client.post(
            self.url("plan:agreement_answer", self.sannes_agreement().pk), data
        )
        self.assert_handled(response, [reason] if len(reason) <= 300 else [])

    @hostile_given(text=ANY_TEXT, evaluate_on=DATES, version=ANY_NUMBER)
    def test_the_agreement_edit_form(self, text, evaluate_on, version):
        data = {"text": text, "evaluate_on": evaluate_on, "version": version}
        response = self.client.post(
            self.url("plan:agreement_edit", self.sannes_agreement().pk), data
        )
        self.assert_handled(response, [text] if len(text) <= 1000 else [])

    @hostile_given(text=ANY_TEXT, first_noticed=ANY_TEXT, version=ANY_NUMBER)
    def test_the_vision_edit_form(self, text, first_noticed, version):
        from samenplan.plan.models import Vision

        vision = Vision.objects.filter(family=self.bakker, created_by=self.sanne).first()
        data = {"text": text, "first_noticed": first_noticed, "version": version}
        response = self.client.post(self.url("plan:vision_edit", vision.pk), data)
        self.assert_handled(response, [text] if len(text) <= 2000 else [])

    @hostile_given(
        happened=ANY_TEXT,
        different=ANY_TEXT,
        goals=st.lists(ANY_NUMBER, max_size=3),
        version=ANY_NUMBER,
    )
    def test_the_success_edit_form(self, happened, different, goals, version):
        from samenplan.plan.models import Success

        success = Success.objects.filter(family=self.bakker, created_by=self.sanne).first()
        data = {
            "what_happened": happened,
            "what_different": different,
            "goals": goals,
            "version": version,
        }
        response = self.client.post(self.url("plan:success_edit", success.pk), data)
        self.assert_handled(response, [happened] if len(happened) <= 2000 else [])

    @hostile_given(doel=ANY_NUMBER, persoon=ANY_NUMBER, soort=ANY_TEXT, pagina=ANY_NUMBER)
    def test_the_timeline_filters(self, doel, persoon, soort, pagina):
        response = self.client.get(
            self.url("plan:timeline"),
            {"doel": doel, "persoon": persoon, "soort": soort, "pagina": pagina},
        )
        self.assertEqual(response.status_code, 200)


PAYLOAD = '<script>alert("plan")</script>'


class PlanPayloadTestCase(SamenplanTestCase):
    def test_it_escapes_every_plan_text_on_every_page(self):
        self.login(self.sanne)
        family = self.bakker.pk
        current = help_question_current(family)
        self.client.post(
            reverse("plan:help_question", args=[family]), {"text": PAYLOAD, "base": current.pk}
        )
        self.client.post(
            reverse("plan:goal_new", args=[family]),
            {
                "text": PAYLOAD,
                "domain": "school",
                "why": PAYLOAD,
                "scale_low": PAYLOAD,
                "scale_high": PAYLOAD,
            },
        )
        goal = Goal.objects.get(text=PAYLOAD)
        self.client.post(
            reverse("plan:step_new", args=[family]),
            {"text": PAYLOAD, "goal": goal.pk, "owner": "", "owner_name": PAYLOAD},
        )
        self.client.post(
            reverse("plan:score_add", args=[family, goal.pk]), {"score": "4", "note": PAYLOAD}
        )
        self.assertTrue(Step.objects.filter(text=PAYLOAD).exists())
        self.client.post(
            reverse("plan:vision_new", args=[family]),
            {"member": self.m["sem"].pk, "text": PAYLOAD, "first_noticed": PAYLOAD},
        )
        self.client.post(
            reverse("plan:success_new", args=[family]),
            {"what_happened": PAYLOAD, "what_different": PAYLOAD, "goals": [goal.pk]},
        )
        self.client.post(
            reverse("plan:agreement_new", args=[family]),
            {"kind": "collaboration", "text": PAYLOAD, "concerned": [self.p["sanne"].pk]},
        )
        agreement = Agreement.objects.get(text=PAYLOAD)
        self.client.post(
            reverse("plan:agreement_answer", args=[family, agreement.pk]),
            {"answer": "no", "reason": PAYLOAD, "seen": agreement.version},
        )
        self.assertTrue(AgreementSign.objects.filter(reason=PAYLOAD).exists())
        for url in (
            reverse("plan:plan", args=[family]),
            reverse("plan:agreement_answer", args=[family, agreement.pk]),
            reverse("plan:agreement_edit", args=[family, agreement.pk]),
            reverse("plan:goal", args=[family, goal.pk]),
            reverse("plan:timeline", args=[family]),
            reverse("plan:help_question", args=[family]),
            reverse("plan:step_new", args=[family]),
        ):
            content = self.client.get(url).content.decode()
            self.assertNotIn(PAYLOAD, content, url)
            self.assertIn(escape(PAYLOAD), content, url)


class DeclineReasonTestCase(SamenplanTestCase):
    """A reason with a NUL was a 500 on PostgreSQL and stored on SQLite."""

    def setUp(self):
        self.login(self.sanne)
        self.goal = Goal.objects.get(family=self.bakker, status="proposed", replaces__isnull=True)
        self.url = reverse("plan:proposal_decline", args=[self.bakker.pk, "goal", self.goal.pk])

    def test_it_refuses_a_reason_with_a_nul_with_a_dutch_message(self):
        response = self.client.post(self.url, {"reason": "Past niet\x00 bij ons"})
        self.assertEqual(response.status_code, 400)
        content = response.content.decode()
        self.assertIn(ERROR_SUMMARY, content)
        self.assertIn("onzichtbaar teken", content)
        self.assertIn("Past niet", content)
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.status, "proposed")
        self.assertEqual(self.goal.decline_reason, "")

    def test_it_asks_for_a_reason_and_keeps_the_proposal(self):
        response = self.client.post(self.url, {"reason": "   "})
        self.assertEqual(response.status_code, 400)
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.status, "proposed")

    def test_it_declines_with_a_reason(self):
        response = self.client.post(self.url, {"reason": "We kiezen eerst voor school."})
        self.assertRedirects(response, reverse("plan:plan", args=[self.bakker.pk]))
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.status, "declined")
        self.assertEqual(self.goal.decline_reason, "We kiezen eerst voor school.")

    def test_invalid_bytes_are_stored_alike_on_every_database(self):
        """A browser may send bytes that are not UTF-8; Django reads them as U+FFFD."""
        response = self.client.post(
            self.url,
            "reason=Niet%ED%A0%80nu",
            content_type="application/x-www-form-urlencoded",
        )
        self.assertEqual(response.status_code, 302)
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.decline_reason, "Niet\ufffd\ufffd\ufffdnu")
