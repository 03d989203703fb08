from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "samenplan.network"
    label = "network"
    verbose_name = "Ons netwerk"

    def ready(self):
        from . import panels, permissions, waiting  # noqa: F401  (what it adds elsewhere)
