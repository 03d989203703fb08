from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "samenplan.decisions"
    label = "decisions"
    verbose_name = "Beslissen"
