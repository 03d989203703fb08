"""A person's own mail settings: saved over the version they saw; bad input kept and explained."""

from datetime import time

from django.test import TestCase
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.builders import user
from samenplan.notices.models import NoticeSettings
from samenplan.tests.hostile import ANY_NUMBER, ANY_TEXT, HostileTestCase, hostile_given

URL = reverse("notices:settings")


class SettingsTestCase(TestCase):
    def setUp(self):
        self.person = user("mira@example.org", "Mira")
        self.client.force_login(self.person)

    def save(self, **data):
        form = {"frequency": "daily", "quiet_from": "22:00", "quiet_until": "07:00", "version": 0}
        return self.client.post(URL, {**form, **data})

    def test_a_person_chooses_a_daily_mail_and_quiet_hours(self):
        self.assertRedirects(self.save(), URL)
        saved = NoticeSettings.objects.get(user=self.person)
        self.assertEqual(
            (saved.frequency, saved.quiet_from, saved.quiet_until, saved.version),
            ("daily", time(22), time(7), 1),
        )
        self.assertTrue(AuditEvent.objects.filter(actor=self.person, data="notice_settings"))
        self.assertRedirects(self.save(frequency="app", version=1), URL)
        self.assertEqual(NoticeSettings.objects.get(user=self.person).frequency, "app")

    def test_a_save_over_an_older_version_is_refused_and_keeps_the_choice(self):
        self.save()
        stale = self.save(frequency="weekly", version=0)
        self.assertContains(stale, "al ergens anders aangepast", status_code=400)
        self.assertContains(
            stale,
            'value="weekly" class="utrecht-radio-button utrecht-radio-button--html-input" '
            'required id="id_frequency_2" checked',
            status_code=400,
        )
        self.assertEqual(NoticeSettings.objects.get(user=self.person).frequency, "daily")

    def test_two_tabs_saving_over_the_same_version_keep_the_first(self):
        self.save()
        self.assertRedirects(self.save(frequency="app", version=1), URL)
        late = self.save(frequency="weekly", version=1)
        self.assertContains(late, "al ergens anders aangepast", status_code=400)
        self.assertEqual(NoticeSettings.objects.get(user=self.person).frequency, "app")

    def test_a_time_that_is_not_a_time_is_explained(self):
        response = self.save(quiet_from="25:99")
        self.assertContains(response, "Er ging iets mis", status_code=400)
        self.assertContains(response, 'value="25:99"', status_code=400)
        self.assertFalse(NoticeSettings.objects.exists())

    def test_english_when_chosen(self):
        self.person.language = "en"
        self.person.save()
        self.client.cookies["django_language"] = "en"
        page = self.client.get(URL)
        self.assertContains(page, "No e-mail")


class HostileSettingsTestCase(HostileTestCase):
    @hostile_given(
        frequency=ANY_TEXT, quiet_from=ANY_TEXT, quiet_until=ANY_TEXT, version=ANY_NUMBER
    )
    def test_the_settings_form(self, frequency, quiet_from, quiet_until, version):
        self.login(self.sanne)
        data = {
            "frequency": frequency,
            "quiet_from": quiet_from,
            "quiet_until": quiet_until,
            "version": version,
        }
        self.assert_handled(self.client.post(URL, data), kept=[quiet_from, quiet_until])
