"""Every URL pattern × every persona: the expected status, and nothing leaks.

A new URL pattern of our own without an entry in MATRIX fails this test.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import get_resolver, reverse

from samenplan.audit.models import AuditEvent
from samenplan.test import CONFIRMED, SamenplanTestCase
from samenplan.tests.urlmap import ANON, UrlMapTestCase, walk

PERSONAS = [
    ANON,
    "sanne",  # parent with authority, coordinator
    "peter",  # parent without authority (De Groot)
    "noor",  # youth 15
    "daan",  # youth 17 (De Groot)
    "ria",  # network
    "eva",  # professional on the team
    "lotte",  # same organisation, not on the team
    "bram",  # professional of another family
    "joke",  # client supporter
    "admin",  # organisation admin
]

LOGIN = 302  # login_required sends anonymous users to the login page
VIEW = {"sanne": 200, "peter": 200, "noor": 200, "daan": 200, "ria": 200, "eva": 200, "joke": 200}
OUTSIDERS = {"lotte": 404, "bram": 404, "admin": 404}
FAMILY_PEOPLE_403 = dict.fromkeys(["sanne", "peter", "noor", "daan", "ria"], 403)


def expect(base: dict, **overrides) -> dict:
    result = {ANON: LOGIN, **OUTSIDERS, **base}
    result.update(overrides)
    return result


def view_page():
    return expect(VIEW)


def view_post():
    return expect(dict.fromkeys(VIEW, 302))


def manage(status: int):
    forbidden = dict.fromkeys(VIEW, 403)
    return expect(forbidden, sanne=status, daan=status)


def consent_post():
    forbidden = dict.fromkeys(VIEW, 403)
    return expect(forbidden, sanne=302, noor=302, daan=302)


def edit_page(status=200):
    """Everyone at the table but the client supporter may write (or propose)."""
    return expect(dict.fromkeys(VIEW, status), joke=403)


def family_writes(status=200):
    """Only parents with authority and youths of 12+ change the family's own texts."""
    forbidden = dict.fromkeys(VIEW, 403)
    return expect(forbidden, sanne=status, noor=status, daan=status)


def everyone(status, anon=None):
    return dict.fromkeys(PERSONAS, status) | ({ANON: anon} if anon else {})


ORG_ADMIN = {
    ANON: LOGIN,
    "sanne": 404,
    "peter": 404,
    "noor": 404,
    "daan": 404,
    "ria": 404,
    "eva": 403,
    "lotte": 403,
    "bram": 403,
    "joke": 403,
    "admin": 200,
}

# pattern name -> (method, expected status per persona)
MATRIX = {
    "home": ("get", everyone(302, anon=200)),
    "robots_txt": ("get", everyone(200)),
    "set_language": ("post", everyone(302)),
    "accounts:my_account": ("get", everyone(200, anon=LOGIN)),
    "accounts:organization": ("get", ORG_ADMIN),
    "accounts:professional_edit": ("get", ORG_ADMIN),
    "families:list": ("get", everyone(200, anon=LOGIN)),
    # Anyone may start a family: a parent their own, a professional one they work with.
    "families:start": ("get", everyone(200, anon=LOGIN)),
    # The privacy officer's pages; the organisation's admin confirms as the second person.
    "families:privacy": ("get", ORG_ADMIN),
    "families:privacy_request": ("get", ORG_ADMIN),
    "families:organization_invitations": ("get", ORG_ADMIN),
    # Plain files and the health page: the same for everyone, no data.
    "security_txt": ("get", everyone(200)),
    "health": ("get", everyone(200)),
    # The admin has no login of its own: allauth's, with the second factor. Someone
    # logged in without staff rights is told no (not sent round between the two).
    "admin:login": ("get", everyone(403, anon=302)),
    # What waits for the person looking, across their families, and how they hear of it.
    "notices:for_you": ("get", everyone(200, anon=LOGIN)),
    "notices:settings": ("get", everyone(200, anon=LOGIN)),
    "notices:organization_failures": ("get", ORG_ADMIN),
    "exports:import": ("get", ORG_ADMIN),
    "families:member_new": ("get", manage(200) | {"daan": 403}),
    "families:member_authority": ("get", manage(200) | {"daan": 403}),
    "families:member_history": ("get", view_page()),
    "families:child_voice": ("get", view_page()),
    # Kindmodus: a parent or a professional hands the phone to Sem (no account);
    # Daan in De Groot has his own. "Klaar" is always open to whoever holds it.
    "families:child_mode_start": ("post", expect(dict.fromkeys(VIEW, 403), sanne=302, eva=302)),
    "families:child_mode_end": ("post", view_post()),
    "plan:mine": ("get", view_page()),
    # Only the child says "dit vind ik ervan" (Daan; Sem in kindmodus): 400 for an empty form.
    "plan:child_word": ("post", expect(dict.fromkeys(VIEW, 403), daan=400)),
    "creations:add": ("get", edit_page()),
    "creations:file": ("get", view_page()),
    # Who put it in (Sanne, Daan) or the child; Sanne also as a parent with authority.
    "creations:remove": ("post", expect(dict.fromkeys(VIEW, 403), sanne=302, daan=302)),
    "families:move": ("get", view_page()),
    # Only after every consent giver said yes to a move to another Samenplan.
    "exports:move_file": ("get", expect(dict.fromkeys(VIEW, 403))),
    # Only the invited person (Lotte) can answer an invitation.
    "families:invitation_accept": ("post", {**everyone(404, anon=LOGIN), "lotte": 302}),
    "families:invitation_decline": ("post", {**everyone(404, anon=LOGIN), "lotte": 302}),
    "families:home": ("get", view_page()),
    "families:consent": ("get", view_page()),
    "families:invite": ("get", manage(200)),
    "families:invitation_withdraw": ("post", manage(302)),
    "families:participant_end": ("post", manage(302)),
    "families:consent_give": ("post", consent_post()),
    "families:consent_withdraw": ("post", consent_post()),
    "plan:plan": ("get", view_page()),
    "plan:timeline": ("get", view_page()),
    "plan:goal": ("get", view_page()),
    "plan:help_question": ("get", edit_page()),
    "plan:help_question_check": ("get", view_page()),
    # Sent empty: the form asks for a number of weeks.
    "plan:help_question_interval": (
        "post",
        expect(dict.fromkeys(VIEW, 403), sanne=400, noor=400, daan=400),
    ),
    "plan:goal_new": ("get", edit_page()),
    # The family edits; others at the table propose a change on the same page.
    "plan:goal_edit": ("get", edit_page()),
    "plan:score_add": ("post", edit_page(302)),
    "plan:step_new": ("get", edit_page()),
    # The step is Eva's (Bakker) or Daan's (De Groot): they or the family finish it.
    "plan:step_done": ("post", family_writes(302) | {"eva": 302}),
    "plan:step_celebrate": ("post", edit_page(302)),
    # Who wrote it, the person it is for (Eva, Daan) or the family.
    "plan:step_edit": ("get", family_writes(200) | {"eva": 200}),
    "plan:proposal_accept": ("post", family_writes(302)),
    # Posted without a reason: the form comes back to fill it in.
    "plan:proposal_decline": ("post", family_writes(400)),
    "plan:goal_remove": ("post", family_writes(302)),
    # Eva's step: Eva (owner), the family, or whoever wrote it may take it away.
    "plan:step_remove": ("post", family_writes(302) | {"eva": 302}),
    # Nothing was taken out just now: who may undo finds nothing to put back.
    # Anyone logged in keeps their session open by typing; nothing of a family.
    "accounts:still_here": ("post", everyone(204, anon=LOGIN)),
    # Taalhulp is for people who work for an organisation; nothing typed is kept.
    "taal:hints": ("post", {**everyone(200, anon=LOGIN), **FAMILY_PEOPLE_403}),
    # No rule named: nothing counted.
    "taal:dismiss": ("post", {**everyone(400, anon=LOGIN), **FAMILY_PEOPLE_403}),
    "plan:step_restore": ("post", edit_page(404)),
    "plan:goal_restore": ("post", family_writes(404)),
    "plan:vision_new": ("get", edit_page()),
    "plan:success_new": ("get", edit_page()),
    # Whose words they are, or who wrote them down: Sanne wrote down Sem's.
    "plan:vision_edit": ("get", expect(dict.fromkeys(VIEW, 403), sanne=200, daan=200)),
    # Who told it, or the family.
    "plan:success_edit": ("get", family_writes(200)),
    "plan:agreement_new": ("get", edit_page()),
    "plan:agreement_evaluate": ("get", edit_page()),
    # Only the people the agreement is for say yes: Sanne (Bakker), Daan (De Groot).
    "plan:agreement_agree": ("post", expect(dict.fromkeys(VIEW, 403), sanne=302, daan=302)),
    "plan:agreement_answer": ("get", expect(dict.fromkeys(VIEW, 403), sanne=200, daan=200)),
    "plan:agreement_edit": ("get", edit_page()),
    # Samen beslissen. Every person at the table reads; all but the client supporter write.
    "decisions:list": ("get", view_page()),
    "decisions:detail": ("get", view_page()),
    "decisions:new": ("get", edit_page()),
    "decisions:view": ("get", edit_page()),
    "decisions:option_add": ("post", edit_page(302)),
    "decisions:argument_add": ("post", edit_page(302)),
    # The family, the professionals and the coordinator write down the outcome.
    "decisions:decide": ("get", family_writes(200) | {"eva": 200}),
    # A proposed outcome "samen" about Sem (11) in Bakker, about Daan (17) in De Groot:
    # only the parents with authority and the youth concerned say yes.
    "decisions:assent_yes": ("post", expect(dict.fromkeys(VIEW, 403), sanne=302, daan=302)),
    "decisions:assent_no": ("post", expect(dict.fromkeys(VIEW, 403), sanne=302, daan=302)),
    # Decided decisions: family members object and answer the check; others may not.
    "decisions:objection": (
        "post",
        expect(dict.fromkeys(VIEW, 403), sanne=302, peter=302, noor=302, daan=302),
    ),
    "decisions:check": (
        "get",
        expect(dict.fromkeys(VIEW, 403), sanne=200, peter=200, noor=200, daan=200),
    ),
    # A parent with authority or a professional writes down Sem's answers; in
    # De Groot, Daan has an account and answers himself.
    "decisions:check_for": (
        "get",
        expect(dict.fromkeys(VIEW, 403), sanne=200, eva=200),
    ),
    "decisions:review": ("get", edit_page()),
    # Wie doet wat.
    "careteam:overview": ("get", view_page()),
    "careteam:role_card": ("get", expect(dict.fromkeys(VIEW, 403), eva=200, joke=200)),
    # Parents with authority, a youth of 16+ and the coordinator choose the coordinator.
    "careteam:coordinator": ("post", manage(302)),
    "careteam:phases": ("get", manage(200)),
    "careteam:phase_need_remove": ("post", manage(302)),
    "careteam:meetings": ("get", view_page()),
    "careteam:meeting_new": ("get", edit_page()),
    "careteam:meeting": ("get", view_page()),
    "careteam:meeting_ics": ("get", view_page()),
    "careteam:agenda_add": ("post", edit_page(302)),
    "careteam:meeting_summary": ("get", edit_page()),
    "careteam:meeting_move": ("get", edit_page()),
    # Sent without a reason: the form asks for one.
    "careteam:meeting_cancel": ("post", edit_page(400)),
    # The family says whether the summary is right.
    "careteam:meeting_confirm": ("post", family_writes(302)),
    "careteam:meeting_correct": ("post", family_writes(302)),
    "careteam:safety": ("get", view_page()),
    "careteam:safety_new": ("get", edit_page()),
    # Bakker: Sanne, Ria and Eva are among those concerned; De Groot: Daan.
    "careteam:safety_agree": (
        "post",
        expect(dict.fromkeys(VIEW, 403), sanne=302, ria=302, eva=302, daan=302),
    ),
    "careteam:safety_answer": (
        "get",
        expect(dict.fromkeys(VIEW, 403), sanne=200, ria=200, eva=200, daan=200),
    ),
    "careteam:safety_edit": ("get", edit_page()),
    "careteam:report_back_new": ("get", expect(dict.fromkeys(VIEW, 403), eva=200)),
    # Eva's report-back (Bakker), Bram's (De Groot): only the one who reports.
    "careteam:report_back_done": ("get", expect(dict.fromkeys(VIEW, 403), eva=200)),
    # Sent empty: the family chooses one of the two.
    "careteam:report_back_audience": ("post", family_writes(302)),
    # "Ontvangen": the family (parents and youths at the table) and the coordinator.
    # Those who may not read it (the network, a client supporter) get a 404.
    "careteam:report_receive": (
        "post",
        expect(
            dict.fromkeys(VIEW, 403), sanne=302, noor=302, daan=302, peter=302, ria=404, joke=404
        ),
    ),
    "careteam:support": ("get", view_page()),
    # Ons netwerk.
    "network:overview": ("get", view_page()),
    "network:person_new": ("get", edit_page()),
    # The family keeps its own network; others propose a person instead.
    "network:person_edit": ("get", family_writes()),
    "network:person_accept": ("post", family_writes(302)),
    "network:person_decline": ("post", family_writes(302)),
    # Everyone at the table opens it; what they read is the family's choice.
    "network:about_us": ("get", view_page()),
    "network:about_us_edit": ("get", family_writes()),
    "network:genogram": ("get", view_page()),
    "network:relationship_new": ("post", family_writes(302)),
    "network:timeline": ("get", view_page()),
    "network:event_new": ("get", family_writes()),
    "network:family_plans": ("get", view_page()),
    # The family group plan is written by the family and its network, not professionals.
    "network:family_plan_new": ("get", expect(dict.fromkeys(VIEW, 200), eva=403, joke=403)),
    "network:family_plan_edit": ("get", expect(dict.fromkeys(VIEW, 200), eva=403, joke=403)),
    # The family shares it; nobody else may (the gate refuses before looking the plan up).
    "network:family_plan_share": ("post", family_writes(302)),
    # Those whose consent counts narrow it: Sanne and Noor (Bakker), Daan (De Groot).
    "families:consent_scope": ("get", consent_post() | {"sanne": 200, "noor": 200, "daan": 200}),
    # Only a professional at the table may ask, and only with a safety mandate (Eva has none).
    "families:emergency": ("get", expect(dict.fromkeys(VIEW, 404), eva=403)),
    # Exports: the plan on paper for everyone at the table; everything only for the family.
    "exports:pdf": ("get", view_page()),
    "exports:json": ("get", expect(dict.fromkeys(VIEW, 403), sanne=200, noor=200, daan=200)),
    "exports:fhir": ("get", expect(dict.fromkeys(VIEW, 403), sanne=200, noor=200, daan=200)),
    "families:closing": ("get", view_page()),
    "families:member_edit": ("get", family_writes(200)),
    "families:access_log": (
        "get",
        expect(dict.fromkeys(VIEW, 403), sanne=200, noor=200, daan=200),
    ),
}


class AccessMatrixTestCase(UrlMapTestCase):
    def request(self, method, url):
        # Each request in its own savepoint, so one POST does not change the next.
        with transaction.atomic():
            if method == "post":
                # Confirmed: what is asked first is tried in families/tests/test_confirm.py.
                response = self.client.post(url, {"language": "nl", "next": "/", **CONFIRMED})
            else:
                response = self.client.get(url)
            transaction.set_rollback(True)
        return response

    def test_it_has_an_entry_for_every_url_pattern_of_ours(self):
        ours = {
            name
            for _, name, pattern in walk(get_resolver().url_patterns)
            if pattern.callback.__module__.startswith("samenplan")
        }
        self.assertEqual(ours - set(MATRIX), set(), "URL patterns without a MATRIX entry")
        self.assertEqual(set(MATRIX) - ours, set(), "MATRIX entries without a URL pattern")

    def assert_each_persona_gets_the_expected_status(self, part):
        patterns = {
            name: pattern
            for _, name, pattern in walk(get_resolver().url_patterns)
            if name in MATRIX
        }
        for name, (method, expected) in list(MATRIX.items())[part::PARTS]:
            for persona in PERSONAS:
                with self.subTest(url=name, persona=persona):
                    self.client.logout()
                    user = self.user(persona)
                    if user is not None:
                        self.client.force_login(user)
                    url = reverse(name, kwargs=self.kwargs_for(patterns[name], persona))
                    before = AuditEvent.objects.count()
                    response = self.request(method, url)
                    self.assertEqual(response.status_code, expected[persona])
                    if response.status_code in (403, 404) or user is None:
                        self.assertNotContains(
                            response, "Lina Bakker", status_code=response.status_code
                        )
                        self.assertNotContains(
                            response, "Youssef", status_code=response.status_code
                        )
                    if (
                        method == "get"
                        and response.status_code == 200
                        and "family_id" in patterns[name].pattern.converters
                    ):
                        self.assertIn("no-store", response["Cache-Control"])
                        if response["Content-Type"].startswith("text/html"):
                            # Words, not Django's dashes, for an empty choice.
                            self.assertNotContains(response, "---------")
                        # A page with family data leaves an audit event. The first
                        # request's event was rolled back, so count a fresh request.
                        with transaction.atomic():
                            self.client.get(url)
                            self.assertEqual(AuditEvent.objects.count(), before + 1)
                            transaction.set_rollback(True)

    def test_it_never_shows_family_names_on_other_pages(self):
        """Pages of allauth and the admin: no 500, and no family content for anyone."""
        simple = [
            (route, name)
            for route, name, pattern in walk(get_resolver().url_patterns)
            if not pattern.callback.__module__.startswith("samenplan")
            and not pattern.pattern.converters
            and pattern.pattern.regex.groups == 0
            and "<" not in route
            and name
        ]
        self.assertGreater(len(simple), 20)
        for _route, name in simple:
            for persona in PERSONAS:
                with self.subTest(url=name, persona=persona):
                    self.client.logout()
                    user = self.user(persona)
                    if user is not None:
                        self.client.force_login(user)
                    response = self.request("get", reverse(name))
                    self.assertLess(response.status_code, 500)
                    content = response.content.decode()
                    self.assertNotIn("Gezin Bakker", content)
                    self.assertNotIn("Lina Bakker", content)


# The matrix in parts, so that parallel test workers share it out.
PARTS = 4
for _part in range(PARTS):
    setattr(
        AccessMatrixTestCase,
        f"test_it_gives_each_persona_the_expected_status_part_{_part + 1}_of_{PARTS}",
        lambda self, part=_part: self.assert_each_persona_gets_the_expected_status(part),
    )


class UserModelTestCase(SamenplanTestCase):
    def test_it_logs_in_with_email(self):
        self.assertEqual(get_user_model().USERNAME_FIELD, "email")
