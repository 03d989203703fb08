"""Each page runs the same number of queries, however large the family grows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenplan.demo.build import grow_family
from samenplan.families.models import Consent, Family, Member, Participant
from samenplan.test import SamenplanTestCase, give_totp

# The most queries any page may use: session, user, gate, audit, then one
# query per kind of content. "Ons plan" shows twelve kinds of content (help
# question, proposals, goals, scores, steps, future pictures with what a child
# drew beside them, successes with their goals, agreements with the people and
# their yes, decisions to look at again, report-backs that are late) and which
# goals are private, and needs twenty-one; the main menu counts what waits for the person and the
# family header lists it (one query each); the audit log's hash chain reads
# its newest link (and, on PostgreSQL, takes the chain's lock).
BUDGET = 25
# Professionals' requests also check their second factor (RequireMFAMiddleware),
# read the scope of their consent (what the family left out for them) and, on the
# family page and the plan, whether they read the family's "Wie zijn wij" yet.
PROFESSIONAL_EXTRA = 3


class QueryCountTestCase(SamenplanTestCase):
    def count(self, url):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    @property
    def goal_pk(self):
        from samenplan.plan.models import Goal

        return Goal.objects.get(family=self.bakker, text__startswith="Noor gaat").pk

    @property
    def step_pk(self):
        from samenplan.plan.models import Step

        return (
            Step.objects.filter(family=self.bakker, owner__user=self.sanne, done_at__isnull=True)
            .order_by("pk")
            .first()
            .pk
        )

    def pages(self):
        return [
            reverse("families:list"),
            reverse("families:home", args=[self.bakker.pk]),
            reverse("families:consent", args=[self.bakker.pk]),
            reverse("families:access_log", args=[self.bakker.pk]),
            reverse("families:invite", args=[self.bakker.pk]),
            reverse("accounts:my_account"),
            reverse("notices:for_you"),
            reverse("notices:settings"),
            reverse("plan:plan", args=[self.bakker.pk]),
            reverse("plan:goal", args=[self.bakker.pk, self.goal_pk]),
            reverse("plan:goal_edit", args=[self.bakker.pk, self.goal_pk]),
            reverse("plan:timeline", args=[self.bakker.pk]),
            reverse("plan:help_question", args=[self.bakker.pk]),
            reverse("plan:help_question_check", args=[self.bakker.pk]),
            reverse("plan:goal_new", args=[self.bakker.pk]),
            reverse("plan:step_new", args=[self.bakker.pk]),
            reverse("plan:step_edit", args=[self.bakker.pk, self.step_pk]),
            reverse("plan:agreement_answer", args=[self.bakker.pk, self.agreement_pk]),
            reverse("plan:vision_edit", args=[self.bakker.pk, self.vision_pk]),
            reverse("plan:success_edit", args=[self.bakker.pk, self.success_pk]),
            reverse("plan:agreement_edit", args=[self.bakker.pk, self.agreement_pk]),
            reverse("careteam:overview", args=[self.bakker.pk]),
            reverse("careteam:phases", args=[self.bakker.pk]),
            reverse("careteam:meetings", args=[self.bakker.pk]),
            reverse("careteam:meeting_new", args=[self.bakker.pk]),
            *(
                reverse(f"careteam:{name}", args=[self.bakker.pk, self.meeting_pk])
                for name in ("meeting", "meeting_summary", "meeting_ics", "meeting_move")
            ),
            reverse("careteam:safety", args=[self.bakker.pk]),
            reverse("careteam:safety_new", args=[self.bakker.pk]),
            reverse("careteam:safety_answer", args=[self.bakker.pk, self.scenario_pk]),
            reverse("careteam:safety_edit", args=[self.bakker.pk, self.scenario_pk]),
            reverse("careteam:support", args=[self.bakker.pk]),
            reverse("families:invite", args=[self.bakker.pk]),
            *(
                reverse(f"network:{name}", args=[self.bakker.pk])
                for name in (
                    "overview",
                    "about_us",
                    "about_us_edit",
                    "person_new",
                    "genogram",
                    "timeline",
                    "event_new",
                    "family_plans",
                    "family_plan_new",
                )
            ),
            reverse("families:consent_scope", args=[self.bakker.pk, self.p["eva"].pk]),
            reverse("families:closing", args=[self.bakker.pk]),
            reverse("families:member_edit", args=[self.bakker.pk, self.m["sem"].pk]),
            reverse("families:start"),
            reverse("families:member_new", args=[self.bakker.pk]),
            reverse("families:member_authority", args=[self.bakker.pk, self.m["youssef"].pk]),
            reverse("families:member_history", args=[self.bakker.pk, self.m["sem"].pk]),
            reverse("families:child_voice", args=[self.bakker.pk, self.m["sem"].pk]),
            reverse("families:child_voice", args=[self.bakker.pk, self.m["noor"].pk]),
            reverse("plan:mine", args=[self.bakker.pk, self.m["sem"].pk]),
            reverse("plan:mine", args=[self.bakker.pk, self.m["noor"].pk]),
            reverse("families:move", args=[self.bakker.pk]),
            reverse("families:access_log", args=[self.bakker.pk])
            + "?who=Eva+de+Vries&emergency=on",
            reverse("decisions:list", args=[self.bakker.pk]),
            reverse("decisions:new", args=[self.bakker.pk]),
            *(
                reverse(f"decisions:{name}", args=[self.bakker.pk, decision.pk])
                for decision in self.decisions
                for name in (
                    ("detail", "view", "decide")
                    if decision.state == "open"
                    else ("detail", "check", "review")
                )
            ),
            *(
                reverse("decisions:check_for", args=[self.bakker.pk, decision.pk, self.m["sem"].pk])
                for decision in self.decisions
                if decision.state != "open"
            ),
        ]

    @property
    def evas_report_pk(self):
        from samenplan.careteam.models import ReportBack

        return ReportBack.objects.get(family=self.bakker, participant=self.p["eva"]).pk

    @property
    def vision_pk(self):
        from samenplan.plan.models import Vision

        return Vision.objects.filter(family=self.bakker, created_by=self.sanne).first().pk

    @property
    def success_pk(self):
        from samenplan.plan.models import Success

        return Success.objects.filter(family=self.bakker, created_by=self.sanne).first().pk

    @property
    def agreement_pk(self):
        from samenplan.plan.models import Agreement

        return Agreement.objects.filter(concerned=self.p["sanne"]).order_by("id").first().pk

    @property
    def scenario_pk(self):
        from samenplan.careteam.models import SafetyScenario

        return SafetyScenario.objects.filter(concerned=self.p["sanne"]).order_by("id").first().pk

    @property
    def meeting_pk(self):
        from samenplan.careteam.models import Meeting

        return Meeting.objects.filter(family=self.bakker).order_by("id").first().pk

    @property
    def decisions(self):
        """The open decision about Sem and the decided one about help at home."""
        from samenplan.decisions.models import Decision

        return list(Decision.objects.filter(family=self.bakker).order_by("id")[:2])

    def test_it_keeps_the_query_count_constant_as_the_family_grows(self):
        self.login(self.sanne)
        # Warm up: the first request of a session writes the session.
        self.client.get(reverse("families:list"))
        small = {url: self.count(url) for url in self.pages()}
        grow_family(self.bakker, by_user=self.sanne)
        large = {url: self.count(url) for url in self.pages()}
        self.assertEqual(small, large)
        for url, n in small.items():
            self.assertLessEqual(n, BUDGET, url)

    def test_it_keeps_a_professionals_pages_constant_as_the_family_grows(self):
        give_totp(self.eva)
        self.login(self.eva)
        self.client.get(reverse("families:list"))
        pages = [
            reverse("careteam:overview", args=[self.bakker.pk]),
            reverse("careteam:role_card", args=[self.bakker.pk]),
            reverse("careteam:report_back_new", args=[self.bakker.pk]),
            reverse("careteam:report_back_done", args=[self.bakker.pk, self.evas_report_pk]),
            reverse("plan:plan", args=[self.bakker.pk]),
        ]
        small = {url: self.count(url) for url in pages}
        grow_family(self.bakker, by_user=self.sanne)
        large = {url: self.count(url) for url in pages}
        self.assertEqual(small, large)
        for url, n in small.items():
            self.assertLessEqual(n, BUDGET + PROFESSIONAL_EXTRA, url)

    def test_it_keeps_the_family_list_constant_with_many_families(self):
        give_totp(self.eva)
        self.login(self.eva)
        self.client.get(reverse("families:list"))
        small = self.count(reverse("families:list"))
        for i in range(15):
            family = Family.objects.create(name=f"Gezin {i}")
            parent = Member.objects.create(
                family=family, name=f"Ouder {i}", relation="moeder", has_authority=True
            )
            participant = Participant.objects.create(
                family=family, user=self.eva, role="professional"
            )
            Consent.objects.create(
                family=family, participant=participant, member=parent, given_by=self.sanne
            )
        self.assertEqual(self.count(reverse("families:list")), small)


class OfficeQueryCountTestCase(SamenplanTestCase):
    """The privacy officer's and the admin's lists cost the same for 1 or 20 families."""

    def grow(self, times=20):
        from samenplan.families.models import DestructionRequest, Invitation

        for i in range(times):
            family = Family.objects.create(name=f"Gezin {i}", organization=self.wijkteam)
            member = Member.objects.create(family=family, name=f"Ouder {i}", relation="ouder")
            DestructionRequest.objects.create(
                family=family,
                organization=self.wijkteam,
                requested_by=self.sanne,
                member=member,
                answer_before=family.created_at.date(),
            )
            Invitation.objects.create(
                family=family,
                email="",
                name=self.wijkteam.name,
                role="professional",
                organization=self.wijkteam,
                invited_by=self.sanne,
            )

    def pages(self):
        from samenplan.families.models import DestructionRequest

        asked = DestructionRequest.objects.get(family__name="Gezin Yilmaz")
        return [
            reverse("families:privacy"),
            reverse("families:privacy_request", args=[asked.pk]),
            reverse("families:organization_invitations"),
            reverse("exports:import"),
            reverse("accounts:organization"),
        ]

    def test_the_admins_pages_stay_constant(self):
        give_totp(self.admin)
        self.login(self.admin)
        self.client.get(reverse("families:list"))
        small = {url: QueryCountTestCase.count(self, url) for url in self.pages()}
        self.grow()
        large = {url: QueryCountTestCase.count(self, url) for url in self.pages()}
        self.assertEqual(small, large)
        for url, n in small.items():
            self.assertLessEqual(n, BUDGET + PROFESSIONAL_EXTRA, url)

    def test_the_privacy_officers_pages_stay_constant(self):
        give_totp(self.ingrid)
        self.login(self.ingrid)
        self.client.get(reverse("families:list"))
        pages = self.pages()[:2]
        small = {url: QueryCountTestCase.count(self, url) for url in pages}
        self.grow()
        large = {url: QueryCountTestCase.count(self, url) for url in pages}
        self.assertEqual(small, large)
