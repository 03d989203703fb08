import pytest
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


@pytest.mark.postgres
class DatabaseTriggerTestCase(TestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            # .ci/run runs the whole suite a second time on PostgreSQL.
            self.skipTest("runs on PostgreSQL only: make test-pg (DATABASE_URL)")

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
