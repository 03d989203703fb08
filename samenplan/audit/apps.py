from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "samenplan.audit"
    label = "audit"
    verbose_name = "Audit"
