from django.apps import AppConfig


class CreationsConfig(AppConfig):
    name = "samenplan.creations"
    label = "creations"
    verbose_name = "Wat een kind maakte"

    def ready(self):
        from samenplan.families.hooks import provide

        from . import permissions, voice  # noqa: F401  (what it adds elsewhere)
        from .shown import for_items

        provide("creations.for_items")(for_items)
