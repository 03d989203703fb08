"""Hostile input on every form: never a 500; a clear Dutch message; input kept.

Hypothesis sends any unicode, very long text, empty values, numbers out of
range and wrong choices. Script payloads saved into text fields come back
escaped on every page that shows them.
"""

from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st

from samenplan.families.models import Invitation, Participant
from samenplan.test import SamenplanTestCase, give_totp
from samenplan.tests.hostile import ANY_NUMBER, ANY_TEXT, HostileTestCase, hostile_given

EMAIL = st.one_of(st.emails().map(str), ANY_TEXT)
ROLE = st.one_of(
    st.sampled_from(["parent", "youth", "network", "professional", "client_supporter"]), ANY_TEXT
)


class HostileFormTestCase(HostileTestCase):
    @hostile_given(
        name=ANY_TEXT,
        email=EMAIL,
        role=ROLE,
        member=ANY_NUMBER,
        relation_label=ANY_TEXT,
        message=ANY_TEXT,
    )
    def test_the_invite_form(self, name, email, role, member, relation_label, message):
        self.client.force_login(self.sanne)
        data = {
            "name": name,
            "email": email,
            "role": role,
            "member": member,
            "relation_label": relation_label,
            "message": message,
        }
        response = self.client.post(reverse("families:invite", args=[self.bakker.pk]), data)
        kept = {}
        if len(name) <= 150:
            kept["name"] = name
        if len(relation_label) <= 100:
            kept["relation_label"] = relation_label
        self.assert_handled(response, kept)

    @hostile_given(name=ANY_TEXT, language=st.one_of(st.sampled_from(["nl", "en"]), ANY_TEXT))
    def test_the_my_account_form(self, name, language):
        self.client.force_login(self.noor)
        response = self.client.post(
            reverse("accounts:my_account"), {"name": name, "language": language}
        )
        self.assert_handled(response, {"name": name} if len(name) <= 150 else {})

    @hostile_given(
        name=ANY_TEXT,
        email=EMAIL,
        function=ANY_TEXT,
        phone=ANY_TEXT,
        reachability=ANY_TEXT,
        is_org_admin=st.sampled_from(["", "on", "x" * 500]),
    )
    def test_the_new_professional_form(
        self, name, email, function, phone, reachability, is_org_admin
    ):
        give_totp(self.admin)
        self.client.force_login(self.admin)
        data = {
            "name": name,
            "email": email,
            "function": function,
            "phone": phone,
            "reachability": reachability,
            "is_org_admin": is_org_admin,
        }
        response = self.client.post(reverse("accounts:organization"), data)
        self.assert_handled(response, {"name": name} if len(name) <= 150 else {})

    @hostile_given(name=ANY_TEXT, function=ANY_TEXT, is_active=st.sampled_from(["", "on"]))
    def test_the_edit_professional_form(self, name, function, is_active):
        give_totp(self.admin)
        self.client.force_login(self.admin)
        url = reverse("accounts:professional_edit", args=[self.lotte.professional.pk])
        response = self.client.post(
            url, {"name": name, "function": function, "is_active": is_active}
        )
        self.assert_handled(response, {"name": name} if len(name) <= 150 else {})

    @hostile_given(login=EMAIL, password=ANY_TEXT)
    def test_the_login_form(self, login, password):
        response = self.client.post(
            reverse("account_login"), {"login": login, "password": password}
        )
        self.assertIn(response.status_code, (200, 302))
        if response.status_code == 200:
            self.assertIn("form-errors", response.content.decode())

    @hostile_given(email=EMAIL)
    def test_the_login_code_form(self, email):
        response = self.client.post(reverse("account_request_login_code"), {"email": email})
        self.assertIn(response.status_code, (200, 302))

    @hostile_given(code=ANY_TEXT)
    def test_the_login_code_confirm_form(self, code):
        self.client.post(reverse("account_request_login_code"), {"email": "sanne@example.org"})
        response = self.client.post(reverse("account_confirm_login_code"), {"code": code})
        self.assertIn(response.status_code, (200, 302))
        self.assertNotIn("_auth_user_id", self.client.session)

    @hostile_given(language=ANY_TEXT, next_url=ANY_TEXT)
    def test_the_language_switch(self, language, next_url):
        response = self.client.post(
            reverse("set_language"), {"language": language, "next": next_url}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(response.url.startswith(("http:", "https:", "//")))

    @hostile_given(place=ANY_NUMBER, id=ANY_NUMBER)
    def test_the_access_log_place(self, place, id):
        self.client.force_login(self.sanne)
        url = reverse("families:access_log", args=[self.bakker.pk])
        response = self.client.get(url, {"ouder": f"{place}-{id}"})
        self.assertEqual(response.status_code, 200)


PAYLOAD = '<script>alert("samenplan")</script>'


class ScriptPayloadTestCase(SamenplanTestCase):
    """Scripts typed into any text field come back as text, never as code."""

    def assert_escaped(self, url):
        content = self.client.get(url).content.decode()
        self.assertNotIn(PAYLOAD, content, url)
        self.assertIn(escape(PAYLOAD), content, url)

    def test_it_escapes_invitation_names_relations_and_messages(self):
        self.login(self.sanne)
        self.client.post(
            reverse("families:invite", args=[self.bakker.pk]),
            {
                "name": PAYLOAD,
                "email": "buurman@example.org",
                "role": "network",
                "relation_label": PAYLOAD,
                "message": PAYLOAD,
            },
        )
        invitation = Invitation.objects.get(email="buurman@example.org")
        self.assert_escaped(reverse("families:home", args=[self.bakker.pk]))
        invitee = Participant.objects.model.user.field.related_model.objects.get(
            email="buurman@example.org"
        )
        self.login(invitee)
        self.assert_escaped(reverse("families:list"))
        self.client.post(reverse("families:invitation_accept", args=[invitation.pk]))
        self.login(self.sanne)
        for url in (
            reverse("families:home", args=[self.bakker.pk]),
            reverse("families:consent", args=[self.bakker.pk]),
        ):
            self.assert_escaped(url)

    def test_it_escapes_a_users_own_name_everywhere(self):
        self.login(self.ria)
        self.client.post(reverse("accounts:my_account"), {"name": PAYLOAD, "language": "nl"})
        self.assert_escaped(reverse("accounts:my_account"))
        self.login(self.sanne)
        for url in (
            reverse("families:home", args=[self.bakker.pk]),
            reverse("families:consent", args=[self.bakker.pk]),
        ):
            self.assert_escaped(url)
        self.login(self.ria)
        self.client.get(reverse("families:home", args=[self.bakker.pk]))
        self.login(self.sanne)
        self.assert_escaped(reverse("families:access_log", args=[self.bakker.pk]))

    def test_it_escapes_professional_names_for_the_org_admin(self):
        give_totp(self.admin)
        self.login(self.admin)
        self.client.post(
            reverse("accounts:organization"),
            {"name": PAYLOAD, "email": "nieuw@example.org", "function": PAYLOAD},
        )
        self.assert_escaped(reverse("accounts:organization"))
