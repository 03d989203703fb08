"""The restore drill: back up the demo, restore into an empty database, compare, log in, read.

Runs the real commands in their own processes against real database files (and,
in the PostgreSQL run, two scratch databases on the server).
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import SimpleTestCase

READ_THE_PLAN = """
from django.test import Client
from samenplan.accounts.models import User
from samenplan.families.models import Family
client = Client()
client.force_login(User.objects.get(email="sanne@example.org"))
bakker = Family.objects.get(name="Gezin Bakker")
page = client.get(f"/gezin/{bakker.pk}/plan/")
print(page.status_code, "Onze hulpvraag" in page.content.decode())
"""


def manage(*args, database_url):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "1",
        "SAMENPLAN_DEMO": "1",
        "DJANGO_SETTINGS_MODULE": "samenplan.settings",
        "ALLOWED_HOSTS": "testserver,localhost",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def sqlite_fingerprint(path) -> dict[str, tuple[int, str]]:
    db = sqlite3.connect(path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    result = {}
    for table in sorted(tables):
        rows = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
        result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    db.close()
    return result


def pg_fingerprint(database_url) -> dict[str, tuple[int, str]]:
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        result = {}
        for table in tables:
            rows = db.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return result


class RestoreDrillTestCase(SimpleTestCase):
    def drill(self, source_url, target_url, backup_path, fingerprint):
        # One process per side keeps the drill quick: set up and back up; restore; read.
        setup = (
            "from django.core.management import call_command as run\n"
            "run('migrate', verbosity=0); run('createcachetable'); run('demo')\n"
            f"run('backup', {str(backup_path)!r})"
        )
        manage("shell", "-c", setup, database_url=source_url)
        manage("restore", str(backup_path), database_url=target_url)
        before, after = fingerprint(source_url), fingerprint(target_url)
        self.assertGreater(before["audit_auditevent"][0], 10)
        self.assertEqual(before, after)
        check = "from django.core.management import call_command\ncall_command('verify_audit')\n"
        out = manage("shell", "-c", check + READ_THE_PLAN, database_url=target_url)
        self.assertIn("audit log intact", out)
        self.assertEqual(out.split()[-2:], ["200", "True"])

    def test_sqlite(self):
        with tempfile.TemporaryDirectory() as tmp:
            source, target = Path(tmp, "live.sqlite3"), Path(tmp, "restored.sqlite3")
            self.drill(
                f"sqlite:///{source}",
                f"sqlite:///{target}",
                Path(tmp, "backup.sqlite3"),
                lambda url: sqlite_fingerprint(url.removeprefix("sqlite:///")),
            )
            # Restoring over data is refused: two states never mix.
            with self.assertRaises(AssertionError):
                manage(
                    "restore", str(Path(tmp, "backup.sqlite3")), database_url=f"sqlite:///{target}"
                )

    def test_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("the PostgreSQL drill runs in the PostgreSQL run (make test-pg)")
        import psycopg

        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        names = ["samenplan_drill_live", "samenplan_drill_restored"]
        admin_url = base.replace("postgres://", "postgresql://") + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as db:
            for name in names:
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                db.execute(f'CREATE DATABASE "{name}"')
        try:
            with tempfile.TemporaryDirectory() as tmp:
                self.drill(
                    f"{base}/{names[0]}",
                    f"{base}/{names[1]}",
                    Path(tmp, "backup.dump"),
                    pg_fingerprint,
                )
        finally:
            with psycopg.connect(admin_url, autocommit=True) as db:
                for name in names:
                    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
