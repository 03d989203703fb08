from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "samenplan.network"
    label = "network"
    verbose_name = "Ons netwerk"

    def ready(self):
        from . import permissions  # noqa: F401  (declares this app's actions)
