from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.families.models import Consent
from samenplan.test import SamenplanTestCase, give_totp


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
            reverse("families:participant_end", args=[(family or self.bakker).pk, participant.pk])
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
            r"Eva de Vries \(Wijkteam Oost\) bekeek op \d+ \w+ om \d\d:\d\d de gezinspagina",
        )
        self.assertContains(response, "Martijn Smit (Jeugdhulp De Brug) bekeek op ")

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

    def test_it_pages_a_long_log(self):
        AuditEvent.objects.bulk_create(
            AuditEvent(
                actor_name="Eva de Vries", family=self.bakker, data="family_home", action="view"
            )
            for _ in range(120)
        )
        self.login(self.sanne)
        url = reverse("families:access_log", args=[self.bakker.pk])
        response = self.client.get(url)
        self.assertContains(response, "Pagina 1 van 3")
        response = self.client.get(url + "?pagina=99")
        self.assertContains(response, "Pagina 3 van 3")
        response = self.client.get(url + "?pagina=<script>")
        self.assertEqual(response.status_code, 200)
