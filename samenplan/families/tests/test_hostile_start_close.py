"""Hostile input on starting a family, members and gezag, closing, moving, the privacy
officer's answers, the organisation's invitations and the import page: never a 500, a
clear Dutch message, what was typed kept."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import strategies as st

from samenplan.families.models import DestructionRequest, Family, Invitation, Move
from samenplan.test import give_totp
from samenplan.tests.hostile import (
    ANY_NUMBER,
    ANY_TEXT,
    DATES,
    ERROR_SUMMARY,
    HostileTestCase,
    hostile_given,
)

RELATION = st.one_of(st.sampled_from(["moeder", "vader", "kind", "stiefouder"]), ANY_TEXT)
CHECK = st.sampled_from(["", "on", "x"])


class HostileStartTestCase(HostileTestCase):
    @hostile_given(
        name=ANY_TEXT,
        framework=st.one_of(st.sampled_from(["vrijwillig", "ots", "voogdij"]), ANY_TEXT),
        gi=ANY_NUMBER,
        member_name=ANY_TEXT,
        relation=RELATION,
        birth_date=DATES,
        email=ANY_TEXT,
        authority=CHECK,
        total=st.one_of(st.sampled_from(["1", "2", "20", "21", "9999"]), ANY_TEXT),
        criterion=ANY_TEXT,
    )
    def test_the_start_form(
        self,
        name,
        framework,
        gi,
        member_name,
        relation,
        birth_date,
        email,
        authority,
        total,
        criterion,
    ):
        self.client.force_login(self.kees)
        give_totp(self.kees)
        before = Family.objects.count()
        data = {
            "name": name,
            "legal_framework": framework,
            "gi": gi,
            "criterion_1": criterion,
            "member-TOTAL_FORMS": total,
            "member-INITIAL_FORMS": "0",
            "member-0-name": member_name,
            "member-0-relation": relation,
            "member-0-birth_date": birth_date,
            "member-0-email": email,
            "member-0-has_authority": authority,
        }
        response = self.client.post(reverse("families:start"), data)
        kept = [name] if len(name) <= 120 else []
        self.assert_handled(response, kept)
        if response.status_code != 302:
            self.assertEqual(Family.objects.count(), before)

    @hostile_given(
        name=ANY_TEXT, relation=RELATION, birth_date=DATES, sex=ANY_TEXT, authority=CHECK
    )
    def test_the_new_member_form(self, name, relation, birth_date, sex, authority):
        self.client.force_login(self.sanne)
        url = reverse("families:member_new", args=[self.bakker.pk])
        data = {
            "name": name,
            "relation": relation,
            "birth_date": birth_date,
            "sex": sex,
            "has_authority": authority,
        }
        self.assert_handled(self.client.post(url, data), [name] if len(name) <= 150 else [])

    @hostile_given(version=ANY_NUMBER, has_authority=ANY_TEXT, why=ANY_TEXT)
    def test_the_authority_form(self, version, has_authority, why):
        self.client.force_login(self.sanne)
        url = reverse("families:member_authority", args=[self.bakker.pk, self.m["youssef"].pk])
        data = {"version": version, "has_authority": has_authority, "why": why}
        self.assert_handled(self.client.post(url, data), [why] if len(why) <= 500 else [])


class HostileCloseMoveTestCase(HostileTestCase):
    @hostile_given(
        step=st.one_of(
            st.sampled_from(["criterion", "criterion_change", "close", "reopen", "destroy"]),
            ANY_TEXT,
        ),
        text=ANY_TEXT,
        number=ANY_NUMBER,
        what=ANY_TEXT,
    )
    def test_the_closing_forms(self, step, text, number, what):
        self.client.force_login(self.sanne)
        url = reverse("families:closing", args=[self.bakker.pk])
        data = {
            "text": text,
            "criterion": number,
            "version": number,
            "met": "on",
            "what": what,
            "legal_basis": text,
            "reason": text,
        }
        for each in (step, "criterion_change", "close", "reopen"):
            response = self.client.post(url, {**data, "step": each})
            self.assertIn(response.status_code, (200, 302, 400, 403, 404))
            if response.status_code == 400:
                self.assertIn(ERROR_SUMMARY, response.content.decode())

    @hostile_given(
        kind=st.one_of(st.sampled_from(["organisatie", "bestand"]), ANY_TEXT),
        organization=ANY_NUMBER,
        municipality=ANY_TEXT,
        reason=ANY_TEXT,
        move=ANY_NUMBER,
        seen=ANY_NUMBER,
        agrees=ANY_TEXT,
    )
    def test_the_move_forms(self, kind, organization, municipality, reason, move, seen, agrees):
        self.client.force_login(self.sanne)
        url = reverse("families:move", args=[self.bakker.pk])
        propose = {
            "step": "propose",
            "kind": kind,
            "to_organization": organization,
            "to_municipality": municipality,
            "reason": reason,
        }
        self.assert_handled(self.client.post(url, propose))
        answer = {"step": "answer", "move": move, "seen": seen, "agrees": agrees}
        self.assertIn(self.client.post(url, answer).status_code, (302, 404))
        Move.objects.filter(family=self.bakker).delete()


class HostileOfficeTestCase(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        give_totp(cls.ingrid)
        give_totp(cls.admin)
        cls.asked = DestructionRequest.objects.get(family__name="Gezin Yilmaz")

    @hostile_given(
        step=st.one_of(st.sampled_from(["decide", "extend", "confirm"]), ANY_TEXT),
        version=ANY_NUMBER,
        answer=ANY_TEXT,
        text=ANY_TEXT,
    )
    def test_the_privacy_officers_forms(self, step, version, answer, text):
        self.client.force_login(self.ingrid)
        url = reverse("families:privacy_request", args=[self.asked.pk])
        data = {
            "step": step,
            "version": version,
            "answer": answer,
            "basis": text,
            "refusal": text,
            "because": text,
            "agree": answer,
        }
        response = self.client.post(url, data)
        self.assertIn(response.status_code, (302, 400, 403))
        if response.status_code == 400:
            # Either the form with its summary, or (for a step that is not open)
            # a message on top of the page.
            page = response.content.decode()
            self.assertTrue(ERROR_SUMMARY in page or 'class="form-errors" role="alert"' in page)
        DestructionRequest.objects.filter(pk=self.asked.pk).update(
            status="pending", extended_because="", version=1
        )

    @hostile_given(invitation=ANY_NUMBER, professional=ANY_NUMBER)
    def test_the_assignment_form(self, invitation, professional):
        Invitation.objects.get_or_create(
            family=self.bakker,
            email="",
            organization=self.wijkteam,
            role="professional",
            name=self.wijkteam.name,
            invited_by=self.sanne,
        )
        self.client.force_login(self.admin)
        response = self.client.post(
            reverse("families:organization_invitations"),
            {"invitation": invitation, "professional": professional},
        )
        self.assertIn(response.status_code, (302, 400, 404))
        if response.status_code == 400:
            self.assertIn(ERROR_SUMMARY, response.content.decode())

    @hostile_given(
        benign={"content": lambda text: text.encode("utf-8", "surrogatepass")},
        content=st.one_of(
            st.binary(max_size=2000),
            ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
        ),
        gi=ANY_NUMBER,
    )
    def test_the_import_page(self, content, gi):
        self.client.force_login(self.admin)
        before = Family.objects.count()
        upload = SimpleUploadedFile("verhuis.json", content)
        response = self.client.post(reverse("exports:import"), {"file": upload, "gi": gi})
        self.assertEqual(response.status_code, 400)
        self.assertIn(ERROR_SUMMARY, response.content.decode())
        self.assertEqual(Family.objects.count(), before)
