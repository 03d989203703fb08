"""Moving: to another organisation here, or with a signed file to another Samenplan."""

import base64
import json
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from samenplan.accounts.models import Organization, Professional, User
from samenplan.audit.models import AuditEvent
from samenplan.builders import FamilyBuilder, user
from samenplan.exports import family_json, moving
from samenplan.families.models import (
    Consent,
    Family,
    Invitation,
    Member,
    Move,
    Participant,
)
from samenplan.plan import actions as plan_actions
from samenplan.plan.models import Goal
from samenplan.test import give_totp


def staff(org, email, **flags):
    account = user(email, email.split("@")[0].title())
    profile = Professional.objects.create(user=account, organization=org, function="Team", **flags)
    give_totp(account)
    return profile


def resign(envelope: dict) -> bytes:
    """A file changed by hand and signed again with this Samenplan's own key."""
    envelope = {**envelope, "key": moving.public_key(), "signature": ""}
    signature = moving._private_key().sign(moving._canonical(envelope))
    envelope["signature"] = base64.b64encode(signature).decode()
    return json.dumps(envelope).encode()


class MovingFamily(TestCase):
    def setUp(self):
        self.old_org = Organization.objects.create(name="Wijkteam West", kind="wijkteam")
        self.new_org = Organization.objects.create(name="Jeugdteam Noord", kind="wijkteam")
        self.f = FamilyBuilder("Gezin Verhuis", organization=self.old_org)
        self.mother = self.f.parent("Mira")
        self.teen = self.f.child("Ties", age=14, account=True)
        self.grandma = self.f.network("Oma Jo")
        self.worker = self.f.professional("Wim", organization=self.old_org)
        give_totp(self.worker.user)
        self.goal = plan_actions.goal_create(
            access=self.f.access(self.mother), text="Rustige ochtenden", domain="opvoeden"
        )
        self.url = reverse("families:move", args=[self.f.family.pk])

    def propose(self, seat, **data):
        self.client.force_login(seat.user)
        return self.client.post(self.url, {"step": "propose", **data})

    def answer(self, seat, agrees=True):
        move = Move.objects.get(family=self.f.family, status="open")
        self.client.force_login(seat.user)
        return self.client.post(
            self.url,
            {
                "step": "answer",
                "move": move.pk,
                "seen": move.version,
                "agrees": "1" if agrees else "0",
            },
        )

    def agreed_file(self) -> bytes:
        self.propose(self.mother, kind="bestand", reason="We verhuizen naar Groningen")
        download = reverse("exports:move_file", args=[self.f.family.pk])
        self.client.force_login(self.mother.user)
        self.assertEqual(self.client.get(download).status_code, 403)
        self.answer(self.teen)
        self.client.force_login(self.grandma.user)
        self.assertEqual(self.client.get(download).status_code, 403)
        self.client.force_login(self.mother.user)
        response = self.client.get(download)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(family=self.f.family, data="move_file").exists())
        return response.content

    def receiving_admin(self):
        found = Professional.objects.filter(user__email="beheer@noord.example").first()
        return found or staff(self.new_org, "beheer@noord.example", is_org_admin=True)

    def refused(self, raw, message, **settings):
        admin = self.receiving_admin()
        counts = (Family.objects.count(), User.objects.count(), Member.objects.count())
        with override_settings(**settings), self.assertRaisesMessage(moving.ImportRefused, message):
            moving.import_moving_file(raw, admin=admin)
        self.assertEqual(
            (Family.objects.count(), User.objects.count(), Member.objects.count()), counts
        )

    def content_changed(self, change) -> bytes:
        if not hasattr(self, "_raw"):
            self._raw = self.agreed_file()
        envelope = json.loads(self._raw)
        change(envelope["content"])
        return resign(envelope)


class MoveWithinSamenplanTestCase(MovingFamily):
    def test_after_everyones_yes_the_old_professionals_leave_and_the_new_team_is_invited(self):
        self.propose(self.mother, kind="organisatie", to_organization=self.new_org.pk)
        self.assertTrue(Participant.objects.get(pk=self.worker.pk).is_active())
        self.answer(self.teen)
        self.f.family.refresh_from_db()
        self.assertEqual(self.f.family.organization, self.new_org)
        self.assertFalse(Participant.objects.get(pk=self.worker.pk).is_active())
        # The worker's history stays in the plan.
        self.assertTrue(Goal.objects.filter(pk=self.goal.pk).exists())
        invitation = Invitation.objects.get(family=self.f.family, organization=self.new_org)
        self.assertEqual((invitation.email, invitation.status), ("", "pending"))
        # The new team's admin chooses who goes; that person still needs consent.
        admin = staff(self.new_org, "beheer@noord.example", is_org_admin=True)
        newcomer = staff(self.new_org, "nieuw@noord.example")
        self.client.force_login(admin.user)
        page = self.client.get(reverse("families:organization_invitations"))
        self.assertContains(page, "Gezin Verhuis")
        self.client.post(
            reverse("families:organization_invitations"),
            {"invitation": invitation.pk, "professional": newcomer.pk},
        )
        invitation.refresh_from_db()
        self.assertEqual(invitation.email, "nieuw@noord.example")
        self.client.force_login(newcomer.user)
        self.client.post(reverse("families:invitation_accept", args=[invitation.pk]))
        home = reverse("families:home", args=[self.f.family.pk])
        self.assertEqual(self.client.get(home).status_code, 403)

    def test_one_no_stops_the_move(self):
        self.propose(self.mother, kind="organisatie", to_organization=self.new_org.pk)
        self.answer(self.teen, agrees=False)
        self.assertEqual(Move.objects.get().status, "cancelled")
        self.assertTrue(Participant.objects.get(pk=self.worker.pk).is_active())
        self.f.family.refresh_from_db()
        self.assertEqual(self.f.family.organization, self.old_org)

    def test_only_consent_givers_answer_and_a_proposal_needs_a_new_organisation(self):
        response = self.propose(self.mother, kind="organisatie")
        self.assertContains(response, "Kies de nieuwe organisatie", status_code=400)
        self.propose(self.mother, kind="organisatie", to_organization=self.new_org.pk)
        self.assertEqual(self.answer(self.grandma).status_code, 403)
        self.assertEqual(self.answer(self.worker).status_code, 403)


class MovingFileTestCase(MovingFamily):
    def test_the_file_is_read_in_as_a_new_family_with_new_ids_and_everyone_invited_afresh(self):
        raw = self.agreed_file()
        admin = self.receiving_admin()
        users_before = set(User.objects.values_list("pk", flat=True))
        family, invited = moving.import_moving_file(raw, admin=admin)
        self.assertNotEqual(family.pk, self.f.family.pk)
        self.assertEqual((family.name, family.organization), ("Gezin Verhuis", self.new_org))
        # Mother, youth and grandmother are invited again; nobody has an active seat.
        self.assertEqual(invited, 3)
        self.assertEqual(
            sorted(Invitation.objects.filter(family=family).values_list("role", flat=True)),
            ["network", "parent", "professional", "youth"],
        )
        self.assertFalse(Participant.objects.active().filter(family=family).exists())
        self.assertFalse(Consent.objects.filter(family=family).exists())
        # Who wrote what keeps a name, never a login; no professional account came along.
        new_users = User.objects.exclude(pk__in=users_before)
        self.assertTrue(all(not u.is_active for u in new_users))
        self.assertTrue(all(u.email.endswith("@vorige.samenplan.invalid") for u in new_users))
        self.assertIn("Wim", {u.name for u in new_users})
        self.assertEqual(Goal.objects.get(family=family).created_by.name, "Mira")
        # The plan is the same plan.
        self.assertEqual(self.travelled(self.f.family), self.travelled(family))

    def travelled(self, family):
        data = family_json.export_family(family)
        for person in data["users"].values():
            person["email"] = person["name"]
        data["models"] = {
            label: rows for label, rows in data["models"].items() if label not in moving.LEFT_BEHIND
        }
        return family_json.canonical(data)["models"]

    def test_the_mother_accepts_and_finds_her_plan(self):
        raw = self.agreed_file()
        family, _invited = moving.import_moving_file(raw, admin=self.receiving_admin())
        invitation = Invitation.objects.get(family=family, role="parent")
        self.client.force_login(self.mother.user)
        self.client.post(reverse("families:invitation_accept", args=[invitation.pk]))
        self.assertContains(
            self.client.get(reverse("plan:plan", args=[family.pk])), "Rustige ochtenden"
        )

    def test_the_same_file_is_read_in_once(self):
        raw = self.agreed_file()
        admin = self.receiving_admin()
        moving.import_moving_file(raw, admin=admin)
        count = Family.objects.count()
        with self.assertRaisesMessage(moving.ImportRefused, "al ingelezen"):
            moving.import_moving_file(raw, admin=admin)
        # Changed by a byte and signed again: still the same transfer.
        envelope = json.loads(raw)
        envelope["made_at"] = "2026-01-01T00:00:00+00:00"
        with self.assertRaisesMessage(moving.ImportRefused, "al ingelezen"):
            moving.import_moving_file(resign(envelope), admin=admin)
        self.assertEqual(Family.objects.count(), count)

    def test_files_that_are_not_right_are_refused_and_nothing_is_written(self):
        raw = self.agreed_file()
        envelope = json.loads(raw)
        self.refused(raw, "te groot", SAMENPLAN_IMPORT_MAX_BYTES=100)
        self.refused(b"{niet: json", "geen JSON")
        self.refused(b"\xff\xfe", "geen JSON")
        self.refused(json.dumps({"format": "iets anders"}).encode(), "geen verhuisbestand")
        self.refused(resign({**envelope, "version": 2}), "nieuwere versie")
        tampered = json.loads(raw)
        tampered["content"]["family"]["name"] = "Gezin Anders"
        self.refused(json.dumps(tampered).encode(), "handtekening klopt niet")
        with override_settings(SECRET_KEY="een heel andere sleutel van een andere Samenplan"):
            foreign = resign(envelope)
        self.refused(foreign, "niet kennen")

    def test_an_unknown_role_is_refused(self):
        def superuser(content):
            content["seats"][0]["role"] = "superuser"

        self.refused(self.content_changed(superuser), "Onbekende rol")

    def test_an_oversize_field_is_refused(self):
        def long_name(content):
            content["models"]["families.member"][0]["name"] = "x" * 100_000

        self.refused(self.content_changed(long_name), "families.member.name")

    def test_unknown_parts_and_fields_are_refused(self):
        def unknown_part(content):
            content["models"]["accounts.user"] = []

        self.refused(self.content_changed(unknown_part), "Onbekend onderdeel")

    def test_nothing_is_written_into_another_family(self):
        other = FamilyBuilder("Gezin Buren")
        neighbour = other.parent("Buurman").member

        def into_other(content):
            content["models"]["plan.goal"][0]["family"] = other.family.pk

        self.refused(self.content_changed(into_other), "family")

        def pointing_out(content):
            content["seats"][0]["member"] = neighbour.pk

        self.refused(self.content_changed(pointing_out), "verwijzing klopt niet")
        self.assertEqual(Goal.objects.filter(family=other.family).count(), 0)


class ImportPageTestCase(MovingFamily):
    def test_a_file_signed_by_a_trusted_samenplan_reads_in(self):
        self.propose(self.mother, kind="bestand")
        self.answer(self.teen)
        with override_settings(SECRET_KEY="de sleutel van de andere Samenplan, lang genoeg"):
            raw = moving.moving_file(self.f.family)
            foreign = moving.public_key()
        self.refused(raw, "niet kennen")
        with override_settings(SAMENPLAN_TRUSTED_KEYS=[foreign]):
            family, _invited = moving.import_moving_file(raw, admin=self.receiving_admin())
        self.assertEqual(family.name, "Gezin Verhuis")

    def test_only_an_organisation_admin_reads_in(self):
        url = reverse("exports:import")
        self.client.force_login(self.mother.user)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.worker.user)
        self.assertEqual(self.client.get(url).status_code, 403)

    def test_the_admin_uploads_the_file_and_chooses_who_goes(self):
        raw = self.agreed_file()
        admin = self.receiving_admin()
        self.client.force_login(admin.user)
        url = reverse("exports:import")
        page = self.client.get(url)
        self.assertContains(page, moving.fingerprint(moving.public_key()))
        response = self.client.post(url, {"file": SimpleUploadedFile("verhuis.json", raw)})
        self.assertRedirects(
            response, reverse("families:organization_invitations"), fetch_redirect_response=False
        )
        again = self.client.post(url, {"file": SimpleUploadedFile("verhuis.json", raw)})
        self.assertContains(again, "al ingelezen", status_code=400)
        broken = self.client.post(url, {"file": SimpleUploadedFile("x.json", b"[1, 2")})
        self.assertContains(broken, "geen JSON", status_code=400)

    def test_the_command_reads_in_on_the_same_path(self):
        raw = self.agreed_file()
        admin = self.receiving_admin()
        with TemporaryDirectory() as folder:
            path = Path(folder) / "verhuis.json"
            path.write_bytes(raw)
            out = StringIO()
            call_command("import_family", str(path), "--admin", admin.user.email, stdout=out)
            self.assertIn("Gezin ingelezen", out.getvalue())
            with self.assertRaisesMessage(CommandError, "al ingelezen"):
                call_command("import_family", str(path), "--admin", admin.user.email)
            with self.assertRaisesMessage(CommandError, "geen actieve beheerder"):
                call_command("import_family", str(path), "--admin", "niemand@example.org")
