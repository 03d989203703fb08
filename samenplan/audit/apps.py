from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_switch(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        from .sqlite import register

        register(connection)


class AuditConfig(AppConfig):
    name = "samenplan.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self):
        # SQLite's append-only triggers ask a function of ours (migration 0004).
        connection_created.connect(_sqlite_switch, dispatch_uid="samenplan-audit-sqlite")
