"""Wie zijn wij: the family writes, only if it wants to, what professionals should
know about it and what each child is good at; the family chooses who reads it,
and a professional who may read it sees it in full on the first visit."""

from django.core.exceptions import PermissionDenied
from django.test import TestCase
from django.urls import reverse

from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder
from samenplan.lib.errors import StaleEdit
from samenplan.network import actions
from samenplan.network.models import AboutUs, ChildTalent
from samenplan.test import give_totp


class AboutUsTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mira = self.f.parent("Mira")
        self.sem = self.f.child("Sem", age=9)
        self.noor = self.f.child("Noor", age=15, account=True)
        self.eva = self.f.professional("Eva")
        self.bas = self.f.professional("Bas")
        for seat in (self.eva, self.bas):
            give_totp(seat.user)

    def save(self, seat=None, version=0, audience="table", shown_to=(), **texts):
        return actions.about_us_save(
            access=self.f.access(seat or self.mira),
            expected_version=version,
            texts=texts or {"languages": "Thuis spreken we Arabisch en Nederlands."},
            talents={self.sem: ("Tekenen en dieren", "Voetbal")},
            audience=audience,
            shown_to=shown_to,
        )

    def get(self, seat, name="network:about_us"):
        self.client.force_login(seat.user)
        return self.client.get(reverse(name, args=[self.f.family.pk]))

    def home(self, seat):
        self.client.force_login(seat.user)
        return self.client.get(reverse("families:home", args=[self.f.family.pk]))

    def test_the_family_writes_it_in_its_own_words_and_the_childs_talents_with_it(self):
        about = self.save(faith="We vieren het Suikerfeest.")
        self.assertEqual((about.version, about.faith), (1, "We vieren het Suikerfeest."))
        talent = ChildTalent.objects.get(member=self.sem)
        self.assertEqual((talent.good_at, talent.likes), ("Tekenen en dieren", "Voetbal"))
        self.assertTrue(AuditEvent.objects.filter(data="about_us", action="update").exists())
        page = self.get(self.eva)
        self.assertContains(page, "We vieren het Suikerfeest.")
        self.assertContains(page, "Tekenen en dieren")

    def test_only_the_family_writes_it(self):
        with self.assertRaises(PermissionDenied):
            self.save(self.eva)
        self.assertEqual(self.get(self.eva, "network:about_us_edit").status_code, 403)
        self.assertEqual(self.get(self.noor, "network:about_us_edit").status_code, 200)

    def test_the_family_chooses_who_reads_it(self):
        self.save(audience="family", languages="Papa wil graag een tolk.")
        self.assertContains(self.get(self.noor), "Papa wil graag een tolk.")
        for seat in (self.eva, self.bas):
            page = self.get(seat)
            self.assertNotContains(page, "tolk")
            self.assertContains(page, "Het gezin deelt hier nu niets met jou.")
            self.assertNotContains(self.home(seat), "tolk")
        self.save(version=1, audience="chosen", shown_to=[self.eva.pk], languages="Een tolk.")
        self.assertContains(self.get(self.eva), "Een tolk.")
        self.assertNotContains(self.get(self.bas), "Een tolk.")
        self.assertNotContains(self.get(self.bas), "Tekenen en dieren")

    def test_a_professional_sees_it_in_full_on_the_first_visit_and_again_after_a_change(self):
        self.save(for_professionals="Bel niet tijdens het eten.")
        self.assertContains(self.home(self.eva), "Wie zijn wij: lees dit eerst")
        self.assertNotContains(self.home(self.eva), "Wie zijn wij: lees dit eerst")
        self.assertNotContains(self.home(self.mira), "Wie zijn wij: lees dit eerst")
        self.save(version=1, for_professionals="Bel na zeven uur.")
        self.client.force_login(self.eva.user)
        plan = self.client.get(reverse("plan:plan", args=[self.f.family.pk]))
        self.assertContains(plan, "Bel na zeven uur.")

    def test_two_people_saving_at_once_lose_nothing(self):
        self.save(languages="Eerst")
        with self.assertRaises(StaleEdit):
            self.save(self.noor, version=0, languages="Tegelijk")
        self.assertEqual(AboutUs.objects.get().languages, "Eerst")

    def test_the_form_keeps_what_was_typed_when_something_is_wrong(self):
        self.client.force_login(self.mira.user)
        url = reverse("network:about_us_edit", args=[self.f.family.pk])
        page = self.client.post(
            url, {"version": "0", "faith": "Wij bidden samen.", "audience": "chosen"}
        )
        self.assertEqual(page.status_code, 400)
        self.assertContains(page, "Wij bidden samen.", status_code=400)
        self.assertContains(page, "Kies wie het mag lezen", status_code=400)
        self.assertFalse(AboutUs.objects.exists())
        self.client.post(
            url,
            {
                "version": "0",
                "faith": "Wij bidden samen.",
                "audience": "table",
                f"good_at_{self.sem.pk}": "Lego bouwen",
            },
        )
        self.assertEqual(ChildTalent.objects.get(member=self.sem).good_at, "Lego bouwen")

    def test_what_is_refused_keeps_the_earlier_words(self):
        from samenplan.lib.errors import ActionError

        self.save(languages="Eerst")
        for wrong in (
            {"audience": "iedereen"},
            {"audience": "chosen", "shown_to": [self.mira.pk]},  # the family reads it anyway
        ):
            with self.subTest(wrong), self.assertRaises(ActionError):
                self.save(version=1, languages="Anders", **wrong)
        with self.assertRaises(ActionError):
            actions.about_us_save(
                access=self.f.access(self.mira),
                expected_version=1,
                texts={},
                talents={self.mira.member: ("Koken", "")},
                audience="family",
            )
        self.assertEqual(AboutUs.objects.get().languages, "Eerst")
