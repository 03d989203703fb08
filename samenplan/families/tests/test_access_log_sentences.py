"""'Wie bekeek ons dossier?' reads as people tell it: per day, one line per person."""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.describe import log_days
from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder


class AccessLogSentencesTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Sara Pool")
        self.worker = self.f.professional("Eef Kok")
        self.now = timezone.now()

    def event(self, seat, action, data, minutes_ago=0, **extra):
        return AuditEvent.objects.create(
            family=self.f.family,
            actor=seat.user,
            actor_name=seat.user.name,
            role=seat.role,
            organization=seat.organization_name,
            action=action,
            data=data,
            at=self.now - timedelta(minutes=minutes_ago),
            **extra,
        )

    def log(self, **query):
        self.client.force_login(self.mother.user)
        return self.client.get(reverse("families:access_log", args=[self.f.family.pk]), query)

    def test_what_one_person_did_in_a_row_is_one_sentence(self):
        for minutes in (30, 29, 28):
            self.event(self.worker, "view", "plan", minutes)
        self.event(self.worker, "view", "goal", 27)
        self.event(self.worker, "update", "step", 26)
        response = self.log()
        self.assertContains(
            response,
            '<strong>Eef Kok</strong> <span class="muted">(Wijkteam Test, professional)</span> '
            "bekeek jullie plan (3 keer) en een doel, en wijzigde een stap.",
            html=False,
        )
        self.assertContains(response, "Vandaag")

    def test_someone_in_between_starts_a_new_line(self):
        self.event(self.worker, "view", "plan", 30)
        self.event(self.mother, "update", "goal", 20)
        self.event(self.worker, "view", "plan", 10)
        days = log_days(list(AuditEvent.objects.order_by("-at", "-id")))
        self.assertEqual(
            [line["who"] for line in days[0]["lines"]], ["Eef Kok", "Sara Pool", "Eef Kok"]
        )

    def test_each_day_has_its_own_heading_and_times_are_shown_once(self):
        self.event(self.worker, "view", "plan", 60 * 24)
        self.event(self.worker, "view", "plan", 0)
        days = log_days(
            list(AuditEvent.objects.order_by("-at", "-id")), today=timezone.localdate(self.now)
        )
        self.assertEqual([day["label"] for day in days], ["Vandaag", "Gisteren"])
        response = self.log()
        self.assertNotRegex(response.content.decode(), r"bekeek op \d")

    def test_my_own_looking_is_hidden_unless_i_ask_for_it(self):
        self.event(self.mother, "view", "plan", 5)
        self.event(self.mother, "update", "goal", 4)
        self.event(self.worker, "view", "plan", 3)
        self.assertEqual(self.sara_did(self.log()), "wijzigde een doel")
        self.assertIn("bekeek jullie plan", self.sara_did(self.log(mine="on")))

    def sara_did(self, response) -> str:
        return " / ".join(
            line["did"]
            for day in response.context["days"]
            for line in day["lines"]
            if line["who"] == "Sara Pool"
        )

    def test_choosing_myself_in_the_filter_shows_my_own_looking(self):
        self.event(self.mother, "view", "plan", 5)
        response = self.log(who="Sara Pool")
        lines = [line for day in response.context["days"] for line in day["lines"]]
        self.assertIn("bekeek jullie plan", " ".join(line["did"] for line in lines))

    def test_emergency_access_is_its_own_line_in_red(self):
        self.event(self.worker, "view", "plan", 10)
        self.event(self.worker, "view", "plan", 5, emergency=True)
        response = self.log()
        lines = [line for day in response.context["days"] for line in day["lines"]]
        self.assertEqual([line["emergency"] for line in lines], [True, False])
        self.assertContains(response, "log__item--emergency", count=1)
