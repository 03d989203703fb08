"""Lists that stay the same size of work however many families there are."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenplan.builders import FamilyBuilder, user
from samenplan.families.access import FAMILIES_PER_PAGE, open_invitations
from samenplan.families.models import Consent, Invitation, Participant, WaitingItem
from samenplan.test import give_totp


class MyFamiliesTestCase(TestCase):
    def a_professional_at(self, count: int):
        first = FamilyBuilder("Gezin 000")
        first.parent("Ouder")
        eva = first.professional("Eva de Vries").user
        for n in range(1, count):
            family = FamilyBuilder(f"Gezin {n:03}")
            family.parent("Ouder")
            seat = Participant.objects.create(
                family=family.family, user=eva, role="professional", organization_name="Wijkteam"
            )
            if n % 2:  # half of them have consented, so both kinds are worked out
                family.consent_all(seat)
        give_totp(eva)
        return eva

    def test_a_professional_at_many_families_gets_them_a_page_at_a_time(self):
        eva = self.a_professional_at(FAMILIES_PER_PAGE + 10)
        self.client.force_login(eva)
        first = self.client.get(reverse("families:list")).content.decode()
        self.assertIn("Pagina 1 van 2", first)
        self.assertIn("Gezin 000", first)
        self.assertIn(f"Gezin {FAMILIES_PER_PAGE - 1:03}", first)
        self.assertNotIn(f"Gezin {FAMILIES_PER_PAGE:03}", first)
        second = self.client.get(reverse("families:list"), {"pagina": 2}).content.decode()
        self.assertIn(f"Gezin {FAMILIES_PER_PAGE:03}", second)
        self.assertNotIn("Gezin 000", second)
        odd = self.client.get(reverse("families:list"), {"pagina": "x"})
        self.assertContains(odd, "Gezin 000")

    def test_the_work_per_page_does_not_grow_with_the_families(self):
        counts = []
        for size in (3, FAMILIES_PER_PAGE + 30):
            eva = self.a_professional_at(size)
            self.client.force_login(eva)
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(reverse("families:list"))
            self.assertEqual(response.status_code, 200)
            counts.append(len(queries))
            Consent.objects.all().delete()
            Participant.objects.all().delete()
        self.assertEqual(counts[0], counts[1])


class WhatWaitsInMyFamiliesTestCase(TestCase):
    def test_each_family_says_what_waits_for_me_and_what_is_late(self):
        bakker, visser = FamilyBuilder("Gezin Bakker"), FamilyBuilder("Gezin Visser")
        bakker.parent("Ouder")
        visser.parent("Ouder")
        eva = bakker.professional("Eva de Vries")
        seat = Participant.objects.create(
            family=visser.family, user=eva.user, role="professional", organization_name="Wijk"
        )
        visser.consent_all(seat)
        for key, late in (("a", False), ("b", True)):
            WaitingItem.objects.create(
                family=bakker.family,
                participant=eva,
                user=eva.user,
                key=key,
                kind="mine",
                title="Iets",
                url="/",
                late=late,
            )
        give_totp(eva.user)
        self.client.force_login(eva.user)
        response = self.client.get(reverse("families:list"))
        self.assertContains(response, "Wacht op jou: 2 dingen")
        self.assertContains(response, "1 te laat")
        self.assertContains(response, "Er wacht nu niets op jou.", count=1)


class InvitationAddressTestCase(TestCase):
    def test_an_address_typed_with_capitals_reaches_its_person(self):
        family = FamilyBuilder()
        mother = family.parent("Mira")
        invitation = Invitation.objects.create(
            family=family.family,
            email="  Lotte.Bos@Example.ORG ",
            name="Lotte Bos",
            role="professional",
            invited_by=mother.user,
        )
        invitation.refresh_from_db()
        self.assertEqual(invitation.email, "lotte.bos@example.org")
        lotte = user("lotte.bos@example.org", "Lotte Bos")
        self.assertEqual(open_invitations(lotte), [invitation])

    def test_my_invitations_are_found_through_the_address_index(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Invitation.objects.filter(email="lotte@example.org", status="pending").explain()
        self.assertRegex(plan, r"families_in_email_\w+_idx")
