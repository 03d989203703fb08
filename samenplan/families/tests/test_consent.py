import re
import zoneinfo
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.families.models import Consent
from samenplan.test import CONFIRMED, SamenplanTestCase, give_totp


class ConsentPageTestCase(SamenplanTestCase):
    def test_it_names_who_gives_consent_for_this_family(self):
        self.login(self.sanne)
        response = self.client.get(reverse("families:consent", args=[self.bakker.pk]))
        self.assertContains(response, "Youssef El Idrissi, Sanne Bakker, Noor Bakker")
        self.assertContains(response, "Mijn toestemming voor Eva de Vries intrekken")

    def test_it_shows_no_buttons_to_someone_without_a_say(self):
        self.login(self.ria)
        response = self.client.get(reverse("families:consent", args=[self.bakker.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "intrekken</button>")
        self.assertNotContains(response, "Ik geef toestemming")

    def test_it_lets_a_youth_of_17_decide_alone(self):
        self.login(self.daan)
        response = self.client.get(reverse("families:consent", args=[self.degroot.pk]))
        self.assertContains(response, "Voor jullie gezin zijn dat: <strong>Daan de Groot</strong>")


class ConsentWithdrawTestCase(SamenplanTestCase):
    def withdraw(self, user, participant):
        self.login(user)
        return self.client.post(
            reverse("families:consent_withdraw", args=[self.bakker.pk, participant.pk])
        )

    def test_it_takes_effect_at_the_next_request(self):
        give_totp(self.eva)
        home = reverse("families:home", args=[self.bakker.pk])
        self.login(self.eva)
        self.assertEqual(self.client.get(home).status_code, 200)

        response = self.withdraw(self.noor, self.p["eva"])
        self.assertRedirects(response, reverse("families:consent", args=[self.bakker.pk]))

        self.login(self.eva)
        response = self.client.get(home)
        self.assertEqual(response.status_code, 403)
        self.assertNotContains(response, "Lina", status_code=403)
        response = self.client.get(reverse("families:list"))
        self.assertContains(response, "nog geen toestemming gegeven")

    def test_it_records_who_withdrew_and_when(self):
        self.withdraw(self.noor, self.p["eva"])
        consent = Consent.objects.get(participant=self.p["eva"], member=self.m["noor"])
        self.assertIsNotNone(consent.withdrawn_at)
        self.assertEqual(consent.withdrawn_by, self.noor)
        event = AuditEvent.objects.get(action="consent_withdraw", actor=self.noor)
        self.assertEqual((event.actor, event.family, event.role), (self.noor, self.bakker, "youth"))

    def test_it_shows_the_family_who_still_has_to_consent(self):
        self.withdraw(self.youssef, self.p["martijn"])
        self.login(self.sanne)
        response = self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.assertContains(response, "Youssef El Idrissi geeft nog toestemming voor Martijn Smit.")

    def test_it_can_be_given_again(self):
        self.withdraw(self.youssef, self.p["martijn"])
        self.client.post(
            reverse("families:consent_give", args=[self.bakker.pk, self.p["martijn"].pk])
        )
        self.assertEqual(Consent.objects.active().filter(participant=self.p["martijn"]).count(), 3)

    def test_it_says_so_when_there_is_nothing_to_withdraw(self):
        self.withdraw(self.noor, self.p["eva"])
        response = self.withdraw(self.noor, self.p["eva"])
        response = self.client.get(response.url)
        self.assertContains(response, "Je had nog geen toestemming gegeven.")

    def test_it_is_403_for_someone_without_a_say(self):
        give_totp(self.eva)
        response = self.withdraw(self.eva, self.p["martijn"])
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Consent.objects.active().filter(participant=self.p["martijn"]).count(), 3)

    def test_it_is_404_for_a_participant_of_another_family(self):
        response = self.withdraw(self.sanne, self.p["bram"])
        self.assertEqual(response.status_code, 404)


class ParticipantEndTestCase(SamenplanTestCase):
    def end(self, user, participant, family=None):
        self.login(user)
        return self.client.post(
            reverse("families:participant_end", args=[(family or self.bakker).pk, participant.pk]),
            CONFIRMED,
        )

    def test_it_ends_a_professionals_seat_and_their_access(self):
        give_totp(self.martijn)
        self.end(self.sanne, self.p["martijn"])
        self.p["martijn"].refresh_from_db()
        self.assertIsNotNone(self.p["martijn"].active_to)
        self.assertTrue(AuditEvent.objects.filter(action="remove", data="participant").exists())
        self.login(self.martijn)
        response = self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.assertEqual(response.status_code, 404)

    def test_it_keeps_parents_with_authority_and_youth(self):
        for key in ("youssef", "noor"):
            response = self.end(self.sanne, self.p[key])
            response = self.client.get(response.url)
            self.assertContains(response, "blijven altijd bij hun eigen gezin")
            self.p[key].refresh_from_db()
            self.assertIsNone(self.p[key].active_to)

    def test_it_lets_the_coordinator_manage_the_table(self):
        self.p["sanne"].is_coordinator = False
        self.p["sanne"].save()
        self.p["ria"].is_coordinator = True
        self.p["ria"].save()
        response = self.end(self.ria, self.p["joke"])
        self.assertEqual(response.status_code, 302)
        self.p["joke"].refresh_from_db()
        self.assertIsNotNone(self.p["joke"].active_to)

    def test_it_is_403_for_the_network(self):
        self.assertEqual(self.end(self.ria, self.p["joke"]).status_code, 403)


class AccessLogTestCase(SamenplanTestCase):
    def test_it_tells_in_plain_words_who_looked(self):
        self.login(self.sanne)
        response = self.client.get(reverse("families:access_log", args=[self.bakker.pk]))
        self.assertRegex(
            response.content.decode(),
            r"<strong>Eva de Vries</strong> <span class=\"muted\">\(Wijkteam Oost, professional\)"
            r"</span> bekeek [^<]*de gezinspagina",
        )
        self.assertContains(response, "<strong>Martijn Smit</strong>")

    def test_it_logs_reading_the_log(self):
        self.login(self.noor)
        self.client.get(reverse("families:access_log", args=[self.bakker.pk]))
        event = AuditEvent.objects.filter(data="access_log").get()
        self.assertEqual((event.actor, event.role, event.action), (self.noor, "youth", "view"))

    def test_it_shows_only_this_familys_events(self):
        self.login(self.daan)
        response = self.client.get(reverse("families:access_log", args=[self.degroot.pk]))
        self.assertNotContains(response, "Eva de Vries")

    def test_it_marks_emergency_access(self):
        AuditEvent.objects.create(
            actor_name="Iemand van de GI",
            family=self.degroot,
            data="family_home",
            action="view",
            emergency=True,
        )
        self.login(self.daan)
        response = self.client.get(reverse("families:access_log", args=[self.degroot.pk]))
        self.assertContains(response, "Noodtoegang")
        self.assertContains(response, "log__item--emergency")

    def test_it_pages_a_long_log_by_older_than_without_counting(self):
        base = timezone.now() - timedelta(days=1)
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor_name=f"Bezoeker {n:03}",
                family=self.bakker,
                data="family_home",
                action="view",
                # Ten events share each moment: the id breaks the tie.
                at=base - timedelta(minutes=n // 10),
            )
            for n in range(120)
        )
        self.login(self.sanne)
        url = reverse("families:access_log", args=[self.bakker.pk])
        seen, link, pages = [], url + "?what=family_home", 0
        while link:
            response = self.client.get(link)
            pages += 1
            html = response.content.decode()
            seen += re.findall(r"Bezoeker \d{3}", html)
            self.assertNotIn("Pagina", html)  # no count, no "page 3 of 9"
            more = re.search(r'href="\?([^"]*ouder=[^"]*)">Eerdere regels', html)
            link = url + "?" + more.group(1).replace("&amp;", "&") if more else ""
        self.assertEqual(pages, 3)
        self.assertEqual(sorted(seen), [f"Bezoeker {n:03}" for n in range(120)])
        self.assertEqual(len(seen), len(set(seen)), "an event on two pages")
        self.assertContains(response, "Terug naar het nieuwste")

    def test_a_mangled_place_in_the_log_starts_from_the_newest(self):
        self.login(self.sanne)
        url = reverse("families:access_log", args=[self.bakker.pk])
        for value in ("<script>", "99999999999999999-1", "-1-2", "1" * 40, "12-"):
            with self.subTest(value=value):
                response = self.client.get(url, {"ouder": value})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Eva de Vries")

    def test_the_date_filter_counts_whole_days_in_dutch_time(self):
        amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
        for moment, who in (
            (datetime(2026, 3, 9, 23, 59, tzinfo=amsterdam), "Voor de dag"),
            (datetime(2026, 3, 10, 0, 0, tzinfo=amsterdam), "Om middernacht"),
            (datetime(2026, 3, 10, 23, 59, tzinfo=amsterdam), "Laat op de dag"),
            (datetime(2026, 3, 11, 0, 0, tzinfo=amsterdam), "De dag erna"),
        ):
            AuditEvent.objects.create(
                actor_name=who, family=self.bakker, data="plan", action="view", at=moment
            )
        self.login(self.sanne)
        response = self.client.get(
            reverse("families:access_log", args=[self.bakker.pk]),
            {"since": "2026-03-10", "until": "2026-03-10"},
        )
        html = response.content.decode()
        self.assertIn("Om middernacht", html)
        self.assertIn("Laat op de dag", html)
        self.assertNotIn("Voor de dag", html)
        self.assertNotIn("De dag erna", html)
