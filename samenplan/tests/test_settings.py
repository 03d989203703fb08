import os
import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from samenplan.test import SamenplanTestCase

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-real-secret-key-for-this-check-only-5f2c9a8e1b7d4c3a9e8f7a6b5c4d3e2f",
    "ALLOWED_HOSTS": "samenplan.example.nl",
    "DATABASE_URL": "sqlite:////tmp/samenplan-check.sqlite3",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DJANGO_SETTINGS_MODULE": "samenplan.settings",
}


def run_manage(*args, env):
    # Leave out what the test environment set (see samenplan/testenv.py).
    test_only = {
        "SAMENPLAN_DEMO",
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "WHITENOISE_USE_FINDERS",
        "SITE_ROOT",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "SAMENPLAN_ADMIN",
        "SAMENPLAN_TASKS",
        "REQUEST_LOG_LEVEL",
    }
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


class DeployCheckTestCase(SimpleTestCase):
    def test_it_passes_the_deploy_check_with_production_settings(self):
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_it_refuses_to_start_without_a_secret_key_in_production(self):
        env = {**PRODUCTION, "SECRET_KEY": ""}
        result = run_manage("check", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stderr)

    def test_it_uses_secure_cookies_and_hsts_in_production(self):
        code = (
            "from django.conf import settings as s;"
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
            " s.SECURE_SSL_REDIRECT)"
        )
        result = run_manage("shell", "-c", code, env=PRODUCTION)
        self.assertEqual(
            result.stdout.strip().splitlines()[-1], "True True True True", result.stderr
        )

    def test_app_servers_can_share_sessions_and_cache_in_redis_and_read_from_a_replica(self):
        scaled_out = {
            **PRODUCTION,
            "CACHE_URL": "redis://127.0.0.1:6379/15",
            "SESSION_STORE": "cache",
            "DATABASE_URL": "postgres://samenplan_app@127.0.0.1:5441/samenplan",
            "DATABASE_REPLICA_URL": "postgres://samenplan_app@127.0.0.1:5442/samenplan",
        }
        code = (
            "from django.conf import settings as s;"
            "print(s.SESSION_ENGINE, s.CACHES['default']['BACKEND'], s.DATABASE_ROUTERS,"
            " s.DATABASES['replica']['PORT'], s.DATABASES['replica']['CONN_MAX_AGE'])"
        )
        result = run_manage("shell", "-c", code, env=scaled_out)
        self.assertEqual(
            result.stdout.strip().splitlines()[-1],
            "django.contrib.sessions.backends.cache django.core.cache.backends.redis.RedisCache"
            " ['samenplan.lib.replica.ReplicaRouter'] 5442 600",
            result.stderr,
        )

    def test_it_refuses_sessions_in_a_cache_that_is_not_shared(self):
        result = run_manage("check", env={**PRODUCTION, "SESSION_STORE": "cache"})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SESSION_STORE=cache needs CACHE_URL", result.stderr)
        result = run_manage("check", env={**PRODUCTION, "CACHE_URL": "memcached://x"})
        self.assertIn("CACHE_URL must be empty or a redis:// address", result.stderr)


class DatabaseSettingsTestCase(TestCase):
    def test_it_uses_wal_on_sqlite_and_persistent_connections_on_both(self):
        from django.db import connection

        self.assertGreater(settings.DATABASES["default"]["CONN_MAX_AGE"], 0)
        self.assertTrue(settings.DATABASES["default"]["CONN_HEALTH_CHECKS"])

        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                mode = cursor.fetchone()[0]
            # The test database lives in memory, where SQLite keeps "memory".
            self.assertIn(mode, ("wal", "memory"))
            self.assertIn(
                "journal_mode=WAL", settings.DATABASES["default"]["OPTIONS"]["init_command"]
            )


class HeadersTestCase(SamenplanTestCase):
    def test_a_page_travels_compressed_to_a_browser_that_asks(self):
        import gzip

        self.login(self.sanne)
        url = f"/gezin/{self.bakker.pk}/plan/"
        plain = self.client.get(url)
        packed = self.client.get(url, headers={"Accept-Encoding": "gzip"})
        self.assertNotIn("Content-Encoding", plain)
        self.assertEqual(packed["Content-Encoding"], "gzip")
        self.assertIn("Accept-Encoding", packed["Vary"])
        page = gzip.decompress(packed.content).decode()
        self.assertIn("Onze doelen", page)
        self.assertLess(len(packed.content), len(plain.content) / 3)

    def test_it_sends_security_headers_on_every_page(self):
        for url in ("/", "/accounts/login/", "/robots.txt"):
            response = self.client.get(url)
            with self.subTest(url=url):
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                self.assertEqual(response["Referrer-Policy"], "same-origin")
                self.assertEqual(response["X-Frame-Options"], "DENY")
                csp = response["Content-Security-Policy"]
                self.assertIn("frame-ancestors 'none'", csp)
                self.assertIn("script-src 'self'", csp)
                self.assertNotIn("unsafe-inline", csp)

    def test_it_forbids_caching_of_family_pages(self):
        self.login(self.sanne)
        response = self.client.get(f"/gezin/{self.bakker.pk}/")
        self.assertIn("no-store", response["Cache-Control"])

    def test_it_sends_hsts_behind_https(self):
        with self.settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
            response = self.client.get("/", secure=True)
        self.assertTrue(
            response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
        )

    def test_it_redirects_to_https_in_production(self):
        with self.settings(SECURE_SSL_REDIRECT=True):
            response = self.client.get("/mijn-gezinnen/")
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response.url.startswith("https://"))

    def test_it_sets_session_cookies_http_only_and_same_site(self):
        self.login(self.sanne)
        cookie = self.client.cookies["sessionid"]
        response = self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertTrue(settings.SESSION_COOKIE_HTTPONLY)
        self.assertEqual(settings.SESSION_COOKIE_SAMESITE, "Lax")
        self.assertEqual(response.cookies["django_language"]["samesite"], "Lax")
        self.assertTrue(cookie.value)

    def test_it_asks_robots_to_stay_away(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.content, b"User-agent: *\nDisallow: /\n")

    def test_it_has_friendly_error_pages_in_dutch(self):
        response = self.client.get("/bestaat-niet/")
        self.assertContains(response, "Pagina niet gevonden", status_code=404)


class ServerErrorPageTestCase(SimpleTestCase):
    def test_it_shows_a_calm_500_page_in_dutch(self):
        from django.test import RequestFactory
        from django.utils import translation

        from samenplan.views import error_500

        with translation.override("nl"):
            response = error_500(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Er ging iets mis", status_code=500)
        self.assertContains(response, "Dat ligt aan ons, niet aan jou.", status_code=500)


class NoInlineCodeTestCase(SimpleTestCase):
    """The CSP allows no inline script or style; our templates carry none."""

    def test_it_has_no_inline_script_style_or_event_handlers(self):
        import re
        from pathlib import Path

        inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)|\sstyle=|\son[a-z]+=")
        found = []
        for template in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
                if inline.search(line):
                    found.append(f"{template}:{number}: {line.strip()}")
        self.assertEqual(found, [])


class MigrationsTestCase(TestCase):
    def test_it_has_a_migration_for_every_model_change(self):
        from io import StringIO

        from django.core.management import call_command

        out = StringIO()
        try:
            call_command("makemigrations", "--check", "--dry-run", stdout=out)
        except SystemExit:
            self.fail("Models changed without a migration:\n" + out.getvalue())
