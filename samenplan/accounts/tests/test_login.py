import re
import time

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from samenplan.test import SamenplanTestCase, give_totp, totp_code


def code_from_mail(message) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.M)
    assert match, message.body
    return match.group(1)


class LoginByCodeTestCase(SamenplanTestCase):
    def test_it_logs_a_parent_in_with_a_code_from_the_email(self):
        response = self.client.post(
            reverse("account_request_login_code"), {"email": "sanne@example.org"}
        )
        self.assertRedirects(response, reverse("account_confirm_login_code"))
        self.assertEqual(len(mail.outbox), 1)
        self.assertNotIn("Bakker", mail.outbox[0].body)
        code = code_from_mail(mail.outbox[0])
        response = self.client.post(reverse("account_confirm_login_code"), {"code": code})
        self.assertRedirects(response, reverse("families:list"))
        response = self.client.get(reverse("families:list"))
        self.assertContains(response, "Gezin Bakker")

    def test_it_refuses_a_wrong_code_with_a_dutch_message(self):
        self.client.post(reverse("account_request_login_code"), {"email": "sanne@example.org"})
        response = self.client.post(reverse("account_confirm_login_code"), {"code": "ABCD-EFGH"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Deze inlogcode klopt niet.")
        self.assertContains(response, 'value="ABCD-EFGH"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_does_not_tell_whether_an_address_is_known(self):
        response = self.client.post(
            reverse("account_request_login_code"), {"email": "onbekend@example.org"}
        )
        self.assertRedirects(response, reverse("account_confirm_login_code"))

    def test_it_has_no_signup(self):
        response = self.client.get(reverse("account_signup"))
        self.assertNotContains(response, 'name="password1"')


class ProfessionalLoginTestCase(SamenplanTestCase):
    def login_with_password(self, email="eva@example.org"):
        return self.client.post(
            reverse("account_login"), {"login": email, "password": "samenplan-demo"}
        )

    def test_it_asks_a_professional_without_a_second_factor_to_set_one_up(self):
        response = self.login_with_password()
        self.assertRedirects(response, reverse("families:list"), fetch_redirect_response=False)
        response = self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.assertRedirects(response, reverse("mfa_activate_totp"), fetch_redirect_response=False)
        response = self.client.get(reverse("mfa_activate_totp"), follow=True)
        self.assertContains(response, "tweede stap")
        self.assertNotContains(response, "Lina")

    def test_it_asks_for_the_code_and_then_shows_the_family(self):
        secret = give_totp(self.eva)
        response = self.login_with_password()
        self.assertRedirects(response, reverse("mfa_authenticate"))
        response = self.client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        self.assertRedirects(response, reverse("families:list"), fetch_redirect_response=False)
        response = self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.assertContains(response, "Lina Bakker")

    def test_it_lets_a_professional_set_up_totp(self):
        self.login_with_password()
        response = self.client.get(reverse("mfa_activate_totp"))
        # Setting up a second factor asks for the password once more.
        self.assertRedirects(
            response,
            reverse("account_reauthenticate")
            + "?next="
            + reverse("mfa_activate_totp").replace("/", "%2F"),
        )
        self.client.post(reverse("account_reauthenticate"), {"password": "samenplan-demo"})
        response = self.client.get(reverse("mfa_activate_totp"))
        secret = response.context["form"].secret
        response = self.client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
        self.assertEqual(response.status_code, 302)
        response = self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.assertEqual(response.status_code, 200)

    def test_it_refuses_a_wrong_password_in_dutch(self):
        response = self.client.post(
            reverse("account_login"), {"login": "eva@example.org", "password": "fout"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "e-mailadres en/of wachtwoord is niet correct")
        self.assertContains(response, 'value="eva@example.org"')

    @override_settings(SAMENPLAN_REQUIRE_MFA=False)
    def test_it_does_not_require_a_second_factor_in_the_demo(self):
        self.login_with_password()
        response = self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.assertEqual(response.status_code, 200)

    def test_it_limits_failed_logins(self):
        for _ in range(6):
            response = self.client.post(
                reverse("account_login"), {"login": "eva@example.org", "password": "fout"}
            )
        self.assertContains(response, "Te veel inlogpogingen")
        # Even the right password is refused for now.
        response = self.login_with_password()
        self.assertContains(response, "Te veel inlogpogingen")


class SessionTimeoutTestCase(SamenplanTestCase):
    def age_session(self, **seconds):
        session = self.client.session
        for key, value in seconds.items():
            session[key] = int(time.time()) - value
        session.save()

    def test_it_logs_a_professional_out_after_30_minutes_idle(self):
        give_totp(self.eva)
        self.login(self.eva)
        self.age_session(sp_last=31 * 60)
        response = self.client.get(reverse("families:list"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("account_login"), response.url)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_keeps_a_parent_logged_in_after_30_minutes(self):
        self.login(self.sanne)
        self.age_session(sp_last=31 * 60)
        self.assertEqual(self.client.get(reverse("families:list")).status_code, 200)

    def test_it_logs_a_parent_out_after_8_hours_idle(self):
        self.login(self.sanne)
        self.age_session(sp_last=8 * 3600 + 60)
        self.assertEqual(self.client.get(reverse("families:list")).status_code, 302)

    def test_it_logs_a_professional_out_after_12_hours_in_all(self):
        give_totp(self.eva)
        self.login(self.eva)
        self.age_session(sp_started=12 * 3600 + 60, sp_last=60)
        self.assertEqual(self.client.get(reverse("families:list")).status_code, 302)
