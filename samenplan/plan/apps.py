from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "samenplan.plan"
    label = "plan"
    verbose_name = "Ons plan"

    def ready(self):
        from . import permissions, voice, waiting  # noqa: F401  (what it adds elsewhere)
