"""Five languages: Dutch, English, Turkish, Polish and Arabic (right to left).

Each has a complete catalogue (test_translations), the switch remembers the
choice on the person's account, and mail goes out in the receiver's language,
whatever language the screen that caused it was in.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.urls import reverse

from samenplan.accounts.models import User
from samenplan.test import SamenplanTestCase

LOCALE = Path(settings.BASE_DIR) / "locale"


class LanguagesTestCase(SamenplanTestCase):
    def test_every_language_has_its_catalogue_and_is_a_choice_on_the_account(self):
        codes = [code for code, _name in settings.LANGUAGES]
        self.assertEqual(codes, ["nl", "en", "tr", "pl", "ar"])
        for code in codes[1:]:
            with self.subTest(code):
                self.assertTrue((LOCALE / code / "LC_MESSAGES" / "django.po").exists())
        self.assertEqual(dict(User.Language.choices), dict(settings.LANGUAGES))

    def test_the_switch_is_remembered_on_the_account_and_arabic_reads_right_to_left(self):
        self.login(self.sanne)
        self.client.post(reverse("set_language"), {"language": "ar", "next": "/"})
        self.sanne.refresh_from_db()
        self.assertEqual(self.sanne.language, "ar")
        # Another phone, no cookie: the account remembers.
        self.client.logout()
        self.client.cookies.clear()
        self.login(self.sanne)
        response = self.client.get(reverse("plan:plan", args=[self.bakker.pk]))
        self.assertContains(response, '<html lang="ar" dir="rtl">')
        self.assertContains(response, "خطتنا")  # "Ons plan"
        self.assertEqual(response["Content-Language"], "ar")

    def test_the_header_offers_every_other_language_in_its_own_words(self):
        response = self.client.get("/")
        for code, name in settings.LANGUAGES[1:]:
            self.assertContains(
                response,
                f'<button type="submit" name="language" value="{code}" '
                f'class="link-button" lang="{code}" dir="auto">{name}</button>',
                html=True,
            )

    def test_polish_counts_in_its_own_three_forms(self):
        self.login(self.sanne)
        User.objects.filter(pk=self.sanne.pk).update(language="pl")
        response = self.client.get(reverse("families:list"))
        self.assertContains(response, '<html lang="pl" dir="ltr">')
        self.assertContains(response, "Moje rodziny")

    def test_a_login_code_goes_out_in_the_accounts_language_not_the_screens(self):
        User.objects.filter(pk=self.sanne.pk).update(language="tr")
        self.client.post(reverse("account_request_login_code"), {"email": "sanne@example.org"})
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertIn("giriş kodun", message.subject.lower())
        self.assertIn("Samenplan için giriş kodun", message.body)
        self.assertRegex(message.body, re.compile(r"^\s*[A-Z0-9]{4}-[A-Z0-9]{4}\s*$", re.M))

    def test_an_invitation_goes_out_in_the_language_the_receiver_chose(self):
        User.objects.create_user(email="ayse@example.org", name="Ayşe", language="ar")
        self.login(self.sanne)  # Sanne's screen is in Dutch
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("families:invite", args=[self.bakker.pk]),
                {
                    "name": "Ayşe",
                    "email": "ayse@example.org",
                    "role": "network",
                    "relation_label": "buurvrouw",
                    "message": "",
                },
            )
        self.assertEqual(response.status_code, 302)
        message = mail.outbox[-1]
        self.assertEqual(message.to, ["ayse@example.org"])
        self.assertEqual(message.subject, "يوجد شيء جديد لك في Samenplan")
        self.assertNotIn("Er is iets nieuws", message.body)
