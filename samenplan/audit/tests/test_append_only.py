from django.db import connection, transaction
from django.test import TestCase

from samenplan.audit.models import AppendOnlyError, AuditEvent


def make_event(**kwargs):
    return AuditEvent.objects.create(
        actor_name="Eva de Vries", data="family_home", action="view", **kwargs
    )


class AppendOnlyTestCase(TestCase):
    def test_it_refuses_to_change_an_event(self):
        event = make_event()
        event.actor_name = "Iemand anders"
        with self.assertRaises(AppendOnlyError):
            event.save()

    def test_it_refuses_a_queryset_update(self):
        make_event()
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.update(actor_name="x")

    def test_it_refuses_to_remove_an_event(self):
        event = make_event()
        with self.assertRaises(AppendOnlyError):
            event.delete()
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.all().delete()
        self.assertEqual(AuditEvent.objects.count(), 1)


class DatabaseTriggerTestCase(TestCase):
    """On both databases a trigger refuses what goes past the ORM."""

    def test_it_refuses_raw_sql_updates_and_deletes(self):
        event = make_event()
        for sql in (
            "UPDATE audit_auditevent SET actor_name = 'x' WHERE id = %s",
            "DELETE FROM audit_auditevent WHERE id = %s",
        ):
            with (
                self.subTest(sql=sql),
                self.assertRaises(Exception) as raised,
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [event.pk])
            self.assertIn("append-only", str(raised.exception))
        self.assertEqual(AuditEvent.objects.get(pk=event.pk).actor_name, "Eva de Vries")


class SqliteTriggerTestCase(TestCase):
    def setUp(self):
        if connection.vendor != "sqlite":
            self.skipTest("the SQLite triggers; PostgreSQL has its own (above)")

    def test_the_triggers_are_there_and_the_deploy_check_knows_them(self):
        from samenplan.lib.checks import SQLITE_TRIGGERS, _audit_table_is_protected

        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            self.assertLessEqual(set(SQLITE_TRIGGERS), {row[0] for row in cursor.fetchall()})
        self.assertEqual(_audit_table_is_protected(), [])

    def test_the_deploy_check_fails_when_a_migration_dropped_a_trigger(self):
        from samenplan.lib.checks import _audit_table_is_protected

        # SQLite's DDL is transactional: the test's rollback puts the trigger back.
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER audit_auditevent_no_delete")
        errors = _audit_table_is_protected()
        self.assertEqual([e.id for e in errors], ["samenplan.E006"])
        self.assertIn("audit_auditevent_no_delete", errors[0].msg)

    def test_another_program_without_our_function_cannot_change_the_log_either(self):
        import sqlite3

        from samenplan.audit.sqlite import TRIGGERS

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)",
                list(TRIGGERS),
            )
            triggers = [row[0] for row in cursor.fetchall()]
        other = sqlite3.connect(":memory:")  # like the sqlite3 shell on the file
        other.execute("CREATE TABLE audit_auditevent (id INTEGER PRIMARY KEY, detail TEXT)")
        for sql in triggers:
            other.execute(sql)
        other.execute("INSERT INTO audit_auditevent (detail) VALUES ('gezien')")
        for sql in ("UPDATE audit_auditevent SET detail = 'x'", "DELETE FROM audit_auditevent"):
            with self.subTest(sql=sql), self.assertRaises(sqlite3.OperationalError):
                other.execute(sql)
        self.assertEqual(
            other.execute("SELECT detail FROM audit_auditevent").fetchall(), [("gezien",)]
        )
