"""Typed text is never lost to a session that ended: kept for the same person, and
htmx buttons after the end open the login page as a page, not inside a card."""

import time

from django.test import TestCase
from django.urls import reverse

from samenplan.builders import FamilyBuilder
from samenplan.middleware import KEPT_KEY
from samenplan.plan import actions as plan
from samenplan.test import give_totp

TYPED = "Om half negen naar bed, ook in het weekend"


class TypedTextTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.fons = self.f.parent("Fons")
        self.step = plan.step_create(
            access=self.f.access(self.mira), text="Om negen uur naar bed", owner=self.mira
        )
        self.edit = reverse("plan:step_edit", args=[self.f.family.pk, self.step.pk])
        self.client.force_login(self.mira.user)

    def idle_for(self, seconds):
        session = self.client.session
        session["sp_last"] = int(time.time()) - seconds
        session.save()

    def send_after_the_session_ended(self, **headers):
        self.idle_for(9 * 3600)
        return self.client.post(
            self.edit,
            {"text": TYPED, "version": self.step.version, "owner": self.mira.pk},
            HTTP_REFERER=f"http://testserver{self.edit}",
            **headers,
        )

    def test_the_text_comes_back_on_the_form_page_after_logging_in_again(self):
        response = self.send_after_the_session_ended()
        self.assertEqual(response.status_code, 302)
        self.assertIn(f"{reverse('account_login')}?next={self.edit}", response.url)
        login_page = self.client.get(response.url)
        self.assertContains(login_page, "Wat je typte, is bewaard.")
        self.assertNotContains(login_page, TYPED)  # only after logging in

        self.client.force_login(self.mira.user)
        page = self.client.get(self.edit)
        self.assertContains(page, "Dit had je getypt")
        self.assertContains(page, f'data-name="text">{TYPED}</textarea>')
        self.assertNotContains(self.client.get(self.edit), "Dit had je getypt")  # once
        self.step.refresh_from_db()
        self.assertEqual(self.step.text, "Om negen uur naar bed")  # nothing saved unseen

    def test_someone_else_logging_in_on_the_same_phone_never_sees_it(self):
        self.send_after_the_session_ended()
        self.client.force_login(self.fons.user)
        page = self.client.get(self.edit)
        self.assertNotContains(page, TYPED)
        self.assertNotIn(KEPT_KEY, self.client.session)

    def test_choices_numbers_and_the_pages_own_fields_are_not_kept(self):
        self.idle_for(9 * 3600)
        self.client.post(
            self.edit,
            {"text": TYPED, "version": "3", "owner": self.mira.pk, "what": "save", "x": "ja"},
        )
        self.assertEqual(self.client.session[KEPT_KEY]["fields"], {"text": TYPED})

    def test_an_htmx_button_after_the_end_opens_the_login_page_as_a_page(self):
        response = self.send_after_the_session_ended(HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 204)
        self.assertTrue(response["HX-Redirect"].startswith(reverse("account_login")))

    def test_an_htmx_request_without_a_session_opens_the_login_page_as_a_page(self):
        self.client.logout()
        response = self.client.post(
            reverse("plan:step_done", args=[self.f.family.pk, self.step.pk]),
            HTTP_HX_REQUEST="true",
        )
        self.assertEqual(response.status_code, 204)
        self.assertIn(reverse("account_login"), response["HX-Redirect"])


class StillHereTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.worker = self.f.professional("Wim")
        give_totp(self.worker.user)
        self.client.force_login(self.worker.user)

    def test_typing_keeps_a_professional_logged_in(self):
        session = self.client.session
        session["sp_last"] = int(time.time()) - 25 * 60
        session.save()
        response = self.client.post(reverse("accounts:still_here"))
        self.assertEqual(response.status_code, 204)
        self.assertGreater(self.client.session["sp_last"], int(time.time()) - 5)

    def test_every_page_knows_when_to_warn(self):
        page = self.client.get(reverse("families:list"))
        self.assertContains(page, 'data-idle-seconds="1800"')
        self.assertContains(page, "Je wordt bijna uitgelogd")
        self.client.logout()
        self.assertNotContains(self.client.get(reverse("account_login")), "data-idle-seconds")

    def test_it_only_answers_a_post(self):
        self.assertEqual(self.client.get(reverse("accounts:still_here")).status_code, 405)
