from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "samenplan.families"
    label = "families"
    verbose_name = "Gezinnen"

    def ready(self):
        from . import permissions, versions, waiting_core  # noqa: F401  (actions, cache, what waits)
