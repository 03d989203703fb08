from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "samenplan.plan"
    label = "plan"
    verbose_name = "Ons plan"

    def ready(self):
        from . import permissions  # noqa: F401  (declares this app's actions)
