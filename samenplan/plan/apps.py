from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "samenplan.plan"
    label = "plan"
    verbose_name = "Ons plan"
