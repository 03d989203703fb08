from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "samenplan.families"
    label = "families"
    verbose_name = "Gezinnen"

    def ready(self):
        from . import permissions  # noqa: F401  (declares the core's actions)
