from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.families.models import PrivateItem, Revision
from samenplan.plan.actions import help_question_current
from samenplan.plan.models import (
    Goal,
    GoalScore,
    HelpQuestion,
    HelpQuestionCheck,
    Step,
    TimelineEntry,
)
from samenplan.test import CONFIRMED, SamenplanTestCase, give_totp


class PlanTestCase(SamenplanTestCase):
    def url(self, name, *args, family=None):
        return reverse(name, args=[(family or self.bakker).pk, *args])

    def goal(self, start="Noor gaat"):
        return Goal.objects.get(family=self.bakker, text__startswith=start)


class PlanPageTestCase(PlanTestCase):
    def test_it_shows_the_help_question_goals_scores_and_steps(self):
        self.login(self.sanne)
        response = self.client.get(self.url("plan:plan"))
        self.assertContains(response, "Hoe krijgen we rust in huis en gaat Noor weer elke dag")
        self.assertContains(response, "Noor gaat weer elke dag naar school")
        self.assertContains(response, "<span>Noor Bakker</span> <strong>6</strong>", html=False)
        self.assertContains(response, "Later dan afgesproken")
        self.assertContains(response, "Voorstel van Martijn Smit")
        self.assertContains(response, "Gelukt")

    def test_it_lets_the_client_supporter_read_but_not_write(self):
        give_totp(self.joke)
        self.login(self.joke)
        self.assertEqual(self.client.get(self.url("plan:plan")).status_code, 200)
        response = self.client.post(self.url("plan:score_add", self.goal().pk), {"score": "5"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(GoalScore.objects.filter(author=self.joke).exists())

    def test_it_asks_whether_the_help_question_still_fits_after_8_weeks(self):
        asking = "Het is een tijd geleden dat iemand ernaar keek."
        self.login(self.sanne)
        self.assertNotContains(self.client.get(self.url("plan:plan")), asking)
        HelpQuestionCheck.objects.filter(family=self.bakker).delete()
        HelpQuestion.objects.filter(family=self.bakker).update(
            decided_at=timezone.now() - timedelta(weeks=9)
        )
        response = self.client.get(self.url("plan:plan"))
        self.assertContains(response, asking)
        question = help_question_current(self.bakker.pk)
        self.client.post(
            self.url("plan:help_question_check"),
            {"answer": "not_quite", "why": "Ook Sem", "question": question.pk},
        )
        check = HelpQuestionCheck.objects.get(family=self.bakker)
        self.assertEqual(
            (check.author, check.answer, check.why), (self.sanne, "not_quite", "Ook Sem")
        )
        plan = self.client.get(self.url("plan:plan"))
        self.assertNotContains(plan, asking)
        # Anyone may still say so, any time.
        self.assertContains(plan, "Klopt deze hulpvraag nog? Zeg het")


class HelpQuestionTestCase(PlanTestCase):
    def write(self, user, text, base=None):
        self.login(user)
        current = help_question_current(self.bakker.pk)
        return self.client.post(
            self.url("plan:help_question"),
            {"text": text, "base": base if base is not None else current.pk},
        )

    def test_it_keeps_every_version(self):
        self.write(self.noor, "Hoe vind ik weer plezier in school?")
        self.assertEqual(
            help_question_current(self.bakker.pk).text, "Hoe vind ik weer plezier in school?"
        )
        self.assertEqual(HelpQuestion.objects.filter(family=self.bakker).count(), 3)
        self.assertTrue(AuditEvent.objects.filter(data="help_question", action="create").exists())

    def test_a_professionals_text_is_a_proposal_until_the_family_accepts_it(self):
        give_totp(self.eva)
        before = help_question_current(self.bakker.pk).text
        self.write(self.eva, "Hoe komt Noor weer op school?")
        self.assertEqual(help_question_current(self.bakker.pk).text, before)
        proposal = HelpQuestion.objects.get(status="proposed")
        self.login(self.sanne)
        self.assertContains(self.client.get(self.url("plan:plan")), "Voorstel van Eva de Vries")
        self.client.post(self.url("plan:proposal_accept", "help_question", proposal.pk))
        self.assertEqual(
            help_question_current(self.bakker.pk).text, "Hoe komt Noor weer op school?"
        )

    def test_declining_needs_a_reason_and_keeps_the_family_text(self):
        give_totp(self.eva)
        before = help_question_current(self.bakker.pk).text
        self.write(self.eva, "Hoe komt Noor weer op school?")
        proposal = HelpQuestion.objects.get(status="proposed")
        self.login(self.noor)
        url = self.url("plan:proposal_decline", "help_question", proposal.pk)
        response = self.client.post(url, {"reason": ""})
        self.assertContains(response, "Schrijf kort op waarom", status_code=400)
        self.client.post(url, {"reason": "Het gaat om het hele gezin."})
        proposal.refresh_from_db()
        self.assertEqual(
            (proposal.status, proposal.decline_reason), ("declined", "Het gaat om het hele gezin.")
        )
        self.assertEqual(help_question_current(self.bakker.pk).text, before)

    def test_it_refuses_a_stale_edit_and_shows_both_texts(self):
        old = help_question_current(self.bakker.pk)
        self.write(self.youssef, "Tekst van Youssef")
        response = self.write(self.sanne, "Tekst van Sanne", base=old.pk)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertContains(response, "Tekst van Youssef", status_code=400)
        self.assertContains(response, "Tekst van Sanne", status_code=400)
        self.assertEqual(help_question_current(self.bakker.pk).text, "Tekst van Youssef")

    def test_a_network_member_may_only_propose(self):
        self.write(self.ria, "Hoe help ik het beste?")
        self.assertEqual(HelpQuestion.objects.get(created_by=self.ria).status, "proposed")
        self.login(self.ria)
        proposal = HelpQuestion.objects.get(created_by=self.ria)
        response = self.client.post(self.url("plan:proposal_accept", "help_question", proposal.pk))
        self.assertEqual(response.status_code, 403)


class GoalTestCase(PlanTestCase):
    def data(self, **extra):
        return {"text": "Sem slaapt op tijd", "domain": "gezondheid", "owner": "", **extra}

    def test_the_family_adds_a_goal(self):
        self.login(self.sanne)
        response = self.client.post(self.url("plan:goal_new"), self.data())
        goal = Goal.objects.get(text="Sem slaapt op tijd")
        # Back on the plan at the new goal, not at the top of a long page.
        self.assertRedirects(
            response, self.url("plan:plan") + f"#goal-{goal.pk}", fetch_redirect_response=False
        )
        self.assertContains(self.client.get(self.url("plan:plan")), f'id="goal-{goal.pk}"')
        self.assertEqual(goal.status, "accepted")
        self.assertTrue(Revision.objects.filter(item_type="goal", item_id=goal.pk).exists())
        self.assertTrue(TimelineEntry.objects.filter(goal=goal, action="added").exists())

    def test_a_professionals_goal_is_a_proposal(self):
        give_totp(self.martijn)
        self.login(self.martijn)
        response = self.client.post(self.url("plan:goal_new"), self.data())
        self.assertEqual(Goal.objects.get(text="Sem slaapt op tijd").status, "proposed")
        self.assertRedirects(
            response, self.url("plan:plan") + "#proposals-title", fetch_redirect_response=False
        )

    def test_a_professionals_change_waits_until_the_family_takes_it_over(self):
        give_totp(self.eva)
        self.login(self.eva)
        goal = self.goal()
        response = self.client.post(
            self.url("plan:goal_edit", goal.pk),
            self.data(
                text="Noor gaat vier dagen naar school", domain="school", goal_status="active"
            ),
        )
        self.assertRedirects(response, self.url("plan:goal", goal.pk))
        goal.refresh_from_db()
        self.assertEqual(goal.text, "Noor gaat weer elke dag naar school")
        proposal = Goal.objects.filter(replaces=goal).latest("id")
        self.assertEqual((proposal.status, proposal.created_by), ("proposed", self.eva))
        self.login(self.noor)
        response = self.client.get(self.url("plan:plan"))
        self.assertContains(response, "Wijziging van doel")
        self.assertContains(response, "Noor gaat vier dagen naar school")
        self.client.post(self.url("plan:proposal_accept", "goal", proposal.pk))
        goal.refresh_from_db()
        self.assertEqual((goal.text, goal.version), ("Noor gaat vier dagen naar school", 2))
        response = self.client.get(self.url("plan:plan"))
        self.assertNotContains(response, f"/voorstel/goal/{proposal.pk}/overnemen/")
        self.assertEqual(
            Goal.objects.current().filter(family=self.bakker, text__startswith="Noor gaat").count(),
            1,
        )

    def test_a_declined_change_leaves_the_goal_alone(self):
        give_totp(self.eva)
        self.login(self.eva)
        goal = self.goal()
        self.client.post(
            self.url("plan:goal_edit", goal.pk),
            self.data(text="Iets anders", domain="school", goal_status="active"),
        )
        proposal = Goal.objects.filter(replaces=goal).latest("id")
        self.login(self.sanne)
        self.client.post(
            self.url("plan:proposal_decline", "goal", proposal.pk), {"reason": "Noor wil dit zelf"}
        )
        goal.refresh_from_db()
        self.assertEqual(goal.text, "Noor gaat weer elke dag naar school")

    def test_it_refuses_a_stale_goal_edit(self):
        goal = self.goal()
        self.login(self.noor)
        fields = self.data(domain="school", goal_status="active", owner=self.m["noor"].pk)
        self.client.post(
            self.url("plan:goal_edit", goal.pk),
            {**fields, "text": "Eerst", "version": goal.version},
        )
        response = self.client.post(
            self.url("plan:goal_edit", goal.pk),
            {**fields, "text": "Later", "version": goal.version},
        )
        self.assertContains(response, "Twee versies", status_code=400)
        goal.refresh_from_db()
        self.assertEqual((goal.text, goal.version), ("Eerst", 2))
        self.assertEqual(Revision.objects.filter(item_type="goal", item_id=goal.pk).count(), 1)

    def test_it_keeps_the_input_when_the_goal_is_empty(self):
        self.login(self.sanne)
        response = self.client.post(self.url("plan:goal_new"), self.data(text="  ", why="Omdat"))
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)
        self.assertContains(response, "Omdat", status_code=400)


class ScoreTestCase(PlanTestCase):
    def test_it_draws_the_scores_with_a_text_alternative(self):
        self.login(self.noor)
        response = self.client.get(self.url("plan:goal", self.goal().pk))
        self.assertContains(response, 'role="img"')
        self.assertContains(response, 'aria-describedby="scores-table"')
        self.assertContains(response, '<table id="scores-table"')
        self.assertContains(response, "Eva de Vries: 5")

    def test_it_saves_a_score_from_0_to_10(self):
        self.login(self.noor)
        self.client.post(
            self.url("plan:score_add", self.goal().pk), {"score": "8", "note": "Goede week"}
        )
        score = GoalScore.objects.filter(author=self.noor).latest("created_at")
        self.assertEqual((score.score, score.note), (8, "Goede week"))
        self.assertTrue(AuditEvent.objects.filter(data="goal_score", action="create").exists())

    def test_it_refuses_a_score_out_of_range(self):
        self.login(self.noor)
        before = GoalScore.objects.count()
        response = self.client.post(
            self.url("plan:score_add", self.goal().pk), {"score": "11"}, follow=True
        )
        self.assertContains(response, "Kies een cijfer van 0 tot en met 10.")
        self.assertEqual(GoalScore.objects.count(), before)


class StepTestCase(PlanTestCase):
    def add(self, user, **data):
        self.login(user)
        payload = {
            "text": "Samen naar de bieb",
            "goal": "",
            "owner": "",
            "owner_name": "",
            "due_date": "",
        }
        payload.update(data)
        return self.client.post(self.url("plan:step_new"), payload)

    def test_a_step_for_yourself_is_agreed_at_once(self):
        self.add(self.noor, owner=self.p["noor"].pk)
        self.assertEqual(Step.objects.get(text="Samen naar de bieb").status, "accepted")

    def test_a_step_for_someone_else_waits_until_they_accept(self):
        self.add(self.sanne, owner=self.p["youssef"].pk)
        step = Step.objects.get(text="Samen naar de bieb")
        self.assertEqual(step.status, "proposed")
        self.login(self.noor)
        url = self.url("plan:proposal_accept", "step", step.pk)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.youssef)
        self.client.post(url)
        step.refresh_from_db()
        self.assertEqual((step.status, step.decided_by), ("accepted", self.youssef))

    def test_a_parent_accepts_a_step_for_someone_without_an_account(self):
        give_totp(self.eva)
        self.add(self.eva, owner_name="Trainer Kees")
        step = Step.objects.get(text="Samen naar de bieb")
        self.assertEqual(step.status, "proposed")
        self.login(self.youssef)
        self.client.post(self.url("plan:proposal_accept", "step", step.pk))
        step.refresh_from_db()
        self.assertEqual(step.status, "accepted")

    def test_it_needs_someone_to_do_the_step(self):
        response = self.add(self.sanne)
        self.assertContains(response, "Kies wie deze stap doet", status_code=400)
        self.assertContains(response, "Samen naar de bieb", status_code=400)

    def test_it_refuses_a_date_that_does_not_exist(self):
        response = self.add(self.sanne, owner=self.p["sanne"].pk, due_date="2026-02-30")
        self.assertContains(response, "Voer een geldige datum in", status_code=400)

    def test_done_and_celebrated_show_on_the_timeline(self):
        self.add(self.noor, owner=self.p["noor"].pk)
        step = Step.objects.get(text="Samen naar de bieb")
        self.client.post(self.url("plan:step_done", step.pk))
        self.login(self.ria)
        self.client.post(self.url("plan:step_celebrate", step.pk))
        step.refresh_from_db()
        self.assertIsNotNone(step.done_at)
        self.assertIsNotNone(step.celebrated_at)
        response = self.client.get(self.url("plan:timeline") + "?soort=step")
        self.assertContains(
            response, "Ria Bakker</strong> vierde dat de stap gelukt is: “Samen naar de bieb”"
        )

    def test_someone_else_cannot_finish_your_step(self):
        step = Step.objects.get(family=self.bakker, text__startswith="Eva belt")
        self.login(self.ria)
        response = self.client.post(self.url("plan:step_done", step.pk))
        self.assertEqual(response.status_code, 403)
        step.refresh_from_db()
        self.assertIsNone(step.done_at)


class TimelineTestCase(PlanTestCase):
    def test_it_filters_by_goal_person_and_kind(self):
        self.login(self.sanne)
        goal = self.goal()
        response = self.client.get(self.url("plan:timeline"), {"doel": goal.pk})
        self.assertContains(response, "Noor vraagt de mentor")
        self.assertNotContains(response, "telefoons in de mand")
        response = self.client.get(self.url("plan:timeline"), {"persoon": self.youssef.pk})
        self.assertContains(response, "Youssef El Idrissi")
        self.assertNotContains(response, "<strong>Noor Bakker</strong>")
        response = self.client.get(self.url("plan:timeline"), {"soort": "help_question"})
        self.assertContains(response, "Hoe krijgen we weer rust in huis?")
        self.assertNotContains(response, "cijfer:")

    def test_it_ignores_nonsense_filters(self):
        self.login(self.sanne)
        response = self.client.get(
            self.url("plan:timeline"),
            {"doel": "x", "persoon": "<b>", "soort": "nee", "pagina": "-1"},
        )
        self.assertEqual(response.status_code, 200)

    def test_it_does_not_show_another_familys_goal(self):
        self.login(self.sanne)
        other = Goal.objects.get(family=self.degroot)
        self.assertEqual(self.client.get(self.url("plan:goal", other.pk)).status_code, 404)


class StepOwnerTestCase(PlanTestCase):
    def test_it_gives_no_steps_to_the_client_supporter(self):
        from samenplan.families.access import FamilyAccess
        from samenplan.lib.errors import ActionError
        from samenplan.plan.actions import step_create

        access = FamilyAccess(family=self.bakker, participant=self.p["sanne"], members=[])
        with self.assertRaises(ActionError):
            step_create(access=access, text="Meedenken", owner=self.p["joke"])
        self.login(self.sanne)
        response = self.client.get(self.url("plan:step_new"))
        self.assertNotContains(response, ">Joke Mulder<")


def is_private(item) -> bool:
    return PrivateItem.objects.filter(
        item_type=item._meta.label_lower, item_id=item.pk, ended_at__isnull=True
    ).exists()


class PrivateGoalTestCase(PlanTestCase):
    """A youth of 12+ may keep her own goal to herself and people she chooses."""

    def make_private_goal(self, shared_with=()):
        self.login(self.noor)
        response = self.client.post(
            self.url("plan:goal_new"),
            {
                "text": "Ik durf te zeggen dat ik gepest word",
                "domain": "veiligheid",
                "owner": self.m["noor"].pk,
                "private": "on",
                "shared_with": [p.pk for p in shared_with],
            },
        )
        self.assertEqual(response.status_code, 302)
        return Goal.objects.get(text="Ik durf te zeggen dat ik gepest word")

    def test_only_the_youth_and_chosen_people_see_it(self):
        goal = self.make_private_goal(shared_with=[self.p["eva"]])
        self.assertTrue(is_private(goal))
        self.client.post(self.url("plan:score_add", goal.pk), {"score": "3"})
        give_totp(self.eva)
        for user, sees in (
            (self.noor, True),
            (self.eva, True),
            (self.sanne, False),
            (self.ria, False),
        ):
            self.login(user)
            with self.subTest(user=user.name):
                plan = self.client.get(self.url("plan:plan")).content.decode()
                timeline = self.client.get(self.url("plan:timeline")).content.decode()
                detail = self.client.get(self.url("plan:goal", goal.pk))
                self.assertEqual("gepest" in plan, sees)
                self.assertEqual("gepest" in timeline, sees)
                self.assertEqual(detail.status_code, 200 if sees else 404)

    def test_a_parent_cannot_make_a_goal_private(self):
        self.login(self.sanne)
        self.client.post(
            self.url("plan:goal_new"),
            {"text": "Geheim doel", "domain": "geld", "owner": self.m["sanne"].pk, "private": "on"},
        )
        self.assertFalse(is_private(Goal.objects.get(text="Geheim doel")))

    def test_a_youth_can_only_keep_her_own_goal_private(self):
        self.login(self.noor)
        response = self.client.post(
            self.url("plan:goal_new"),
            {
                "text": "Sem zijn doel",
                "domain": "school",
                "owner": self.m["sem"].pk,
                "private": "on",
            },
        )
        self.assertContains(
            response, "Alleen je eigen doel kun je voor jezelf houden.", status_code=400
        )


class RemoveTestCase(PlanTestCase):
    def test_a_removed_goal_leaves_the_plan_but_stays_in_history(self):
        goal = self.goal("Sanne heeft")
        self.login(self.sanne)
        response = self.client.post(
            self.url("plan:goal_remove", goal.pk), {"version": goal.version, **CONFIRMED}
        )
        self.assertRedirects(response, self.url("plan:plan"))
        goal.refresh_from_db()
        self.assertIsNotNone(goal.removed_at)
        # Gone from the goals; only the "Ongedaan maken" button names it, for 30 seconds.
        page = self.client.get(self.url("plan:plan"))
        self.assertNotContains(page, f'href="{self.url("plan:goal", goal.pk)}"')
        self.assertContains(page, 'aria-label="Ongedaan maken: Sanne heeft')
        self.assertContains(self.client.get(self.url("plan:timeline")), "haalde het doel weg")
        self.assertTrue(Revision.objects.filter(item_type="goal", item_id=goal.pk).exists())
        self.assertTrue(AuditEvent.objects.filter(data="goal", action="remove").exists())

    def test_it_refuses_to_remove_a_goal_changed_in_the_meantime(self):
        goal = self.goal("Sanne heeft")
        self.login(self.sanne)
        self.client.post(
            self.url("plan:goal_remove", goal.pk), {"version": goal.version - 1, **CONFIRMED}
        )
        goal.refresh_from_db()
        self.assertIsNone(goal.removed_at)

    def test_a_step_is_removed_by_its_owner_but_not_by_others(self):
        step = Step.objects.get(family=self.bakker, text__startswith="Youssef haalt")
        self.login(self.ria)
        refused = self.client.post(self.url("plan:step_remove", step.pk), CONFIRMED)
        self.assertEqual(refused.status_code, 403)
        self.login(self.youssef)
        self.client.post(self.url("plan:step_remove", step.pk), CONFIRMED)
        step.refresh_from_db()
        self.assertEqual(step.removed_by, self.youssef)


class InPlaceTestCase(PlanTestCase):
    """With htmx, a step's buttons update just that card; without it, the page reloads."""

    def test_it_answers_htmx_with_the_card_only(self):
        step = Step.objects.get(family=self.bakker, text__startswith="Youssef haalt")
        self.login(self.youssef)
        response = self.client.post(self.url("plan:step_done", step.pk), HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertTrue(
            content.lstrip().startswith(f'<li class="card card--compact" id="step-{step.pk}"')
        )
        self.assertIn("Goed gedaan! De stap is klaar.", content)
        self.assertIn("Vier het: Youssef haalt Sem", content)
        self.assertNotIn("<html", content)

    def test_it_keeps_working_without_javascript(self):
        step = Step.objects.get(family=self.bakker, text__startswith="Youssef haalt")
        self.login(self.youssef)
        response = self.client.post(self.url("plan:step_done", step.pk), follow=True)
        self.assertContains(response, "Goed gedaan! De stap is klaar.")
        self.assertContains(response, "<html")
