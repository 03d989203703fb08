"""The way in: every login screen in our own words and look, with no dead end."""

import re

from django.core import mail
from django.urls import reverse

from samenplan.test import SamenplanTestCase, give_totp

from .test_login import code_from_mail

# Words the stock screens used that people found confusing, or English left over.
NOT_OUR_WORDS = ("Aanmeldcode", "aanmeldcode", "Annuleren", "Registratie", "Sign In", "Confirm")


class LoginCodePageTestCase(SamenplanTestCase):
    def ask_code(self, email="sanne@example.org"):
        return self.client.post(
            reverse("account_request_login_code"), {"email": email}, follow=True
        )

    def assertOurWords(self, response):
        for word in NOT_OUR_WORDS:
            self.assertNotContains(response, word)

    def test_the_code_page_has_one_large_box_that_phones_fill_from_the_mail(self):
        response = self.ask_code()
        self.assertContains(response, "Vul je inlogcode in")
        self.assertContains(response, 'autocomplete="one-time-code"')
        self.assertContains(
            response, 'class="utrecht-textbox utrecht-textbox--html-input code-input"'
        )
        self.assertContains(response, "sanne@example.org")
        self.assertOurWords(response)

    def test_the_code_page_offers_a_new_code_and_another_address(self):
        response = self.ask_code()
        self.assertContains(response, "Stuur een nieuwe code")
        self.assertContains(response, "Ander e-mailadres")
        self.assertContains(
            response, f'name="next" value="{reverse("account_request_login_code")}"'
        )

    def test_a_new_code_replaces_the_old_one(self):
        self.ask_code()
        first = code_from_mail(mail.outbox[0])
        response = self.client.post(
            reverse("account_confirm_login_code"), {"action": "resend"}, follow=True
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(mail.outbox), 2)
        second = code_from_mail(mail.outbox[1])
        if first != second:
            response = self.client.post(reverse("account_confirm_login_code"), {"code": first})
            self.assertContains(response, "Deze inlogcode klopt niet.")
        response = self.client.post(reverse("account_confirm_login_code"), {"code": second})
        self.assertRedirects(response, reverse("families:list"))

    def test_a_code_typed_in_small_letters_without_the_dash_works(self):
        self.ask_code()
        code = code_from_mail(mail.outbox[0]).replace("-", "").lower()
        response = self.client.post(reverse("account_confirm_login_code"), {"code": code})
        self.assertRedirects(response, reverse("families:list"))

    def test_a_wrong_code_says_what_to_do_and_keeps_what_was_typed(self):
        self.ask_code()
        response = self.client.post(reverse("account_confirm_login_code"), {"code": "zzzz-9999"})
        self.assertContains(response, "Kijk of je hem goed hebt overgetypt")
        self.assertContains(response, 'value="zzzz-9999"')
        self.assertContains(response, 'aria-invalid="true"')
        self.assertContains(response, "Stuur een nieuwe code")

    def test_three_wrong_codes_lead_back_to_asking_a_new_one(self):
        self.ask_code()
        for _ in range(3):
            response = self.client.post(
                reverse("account_confirm_login_code"), {"code": "zzzz-9999"}, follow=True
            )
        self.assertContains(response, "Te veel inlogpogingen")
        self.assertContains(response, "Stuur mij een inlogcode")

    def test_another_address_can_be_typed_while_a_code_is_on_its_way(self):
        self.ask_code("sanne@exmaple.org")
        response = self.client.post(
            reverse("account_logout"), {"next": reverse("account_request_login_code")}, follow=True
        )
        self.assertContains(response, "Je e-mailadres")
        self.ask_code("sanne@example.org")
        code = code_from_mail(mail.outbox[-1])
        response = self.client.post(reverse("account_confirm_login_code"), {"code": code})
        self.assertRedirects(response, reverse("families:list"))

    def test_the_mail_says_inlogcode_and_how_long_it_works(self):
        self.ask_code()
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Samenplan: Je inlogcode")
        self.assertIn("10 minuten", message.body)
        self.assertNotIn("aanmeldcode", message.body.lower())

    def test_an_unknown_address_gets_a_mail_that_explains_the_invitation_without_a_signup_link(
        self,
    ):
        self.ask_code("onbekend@example.org")
        message = mail.outbox[0]
        self.assertEqual(message.to, ["onbekend@example.org"])
        self.assertIn("geen account met dit adres", message.body)
        self.assertIn("uitnodiging", message.body)
        self.assertNotIn("signup", message.body)
        self.assertNotIn("http", message.body)
        self.assertIsNone(re.search(r"\bontvang\b", message.body))

    def test_the_signup_address_points_to_the_way_in(self):
        response = self.client.get(reverse("account_signup"), follow=True)
        self.assertContains(response, "Meedoen gaat met een uitnodiging")
        self.assertContains(response, f'href="{reverse("account_request_login_code")}"')
        self.assertOurWords(response)


class PasswordResetTestCase(SamenplanTestCase):
    def test_a_professional_sets_a_new_password_with_a_code_in_our_words(self):
        response = self.client.get(reverse("account_login"))
        self.assertContains(response, f'href="{reverse("account_reset_password")}"')
        response = self.client.get(reverse("account_reset_password"))
        self.assertContains(response, "Wachtwoord vergeten")
        response = self.client.post(
            reverse("account_reset_password"), {"email": "eva@example.org"}, follow=True
        )
        self.assertContains(response, "Nieuw wachtwoord: vul de code in")
        self.assertContains(response, 'autocomplete="one-time-code"')
        self.assertOurWords(response)
        self.assertEqual(mail.outbox[0].subject, "Samenplan: Code voor een nieuw wachtwoord")
        code = code_from_mail(mail.outbox[0])
        response = self.client.post(
            reverse("account_confirm_password_reset_code"), {"code": code}, follow=True
        )
        self.assertContains(response, "Kies een nieuw wachtwoord")
        new = "een lange zin als wachtwoord"
        response = self.client.post(
            reverse("account_complete_password_reset"),
            {"password1": new, "password2": new},
            follow=True,
        )
        self.assertContains(response, "Je wachtwoord is veranderd")
        self.assertContains(response, f'href="{reverse("account_login")}"')
        self.eva.refresh_from_db()
        self.assertTrue(self.eva.check_password(new))

    assertOurWords = LoginCodePageTestCase.assertOurWords


class SecondStepTestCase(SamenplanTestCase):
    def test_the_second_step_speaks_dutch_and_looks_like_the_rest(self):
        give_totp(self.eva)
        self.client.post(
            reverse("account_login"), {"login": "eva@example.org", "password": "samenplan-demo"}
        )
        response = self.client.get(reverse("mfa_authenticate"))
        self.assertContains(response, "Tweede stap van inloggen")
        self.assertContains(response, 'class="nl-button nl-button--primary"')
        self.assertContains(response, "herstelcodes")
        for word in ("Two-Factor", "Sign In", "Cancel"):
            self.assertNotContains(response, word)
