from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "samenplan.families"
    label = "families"
    verbose_name = "Gezinnen"
