"""Starting a family in the browser's forms, and a family that grows."""

from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samenplan.accounts.models import Organization, Professional
from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder, birthday, user
from samenplan.families import actions
from samenplan.families.models import (
    ClosingCriterion,
    Family,
    Invitation,
    Member,
    Participant,
    Revision,
)
from samenplan.lib.errors import ActionError
from samenplan.test import give_totp


def member_rows(*rows, extra=0):
    """The member part of the start form, as a browser sends it."""
    data = {"member-TOTAL_FORMS": str(len(rows) + extra), "member-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            if value is True:
                value = "on"
            data[f"member-{i}-{key}"] = value
    return data


def a_professional(email="nieuw@example.org", name="Nina Nieuw"):
    org, _ = Organization.objects.get_or_create(
        name="Wijkteam Start", defaults={"kind": "wijkteam"}
    )
    account = user(email, name)
    Professional.objects.create(user=account, organization=org, function="Medewerker")
    give_totp(account)
    return account


class ProfessionalStartsTestCase(TestCase):
    def setUp(self):
        self.worker = a_professional()
        self.client.force_login(self.worker)

    def start(self, **extra):
        data = {
            "name": "Gezin Pietersen",
            "legal_framework": "vrijwillig",
            "criterion_1": "De ochtenden zijn rustig",
            **member_rows(
                {
                    "name": "Mila Pietersen",
                    "relation": "moeder",
                    "has_authority": True,
                    "lives_in_household": True,
                    "email": "mila@example.net",
                },
                {
                    "name": "Joep Pietersen",
                    "relation": "vader",
                    "has_authority": True,
                    "email": "joep@example.net",
                },
                {
                    "name": "Tess Pietersen",
                    "relation": "kind",
                    "birth_date": str(birthday(9)),
                    "lives_in_household": True,
                },
                extra=1,
            ),
        }
        data.update(extra)
        return self.client.post(reverse("families:start"), data)

    def test_the_family_is_ready_and_the_parents_are_invited(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.start()
        self.assertRedirects(response, reverse("families:list"), fetch_redirect_response=False)
        family = Family.objects.get(name="Gezin Pietersen")
        self.assertEqual(family.organization.name, "Wijkteam Start")
        self.assertEqual(family.started_by, self.worker)
        self.assertEqual(
            sorted(Invitation.objects.filter(family=family).values_list("email", "role")),
            [("joep@example.net", "parent"), ("mila@example.net", "parent")],
        )
        self.assertEqual(len(mail.outbox), 2)
        self.assertNotIn("Pietersen", mail.outbox[0].body)
        seat = Participant.objects.get(family=family, user=self.worker)
        self.assertEqual(seat.role, "professional")
        criterion = ClosingCriterion.objects.get(family=family)
        self.assertEqual(criterion.status, "draft")
        self.assertTrue(
            AuditEvent.objects.filter(family=family, data="family", action="create").exists()
        )

    def test_the_professional_sees_nothing_until_the_family_consents(self):
        self.start()
        family = Family.objects.get(name="Gezin Pietersen")
        response = self.client.get(reverse("families:home", args=[family.pk]))
        self.assertEqual(response.status_code, 403)
        page = self.client.get(reverse("families:list")).content.decode()
        self.assertIn("Gezin Pietersen", page)
        self.assertIn("nog geen toestemming", page)

    def test_a_parent_accepts_and_sees_that_the_family_holds_the_direction(self):
        self.start()
        family = Family.objects.get(name="Gezin Pietersen")
        mila = Invitation.objects.get(family=family, email="mila@example.net")
        self.client.force_login(user("mila@example.net"))
        page = self.client.get(reverse("families:list")).content.decode()
        self.assertIn("Je mag ook nee zeggen", page)
        self.client.post(reverse("families:invitation_accept", args=[mila.pk]))
        home = self.client.get(reverse("families:home", args=[family.pk])).content.decode()
        self.assertIn("Jullie houden de regie", home)
        self.assertIn("Nina Nieuw", home)

    def test_the_same_form_sent_twice_starts_one_family(self):
        self.start(once="een-keer-versturen")
        second = self.start(once="een-keer-versturen")
        self.assertEqual(Family.objects.filter(name="Gezin Pietersen").count(), 1)
        self.assertRedirects(second, reverse("families:list"), fetch_redirect_response=False)

    def test_without_a_parent_with_authority_to_invite_nothing_is_made(self):
        response = self.client.post(
            reverse("families:start"),
            {
                "name": "Gezin Zonder",
                "legal_framework": "vrijwillig",
                **member_rows({"name": "Ada", "relation": "moeder", "has_authority": True}),
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "minstens één ouder met gezag", status_code=400)
        self.assertContains(response, 'value="Gezin Zonder"', status_code=400)
        self.assertFalse(Family.objects.filter(name="Gezin Zonder").exists())

    def test_a_measure_needs_its_gi(self):
        response = self.start(legal_framework="ots")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Kies de GI", status_code=400)
        gi = Organization.objects.create(name="GI Start", kind="gi")
        self.start(legal_framework="ots", gi=str(gi.pk))
        self.assertEqual(Family.objects.get(name="Gezin Pietersen").gi, gi)

    def test_a_child_needs_a_birth_date_and_a_young_child_no_invitation(self):
        response = self.client.post(
            reverse("families:start"),
            {
                "name": "Gezin Klein",
                "legal_framework": "vrijwillig",
                **member_rows(
                    {
                        "name": "Ada",
                        "relation": "moeder",
                        "has_authority": True,
                        "email": "ada@example.net",
                    },
                    {"name": "Bo", "relation": "kind"},
                ),
            },
        )
        self.assertContains(response, "Vul de geboortedatum in", status_code=400)
        response = self.client.post(
            reverse("families:start"),
            {
                "name": "Gezin Klein",
                "legal_framework": "vrijwillig",
                **member_rows(
                    {
                        "name": "Ada",
                        "relation": "moeder",
                        "has_authority": True,
                        "email": "ada@example.net",
                    },
                    {
                        "name": "Bo",
                        "relation": "kind",
                        "birth_date": str(birthday(8)),
                        "email": "bo@example.net",
                    },
                ),
            },
        )
        self.assertContains(response, "jonger dan 12", status_code=400)
        self.assertFalse(Family.objects.filter(name="Gezin Klein").exists())

    def test_one_more_row_keeps_what_was_typed(self):
        response = self.client.post(
            reverse("families:start"),
            {
                "name": "Gezin Veel",
                "legal_framework": "vrijwillig",
                "more": "1",
                **member_rows({"name": "Ada", "relation": "moeder"}),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="Ada"')
        self.assertContains(response, 'name="member-1-name"')
        self.assertFalse(Family.objects.exists())

    def test_a_privacy_officer_does_not_start_families(self):
        Professional.objects.filter(user=self.worker).update(is_privacy_officer=True)
        self.assertEqual(self.client.get(reverse("families:start")).status_code, 403)


class ParentStartsTestCase(TestCase):
    def setUp(self):
        self.mother = user("lieke@example.net", "Lieke")
        self.client.force_login(self.mother)

    def test_a_parent_starts_her_own_family_and_invites_the_others(self):
        page = self.client.get(reverse("families:start"))
        self.assertContains(page, 'value="Lieke"')
        response = self.client.post(
            reverse("families:start"),
            {
                "name": "Gezin Lieke",
                "legal_framework": "vrijwillig",
                "criterion_1": "We hebben weer rust",
                **member_rows(
                    {
                        "name": "Lieke",
                        "relation": "moeder",
                        "has_authority": True,
                        "me": True,
                        "lives_in_household": True,
                    },
                    {
                        "name": "Sven",
                        "relation": "kind",
                        "birth_date": str(birthday(14)),
                        "email": "sven@example.net",
                    },
                ),
            },
        )
        family = Family.objects.get(name="Gezin Lieke")
        self.assertRedirects(
            response, reverse("families:invite", args=[family.pk]), fetch_redirect_response=False
        )
        seat = Participant.objects.get(family=family, user=self.mother)
        self.assertEqual((seat.role, seat.member.name), ("parent", "Lieke"))
        self.assertIsNone(family.organization)
        self.assertEqual(ClosingCriterion.objects.get(family=family).status, "agreed")
        self.assertEqual(Invitation.objects.get(family=family).role, "youth")
        self.assertEqual(
            self.client.get(reverse("families:home", args=[family.pk])).status_code, 200
        )

    def test_a_parent_without_authority_cannot_start_alone(self):
        response = self.client.post(
            reverse("families:start"),
            {
                "name": "Gezin Zonder Gezag",
                "legal_framework": "vrijwillig",
                **member_rows(
                    {"name": "Lieke", "relation": "moeder", "me": True},
                    {"name": "Piet", "relation": "vader", "has_authority": True},
                ),
            },
        )
        self.assertContains(response, "Alleen een ouder of verzorger met gezag", status_code=400)
        self.assertFalse(Family.objects.exists())


class GrowTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.worker = self.f.professional("Wim")
        give_totp(self.worker.user)

    def test_a_baby_is_added_with_its_first_version(self):
        self.client.force_login(self.mother.user)
        url = reverse("families:member_new", args=[self.f.family.pk])
        response = self.client.post(
            url,
            {
                "name": "Pip",
                "relation": "kind",
                "birth_date": str(timezone.localdate()),
                "lives_in_household": "on",
            },
        )
        self.assertRedirects(
            response,
            reverse("families:home", args=[self.f.family.pk]),
            fetch_redirect_response=False,
        )
        baby = Member.objects.get(family=self.f.family, name="Pip")
        self.assertEqual(Revision.objects.get(item_type="member", item_id=baby.pk).version, 1)
        self.assertTrue(AuditEvent.objects.filter(data="member", action="create").exists())
        from samenplan.plan.models import TimelineEntry

        self.assertTrue(TimelineEntry.objects.filter(kind="family", summary="Pip").exists())

    def test_a_professional_does_not_add_members(self):
        self.client.force_login(self.worker.user)
        response = self.client.get(reverse("families:member_new", args=[self.f.family.pk]))
        self.assertEqual(response.status_code, 403)

    def test_a_new_parent_with_authority_must_consent_before_the_worker_sees_more(self):
        stepfather = actions.member_add(
            access=self.f.access(self.mother), name="Ravi", relation="stiefouder"
        )
        self.client.force_login(self.worker.user)
        home = reverse("families:home", args=[self.f.family.pk])
        self.assertEqual(self.client.get(home).status_code, 200)
        actions.member_authority_set(
            access=self.f.access(self.mother),
            member=stepfather,
            has_authority=True,
            why="De rechter heeft gezamenlijk gezag gegeven.",
            expected_version=stepfather.version,
        )
        self.assertEqual(self.client.get(home).status_code, 403)
        history = Revision.objects.filter(item_type="member", item_id=stepfather.pk).last()
        self.assertEqual(history.note, "De rechter heeft gezamenlijk gezag gegeven.")

    def test_authority_changes_with_a_reason_and_the_version_seen(self):
        self.client.force_login(self.mother.user)
        father = Member.objects.create(family=self.f.family, name="Jan", relation="vader")
        url = reverse("families:member_authority", args=[self.f.family.pk, father.pk])
        response = self.client.post(url, {"version": father.version, "has_authority": "1"})
        self.assertContains(response, "Dit veld is verplicht", status_code=400)
        response = self.client.post(
            url, {"version": father.version, "has_authority": "1", "why": "Erkend en gezag"}
        )
        self.assertEqual(response.status_code, 302)
        stale = self.client.post(
            url, {"version": father.version, "has_authority": "0", "why": "Toch niet"}
        )
        self.assertEqual(stale.status_code, 400)
        father.refresh_from_db()
        self.assertTrue(father.has_authority)
        page = self.client.get(
            reverse("families:member_history", args=[self.f.family.pk, father.pk])
        )
        self.assertContains(page, "Erkend en gezag")

    def test_the_last_parent_with_authority_keeps_it(self):
        with self.assertRaises(ActionError):
            actions.member_authority_set(
                access=self.f.access(self.mother),
                member=self.mother.member,
                has_authority=False,
                why="Vergissing",
                expected_version=self.mother.member.version,
            )


class BirthdayTestCase(TestCase):
    """A child who turns 12 (or 16) changes who must consent, that very day."""

    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.child = self.f.child("Ties", age=11, account=False)
        # Ties turns 12 tomorrow.
        self.child.birth_date = birthday(12) + timedelta(days=1)
        self.child.save()
        self.worker = self.f.professional("Wim")

    def test_on_the_twelfth_birthday_the_youth_is_asked_by_name(self):
        today = timezone.localdate()
        tomorrow = today + timedelta(days=1)
        self.assertTrue(self.f.access(self.worker, today=today).consent_givers)
        before = [m.name for m in self.f.access(self.worker, today=today).consent_givers]
        after = [m.name for m in self.f.access(self.worker, today=tomorrow).consent_givers]
        self.assertEqual(before, ["Mira"])
        self.assertEqual(after, ["Mira", "Ties"])
