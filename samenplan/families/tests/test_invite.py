from django.core import mail
from django.urls import reverse

from samenplan.accounts.models import User
from samenplan.audit.models import AuditEvent
from samenplan.families.models import Invitation, Participant
from samenplan.test import CONFIRMED, SamenplanTestCase, give_totp


class InviteTestCase(SamenplanTestCase):
    def url(self, family=None):
        return reverse("families:invite", args=[(family or self.bakker).pk])

    def post(self, **data):
        payload = {
            "name": "Petra de Buurvrouw",
            "email": "petra@example.org",
            "role": "network",
            "relation_label": "buurvrouw",
            "message": "",
        }
        payload.update(data)
        return self.client.post(self.url(), payload)

    def test_it_shows_the_form_to_a_parent_with_authority(self):
        self.login(self.sanne)
        response = self.client.get(self.url())
        self.assertContains(response, "Iemand uitnodigen")
        self.assertContains(response, "Sem Bakker")

    def test_it_invites_someone_from_the_network(self):
        self.login(self.sanne)
        response = self.post()
        self.assertRedirects(response, reverse("families:home", args=[self.bakker.pk]))
        invitation = Invitation.objects.get(email="petra@example.org")
        self.assertEqual(invitation.role, "network")
        self.assertEqual(invitation.invited_by, self.sanne)
        self.assertTrue(User.objects.filter(email="petra@example.org").exists())
        event = AuditEvent.objects.get(action="invite", family=self.bakker)
        self.assertEqual(
            (event.family, event.actor, event.role), (self.bakker, self.sanne, "parent")
        )

    def test_it_sends_a_mail_without_personal_data(self):
        self.login(self.sanne)
        with self.captureOnCommitCallbacks(execute=True):
            self.post()
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["petra@example.org"])
        for secret in ("Bakker", "Sanne", "Petra", "buurvrouw"):
            self.assertNotIn(secret, message.body)
            self.assertNotIn(secret, message.subject)
        self.assertIn("http://testserver/", message.body)

    def test_it_keeps_the_input_and_explains_in_dutch_when_the_email_is_wrong(self):
        self.login(self.sanne)
        response = self.post(email="geen-email", relation_label="buurvrouw van drie hoog")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Voer een geldig e-mailadres in", status_code=400)
        self.assertContains(response, "buurvrouw van drie hoog", status_code=400)
        self.assertContains(response, 'value="geen-email"', status_code=400)
        self.assertFalse(Invitation.objects.filter(name="Petra de Buurvrouw").exists())

    def test_it_asks_who_a_parent_is(self):
        self.login(self.sanne)
        response = self.post(role="parent")
        self.assertContains(response, "Kies wie in het gezin dit is.", status_code=400)

    def test_it_refuses_an_account_for_a_child_under_12(self):
        self.login(self.sanne)
        response = self.post(role="youth", member=self.m["sem"].pk, email="sem@example.org")
        self.assertContains(response, "vanaf 12 jaar", status_code=400)

    def test_it_refuses_a_member_of_another_family(self):
        self.login(self.sanne)
        response = self.post(role="youth", member=self.m["daan"].pk, email="d@example.org")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Invitation.objects.filter(email="d@example.org").exists())

    def test_it_refuses_someone_who_already_takes_part(self):
        self.login(self.sanne)
        response = self.post(email="RIA@example.org")
        self.assertContains(response, "Deze persoon doet al mee.", status_code=400)

    def test_it_refuses_a_second_open_invitation(self):
        self.login(self.sanne)
        self.post()
        response = self.post()
        self.assertContains(response, "al uitgenodigd", status_code=400)

    def test_it_needs_an_existing_professional_account_for_a_professional(self):
        self.login(self.sanne)
        # Bakker is at its maximum of three professionals: the family chose "more".
        response = self.post(role="professional", email="onbekend@example.org", choice="more")
        self.assertContains(response, "geen professional bekend", status_code=400)
        self.assertFalse(User.objects.filter(email="onbekend@example.org").exists())

    def test_it_is_403_for_a_youth_of_15(self):
        self.login(self.noor)
        self.assertEqual(self.post().status_code, 403)
        self.assertFalse(Invitation.objects.filter(family=self.bakker).exists())

    def test_it_is_404_for_an_outsider(self):
        give_totp(self.lotte)
        self.login(self.lotte)
        self.assertEqual(self.post().status_code, 404)


class InvitationJourneyTestCase(SamenplanTestCase):
    """Sanne invites Lotte; Lotte accepts; she sees the family only after consent."""

    def test_it_opens_the_family_only_after_everyone_consented(self):
        give_totp(self.lotte)
        self.login(self.sanne)
        self.client.post(
            reverse("families:invite", args=[self.bakker.pk]),
            # A fourth professional: the family chooses to have her at the table anyway.
            {
                "name": "Lotte Bos",
                "email": "lotte@example.org",
                "role": "professional",
                "choice": "more",
            },
        )
        invitation = Invitation.objects.get(email="lotte@example.org")

        self.login(self.lotte)
        response = self.client.get(reverse("families:list"))
        self.assertContains(response, "Gezin Bakker")
        self.assertContains(response, "Ja, ik doe mee")
        self.client.post(reverse("families:invitation_accept", args=[invitation.pk]))
        participant = Participant.objects.get(family=self.bakker, user=self.lotte)
        self.assertEqual(participant.organization_name, "Wijkteam Oost")
        home = reverse("families:home", args=[self.bakker.pk])
        response = self.client.get(home)
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "geen toestemming", status_code=403)
        self.assertNotContains(response, "Lina", status_code=403)

        self.login(self.sanne)
        response = self.client.get(home)
        self.assertContains(response, "Sanne Bakker geeft nog toestemming voor Lotte Bos.")
        self.assertContains(response, "Noor Bakker geeft nog toestemming voor Lotte Bos.")
        for giver in (self.sanne, self.youssef, self.noor):
            self.login(giver)
            self.client.post(
                reverse("families:consent_give", args=[self.bakker.pk, participant.pk])
            )
        self.login(self.lotte)
        self.assertEqual(self.client.get(home).status_code, 200)
        accepted = AuditEvent.objects.get(action="accept", family=self.bakker)
        self.assertEqual((accepted.actor, accepted.role), (self.lotte, "professional"))
        given = AuditEvent.objects.filter(action="consent_give", family=self.bakker)
        self.assertEqual({e.actor for e in given}, {self.sanne, self.youssef, self.noor})

    def test_it_lets_the_invited_person_decline(self):
        invitation = Invitation.objects.create(
            family=self.bakker,
            email="lotte@example.org",
            name="Lotte Bos",
            role="professional",
            invited_by=self.sanne,
        )
        give_totp(self.lotte)
        self.login(self.lotte)
        self.client.post(reverse("families:invitation_decline", args=[invitation.pk]))
        invitation.refresh_from_db()
        self.assertEqual(invitation.status, "declined")
        self.assertFalse(Participant.objects.filter(user=self.lotte, family=self.bakker).exists())
        self.assertTrue(AuditEvent.objects.filter(action="decline", family=self.bakker).exists())
        # A second answer finds nothing: the invitation is no longer open.
        response = self.client.post(reverse("families:invitation_accept", args=[invitation.pk]))
        self.assertEqual(response.status_code, 404)

    def test_it_lets_a_parent_withdraw_an_invitation(self):
        invitation = Invitation.objects.create(
            family=self.bakker,
            email="lotte@example.org",
            name="Lotte Bos",
            role="professional",
            invited_by=self.sanne,
        )
        self.login(self.youssef)
        self.client.post(
            reverse("families:invitation_withdraw", args=[self.bakker.pk, invitation.pk]),
            CONFIRMED,
        )
        invitation.refresh_from_db()
        self.assertEqual(invitation.status, "withdrawn")
        self.assertTrue(AuditEvent.objects.filter(action="remove", data="invitation").exists())

    def test_it_does_not_let_one_family_withdraw_another_familys_invitation(self):
        invitation = Invitation.objects.create(
            family=self.degroot,
            email="lotte@example.org",
            name="Lotte Bos",
            role="professional",
            invited_by=self.anouk,
        )
        self.login(self.sanne)
        response = self.client.post(
            reverse("families:invitation_withdraw", args=[self.bakker.pk, invitation.pk]),
            CONFIRMED,
        )
        self.assertEqual(response.status_code, 404)
