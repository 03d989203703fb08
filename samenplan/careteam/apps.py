from django.apps import AppConfig


class CareteamConfig(AppConfig):
    name = "samenplan.careteam"
    label = "careteam"
    verbose_name = "Wie doet wat"

    def ready(self):
        from . import panels, permissions, waiting  # noqa: F401  (actions, panels, what waits)
