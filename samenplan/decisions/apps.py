from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "samenplan.decisions"
    label = "decisions"
    verbose_name = "Beslissen"

    def ready(self):
        from . import panels, permissions, voice, waiting  # noqa: F401  (what it adds elsewhere)
