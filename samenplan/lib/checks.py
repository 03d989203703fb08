"""Production refuses unsafe settings: ``manage.py check --deploy`` fails on them.

Each of these once let family data or a login code out in a real installation
(a console mail backend writes login codes to the server log; the demo creates
an admin with a known password; a database user that may change the audit
table can change history).
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError, connection

UNSAFE_MAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
AUDIT_TABLE = "audit_auditevent"
SQLITE_TRIGGERS = ("audit_auditevent_no_update", "audit_auditevent_no_delete")


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    errors = []
    if settings.EMAIL_BACKEND in UNSAFE_MAIL:
        errors.append(
            Error(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: login codes would end up in a log "
                "or nowhere.",
                hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend "
                "and EMAIL_HOST.",
                id="samenplan.E001",
            )
        )
    if getattr(settings, "DEMO", False):
        errors.append(
            Error(
                "SAMENPLAN_DEMO is on: demo accounts with known passwords can be made.",
                hint="Leave SAMENPLAN_DEMO unset in production.",
                id="samenplan.E002",
            )
        )
    if getattr(settings, "SAMENPLAN_TASKS", "db") == "immediate":
        errors.append(
            Error(
                "SAMENPLAN_TASKS=immediate sends mail from inside web requests.",
                hint="Use SAMENPLAN_TASKS=db (and run manage.py db_worker) or rq.",
                id="samenplan.E005",
            )
        )
    errors.extend(_audit_table_is_protected())
    return errors


def _audit_table_is_protected():
    """On PostgreSQL, the app's database user cannot change or empty the audit log.

    On SQLite (no users), the append-only triggers of migration audit 0004 are
    there: Django drops a SQLite table's triggers when a migration rebuilds it.
    """
    try:
        if AUDIT_TABLE not in connection.introspection.table_names():
            return []  # not migrated yet: nothing to protect
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [AUDIT_TABLE],
                )
                missing = set(SQLITE_TRIGGERS) - {row[0] for row in cursor.fetchall()}
                if missing:
                    return [
                        Error(
                            f"The audit table lacks its append-only triggers: {sorted(missing)}.",
                            hint="A migration rebuilt audit_auditevent; create the triggers "
                            "again as in samenplan/audit/migrations/0004_sqlite_append_only.py.",
                            id="samenplan.E006",
                        )
                    ]
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT rolsuper FROM pg_roles WHERE rolname = current_user UNION ALL "
                    "SELECT has_table_privilege(current_user, %s, 'UPDATE') OR "
                    "has_table_privilege(current_user, %s, 'DELETE') OR "
                    "has_table_privilege(current_user, %s, 'TRUNCATE')",
                    [AUDIT_TABLE] * 3,
                )
                superuser, may_change = (row[0] for row in cursor.fetchall())
                if superuser or may_change:
                    return [
                        Error(
                            "The database user may change or empty the audit log.",
                            hint="Run the app as a role without UPDATE, DELETE and TRUNCATE on "
                            "audit_auditevent (docs/operations.md, 'Two database roles').",
                            id="samenplan.E003",
                        )
                    ]
    except DatabaseError:
        return []  # the database is not reachable: other checks and the health page say so
    return []
