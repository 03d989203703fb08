from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "samenplan.exports"
    label = "exports"
    verbose_name = "Exports"
