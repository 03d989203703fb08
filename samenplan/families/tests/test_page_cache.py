"""Page parts kept in the cache are never older than the family's data (families/versions.py)."""

import re

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from samenplan.families.models import Family
from samenplan.plan.models import Goal, Step
from samenplan.test import SamenplanTestCase, give_totp

BAKKER = ("sanne", "youssef", "noor", "ria", "eva", "martijn", "joke")
# Form tokens are masked anew on every page (and the log's moments are the same
# either way): compare pages without them.
TOKENS = re.compile(
    r'(name="csrfmiddlewaretoken" value="|"x-csrftoken": "|name="(?:[\w-]+-)?once" value=")[^"]+'
)


def without_tokens(html: str) -> str:
    return TOKENS.sub(r"\1…", html)


class PageCacheTestCase(SamenplanTestCase):
    people = BAKKER  # who opens the page

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for key in ("eva", "martijn", "joke"):
            give_totp(getattr(cls, key))

    def setUp(self):
        self.url = reverse("plan:plan", args=[self.bakker.pk])
        self.clients = {}
        for key in self.people:
            client = Client()
            client.force_login(getattr(self, key))
            self.clients[key] = client

    def page(self, key) -> str:
        response = self.clients[key].get(self.url)
        self.assertEqual(response.status_code, 200, key)
        return response.content.decode()

    def fresh_page(self, key) -> str:
        with override_settings(PAGE_CACHE_SECONDS=0):
            return self.page(key)

    def assert_everyone_sees_the_family_as_it_is(self):
        for key in self.people:
            with self.subTest(persona=key):
                self.assertEqual(
                    without_tokens(self.page(key)), without_tokens(self.fresh_page(key))
                )

    def two_looks(self, saved: int):
        """Sanne looks twice: the second look costs ``saved`` queries fewer (or
        more) and shows the same page. Returns both pages and the second's queries."""
        with CaptureQueriesContext(connection) as first:
            one = self.page("sanne")
        with CaptureQueriesContext(connection) as second:
            two = self.page("sanne")
        self.assertLess(len(second), len(first) - saved)
        self.assertEqual(without_tokens(one), without_tokens(two))
        return one, two, second

    def test_a_second_look_costs_fewer_queries_and_shows_the_same(self):
        _one, _two, second = self.two_looks(saved=10)
        # Each look is still a read in the log.
        self.assertEqual(
            [q["sql"] for q in second.captured_queries if "INSERT" in q["sql"]].__len__(), 1
        )

    def test_a_write_through_the_app_is_seen_by_everyone_on_their_next_look(self):
        for key in self.people:
            self.page(key)  # each person's part is now in the cache
        step = Step.objects.filter(
            family=self.bakker, owner__user=self.sanne, done_at__isnull=True
        ).first()
        before = Family.objects.get(pk=self.bakker.pk).data_version
        response = self.clients["sanne"].post(
            reverse("plan:step_done", args=[self.bakker.pk, step.pk]), {"seen": step.version}
        )
        self.assertEqual(response.status_code, 302)
        self.assertGreater(Family.objects.get(pk=self.bakker.pk).data_version, before)
        self.assertIn("Klaar op", self.page("sanne").split(f'id="step-{step.pk}"')[1][:2000])
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_row_saved_outside_the_actions_is_seen_too(self):
        for key in self.people:
            self.page(key)
        Goal.objects.create(
            family=self.bakker,
            text="Sem fietst zelf naar de sportclub",
            domain="vrije_tijd",
            created_by=self.sanne,
            status="accepted",
        )
        self.assertIn("Sem fietst zelf naar de sportclub", self.page("sanne"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_read_does_not_push_the_page_out(self):
        before = Family.objects.get(pk=self.bakker.pk).data_version
        for key in self.people:
            self.page(key)
        self.assertEqual(Family.objects.get(pk=self.bakker.pk).data_version, before)

    def test_one_persons_part_is_never_shown_to_another(self):
        sanne, noor = self.page("sanne"), self.page("noor")
        # Sanne's page names what only she may do (accepting proposals; the check).
        self.assertNotEqual(without_tokens(sanne), without_tokens(noor))
        self.assertEqual(without_tokens(self.page("noor")), without_tokens(noor))

    def assert_english_after_dutch(self, dutch_words: str) -> None:
        """Sanne's kept Dutch part is not shown once she chose English."""
        dutch = self.page("sanne")
        # The request switches this thread to English; the next test starts in Dutch.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        self.sanne.language = "en"
        self.sanne.save(update_fields=["language"])
        self.assertIn(dutch_words, dutch)
        self.assertNotIn(dutch_words, self.page("sanne"))

    def test_the_chosen_language_has_its_own_part(self):
        self.assert_english_after_dutch("<h1>Ons plan</h1>")

    def test_a_second_browser_of_the_same_person_gets_forms_that_work(self):
        phone = Client(enforce_csrf_checks=True)
        laptop = Client(enforce_csrf_checks=True)
        for client in (phone, laptop):
            client.force_login(self.sanne)
        phone.get(self.url)
        html = laptop.get(self.url).content.decode()
        step = Step.objects.filter(
            family=self.bakker, owner__user=self.sanne, done_at__isnull=True
        ).first()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = laptop.post(
            reverse("plan:step_done", args=[self.bakker.pk, step.pk]),
            {"csrfmiddlewaretoken": token, "seen": step.version},
        )
        self.assertEqual(response.status_code, 302)


class OneTimeTokenTestCase(SamenplanTestCase):
    def test_a_kept_part_gets_new_create_form_tokens_on_every_page(self):
        from django.test import RequestFactory

        from samenplan.families.access import FamilyAccess
        from samenplan.families.versions import cached_part

        request = RequestFactory().get("/")
        access = FamilyAccess(
            family=self.bakker, participant=self.p["sanne"], members=[], request=request
        )
        made = []

        def form():
            made.append(1)
            return (
                '<input type="hidden" name="once" value="abc" id="id_once">'
                '<input type="hidden" name="o12-once" value="def" id="id_o12-once">'
                '<input type="hidden" name="version" value="3">'
            )

        first = cached_part(request, access, "test", form)
        second = cached_part(request, access, "test", form)
        self.assertEqual(len(made), 1)  # rendered once, kept
        tokens = re.compile(r'name="(?:o12-)?once" value="([\w-]+)"')
        self.assertEqual(len(tokens.findall(first)), 2)
        self.assertEqual(set(tokens.findall(first)) & set(tokens.findall(second)), set())
        self.assertNotIn('value="abc"', first + second)
        self.assertIn('name="version" value="3"', second)


class DecisionPageCacheTestCase(PageCacheTestCase):
    """The decision page keeps its part the same way; its create forms (a choice,
    a pro or con) get new one-time tokens on every look."""

    def setUp(self):
        super().setUp()
        from samenplan.decisions.models import Decision

        self.decision = Decision.objects.get(family=self.bakker, question__startswith="Gaat Sem")
        self.url = reverse("decisions:detail", args=[self.bakker.pk, self.decision.pk])

    def test_a_second_look_costs_fewer_queries_and_shows_the_same(self):
        one, two, _queries = self.two_looks(saved=8)
        once = re.compile(r'name="(?:[\w-]+-)?once" value="([^"]+)"')
        self.assertTrue(once.findall(one))
        self.assertEqual(set(once.findall(one)) & set(once.findall(two)), set())

    def test_a_write_through_the_app_is_seen_by_everyone_on_their_next_look(self):
        for key in self.people:
            self.page(key)
        response = self.clients["sanne"].post(
            reverse("decisions:option_add", args=[self.bakker.pk, self.decision.pk]),
            {"text": "Eerst een keer gaan kijken"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertIn("Eerst een keer gaan kijken", self.page("noor"))
        self.page("sanne")  # shows the "saved" message once, outside the kept part
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_row_saved_outside_the_actions_is_seen_too(self):
        from samenplan.decisions.models import Option

        for key in self.people:
            self.page(key)
        Option.objects.create(
            family=self.bakker, decision=self.decision, text="Oma vragen", created_by=self.sanne
        )
        self.assertIn("Oma vragen", self.page("sanne"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_second_browser_of_the_same_person_gets_forms_that_work(self):
        phone = Client(enforce_csrf_checks=True)
        laptop = Client(enforce_csrf_checks=True)
        for client in (phone, laptop):
            client.force_login(self.sanne)
        phone.get(self.url)
        html = laptop.get(self.url).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = laptop.post(
            reverse("decisions:option_add", args=[self.bakker.pk, self.decision.pk]),
            {"csrfmiddlewaretoken": token, "text": "Nog een keuze"},
        )
        self.assertEqual(response.status_code, 302)

    def test_the_chosen_language_has_its_own_part(self):
        self.assert_english_after_dutch("De keuzes")


class TimelinePageCacheTestCase(PageCacheTestCase):
    """The plan's timeline keeps its part per filter and page the same way."""

    def setUp(self):
        super().setUp()
        self.url = reverse("plan:timeline", args=[self.bakker.pk])

    def test_a_second_look_costs_fewer_queries_and_shows_the_same(self):
        self.two_looks(saved=3)

    def test_a_write_through_the_app_is_seen_by_everyone_on_their_next_look(self):
        for key in self.people:
            self.page(key)
        step = Step.objects.filter(
            family=self.bakker, owner__user=self.sanne, done_at__isnull=True
        ).first()
        response = self.clients["sanne"].post(
            reverse("plan:step_done", args=[self.bakker.pk, step.pk]), {"seen": step.version}
        )
        self.assertEqual(response.status_code, 302)
        self.page("sanne")  # the "saved" message, outside the kept part
        self.assertIn(step.text, self.page("noor"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_each_filter_and_page_has_its_own_part(self):
        everything = self.page("sanne")
        self.url += "?soort=step"
        steps_only = self.page("sanne")
        self.assertNotEqual(without_tokens(everything), without_tokens(steps_only))
        self.assertEqual(without_tokens(steps_only), without_tokens(self.fresh_page("sanne")))

    def test_a_row_saved_outside_the_actions_is_seen_too(self):
        for key in self.people:
            self.page(key)
        goal = Goal.objects.filter(family=self.bakker, status="accepted").first()
        Goal.objects.filter(pk=goal.pk).update(text="Rustige ochtenden, ook in het weekend")
        goal.refresh_from_db()
        goal.save()  # a save outside the actions raises the version too
        self.assertIn("Rustige ochtenden, ook in het weekend", self.page("sanne"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_second_browser_of_the_same_person_gets_forms_that_work(self):
        html = self.page("sanne")
        self.assertIn('name="soort"', html)  # the filter form (a GET form)

    def test_the_chosen_language_has_its_own_part(self):
        self.assert_english_after_dutch("Tijdlijn van ons plan")


class CareteamPageCacheTestCase(PageCacheTestCase):
    """ "Wie doet wat" keeps its part the same way, but no longer than until an
    unanswered critical report turns red or the next meeting starts."""

    def setUp(self):
        super().setUp()
        self.url = reverse("careteam:overview", args=[self.bakker.pk])

    def test_a_second_look_costs_fewer_queries_and_shows_the_same(self):
        self.two_looks(saved=10)

    def test_a_write_through_the_app_is_seen_by_everyone_on_their_next_look(self):
        from samenplan.careteam.models import ReportBack

        for key in self.people:
            self.page(key)
        school = ReportBack.objects.get(family=self.bakker, participant__user=self.eva)
        response = self.clients["eva"].post(
            reverse("careteam:report_back_done", args=[self.bakker.pk, school.pk]),
            {"text": "De mentor belt Sanne volgende week."},
        )
        self.assertEqual(response.status_code, 302)
        self.page("eva")  # the "saved" message, outside the kept part
        self.assertIn("De mentor belt Sanne volgende week.", self.page("sanne"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_row_saved_outside_the_actions_is_seen_too(self):
        from samenplan.careteam.models import PhaseNeed

        for key in self.people:
            self.page(key)
        PhaseNeed.objects.create(
            family=self.bakker,
            phase="hulp",
            who="Een buurtsportcoach",
            why="Sem wil sporten",
            created_by=self.sanne,
        )
        self.assertIn("Een buurtsportcoach", self.page("sanne"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_an_alarm_shows_the_moment_it_goes_off_without_a_write(self):
        from datetime import datetime, timedelta
        from zoneinfo import ZoneInfo

        import time_machine

        from samenplan.careteam.models import Report, ReportBack

        # A Wednesday at noon: a report sent on Tuesday at 12:02 is due at 12:02.
        noon = datetime(2026, 12, 2, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
        school = ReportBack.objects.get(family=self.bakker, participant__user=self.eva)
        Report.objects.create(
            family=self.bakker,
            report_back=school,
            author=self.eva,
            text="Noor was vandaag niet op school.",
            critical=True,
            created_at=noon - timedelta(days=1) + timedelta(minutes=2),
        )
        alarm = "Nog niet ontvangen, na een werkdag"
        with time_machine.travel(noon, tick=False) as clock:
            self.clients["sanne"].force_login(self.sanne)
            self.assertNotIn(alarm, self.page("sanne"))
            self.assertNotIn(alarm, self.page("sanne"))  # kept
            clock.move_to(noon + timedelta(minutes=3))
            self.assertIn(alarm, self.page("sanne"))

    def test_the_chosen_language_has_its_own_part(self):
        self.assert_english_after_dutch("<h1>Wie doet wat</h1>")


class EmptyFormCacheTestCase(PageCacheTestCase):
    """An empty form's fields ({% form_fields %}) are kept the same way; a form
    that holds what someone sent is always made anew."""

    people = tuple(key for key in BAKKER if key != "joke")  # a client supporter adds no steps

    def setUp(self):
        super().setUp()
        self.url = reverse("plan:step_new", args=[self.bakker.pk])

    def test_a_second_look_costs_fewer_queries_and_shows_the_same(self):
        one, two, _queries = self.two_looks(saved=1)
        once = re.compile(r'name="once" value="([^"]+)"')
        self.assertEqual(len(once.findall(one)), 1)
        self.assertNotEqual(once.findall(one), once.findall(two))

    def test_a_write_through_the_app_is_seen_by_everyone_on_their_next_look(self):
        for key in self.people:
            self.page(key)
        response = self.clients["sanne"].post(
            reverse("plan:goal_new", args=[self.bakker.pk]),
            {"text": "Sem leert zwemmen", "domain": "vrije_tijd"},
        )
        self.assertEqual(response.status_code, 302)
        self.page("sanne")  # the "saved" message, outside the kept fields
        self.assertIn("Sem leert zwemmen", self.page("sanne"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_each_starting_value_has_its_own_fields(self):
        goal = Goal.objects.filter(family=self.bakker, status="accepted").last()
        plain = self.page("sanne")
        self.url += f"?doel={goal.pk}"
        for_goal = self.page("sanne")
        chosen = f'<option value="{goal.pk}" selected>'
        self.assertNotIn(chosen, plain)
        self.assertIn(chosen, for_goal)

    def test_a_form_with_errors_shows_what_was_typed(self):
        self.page("sanne")  # the empty form is kept
        response = self.clients["sanne"].post(
            self.url, {"text": "Zwemtas inpakken", "due_date": "morgen"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Zwemtas inpakken", status_code=400)
        self.assertNotIn("Zwemtas inpakken", self.page("sanne"))

    def test_a_second_browser_of_the_same_person_gets_forms_that_work(self):
        phone = Client(enforce_csrf_checks=True)
        laptop = Client(enforce_csrf_checks=True)
        for client in (phone, laptop):
            client.force_login(self.sanne)
        phone.get(self.url)
        html = laptop.get(self.url).content.decode()
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|once)" value="([^"]+)"', html))
        response = laptop.post(
            self.url,
            {**fields, "text": "Zwemtas inpakken", "owner": self.p["sanne"].pk},
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Step.objects.filter(family=self.bakker, text="Zwemtas inpakken").exists())

    def test_the_chosen_language_has_its_own_part(self):
        self.assert_english_after_dutch("Wie uit ons netwerk helpt mee?")


class ChildPagesCacheTestCase(SamenplanTestCase):
    """Stem van het kind and Mijn plan keep their part the same way; a phone in
    kindmodus never gets the grown-up's part."""

    def setUp(self):
        give_totp(self.eva)
        self.clients = {}
        for key in ("sanne", "eva"):
            self.clients[key] = Client()
            self.clients[key].force_login(getattr(self, key))
        sem = self.m["sem"]
        self.urls = [
            reverse("families:child_voice", args=[self.bakker.pk, sem.pk]),
            reverse("plan:mine", args=[self.bakker.pk, sem.pk]),
        ]

    def look(self, key, url, fresh=False) -> str:
        with override_settings(PAGE_CACHE_SECONDS=0 if fresh else settings.PAGE_CACHE_SECONDS):
            response = self.clients[key].get(url)
        self.assertEqual(response.status_code, 200)
        return without_tokens(response.content.decode())

    def test_a_second_look_costs_fewer_queries_and_what_sem_says_shows_next(self):
        from samenplan.plan.models import ChildWord

        for url in self.urls:
            with self.subTest(url=url):
                self.look("sanne", url)
                with CaptureQueriesContext(connection) as first:
                    one = self.look("sanne", url, fresh=True)
                with CaptureQueriesContext(connection) as second:
                    two = self.look("sanne", url)
                self.assertLess(len(second), len(first) - 2)
                self.assertEqual(one, two)
        ChildWord.objects.create(
            family=self.bakker,
            member=self.m["sem"],
            face="blij",
            text="Ik vind zwemmen leuk",
            author=self.sanne,
        )
        for url in self.urls:
            for key in ("sanne", "eva"):
                with self.subTest(url=url, persona=key):
                    kept = self.look(key, url)
                    self.assertIn("Ik vind zwemmen leuk", kept)
                    self.assertEqual(kept, self.look(key, url, fresh=True))

    def test_a_phone_in_kindmodus_has_its_own_part(self):
        from django.test import RequestFactory

        from samenplan.families.access import FamilyAccess
        from samenplan.families.versions import cached_part

        request = RequestFactory().get("/")
        seat = {"family": self.bakker, "participant": self.p["sanne"], "members": []}
        grown_up = FamilyAccess(**seat, request=request)
        phone = FamilyAccess(**seat, request=request, child_member_id=self.m["sem"].pk)
        self.assertEqual(
            cached_part(request, grown_up, "mine", lambda: "Sanne's part"), "Sanne's part"
        )
        self.assertEqual(cached_part(request, phone, "mine", lambda: "Sem's part"), "Sem's part")
        self.assertEqual(
            cached_part(request, grown_up, "mine", lambda: "made again"), "Sanne's part"
        )


class KeptFormLayoutTestCase(PageCacheTestCase):
    """A form with its own layout ({% kept form %}, here "Wie zijn wij") is kept the
    same way; what someone sent comes back as they typed it."""

    people = ("sanne", "youssef")

    def setUp(self):
        super().setUp()
        self.url = reverse("network:about_us_edit", args=[self.bakker.pk])

    def test_a_second_look_costs_fewer_queries_and_shows_the_same(self):
        self.two_looks(saved=1)

    def test_a_write_through_the_app_is_seen_by_everyone_on_their_next_look(self):
        html = self.page("sanne")
        version = re.search(r'name="version" value="(\d+)"', html).group(1)
        response = self.clients["sanne"].post(
            self.url,
            {"version": version, "audience": "family", "daily_life": "Wij fietsen graag samen"},
        )
        self.assertEqual(response.status_code, 302)
        self.page("sanne")  # the "saved" message, outside the kept fields
        self.assertIn("Wij fietsen graag samen", self.page("youssef"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_stale_save_shows_what_was_typed(self):
        self.page("sanne")
        response = self.clients["sanne"].post(
            self.url, {"version": "999", "audience": "family", "daily_life": "Zondag pannenkoeken"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Zondag pannenkoeken", status_code=400)
        self.assertNotIn("Zondag pannenkoeken", self.page("sanne"))

    def test_a_row_saved_outside_the_actions_is_seen_too(self):
        from samenplan.families.models import Member

        for key in self.people:
            self.page(key)
        Member.objects.create(family=self.bakker, name="Lotte Bakker", relation="kind")
        self.assertIn("Lotte", self.page("sanne"))
        self.assert_everyone_sees_the_family_as_it_is()

    def test_a_second_browser_of_the_same_person_gets_forms_that_work(self):
        self.assertIn('name="version"', self.page("sanne"))

    def test_one_persons_part_is_never_shown_to_another(self):
        self.page("sanne")
        self.assertEqual(
            without_tokens(self.page("youssef")), without_tokens(self.fresh_page("youssef"))
        )

    def test_the_chosen_language_has_its_own_part(self):
        self.assert_english_after_dutch("Wie mag dit lezen?")


class AccessLogFiltersTestCase(SamenplanTestCase):
    """The access log keeps only its empty filter form; a new name is in it on the
    next look, and a filtered log is always made anew."""

    def test_a_new_person_at_the_table_is_in_the_kept_filter_form(self):
        from samenplan.builders import user
        from samenplan.families.models import Participant

        self.client.force_login(self.sanne)
        url = reverse("families:access_log", args=[self.bakker.pk])
        self.assertNotIn("Tante Fatma", self.client.get(url).content.decode())
        Participant.objects.create(
            family=self.bakker, user=user("fatma@example.org", "Tante Fatma"), role="network"
        )
        self.assertIn('<option value="Tante Fatma">', self.client.get(url).content.decode())
        filtered = self.client.get(url, {"who": "Tante Fatma"}).content.decode()
        self.assertIn('<option value="Tante Fatma" selected>', filtered)
        self.assertIn('<details class="card fold" open>', filtered)
