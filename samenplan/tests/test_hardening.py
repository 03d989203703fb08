"""What a municipality's IT tries first: the admin, secrets at rest, unsafe settings, headers."""

import re

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from samenplan.accounts import mfa
from samenplan.builders import user
from samenplan.test import give_totp, totp_code
from samenplan.tests.test_settings import PRODUCTION, run_manage

SMTP = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}


class AdminTestCase(TestCase):
    def setUp(self):
        self.staff = get_user_model().objects.create_user(
            email="it@gemeente.example", name="IT", password="een-lang-wachtwoord-2026"
        )
        self.staff.is_staff = self.staff.is_superuser = True
        self.staff.save()

    def test_the_admin_has_no_login_of_its_own(self):
        response = self.client.get("/beheer/")
        self.assertEqual(response.status_code, 302)
        login = self.client.get(response["Location"])
        self.assertRedirects(login, "/accounts/login/?next=%2Fbeheer%2F", target_status_code=200)

    def test_someone_logged_in_without_staff_rights_is_told_no_not_sent_round(self):
        other = get_user_model().objects.create_user(email="ouder@example.org", name="Ouder")
        self.client.force_login(other)
        response = self.client.get("/beheer/", follow=True)
        self.assertEqual(response.status_code, 403)
        self.assertLess(len(response.redirect_chain), 3)

    def test_staff_without_a_second_factor_is_sent_to_set_one_up(self):
        self.client.force_login(self.staff)
        response = self.client.get("/beheer/", follow=True)
        self.assertNotContains(response, "Samenplan beheer")
        self.assertEqual(response.redirect_chain[-1][0], reverse("mfa_index"))

    def test_staff_with_a_second_factor_gets_in_and_sees_no_secrets(self):
        give_totp(self.staff)
        self.client.force_login(self.staff)
        index = self.client.get("/beheer/")
        self.assertContains(index, "Samenplan beheer")
        text = index.content.decode().lower()
        for hidden in ("authenticator", "user sessions", "gebruikerssessies"):
            self.assertNotIn(hidden, text)
        self.assertEqual(self.client.get("/beheer/mfa/authenticator/").status_code, 404)

    def test_the_admin_is_off_in_production_unless_switched_on(self):
        code = (
            "from django.urls import resolve, Resolver404\n"
            "try:\n    resolve('/beheer/'); print('on')\nexcept Resolver404:\n    print('off')"
        )
        off = run_manage("shell", "-c", code, env={**PRODUCTION, **SMTP})
        self.assertEqual(off.stdout.strip().splitlines()[-1], "off", off.stderr)
        on = run_manage("shell", "-c", code, env={**PRODUCTION, **SMTP, "SAMENPLAN_ADMIN": "1"})
        self.assertEqual(on.stdout.strip().splitlines()[-1], "on", on.stderr)


class SecretsAtRestTestCase(TestCase):
    def test_a_totp_secret_is_not_readable_in_the_database_and_still_works(self):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        person = user("eva@example.org", "Eva")
        secret = give_totp(person)
        stored = Authenticator.objects.get(user=person, type="totp").data["secret"]
        self.assertTrue(stored.startswith("fernet:"))
        self.assertNotIn(secret, stored)
        self.assertTrue(
            TOTP(Authenticator.objects.get(user=person)).validate_code(totp_code(secret))
        )

    def test_recovery_codes_are_encrypted_too(self):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        person = user("eva@example.org", "Eva")
        codes = RecoveryCodes.activate(person)
        seed = Authenticator.objects.get(user=person, type="recovery_codes").data["seed"]
        self.assertTrue(seed.startswith("fernet:"))
        self.assertEqual(len(codes.generate_codes()), 10)

    def test_a_new_key_first_and_rotate_secrets_keeps_every_second_factor_working(self):
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP
        from cryptography.fernet import Fernet

        old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        person = user("eva@example.org", "Eva")
        with override_settings(SAMENPLAN_SECRETS_KEYS=[old]):
            secret = give_totp(person)
        # Before encryption existed: a plain secret in the table.
        plain = user("bram@example.org", "Bram")
        plain_secret = give_totp(plain)
        Authenticator.objects.filter(user=plain).update(data={"secret": plain_secret})
        with override_settings(SAMENPLAN_SECRETS_KEYS=[new, old]):
            call_command("rotate_secrets", stdout=__import__("io").StringIO())
        with override_settings(SAMENPLAN_SECRETS_KEYS=[new]):
            for who, code_secret in ((person, secret), (plain, plain_secret)):
                totp = TOTP(Authenticator.objects.get(user=who, type="totp"))
                self.assertTrue(totp.validate_code(totp_code(code_secret)), who)
                stored = Authenticator.objects.get(user=who, type="totp").data["secret"]
                self.assertNotIn(code_secret, stored)

    def test_plain_values_from_before_are_read_as_they_are(self):
        self.assertEqual(mfa.decrypt("JBSWY3DPEHPK3PXP"), "JBSWY3DPEHPK3PXP")
        self.assertEqual(mfa.decrypt(mfa.encrypt("geheim")), "geheim")


class DeployCheckTestCase(SimpleTestCase):
    def test_the_console_mail_backend_fails_the_deploy_check(self):
        env = {**PRODUCTION, "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("samenplan.E001", result.stderr + result.stdout)

    def test_the_demo_flag_fails_the_deploy_check(self):
        env = {**PRODUCTION, **SMTP, "SAMENPLAN_DEMO": "1"}
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        self.assertIn("samenplan.E002", result.stderr + result.stdout)

    def test_tasks_that_run_inside_requests_fail_the_deploy_check(self):
        env = {**PRODUCTION, **SMTP, "SAMENPLAN_TASKS": "immediate"}
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        self.assertIn("samenplan.E005", result.stderr + result.stdout)

    def test_the_demo_refuses_to_load_in_production(self):
        result = run_manage("demo", env={**PRODUCTION, **SMTP})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DEBUG=1 or SAMENPLAN_DEMO=1", result.stderr)


class HeadersTestCase(TestCase):
    def test_every_page_sends_a_permissions_policy(self):
        response = self.client.get("/")
        self.assertIn("camera=()", response["Permissions-Policy"])
        self.assertIn("geolocation=()", response["Permissions-Policy"])

    @override_settings(
        SECURITY_CONTACT="mailto:security@gemeente.example",
        SECURITY_TXT_EXPIRES="2027-06-30T00:00:00Z",
    )
    def test_security_txt_names_a_contact_and_an_expiry(self):
        response = self.client.get("/.well-known/security.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        text = response.content.decode()
        self.assertIn("Contact: mailto:security@gemeente.example\n", text)
        self.assertIn("Expires: 2027-06-30T00:00:00Z\n", text)

    def test_security_txt_expires_within_two_years_without_a_setting(self):
        text = self.client.get("/.well-known/security.txt").content.decode()
        self.assertRegex(text, r"Expires: \d{4}-12-31T23:59:59Z")

    def test_the_language_cookie_is_secure_when_the_site_is(self):
        with override_settings(LANGUAGE_COOKIE_SECURE=True):
            response = self.client.post("/taal/", {"language": "en", "next": "/"})
        self.assertTrue(response.cookies["django_language"]["secure"])

    def test_the_qr_code_does_not_repeat_the_secret_in_its_text(self):
        person = user("lotte@example.org", "Lotte")
        self.client.force_login(person)
        page = self.client.get(reverse("mfa_activate_totp")).content.decode()
        secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page) or re.search(
            r'value="([A-Z2-7]{16,})"', page
        )
        self.assertIsNotNone(secret)
        alts = re.findall(r'alt="([^"]*)"', page)
        self.assertTrue(alts)
        for alt in alts:
            self.assertNotIn(secret.group(1), alt)


class HealthTestCase(TestCase):
    def test_the_health_page_says_ok_for_database_cache_and_queue_without_data(self):
        response = self.client.get("/gezond/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(), {"status": "ok", "database": "ok", "cache": "ok", "queue": "ok"}
        )

    @override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",
            }
        }
    )
    def test_a_part_that_cannot_be_reached_makes_it_a_503(self):
        response = self.client.get("/gezond/")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["cache"], "error")
        self.assertEqual(response.json()["status"], "error")


class LockoutTestCase(TestCase):
    def test_someone_elsewhere_cannot_lock_a_professional_out(self):
        person = get_user_model().objects.create_user(
            email="eva@example.org", name="Eva", password="een-lang-wachtwoord-2026"
        )
        for _attempt in range(8):
            self.client.post(
                reverse("account_login"),
                {"login": person.email, "password": "fout"},
                REMOTE_ADDR="203.0.113.9",
            )
        response = self.client.post(
            reverse("account_login"),
            {"login": person.email, "password": "een-lang-wachtwoord-2026"},
            REMOTE_ADDR="198.51.100.4",
        )
        self.assertEqual(response.status_code, 302)


class StructuredLogTestCase(TestCase):
    def test_a_request_is_one_json_line_without_address_user_or_family(self):
        import json

        import structlog

        person = user("sanne@example.org", "Sanne Bakker")
        self.client.force_login(person)
        with self.assertLogs("django_structlog", level="INFO") as logs:
            self.client.get("/mijn-gezinnen/", REMOTE_ADDR="203.0.113.77")
        formatter = structlog.stdlib.ProcessorFormatter(
            processor=structlog.processors.JSONRenderer()
        )
        lines = [json.loads(formatter.format(record)) for record in logs.records]
        finished = [line for line in lines if line["event"] == "request_finished"]
        self.assertEqual(len(finished), 1)
        self.assertEqual(finished[0]["code"], 200)
        self.assertIn("request_id", finished[0])
        text = json.dumps(lines)
        for personal in ("203.0.113.77", "sanne@example.org", "Sanne", '"user_id"', '"ip"'):
            self.assertNotIn(personal, text)


class DeployCheckInProcessTestCase(TestCase):
    """The same checks as above, called directly (the subprocess runs are not measured)."""

    def ids(self):
        from samenplan.lib.checks import production_settings

        return sorted(error.id for error in production_settings(None))

    def test_safe_settings_pass(self):
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            DEMO=False,
            SAMENPLAN_TASKS="db",
        ):
            ids = self.ids()
        # On PostgreSQL the test database user is a superuser: E003 is right there.
        expected = ["samenplan.E003"] if connection.vendor == "postgresql" else []
        self.assertEqual(ids, expected)

    def test_each_unsafe_setting_is_named(self):
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            DEMO=True,
            SAMENPLAN_TASKS="immediate",
        ):
            ids = self.ids()
        for code in ("samenplan.E001", "samenplan.E002", "samenplan.E005"):
            self.assertIn(code, ids)


class DemoCommandTestCase(TestCase):
    def test_the_demo_loads_only_where_it_may(self):
        from io import StringIO

        from django.core.management.base import CommandError

        with override_settings(DEBUG=False, DEMO=False), self.assertRaises(CommandError):
            call_command("demo", stdout=StringIO())
        out = StringIO()
        with override_settings(DEMO=True):
            call_command("demo", stdout=out)
        self.assertIn("sanne@example.org", out.getvalue())
