"""Samen beslissen: asking, weighing, giving views, deciding, and the check afterwards."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.decisions import actions
from samenplan.decisions.models import Argument, Assent, Check, Decision, Objection, Option, View
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Member, Participant
from samenplan.plan.models import Step, TimelineEntry
from samenplan.test import SamenplanTestCase, give_totp


def access_of(participant) -> FamilyAccess:
    members = list(Member.objects.filter(family_id=participant.family_id))
    return FamilyAccess(family=participant.family, participant=participant, members=members)


class DecisionTestCase(SamenplanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for key in ("eva", "martijn", "bram", "joke"):
            give_totp(getattr(cls, key))
        cls.bso = Decision.objects.get(family=cls.bakker, question__startswith="Gaat Sem")
        cls.home = Decision.objects.get(family=cls.bakker, question__startswith="Krijgen we")
        cls.where = Decision.objects.get(family=cls.degroot)

    def url(self, name, decision, *extra):
        return reverse(f"decisions:{name}", args=[decision.family_id, decision.pk, *extra])

    def outcome_data(self, decision, **over):
        option = decision.options.exclude(is_wait=True).first()
        data = {
            "version": decision.version,
            "mode": "samen",
            "chosen": option.pk,
            "outcome": "Sem gaat drie middagen naar de bso.",
            "reason": "Dan is er rust na school.",
            "legal_basis": "",
            "review_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "follow_up": "Sanne meldt Sem aan bij de bso\nYoussef praat met Sem",
            "follow_up_owner": self.p["sanne"].pk,
        }
        data.update(over)
        return data

    def events(self, data):
        """Writes about ``data`` in the audit log (reads are counted apart)."""
        return AuditEvent.objects.filter(data=data).exclude(action="view").count()


class AskAndWeighTestCase(DecisionTestCase):
    def test_a_parent_asks_a_question_with_two_options_and_waiting_is_offered(self):
        self.login(self.sanne)
        before = self.events("decision")
        response = self.client.post(
            reverse("decisions:new", args=[self.bakker.pk]),
            {
                "question": "Gaat Noor op zwemles?",
                "why_now": "Het nieuwe seizoen begint.",
                "about": self.m["noor"].pk,
                "option_1": "Ja",
                "option_2": "Nee",
                "add_wait": "on",
            },
        )
        decision = Decision.objects.get(question="Gaat Noor op zwemles?")
        self.assertRedirects(response, self.url("detail", decision))
        self.assertEqual([o.text for o in decision.options.all()], ["Ja", "Nee", actions.WAIT_TEXT])
        self.assertEqual(self.events("decision"), before + 1)
        self.assertTrue(
            TimelineEntry.objects.filter(kind="decision", summary=decision.question).exists()
        )

    def test_one_option_is_not_enough_and_what_was_typed_stays(self):
        self.login(self.sanne)
        response = self.client.post(
            reverse("decisions:new", args=[self.bakker.pk]),
            {"question": "Een vraag met één keuze", "option_1": "Ja", "option_2": "ja"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Twee keuzes zijn hetzelfde", status_code=400)
        self.assertContains(response, "Een vraag met één keuze", status_code=400)
        self.assertFalse(Decision.objects.filter(question="Een vraag met één keuze").exists())

    def test_anyone_at_the_table_adds_pros_and_cons_marked_with_who_said_it(self):
        self.login(self.ria)
        option = self.bso.options.first()
        before = self.events("decision_argument")
        response = self.client.post(
            self.url("argument_add", self.bso, option.pk),
            {f"o{option.pk}-kind": "pro", f"o{option.pk}-text": "Sem leert er nieuwe kinderen"},
            headers={"HX-Request": "true"},
        )
        self.assertContains(response, "Sem leert er nieuwe kinderen")
        self.assertContains(response, "(Ria Bakker)")
        self.assertNotContains(response, "<html")
        self.assertEqual(self.events("decision_argument"), before + 1)

    def test_a_wrong_pro_or_con_keeps_the_text_in_place(self):
        self.login(self.ria)
        option = self.bso.options.first()
        response = self.client.post(
            self.url("argument_add", self.bso, option.pk),
            {f"o{option.pk}-kind": "misschien", f"o{option.pk}-text": "Mijn tekst"},
            headers={"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Mijn tekst", status_code=400)
        self.assertFalse(Argument.objects.filter(text="Mijn tekst").exists())

    def test_an_option_can_be_added_but_not_twice(self):
        self.login(self.eva)
        url = self.url("option_add", self.bso)
        self.client.post(url, {"text": "Sem gaat naar oma Ria"})
        self.client.post(url, {"text": "sem gaat naar oma ria"})
        self.assertEqual(self.bso.options.filter(text__iexact="Sem gaat naar oma Ria").count(), 1)

    def test_a_client_supporter_adds_nothing(self):
        self.login(self.joke)
        option = self.bso.options.first()
        response = self.client.post(
            self.url("argument_add", self.bso, option.pk),
            {f"o{option.pk}-kind": "pro", f"o{option.pk}-text": "x"},
        )
        self.assertEqual(response.status_code, 403)


class ViewsTestCase(DecisionTestCase):
    def test_a_view_is_saved_and_a_newer_one_replaces_it_on_the_page(self):
        self.login(self.martijn)
        option = self.bso.options.first()
        for certainty in ("4", "9"):
            response = self.client.post(
                self.url("view", self.bso),
                {"option": option.pk, "certainty": certainty, "matters": f"Rust {certainty}"},
            )
            self.assertEqual(response.status_code, 302)
        page = self.client.get(self.url("detail", self.bso))
        self.assertContains(page, "Rust 9")
        self.assertNotContains(page, "Rust 4")
        self.assertEqual(View.objects.filter(participant=self.p["martijn"]).count(), 2)

    def test_a_parent_writes_down_the_view_of_a_child_without_an_account(self):
        self.login(self.youssef)
        response = self.client.post(
            self.url("view", self.bso) + f"?voor={self.m['sem'].pk}",
            {"certainty": "6", "words": "Ik wil naar papa op woensdag."},
        )
        self.assertEqual(response.status_code, 302)
        page = self.client.get(self.url("detail", self.bso))
        self.assertContains(
            page, "Opgeschreven door Youssef El Idrissi, in de woorden van Sem Bakker"
        )

    def test_the_network_does_not_write_for_a_child_and_nobody_writes_for_noor(self):
        self.login(self.ria)
        response = self.client.get(self.url("view", self.bso) + f"?voor={self.m['sem'].pk}")
        self.assertEqual(response.status_code, 403)
        self.login(self.sanne)
        response = self.client.get(self.url("view", self.bso) + f"?voor={self.m['noor'].pk}")
        self.assertEqual(response.status_code, 404)

    def test_a_youth_may_give_a_view_before_seeing_the_adults_views(self):
        View.objects.filter(decision=self.bso, participant=self.p["noor"]).delete()
        self.login(self.noor)
        page = self.client.get(self.url("detail", self.bso))
        self.assertContains(page, "Eerst jouw mening?")
        self.assertNotContains(page, "Ik wil Sem op woensdag bij mij")
        page = self.client.get(self.url("detail", self.bso) + "?toon=alles")
        self.assertContains(page, "Ik wil Sem op woensdag bij mij")
        self.client.post(self.url("view", self.bso), {"certainty": "3"})
        page = self.client.get(self.url("detail", self.bso))
        self.assertNotContains(page, "Eerst jouw mening?")
        self.assertContains(page, "Ik wil Sem op woensdag bij mij")

    def test_the_agreement_table_shows_who_chooses_what(self):
        self.login(self.eva)
        page = self.client.get(self.url("detail", self.bso))
        self.assertContains(page, "De meningen verschillen")
        content = page.content.decode()
        # Stacked for phones and a table for wide screens, both from the same facts.
        self.assertIn('class="card-list agree-stack"', content)
        self.assertIn('class="agree-table"', content)
        self.assertIn("3 mensen kiezen dit", content)  # Sanne, Eva, Ria: the bso
        self.assertIn("Nog geen mening gegeven", content)
        self.assertIn('href="#mening-p', content)  # reasons one click away


class DecideTogetherTestCase(DecisionTestCase):
    def test_a_professional_cannot_mark_together_while_a_parent_has_not_agreed(self):
        self.login(self.eva)
        response = self.client.post(self.url("decide", self.bso), self.outcome_data(self.bso))
        self.assertRedirects(response, self.url("detail", self.bso))
        self.bso.refresh_from_db()
        self.assertEqual(self.bso.state, "open")
        self.assertEqual(self.bso.mode, "samen")
        page = self.client.get(self.url("detail", self.bso))
        self.assertContains(page, "Nog niet ja gezegd:")
        self.assertContains(page, "Nog niet ja gezegd: Youssef El Idrissi, Sanne Bakker")
        self.assertFalse(Step.objects.filter(text="Sanne meldt Sem aan bij de bso").exists())

        # Sanne says yes: still waiting for Youssef.
        self.login(self.sanne)
        seen = {"seen": self.bso.outcome_version}
        self.client.post(self.url("assent_yes", self.bso), seen)
        self.bso.refresh_from_db()
        self.assertEqual(self.bso.state, "open")
        # Youssef says yes: now it stands, and the follow-up steps are in the plan.
        self.login(self.youssef)
        before = self.events("decision")
        self.client.post(self.url("assent_yes", self.bso), seen)
        self.bso.refresh_from_db()
        self.assertEqual(self.bso.state, "decided")
        self.assertIsNotNone(self.bso.decided_at)
        self.assertEqual(self.events("decision"), before + 1)
        steps = Step.objects.filter(family=self.bakker, text__in=["Sanne meldt Sem aan bij de bso"])
        self.assertEqual(steps.count(), 1)
        self.assertEqual(steps.get().owner, self.p["sanne"])

    def test_the_youth_of_12_or_older_must_agree_about_the_whole_family(self):
        access = access_of(self.p["sanne"])
        decision = actions.decision_create(
            access=access, question="Verhuizen we naar Zwolle?", options=["Ja", "Nee"]
        )
        actions.outcome_record(
            access=access,
            decision=decision,
            expected_version=decision.version,
            **self.outcome_fields(decision),
        )
        decision.refresh_from_db()
        self.assertEqual(decision.state, "open")  # Sanne's yes is in; Youssef and Noor not yet
        actions.assent_give(
            access=access_of(self.p["youssef"]),
            decision=decision,
            agrees=True,
            seen_version=decision.outcome_version,
        )
        decision.refresh_from_db()
        self.assertEqual(decision.state, "open")
        self.assertEqual(
            [
                m.name
                for m in actions.missing_assent(
                    decision, access.members, list(decision.assents.all()), access.today
                )
            ],
            ["Noor Bakker"],
        )
        actions.assent_give(
            access=access_of(self.p["noor"]),
            decision=decision,
            agrees=True,
            seen_version=decision.outcome_version,
        )
        decision.refresh_from_db()
        self.assertEqual(decision.state, "decided")

    def test_a_yes_can_carry_its_condition_and_the_page_shows_it(self):
        access = access_of(self.p["sanne"])
        decision = actions.decision_create(
            access=access, question="Gaat Noor op kamp?", options=["Ja", "Nee"]
        )
        actions.outcome_record(
            access=access,
            decision=decision,
            expected_version=decision.version,
            **self.outcome_fields(decision),
        )
        decision.refresh_from_db()
        self.login(self.youssef)
        self.client.post(
            reverse("decisions:assent_yes", args=[self.bakker.pk, decision.pk]),
            {"seen": decision.outcome_version, "why": "als ik haar breng"},
        )
        assent = decision.assents.get(member=self.p["youssef"].member)
        self.assertEqual((assent.agrees, assent.why), (True, "als ik haar breng"))
        page = self.client.get(reverse("decisions:detail", args=[self.bakker.pk, decision.pk]))
        self.assertContains(page, "ja, als:")
        self.assertContains(page, "als ik haar breng")

    def outcome_fields(self, decision):
        return {
            "mode": "samen",
            "chosen": decision.options.first(),
            "outcome": "We blijven hier wonen.",
            "reason": "Noor wil op haar school blijven.",
            "review_on": timezone.localdate() + timedelta(days=60),
        }

    def test_a_changed_outcome_asks_everyone_again(self):
        access = access_of(self.p["eva"])
        self.bso.refresh_from_db()
        actions.outcome_record(
            access=access,
            decision=self.bso,
            expected_version=self.bso.version,
            **self.outcome_fields(self.bso),
        )
        self.bso.refresh_from_db()
        actions.assent_give(
            access=access_of(self.p["sanne"]),
            decision=self.bso,
            agrees=True,
            seen_version=self.bso.outcome_version,
        )
        self.bso.refresh_from_db()
        actions.outcome_record(
            access=access,
            decision=self.bso,
            expected_version=self.bso.version,
            **{**self.outcome_fields(self.bso), "outcome": "Iets anders."},
        )
        self.bso.refresh_from_db()
        missing = actions.missing_assent(
            self.bso, access.members, list(self.bso.assents.all()), access.today
        )
        self.assertEqual({m.name for m in missing}, {"Sanne Bakker", "Youssef El Idrissi"})

    def test_saying_not_yet_needs_a_reason_and_is_shown(self):
        access = access_of(self.p["eva"])
        actions.outcome_record(
            access=access,
            decision=self.bso,
            expected_version=self.bso.version,
            **self.outcome_fields(self.bso),
        )
        self.login(self.youssef)
        self.bso.refresh_from_db()
        seen = self.bso.outcome_version
        self.client.post(self.url("assent_no", self.bso), {"why": "", "seen": seen})
        self.assertFalse(Assent.objects.filter(decision=self.bso, agrees=False).exists())
        self.client.post(
            self.url("assent_no", self.bso), {"why": "Ik wil eerst met Sem praten.", "seen": seen}
        )
        page = self.client.get(self.url("detail", self.bso))
        self.assertContains(page, "Ik wil eerst met Sem praten.")
        self.assertEqual(self.events("decision_assent"), 1)

    def test_only_who_must_agree_may_say_yes(self):
        actions.outcome_record(
            access=access_of(self.p["eva"]),
            decision=self.bso,
            expected_version=self.bso.version,
            **self.outcome_fields(self.bso),
        )
        # Noor's yes is not needed about Sem (11); Ria and Eva never say yes.
        for user in (self.noor, self.ria, self.eva):
            self.login(user)
            self.assertEqual(self.client.post(self.url("assent_yes", self.bso)).status_code, 403)

    def test_parents_do_not_decide_alone_about_noor(self):
        access = access_of(self.p["sanne"])
        decision = actions.decision_create(
            access=access,
            question="Krijgt Noor bijles?",
            options=["Ja", "Nee"],
            about=self.m["noor"],
        )
        self.login(self.sanne)
        response = self.client.post(
            self.url("decide", decision), self.outcome_data(decision, mode="ouders", follow_up="")
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Selecteer een geldige keuze", status_code=400)
        decision.refresh_from_db()
        self.assertEqual(decision.mode, "")

    def test_a_stale_outcome_is_refused_and_nothing_is_overwritten(self):
        self.login(self.eva)
        first = self.outcome_data(self.bso, follow_up="")
        second = self.outcome_data(self.bso, follow_up="", outcome="Een ander besluit.")
        self.client.post(self.url("decide", self.bso), first)
        response = self.client.post(self.url("decide", self.bso), second)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "Een ander besluit.", status_code=400)
        self.bso.refresh_from_db()
        self.assertEqual(self.bso.outcome, "Sem gaat drie middagen naar de bso.")

    def test_the_review_date_must_be_in_the_future(self):
        self.login(self.sanne)
        data = self.outcome_data(self.bso, review_on=timezone.localdate().isoformat())
        response = self.client.post(self.url("decide", self.bso), data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Kies een datum in de toekomst", status_code=400)


class CompulsoryTestCase(DecisionTestCase):
    def test_in_a_voluntary_family_no_professional_decides(self):
        self.login(self.eva)
        page = self.client.get(self.url("decide", self.bso))
        self.assertNotContains(page, 'value="gi"')
        self.assertNotContains(page, 'value="professional"')
        self.assertContains(page, 'value="rechter"')

    def test_the_gi_decision_needs_a_legal_basis_and_stands_at_once(self):
        self.login(self.bram)
        decision = actions.decision_create(
            access=access_of(self.p["bram"]),
            question="Gaat Daan naar een andere school?",
            options=["Ja", "Nee"],
            about=self.m["daan"],
        )
        data = self.outcome_data(
            decision, mode="gi", follow_up="", follow_up_owner="", legal_basis=""
        )
        response = self.client.post(self.url("decide", decision), data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "op grond van welke wet", status_code=400)
        data["legal_basis"] = "Schriftelijke aanwijzing (BW 1:263)"
        response = self.client.post(self.url("decide", decision), data)
        self.assertContains(response, "Daan de Groot gaf nog geen mening.", status_code=400)
        data["unheard_reason"] = "Daan is deze week op kamp met school."
        response = self.client.post(self.url("decide", decision), data)
        self.assertRedirects(response, self.url("detail", decision))
        decision.refresh_from_db()
        self.assertEqual(decision.state, "decided")
        self.assertEqual(decision.legal_basis, "Schriftelijke aanwijzing (BW 1:263)")

    def test_the_familys_views_and_objection_stay_beside_the_decision(self):
        self.login(self.anouk)
        page = self.client.get(self.url("detail", self.where))
        self.assertContains(page, "De mening van het gezin")
        self.assertContains(page, "BW 1:265b")
        self.assertContains(page, "ik mijn vrienden en mijn voetbal mis")
        before = Objection.objects.count()
        self.client.post(self.url("objection", self.where), {"text": "Daan mist zijn club."})
        self.assertEqual(Objection.objects.count(), before + 1)
        self.assertEqual(self.events("decision_objection"), 1)

    def test_a_professional_does_not_object_for_the_family(self):
        self.login(self.bram)
        response = self.client.post(self.url("objection", self.where), {"text": "x"})
        self.assertEqual(response.status_code, 403)


class CheckTestCase(DecisionTestCase):
    def decided(self):
        decision = actions.decision_create(
            access=access_of(self.p["sanne"]),
            question="Gaan we op vakantie?",
            options=["Ja", "Nee"],
        )
        Decision.objects.filter(pk=decision.pk).update(state="decided", mode="samen")
        decision.refresh_from_db()
        return decision

    def answer(self, user, decision, values):
        self.login(user)
        keys = ("heard", "could_say", "together", "know_next")
        return self.client.post(self.url("check", decision), dict(zip(keys, values, strict=True)))

    def test_individual_answers_are_never_shown_to_others(self):
        decision = self.decided()
        self.answer(self.sanne, decision, ("1", "2", "1", "2"))
        # Sanne sees her own answers.
        page = self.client.get(self.url("detail", decision))
        self.assertContains(page, "Jouw antwoorden (alleen jij ziet ze)")
        self.assertContains(page, "<strong>1/5</strong>", html=True)
        # With one answer, nobody else sees anything of it, not even counts.
        for user in (self.youssef, self.eva, self.noor):
            self.login(user)
            page = self.client.get(self.url("detail", decision))
            self.assertNotContains(page, "/5</strong>")
            self.assertNotContains(page, "<caption>1 persoon")
            self.assertContains(page, "Nog te weinig antwoorden")
        # Youssef's own form does not carry Sanne's answers.
        self.login(self.youssef)
        form = self.client.get(self.url("check", decision))
        self.assertNotContains(form, "checked")
        self.answer(self.youssef, decision, ("5", "5", "5", "5"))
        self.answer(self.noor, decision, ("5", "5", "5", "5"))
        # From three answers by others on, the team sees counts, never who gave which.
        self.login(self.eva)
        page = self.client.get(self.url("detail", decision))
        self.assertContains(page, "3 mensen gaven antwoord")
        self.assertNotContains(page, "Jouw antwoorden")
        row = page.content.decode().split("Ik ben gehoord.</th>")[1].split("</tr>")[0]
        self.assertEqual(row.count("<td>1</td>"), 1)  # one person said 1
        self.assertEqual(row.count("<td>2</td>"), 1)  # two people said 5

    def test_nobody_can_subtract_their_own_answer_to_read_another(self):
        """With two answers, each of the two would read the other's by subtracting their own."""
        decision = self.decided()
        self.answer(self.sanne, decision, ("1", "1", "1", "1"))
        self.answer(self.youssef, decision, ("5", "5", "5", "5"))
        self.answer(self.noor, decision, ("3", "3", "3", "3"))
        for user in (self.sanne, self.youssef, self.noor):
            self.login(user)
            with self.subTest(user=user.name):
                page = self.client.get(self.url("detail", decision))
                self.assertNotContains(page, "mensen gaven antwoord")
                self.assertContains(page, "Nog te weinig antwoorden")

    def test_a_low_score_prompts_the_coordinator_to_talk_about_it(self):
        decision = self.decided()
        Participant.objects.filter(family=self.bakker).update(is_coordinator=False)
        Participant.objects.filter(pk=self.p["eva"].pk).update(is_coordinator=True)
        self.answer(self.sanne, decision, ("4", "4", "4", "4"))
        self.answer(self.youssef, decision, ("4", "4", "4", "4"))
        self.login(self.eva)  # the coordinator; two answers are too few to say anything
        page = self.client.get(self.url("detail", decision))
        self.assertNotContains(page, "Praat er samen over")
        self.answer(self.noor, decision, ("4", "4", "4", "2"))
        self.login(self.eva)
        page = self.client.get(self.url("detail", decision))
        self.assertContains(page, "Praat er samen over")
        self.login(self.youssef)
        page = self.client.get(self.url("detail", decision))
        self.assertNotContains(page, "Praat er samen over")

    def test_professionals_do_not_answer_the_check_and_an_open_decision_has_none(self):
        decision = self.decided()
        self.login(self.eva)
        self.assertEqual(self.client.get(self.url("check", decision)).status_code, 403)
        self.login(self.sanne)
        self.assertEqual(self.client.get(self.url("check", self.bso)).status_code, 403)

    def test_an_answer_out_of_range_is_refused_with_a_message(self):
        decision = self.decided()
        response = self.answer(self.sanne, decision, ("0", "6", "3", ""))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Kies een antwoord.", status_code=400)
        self.assertFalse(Check.objects.filter(decision=decision).exists())

    def test_the_youth_gets_the_face_version(self):
        decision = self.decided()
        self.login(self.noor)
        page = self.client.get(self.url("check", decision))
        self.assertContains(page, "icon--face")
        self.login(self.sanne)
        page = self.client.get(self.url("check", decision))
        self.assertNotContains(page, "icon--face")
        page = self.client.get(self.url("check", decision) + "?gezichtjes=1")
        self.assertContains(page, "icon--face")

    def test_an_answer_is_saved_once_per_person_and_audited(self):
        decision = self.decided()
        self.answer(self.sanne, decision, ("3", "3", "3", "3"))
        self.answer(self.sanne, decision, ("4", "4", "4", "4"))
        self.assertEqual(Check.objects.get(decision=decision).heard, 4)
        self.assertEqual(self.events("decision_check") >= 2, True)


class ReviewTestCase(DecisionTestCase):
    def test_the_plan_reminds_of_a_review_and_it_can_be_done(self):
        Decision.objects.filter(pk=self.home.pk).update(
            review_on=timezone.localdate() + timedelta(days=3)
        )
        self.login(self.sanne)
        plan = self.client.get(reverse("plan:plan", args=[self.bakker.pk]))
        self.assertContains(plan, "Beslissingen om naar te kijken")
        self.assertContains(plan, self.home.question)
        response = self.client.post(self.url("review", self.home), {"review_note": "Het werkt."})
        self.assertRedirects(response, self.url("detail", self.home))
        self.home.refresh_from_db()
        self.assertEqual(self.home.state, "reviewed")
        self.assertEqual(self.events("decision_review"), 1)

    def test_the_list_puts_open_decisions_first(self):
        self.login(self.sanne)
        page = self.client.get(reverse("decisions:list", args=[self.bakker.pk]))
        content = page.content.decode()
        self.assertLess(content.index(self.bso.question), content.index(self.home.question))


class AuditTestCase(DecisionTestCase):
    def test_every_write_leaves_an_audit_event(self):
        sanne = access_of(self.p["sanne"])
        option = Option.objects.filter(decision=self.bso).first()
        writes = [
            (
                "decision_option",
                lambda: actions.option_add(access=sanne, decision=self.bso, text="Nog een keuze"),
            ),
            (
                "decision_argument",
                lambda: actions.argument_add(access=sanne, option=option, kind="con", text="Duur"),
            ),
            (
                "decision_view",
                lambda: actions.view_give(
                    access=sanne, decision=self.bso, option=option, certainty=5
                ),
            ),
        ]
        for data, write in writes:
            with self.subTest(data=data):
                before = self.events(data)
                write()
                self.assertEqual(self.events(data), before + 1)
