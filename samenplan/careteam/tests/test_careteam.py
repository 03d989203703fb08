"""Wie doet wat: the family's maximum, the coordinator, role cards, meetings, safety,
report-backs and independent support."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from samenplan.audit.models import AuditEvent
from samenplan.careteam import actions
from samenplan.careteam.models import (
    CoordinatorChange,
    Meeting,
    ReportBack,
    RoleCard,
    SafetyScenario,
    TableChoice,
)
from samenplan.families import table
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Invitation, Member, Participant
from samenplan.lib.errors import ActionError
from samenplan.plan.models import Goal, HelpQuestion, Step
from samenplan.test import CONFIRMED, SamenplanTestCase, give_totp


def access_of(participant) -> FamilyAccess:
    members = list(Member.objects.filter(family_id=participant.family_id))
    return FamilyAccess(family=participant.family, participant=participant, members=members)


class CareteamTestCase(SamenplanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for key in ("eva", "martijn", "bram", "joke", "lotte"):
            give_totp(getattr(cls, key))
        cls.past = Meeting.objects.filter(family=cls.bakker).order_by("starts_at").first()
        cls.coming = Meeting.objects.filter(family=cls.bakker).order_by("starts_at").last()

    def url(self, name, *args, family=None):
        return reverse(f"careteam:{name}", args=[(family or self.bakker).pk, *args])

    def writes(self, data):
        return AuditEvent.objects.filter(data=data).exclude(action="view").count()


class MaximumTestCase(CareteamTestCase):
    invite = {"name": "Lotte Bos", "email": "lotte@example.org", "role": "professional"}

    def test_the_bakker_table_is_at_its_maximum(self):
        self.assertEqual(table.professionals_at_table(self.bakker.pk), 3)
        self.assertEqual(self.bakker.professional_limit, 3)

    def test_inviting_a_fourth_professional_asks_the_family_to_choose(self):
        self.login(self.sanne)
        response = self.client.post(reverse("families:invite", args=[self.bakker.pk]), self.invite)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Dan zitten er 4 professionals aan tafel", status_code=400)
        self.assertContains(response, "Lotte Bos", status_code=400)  # what was typed stays
        self.assertFalse(Invitation.objects.filter(email="lotte@example.org").exists())

    def test_keeping_the_table_small_is_recorded_and_nobody_is_invited(self):
        self.login(self.sanne)
        response = self.client.post(
            reverse("families:invite", args=[self.bakker.pk]),
            {**self.invite, "choice": "keep_small", "choice_reason": "Eva doet dit al."},
        )
        self.assertRedirects(response, self.url("overview"))
        self.assertFalse(Invitation.objects.filter(email="lotte@example.org").exists())
        choice = TableChoice.objects.get(family=self.bakker, about="Lotte Bos")
        self.assertEqual((choice.choice, choice.count, choice.limit), ("keep_small", 4, 3))
        self.assertEqual(self.writes("table_choice"), 1)
        page = self.client.get(self.url("overview"))
        self.assertContains(page, "Eva doet dit al.")

    def test_choosing_more_invites_and_is_recorded(self):
        self.login(self.sanne)
        self.client.post(
            reverse("families:invite", args=[self.bakker.pk]), {**self.invite, "choice": "more"}
        )
        self.assertTrue(Invitation.objects.filter(email="lotte@example.org").exists())
        self.assertTrue(TableChoice.objects.filter(about="Lotte Bos", choice="more").exists())

    def test_the_network_is_never_counted(self):
        self.login(self.sanne)
        response = self.client.post(
            reverse("families:invite", args=[self.bakker.pk]),
            {"name": "Petra", "email": "petra@example.org", "role": "network"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(TableChoice.objects.filter(about="Petra").exists())

    def test_a_meeting_with_more_professionals_asks_to_choose(self):
        self.login(self.eva)
        start = timezone.localdate() + timedelta(days=20)
        data = {
            "date": start.isoformat(),
            "time": "10:00",
            "minutes": "60",
            "place_kind": "thuis",
            "phase": "hulp",
            "invited": [self.p[k].pk for k in ("sanne", "eva", "martijn", "joke")],
            "guests": "Sophie, school",
            "guest_professionals": "1",
        }
        response = self.client.post(self.url("meeting_new"), data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Dan zitten er 4 professionals", status_code=400)
        response = self.client.post(self.url("meeting_new"), {**data, "choice": "more"})
        meeting = Meeting.objects.get(family=self.bakker, guests="Sophie, school")
        self.assertRedirects(response, self.url("meeting", meeting.pk))
        self.assertTrue(TableChoice.objects.filter(meeting=meeting, choice="more").exists())
        response = self.client.post(self.url("meeting_new"), {**data, "choice": "keep_small"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Haal dan iemand van de lijst", status_code=400)

    def test_the_family_sets_its_maximum(self):
        self.login(self.sanne)
        version = self.bakker.version
        self.client.post(
            self.url("phases"), {"phase": "hulp", "professional_limit": "4", "version": version}
        )
        self.bakker.refresh_from_db()
        self.assertEqual((self.bakker.phase, self.bakker.professional_limit), ("hulp", 4))
        response = self.client.post(
            self.url("phases"),
            {"phase": "hulp", "professional_limit": "0", "version": self.bakker.version},
        )
        self.assertEqual(response.status_code, 400)


class CoordinatorTestCase(CareteamTestCase):
    def coordinators(self):
        return list(
            Participant.objects.filter(family=self.bakker, is_coordinator=True).values_list(
                "user__name", flat=True
            )
        )

    def test_a_parent_hands_the_coordination_to_youssef_and_it_is_recorded(self):
        self.login(self.sanne)
        self.client.post(self.url("coordinator", self.p["youssef"].pk), CONFIRMED)
        self.assertEqual(self.coordinators(), ["Youssef El Idrissi"])
        change = CoordinatorChange.objects.filter(family=self.bakker).first()
        self.assertEqual(
            (change.previous, change.participant), (self.p["sanne"], self.p["youssef"])
        )
        self.assertEqual(self.writes("coordinator"), 1)

    def test_the_youth_can_be_the_coordinator(self):
        actions.coordinator_set(access=access_of(self.p["sanne"]), participant=self.p["noor"])
        self.assertEqual(self.coordinators(), ["Noor Bakker"])

    def test_a_client_supporter_is_never_the_coordinator(self):
        with self.assertRaises(ActionError):
            actions.coordinator_set(access=access_of(self.p["sanne"]), participant=self.p["joke"])
        self.assertEqual(self.coordinators(), ["Sanne Bakker"])

    def test_a_youth_of_15_and_a_professional_do_not_choose_the_coordinator(self):
        for user in (self.noor, self.eva, self.ria, self.joke):
            self.login(user)
            response = self.client.post(self.url("coordinator", self.p["martijn"].pk))
            self.assertEqual(response.status_code, 403)
        self.assertEqual(self.coordinators(), ["Sanne Bakker"])

    def test_a_coordinator_from_the_network_manages_the_table_but_decides_nothing(self):
        actions.coordinator_set(access=access_of(self.p["sanne"]), participant=self.p["ria"])
        self.login(self.ria)
        self.assertEqual(
            self.client.get(reverse("families:invite", args=[self.bakker.pk])).status_code, 200
        )
        proposal = Goal.objects.get(family=self.bakker, status="proposed", replaces__isnull=True)
        response = self.client.post(
            reverse("plan:proposal_accept", args=[self.bakker.pk, "goal", proposal.pk])
        )
        self.assertEqual(response.status_code, 403)


class ClientSupporterTestCase(CareteamTestCase):
    def test_a_client_supporter_can_approve_or_decide_nothing(self):
        self.login(self.joke)
        family = self.bakker.pk
        proposal = Goal.objects.get(family=self.bakker, status="proposed", replaces__isnull=True)
        from samenplan.decisions.models import Decision

        decision = Decision.objects.get(family=self.bakker, question__startswith="Gaat Sem")
        refused = [
            reverse("plan:proposal_accept", args=[family, "goal", proposal.pk]),
            reverse("careteam:meeting_confirm", args=[family, self.past.pk]),
            reverse("careteam:safety_agree", args=[family, SafetyScenario.objects.get().pk]),
            reverse("careteam:coordinator", args=[family, self.p["joke"].pk]),
            reverse("decisions:assent_yes", args=[family, decision.pk]),
            reverse("families:consent_give", args=[family, self.p["martijn"].pk]),
            reverse("careteam:meeting_new", args=[family]),
            reverse("decisions:decide", args=[family, decision.pk]),
        ]
        for url in refused:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url).status_code, 403)
        # Joke sees what the family shares: the table, the meetings, the support.
        for name in ("overview", "meetings", "safety", "support"):
            self.assertEqual(self.client.get(self.url(name)).status_code, 200)

    def test_a_client_supporter_is_not_made_party_to_a_safety_scenario(self):
        with self.assertRaises(ActionError):
            actions.scenario_create(
                access=access_of(self.p["eva"]),
                if_text="Als",
                then_text="dan",
                concerned=[self.p["joke"]],
            )


class RoleCardTestCase(CareteamTestCase):
    def test_the_family_sees_who_has_not_introduced_themselves(self):
        self.login(self.sanne)
        page = self.client.get(self.url("overview"))
        self.assertContains(page, "Heeft zich nog niet voorgesteld.")  # Joke
        self.assertContains(page, "Nog 1 deel niet ingevuld.")  # Martijn's ending
        self.assertContains(page, "Jullie hulpvraag is veranderd sinds deze rolkaart")

    def test_a_professional_writes_a_role_card_and_a_stale_save_is_refused(self):
        self.login(self.martijn)
        card = RoleCard.objects.get(participant=self.p["martijn"])
        data = {
            "version": card.version,
            "work": card.work,
            "my_part": card.my_part,
            "authority": card.authority,
            "on_worry": card.on_worry,
            "needs": card.needs,
            "ending": "Als de ochtenden drie weken rustig gaan.",
            "reachability": card.reachability,
        }
        self.assertEqual(self.client.post(self.url("role_card"), data).status_code, 302)
        card.refresh_from_db()
        self.assertTrue(card.is_complete)
        self.assertEqual(
            card.help_question,
            HelpQuestion.objects.filter(family=self.bakker, status="accepted")
            .order_by("-decided_at")
            .first(),
        )
        response = self.client.post(self.url("role_card"), {**data, "work": "Iets anders"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Twee versies", status_code=400)
        self.assertEqual(self.writes("role_card"), 1)

    def test_only_professionals_have_a_role_card(self):
        with self.assertRaises(PermissionDenied):
            actions.role_card_write(access=access_of(self.p["sanne"]), expected_version=None)


class MeetingTestCase(CareteamTestCase):
    def test_the_familys_points_come_first_on_the_agenda(self):
        self.login(self.eva)
        self.client.post(self.url("agenda_add", self.coming.pk), {"text": "Punt van Eva"})
        self.login(self.youssef)
        self.client.post(self.url("agenda_add", self.coming.pk), {"text": "Punt van Youssef"})
        page = self.client.get(self.url("meeting", self.coming.pk)).content.decode()
        self.assertLess(page.index("Punt van Youssef"), page.index("Punt van Eva"))

    def test_the_family_confirms_or_corrects_the_summary(self):
        Meeting.objects.filter(pk=self.coming.pk).update(
            starts_at=timezone.now() - timedelta(hours=1)
        )
        self.login(self.eva)
        response = self.client.post(
            self.url("meeting_summary", self.coming.pk),
            {"version": self.coming.version, "summary": "We spraken over school.", "notes": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.login(self.ria)
        self.assertEqual(
            self.client.post(self.url("meeting_confirm", self.coming.pk)).status_code, 403
        )
        self.login(self.youssef)
        self.coming.refresh_from_db()
        seen = self.coming.version
        self.client.post(
            self.url("meeting_correct", self.coming.pk), {"correction": "", "seen": seen}
        )
        self.coming.refresh_from_db()
        self.assertEqual(self.coming.summary_status, "waiting")  # a correction needs words
        self.client.post(
            self.url("meeting_correct", self.coming.pk),
            {"correction": "Ik was er ook bij.", "seen": seen},
        )
        self.coming.refresh_from_db()
        self.assertEqual(self.coming.summary_status, "corrected")
        self.login(self.sanne)
        page = self.client.get(self.url("meeting", self.coming.pk))
        self.assertContains(page, "Ik was er ook bij.")

    def test_a_confirmed_summary_that_changes_is_asked_again(self):
        self.login(self.eva)
        self.client.post(
            self.url("meeting_summary", self.past.pk),
            {"version": self.past.version, "summary": "Nieuwe tekst.", "notes": ""},
        )
        self.past.refresh_from_db()
        self.assertEqual((self.past.summary_status, self.past.confirmed_by), ("waiting", None))

    def test_the_ics_holds_the_familys_name_time_and_place_and_nothing_of_the_plan(self):
        self.login(self.noor)
        response = self.client.get(self.url("meeting_ics", self.coming.pk))
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        event = Calendar.from_ical(response.content).walk("VEVENT")[0]
        self.assertEqual(event.decoded("dtstart"), self.coming.starts_at)
        self.assertEqual(event.decoded("dtend") - event.decoded("dtstart"), timedelta(minutes=45))
        self.assertIn("Wijkcentrum De Linde", str(event.get("location")))
        self.assertEqual(str(event.get("summary")), "Overleg Gezin Bakker (Samenplan)")
        text = response.content.decode()
        for private in ("Noor", "halve dagen", "school"):
            self.assertNotIn(private, text)
        self.assertEqual(AuditEvent.objects.filter(action="export", data="meeting").count(), 1)

    def test_a_meeting_at_home_without_an_address_says_whose_home(self):
        Meeting.objects.filter(pk=self.coming.pk).update(place_kind="thuis", place="")
        self.login(self.eva)
        response = self.client.get(self.url("meeting_ics", self.coming.pk))
        event = Calendar.from_ical(response.content).walk("VEVENT")[0]
        self.assertEqual(str(event.get("location")), "Thuis bij Gezin Bakker")

    def test_a_step_made_in_a_meeting_goes_into_the_plan(self):
        self.login(self.sanne)
        response = self.client.post(
            reverse("plan:step_new", args=[self.bakker.pk]) + f"?overleg={self.past.pk}",
            {"text": "Sanne belt de school", "owner": self.p["sanne"].pk},
        )
        self.assertRedirects(response, self.url("meeting", self.past.pk))
        step = Step.objects.get(text="Sanne belt de school")
        self.assertEqual(step.meeting, self.past)
        page = self.client.get(self.url("meeting", self.past.pk))
        self.assertContains(page, "Sanne belt de school")


class SafetyAndReportsTestCase(CareteamTestCase):
    def test_a_safety_scenario_is_agreed_by_everyone_concerned(self):
        self.login(self.eva)
        response = self.client.post(
            self.url("safety_new"),
            {
                "if_text": "Als Noor niet thuiskomt",
                "then_text": "dan belt Sanne Fleur",
                "concerned": [self.p["eva"].pk, self.p["sanne"].pk],
            },
        )
        self.assertRedirects(response, self.url("safety"))
        # "Als" and "dan" are on the page already: they are not stored twice.
        scenario = SafetyScenario.objects.get(
            if_text="Noor niet thuiskomt", then_text="belt Sanne Fleur"
        )
        self.login(self.sanne)
        self.client.post(self.url("safety_agree", scenario.pk), {"seen": scenario.version})
        page = self.client.get(self.url("safety"))
        self.assertContains(page, "Iedereen heeft ja gezegd.")
        self.login(self.noor)  # everyone at the table sees it
        self.assertContains(self.client.get(self.url("safety")), "Noor niet thuiskomt")

    def test_a_late_report_back_shows_in_the_plan_until_it_is_done(self):
        self.login(self.sanne)
        plan = self.client.get(reverse("plan:plan", args=[self.bakker.pk]))
        self.assertContains(plan, "Terugkoppeling te laat")
        self.assertContains(plan, "Martijn Smit: Hoe de ochtenden gaan")
        report = ReportBack.objects.get(participant=self.p["martijn"])
        self.login(self.eva)
        self.assertEqual(self.client.post(self.url("report_back_done", report.pk)).status_code, 403)
        self.login(self.martijn)
        response = self.client.post(self.url("report_back_done", report.pk), {"text": ""})
        self.assertContains(response, "Dit veld is verplicht", status_code=400)
        self.client.post(
            self.url("report_back_done", report.pk), {"text": "De ochtenden gaan beter."}
        )
        report.refresh_from_db()
        self.assertGreater(report.next_due, timezone.localdate())
        self.login(self.sanne)
        plan = self.client.get(reverse("plan:plan", args=[self.bakker.pk]))
        self.assertNotContains(plan, "Terugkoppeling te laat")

    def test_a_professional_agrees_a_report_back(self):
        self.login(self.martijn)
        response = self.client.post(
            self.url("report_back_new"),
            {
                "what": "Hoe Sem slaapt",
                "to_whom": "Sanne",
                "every_weeks": "3",
                "next_due": (timezone.localdate() + timedelta(days=5)).isoformat(),
            },
        )
        self.assertRedirects(response, self.url("overview"))
        self.assertEqual(self.writes("report_back"), 1)


class SupportTestCase(CareteamTestCase):
    def test_the_directory_lists_support_in_the_familys_municipality(self):
        self.login(self.sanne)
        page = self.client.get(self.url("support"))
        self.assertContains(page, "AKJ, vertrouwenspersoon jeugdhulp")
        self.assertContains(page, "Buddyproject Oosterveld")
        # Joke is already at the table: no invitation is offered for her.
        self.assertNotContains(page, "Joke Mulder uitnodigen")

    def test_the_invitation_form_is_filled_in_from_the_directory(self):
        self.login(self.sanne)
        url = reverse("families:invite", args=[self.bakker.pk])
        page = self.client.get(
            url + "?naam=Joke+Mulder&email=joke%40example.org&rol=client_supporter"
        )
        self.assertContains(page, 'value="joke@example.org"')
        self.assertContains(
            page,
            'value="client_supporter" '
            'class="utrecht-radio-button utrecht-radio-button--html-input" '
            'required id="id_role_4" checked',
        )
