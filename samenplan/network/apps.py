from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "samenplan.network"
    label = "network"
    verbose_name = "Ons netwerk"

    def ready(self):
        from . import permissions, waiting  # noqa: F401  (actions and what waits for whom)
