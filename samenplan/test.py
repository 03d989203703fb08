"""Personas for tests: the demo families, plus the few people tests need more.

``SamenplanTestCase`` builds the demo once per test class. Its attributes are
the people of docs/demo.md:

- sanne (mother, authority, coordinator of Bakker), youssef (father, authority),
  noor (youth, 15), ria (grandmother, network), eva (Wijkteam Oost, on the team),
  martijn (De Brug, on the team), joke (client supporter)
- anouk (mother of De Groot), daan (youth, 17), bram (Wijkteam Oost, De Groot)
- lotte (Wijkteam Oost, no family), admin (org admin of Wijkteam Oost)
- peter: test-only, Daan's father without authority, in De Groot with Daan's consent
"""

from django.test import TestCase

from samenplan.demo.build import build_demo
from samenplan.families.models import Consent, Member, Participant


class SamenplanTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo = build_demo()
        cls.demo = demo
        cls.bakker = demo.bakker
        cls.degroot = demo.degroot
        cls.wijkteam = demo.wijkteam
        for key, user in demo.users.items():
            setattr(cls, key, user)
        cls.m = demo.members
        cls.p = demo.participants
        # A parent without authority: takes part only when invited, with consent.
        from samenplan.families.actions import account_for_email

        cls.peter = account_for_email(email="peter@example.org", name="Peter de Groot")
        peter_member = Member.objects.create(
            family=demo.degroot,
            name="Peter de Groot",
            relation="vader",
            has_authority=False,
            lives_in_household=False,
        )
        cls.m["peter"] = peter_member
        cls.p["peter"] = Participant.objects.create(
            family=demo.degroot, user=cls.peter, role="parent", member=peter_member
        )
        Consent.objects.create(
            family=demo.degroot,
            participant=cls.p["peter"],
            member=demo.members["daan"],
            given_by=cls.daan,
        )

    def login(self, user):
        self.client.force_login(user)
        return user


def give_totp(user) -> str:
    """Set up TOTP for ``user`` as they would in "Mijn account"; return the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app would show now (RFC 6238)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int((at or time.time()) // 30)
    return format_hotp_value(hotp_value(secret, counter))


def logged_in_session(user) -> str:
    """A session key for ``user``, as after logging in (for the browser and the benchmark)."""
    import time
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from samenplan.accounts.signals import user_kind

    now = int(time.time())
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["sp_kind"] = user_kind(user)
    session["sp_started"] = now
    session["sp_last"] = now
    session.create()
    return session.session_key


# What the "weet je het zeker?" page sends along (families/permissions.py: Confirm).
CONFIRMED = {"bevestigd": "1"}
