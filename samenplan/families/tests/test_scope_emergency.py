"""Consent scope, withdrawal at once, and emergency access that ends after 24 hours."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenplan.audit.models import AuditEvent
from samenplan.decisions.models import Decision
from samenplan.families.models import Consent, ConsentExclusion, EmergencyAccess
from samenplan.plan.models import Goal
from samenplan.test import SamenplanTestCase, give_totp


class ScopeTestCase(SamenplanTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        give_totp(cls.eva)
        cls.goal = Goal.objects.get(family=cls.bakker, text__startswith="Noor gaat")
        cls.decision = Decision.objects.get(family=cls.bakker, question__startswith="Gaat Sem")

    def narrow(self):
        self.login(self.sanne)
        return self.client.post(
            reverse("families:consent_scope", args=[self.bakker.pk, self.p["eva"].pk]),
            {
                "everything": "except",
                "goal": [self.goal.pk],
                "decision": [self.decision.pk],
                "family_plan": "on",
            },
        )

    def test_scoped_out_items_appear_on_no_page_for_that_participant(self):
        self.assertRedirects(self.narrow(), reverse("families:consent", args=[self.bakker.pk]))
        self.assertEqual(ConsentExclusion.objects.filter(participant=self.p["eva"]).count(), 3)
        self.login(self.eva)
        family = self.bakker.pk
        pages = [
            reverse("plan:plan", args=[family]),
            reverse("plan:timeline", args=[family]),
            reverse("decisions:list", args=[family]),
            reverse("network:timeline", args=[family]),
            reverse("network:family_plans", args=[family]),
            reverse("careteam:overview", args=[family]),
        ]
        for url in pages:
            content = self.client.get(url).content.decode()
            self.assertNotIn(self.goal.text, content, url)
            self.assertNotIn(self.decision.question, content, url)
            self.assertNotIn("Hoe zorgen we samen dat de ochtenden rustig zijn?", content, url)
        self.assertEqual(
            self.client.get(reverse("plan:goal", args=[family, self.goal.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.get(
                reverse("decisions:detail", args=[family, self.decision.pk])
            ).status_code,
            404,
        )
        # Martijn's consent is the whole plan: he still sees them.
        give_totp(self.martijn)
        self.login(self.martijn)
        self.assertContains(self.client.get(reverse("plan:plan", args=[family])), self.goal.text)

    def test_the_scope_can_be_widened_again(self):
        self.narrow()
        self.client.post(
            reverse("families:consent_scope", args=[self.bakker.pk, self.p["eva"].pk]),
            {"everything": "all"},
        )
        self.assertFalse(
            ConsentExclusion.objects.filter(participant=self.p["eva"], removed_at__isnull=True)
        )
        self.assertEqual(ConsentExclusion.objects.filter(participant=self.p["eva"]).count(), 3)
        self.login(self.eva)
        self.assertContains(
            self.client.get(reverse("plan:plan", args=[self.bakker.pk])), self.goal.text
        )

    def test_only_those_whose_consent_counts_set_the_scope(self):
        for user in (self.ria, self.eva):
            self.login(user)
            response = self.client.get(
                reverse("families:consent_scope", args=[self.bakker.pk, self.p["martijn"].pk])
            )
            self.assertEqual(response.status_code, 403)

    def test_withdrawal_stops_access_on_the_next_request_and_shows_in_the_log(self):
        self.login(self.eva)
        self.assertEqual(
            self.client.get(reverse("plan:plan", args=[self.bakker.pk])).status_code, 200
        )
        self.login(self.noor)
        self.client.post(
            reverse("families:consent_withdraw", args=[self.bakker.pk, self.p["eva"].pk])
        )
        self.login(self.eva)
        self.assertEqual(
            self.client.get(reverse("plan:plan", args=[self.bakker.pk])).status_code, 403
        )
        self.login(self.sanne)
        log = self.client.get(reverse("families:access_log", args=[self.bakker.pk]))
        self.assertContains(log, "Noor Bakker")
        self.assertContains(log, "trok toestemming in")


class EmergencyTestCase(SamenplanTestCase):
    """Bram (Wijkteam Oost) sits at the De Groot table; here Daan withdrew his consent."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        give_totp(cls.bram)
        Consent.objects.filter(participant=cls.p["bram"]).update(withdrawn_at=timezone.now())
        cls.wijkteam.safety_mandate = True
        cls.wijkteam.save()

    def open(self):
        self.login(self.bram)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                reverse("families:emergency", args=[self.degroot.pk]),
                {"reason": "Daan meldde geweld bij zijn oom; we moeten nu de afspraken nalezen."},
            )

    def test_without_consent_the_family_is_closed(self):
        self.login(self.bram)
        home = reverse("families:home", args=[self.degroot.pk])
        self.assertEqual(self.client.get(home).status_code, 403)
        page = self.client.get(reverse("families:list"))
        self.assertContains(page, "Noodtoegang vragen")

    def test_emergency_access_needs_a_reason_and_opens_for_reading(self):
        self.login(self.bram)
        response = self.client.post(
            reverse("families:emergency", args=[self.degroot.pk]), {"reason": "kort"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(EmergencyAccess.objects.filter(participant=self.p["bram"]).exists())
        self.open()
        home = reverse("families:home", args=[self.degroot.pk])
        self.assertEqual(self.client.get(home).status_code, 200)
        self.assertEqual(
            self.client.get(reverse("plan:step_new", args=[self.degroot.pk])).status_code, 403
        )
        event = AuditEvent.objects.filter(
            family=self.degroot, data="family_home", actor=self.bram
        ).first()
        self.assertTrue(event.emergency)
        # The family is told, without personal data in the e-mail.
        recipients = {address for message in mail.outbox for address in message.to}
        self.assertTrue({"anouk@example.org", "daan@example.org"} <= recipients)
        self.assertNotIn("geweld", mail.outbox[0].body)

    def test_my_families_opens_the_family_while_emergency_access_lasts(self):
        self.open()
        page = self.client.get(reverse("families:list"))
        self.assertContains(page, reverse("families:home", args=[self.degroot.pk]))
        self.assertContains(page, "Noodtoegang staat aan")
        self.assertNotContains(page, "Noodtoegang vragen")

    def test_emergency_access_expires_after_24_hours(self):
        self.open()
        access = EmergencyAccess.objects.get(participant=self.p["bram"])
        self.assertEqual(access.expires_at - access.started_at, timedelta(hours=24))
        home = reverse("families:home", args=[self.degroot.pk])
        # Ten minutes before the end it is open; one minute after, it is closed.
        shift = timedelta(hours=23, minutes=50)
        EmergencyAccess.objects.filter(pk=access.pk).update(
            started_at=access.started_at - shift, expires_at=access.expires_at - shift
        )
        self.assertEqual(self.client.get(home).status_code, 200)
        EmergencyAccess.objects.filter(pk=access.pk).update(
            started_at=access.started_at - timedelta(hours=24, minutes=1),
            expires_at=access.expires_at - timedelta(hours=24, minutes=1),
        )
        self.assertEqual(self.client.get(home).status_code, 403)

    def test_the_family_sees_it_in_red_with_the_reason(self):
        self.open()
        self.login(self.daan)
        home = self.client.get(reverse("families:home", args=[self.degroot.pk]))
        self.assertContains(home, "geweld bij zijn oom")
        log = self.client.get(
            reverse("families:access_log", args=[self.degroot.pk]) + "?emergency=on"
        )
        self.assertContains(log, "log__item--emergency")

    def test_without_a_mandate_there_is_no_emergency_access(self):
        self.wijkteam.safety_mandate = False
        self.wijkteam.save()
        self.login(self.bram)
        self.assertEqual(
            self.client.get(reverse("families:emergency", args=[self.degroot.pk])).status_code, 403
        )

    def test_an_outsider_gets_nothing(self):
        give_totp(self.lotte)
        self.login(self.lotte)
        self.assertEqual(
            self.client.get(reverse("families:emergency", args=[self.degroot.pk])).status_code, 404
        )

    def test_the_organisation_admin_sees_a_report(self):
        self.open()
        give_totp(self.admin)
        self.login(self.admin)
        page = self.client.get(reverse("accounts:organization"))
        self.assertContains(page, "Noodtoegang")
        self.assertContains(page, "Bram Visser")


class MemberEditTestCase(SamenplanTestCase):
    def test_the_family_tells_sex_and_household_and_the_genogram_follows(self):
        self.login(self.sanne)
        url = reverse("families:member_edit", args=[self.bakker.pk, self.m["lina"].pk])
        response = self.client.post(
            url,
            {
                "name": "Lina Bakker",
                "birth_date": self.m["lina"].birth_date.isoformat(),
                "sex": "x",
                "lives_in_household": "on",
                "version": self.m["lina"].version,
            },
        )
        self.assertRedirects(response, reverse("families:home", args=[self.bakker.pk]))
        page = self.client.get(reverse("network:genogram", args=[self.bakker.pk]))
        self.assertContains(
            page, f'data-key="m{self.m["lina"].pk}" data-generation="2" data-symbol="diamond"'
        )
        self.assertTrue(AuditEvent.objects.filter(action="update", object_type="member").exists())

    def test_a_birth_date_in_the_future_is_refused_and_the_name_kept(self):
        self.login(self.sanne)
        url = reverse("families:member_edit", args=[self.bakker.pk, self.m["lina"].pk])
        response = self.client.post(url, {"name": "Lientje", "birth_date": "2999-01-01"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Lientje", status_code=400)
        self.m["lina"].refresh_from_db()
        self.assertEqual(self.m["lina"].name, "Lina Bakker")

    def test_authority_is_not_changed_here(self):
        self.login(self.sanne)
        url = reverse("families:member_edit", args=[self.bakker.pk, self.m["youssef"].pk])
        self.client.post(url, {"name": "Youssef El Idrissi", "has_authority": ""})
        self.m["youssef"].refresh_from_db()
        self.assertTrue(self.m["youssef"].has_authority)
