"""The audit log is a hash chain per family: a planted change is found."""

from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import TestCase

from samenplan.audit.actions import event_record
from samenplan.audit.chain import verify
from samenplan.audit.models import AuditEvent
from samenplan.audit.sqlite import unlocked_for_tests
from samenplan.builders import FamilyBuilder


@contextmanager
def behind_the_apps_back():
    """A cursor past the append-only triggers, as someone who owns the database has."""
    with unlocked_for_tests(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def plant(event_id: int, detail: str) -> None:
    """Change a row behind the app's back."""
    with behind_the_apps_back() as cursor:
        cursor.execute("UPDATE audit_auditevent SET detail = %s WHERE id = %s", [detail, event_id])


class ChainTestCase(TestCase):
    def setUp(self):
        self.f = FamilyBuilder()
        self.mother = self.f.parent("Mira")
        self.other = FamilyBuilder("Gezin Ander")
        for _n in range(3):
            event_record(actor=self.mother.user, action="view", data="plan", family=self.f.family)
            event_record(actor=None, action="view", data="plan", family=self.other.family)
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(actor_name="Mira", family=self.f.family, data="plan", action="view")
                for _ in range(2)
            ]
        )

    def test_every_event_names_the_one_before_it_in_its_family(self):
        events = list(AuditEvent.objects.filter(family=self.f.family).order_by("id"))
        self.assertEqual(events[0].prev_hash, "")
        for before, after in zip(events, events[1:], strict=False):
            self.assertEqual(after.prev_hash, before.hash)
        self.assertEqual(verify(AuditEvent), [])
        out = StringIO()
        call_command("verify_audit", stdout=out)
        self.assertIn("audit log intact", out.getvalue())

    def test_a_planted_change_is_found_at_its_link(self):
        target = AuditEvent.objects.filter(family=self.f.family).order_by("id")[2]
        plant(target.pk, "niets aan de hand")
        self.assertEqual(
            verify(AuditEvent),
            [{"family": self.f.family.pk, "event": target.pk, "problem": "changed"}],
        )
        out = StringIO()
        with self.assertRaises(CommandError):
            call_command("verify_audit", stdout=out)
        self.assertIn(f"broken: family {self.f.family.pk}, event {target.pk}", out.getvalue())

    def test_a_removed_event_breaks_the_next_link(self):
        events = list(AuditEvent.objects.filter(family=self.other.family).order_by("id"))
        with behind_the_apps_back() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
        self.assertEqual(
            verify(AuditEvent),
            [{"family": self.other.family.pk, "event": events[2].pk, "problem": "link"}],
        )


@pytest.mark.postgres
class AppRoleTestCase(TestCase):
    """As the app's own role (docs/operations.md), the log can be added to, not changed."""

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("database roles need PostgreSQL: make test-pg (DATABASE_URL)")
        self.event = event_record(actor=None, action="view", data="plan")
        with connection.cursor() as cursor:
            cursor.execute(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                "'samenplan_app_test') THEN CREATE ROLE samenplan_app_test; END IF; END $$"
            )
            cursor.execute("GRANT USAGE ON SCHEMA public TO samenplan_app_test")
            cursor.execute(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                "TO samenplan_app_test"
            )
            cursor.execute(
                "REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM samenplan_app_test"
            )

    def as_app(self, sql):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE samenplan_app_test")
            cursor.execute(sql)

    def test_update_delete_and_truncate_are_refused(self):
        from django.db import DatabaseError

        for sql in (
            f"UPDATE audit_auditevent SET detail = 'x' WHERE id = {self.event.pk}",
            f"DELETE FROM audit_auditevent WHERE id = {self.event.pk}",
            "TRUNCATE audit_auditevent",
        ):
            with self.subTest(sql=sql.split()[0]), self.assertRaises(DatabaseError):
                self.as_app(sql)
        self.assertTrue(AuditEvent.objects.filter(pk=self.event.pk).exists())

    def test_the_app_role_still_writes_the_log(self):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE samenplan_app_test")
            event_record(actor=None, action="view", data="plan")
        self.assertEqual(verify(AuditEvent), [])
