from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "samenplan.notices"
    label = "notices"
    verbose_name = "Meldingen"

    def ready(self):
        from . import signals  # noqa: F401  (every change in a family refreshes what waits)
