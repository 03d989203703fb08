"""Append-only at the database on SQLite too (PostgreSQL has its trigger since 0002).

The triggers refuse UPDATE and DELETE on the audit table unless the function
``samenplan_audit_locked()`` says 0. Samenplan registers that function on every
SQLite connection (``samenplan/audit/sqlite.py``); it answers 1 except while the
test suite empties its own test database between tests. Another program that
opens the file (the ``sqlite3`` shell) has no such function, so its UPDATE or
DELETE fails as well.

Django rebuilds a SQLite table to alter it, which drops its triggers: a later
migration of this table must create them again; ``check --deploy`` and a test
say when they are missing (samenplan.E006).
"""

from django.db import migrations

TRIGGERS = {
    "audit_auditevent_no_update": "UPDATE",
    "audit_auditevent_no_delete": "DELETE",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name, operation in TRIGGERS.items():
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {operation} ON audit_auditevent "
            "WHEN samenplan_audit_locked() "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain")]

    operations = [migrations.RunPython(forwards, backwards)]
