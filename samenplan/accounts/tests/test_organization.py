from django.core import mail
from django.urls import reverse

from samenplan.accounts.models import Professional, User
from samenplan.audit.models import AuditEvent
from samenplan.test import SamenplanTestCase, give_totp


class OrganizationTestCase(SamenplanTestCase):
    def setUp(self):
        give_totp(self.admin)
        self.login(self.admin)

    def test_it_lists_only_the_organisations_professionals(self):
        response = self.client.get(reverse("accounts:organization"))
        self.assertContains(response, "Lotte Bos")
        self.assertContains(response, "Eva de Vries")
        self.assertNotContains(response, "Martijn Smit")

    def test_it_shows_no_family_content(self):
        response = self.client.get(reverse("accounts:organization"))
        for name in ("Gezin Bakker", "Sanne", "Noor", "De Groot"):
            self.assertNotContains(response, name)
        response = self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.assertEqual(response.status_code, 404)

    def test_it_creates_a_professional_account(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("accounts:organization"),
                {
                    "name": "Hanna Amrani",
                    "email": "Hanna@Example.org",
                    "function": "Medewerker wijkteam",
                    "phone": "",
                    "reachability": "Ma-do",
                },
            )
        self.assertRedirects(response, reverse("accounts:organization"))
        user = User.objects.get(email="hanna@example.org")
        self.assertFalse(user.has_usable_password())
        self.assertEqual(user.professional.organization, self.wijkteam)
        self.assertEqual(len(mail.outbox), 1)
        self.assertNotIn("Hanna", mail.outbox[0].body)
        event = AuditEvent.objects.get(data="professional", action="create")
        self.assertEqual(
            (event.actor, event.role, event.organization),
            (self.admin, "org_admin", "Wijkteam Oost"),
        )
        self.assertIsNone(event.family)

    def test_it_keeps_the_input_when_the_email_is_taken(self):
        response = self.client.post(
            reverse("accounts:organization"),
            {"name": "Tweede Eva", "email": "eva@example.org", "function": "Stagiair"},
        )
        self.assertContains(response, "Er is al een account met dit e-mailadres.", status_code=400)
        self.assertContains(response, 'value="Tweede Eva"', status_code=400)

    def test_it_deactivates_a_professional(self):
        profile = self.lotte.professional
        response = self.client.post(
            reverse("accounts:professional_edit", args=[profile.pk]),
            {"name": "Lotte Bos", "function": "Medewerker wijkteam", "is_active": ""},
        )
        self.assertRedirects(response, reverse("accounts:organization"))
        self.lotte.refresh_from_db()
        self.assertFalse(self.lotte.is_active)
        self.assertFalse(Professional.objects.get(pk=profile.pk).is_active)
        event = AuditEvent.objects.get(data="professional", action="update")
        self.assertEqual((event.actor, event.object_id), (self.admin, profile.pk))

    def test_it_does_not_let_the_admin_lock_themselves_out(self):
        profile = self.admin.professional
        self.client.post(
            reverse("accounts:professional_edit", args=[profile.pk]),
            {"name": "Beheerder", "function": "Beheer", "is_active": ""},
        )
        self.admin.refresh_from_db()
        self.assertTrue(self.admin.is_active)
        self.assertTrue(Professional.objects.get(pk=profile.pk).is_org_admin)

    def test_it_is_404_for_a_professional_of_another_organisation(self):
        response = self.client.get(
            reverse("accounts:professional_edit", args=[self.martijn.professional.pk])
        )
        self.assertEqual(response.status_code, 404)

    def test_it_is_403_for_a_professional_who_is_not_admin(self):
        give_totp(self.eva)
        self.login(self.eva)
        self.assertEqual(self.client.get(reverse("accounts:organization")).status_code, 403)


class MyAccountTestCase(SamenplanTestCase):
    def test_it_saves_name_and_language(self):
        self.login(self.sanne)
        response = self.client.post(
            reverse("accounts:my_account"), {"name": "Sanne B.", "language": "en"}
        )
        self.assertRedirects(response, reverse("accounts:my_account"))
        self.sanne.refresh_from_db()
        self.assertEqual((self.sanne.name, self.sanne.language), ("Sanne B.", "en"))
        response = self.client.get(reverse("families:list"))
        self.assertContains(response, "My families")

    def test_it_refuses_an_empty_name(self):
        self.login(self.sanne)
        response = self.client.post(
            reverse("accounts:my_account"), {"name": "  ", "language": "nl"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)

    def test_it_offers_log_out_everywhere(self):
        self.login(self.sanne)
        response = self.client.get(reverse("accounts:my_account"))
        self.assertContains(response, reverse("usersessions_list"))

    def test_it_switches_language_with_the_header_button(self):
        response = self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertEqual(response.cookies["django_language"].value, "en")
        self.assertContains(self.client.get("/"), "Welcome to Samenplan")

    def test_it_does_not_redirect_to_another_site(self):
        response = self.client.post(
            reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
        )
        self.assertEqual(response.url, "/")
