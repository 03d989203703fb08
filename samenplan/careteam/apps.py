from django.apps import AppConfig


class CareteamConfig(AppConfig):
    name = "samenplan.careteam"
    label = "careteam"
    verbose_name = "Wie doet wat"
