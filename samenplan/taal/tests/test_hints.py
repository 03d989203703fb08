"""Taalhulp on the page: hints for a professional while writing, a note after
saving for someone without JavaScript, and a hint put aside counted, not kept."""

from datetime import timedelta

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions as careteam
from samenplan.taal.models import HintDismissal
from samenplan.test import give_totp, logged_in_session


class HintsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.eva = self.f.professional("Eva")
        give_totp(self.eva.user)

    def log_in(self, seat):
        self.client.cookies["sessionid"] = logged_in_session(seat.user)

    def test_a_professional_gets_hints_and_a_level(self):
        self.log_in(self.eva)
        page = self.client.post(
            reverse("taal:hints"), {"tekst": "Dit is een multiprobleemgezin met casusregie."}
        )
        self.assertContains(page, "multiprobleemgezin")
        self.assertContains(page, "een gezin met zorgen op meerdere plekken")
        self.assertContains(page, "wie het overzicht houdt")
        self.assertContains(page, "nog te kort om het niveau te meten")

    def test_the_family_has_no_taalhulp(self):
        self.log_in(self.mira)
        self.assertEqual(self.client.post(reverse("taal:hints"), {"tekst": "x"}).status_code, 403)

    def test_putting_a_hint_aside_counts_the_rule_only(self):
        self.log_in(self.eva)
        for _ in range(2):
            response = self.client.post(reverse("taal:dismiss"), {"regel": "label"})
            self.assertEqual(response.status_code, 204)
        row = HintDismissal.objects.get()
        self.assertEqual((row.rule, row.count), ("label", 2))
        self.assertEqual(
            self.client.post(reverse("taal:dismiss"), {"regel": "<script>"}).status_code, 400
        )

    def test_fields_the_family_reads_are_marked_for_a_professional_only(self):
        meeting = careteam.meeting_create(
            access=self.f.access(self.eva),
            starts_at=timezone.now() - timedelta(hours=2),
            phase="hulp",
            invited=[self.eva, self.mira],
        )
        url = reverse("careteam:meeting_summary", args=[self.f.family.pk, meeting.pk])
        self.log_in(self.eva)
        page = self.client.get(url)
        self.assertContains(page, "data-taalhulp=")
        self.assertContains(page, f'data-taalhulp="{reverse("taal:hints")}"')
        self.log_in(self.mira)
        self.assertNotContains(self.client.get(url), f'data-taalhulp="{reverse("taal:hints")}"')

    def test_without_javascript_the_hints_come_after_saving_and_never_block_it(self):
        meeting = careteam.meeting_create(
            access=self.f.access(self.eva),
            starts_at=timezone.now() - timedelta(hours=2),
            phase="hulp",
            invited=[self.eva, self.mira],
        )
        url = reverse("careteam:meeting_summary", args=[self.f.family.pk, meeting.pk])
        self.log_in(self.eva)
        page = self.client.post(
            url,
            {"version": meeting.version, "summary": "Moeder ontkent de zorgen.", "notes": ""},
            follow=True,
        )
        meeting.refresh_from_db()
        self.assertEqual(meeting.summary, "Moeder ontkent de zorgen.")
        self.assertContains(page, "Taalhulp, voor de volgende keer")
        self.assertContains(page, "ziet het anders")
        # With the hints beside the field already, no note after saving.
        page = self.client.post(
            url,
            {"version": meeting.version, "summary": "Moeder ontkent het.", "taalhulp": "gezien"},
            follow=True,
        )
        self.assertNotContains(page, "Taalhulp, voor de volgende keer")
