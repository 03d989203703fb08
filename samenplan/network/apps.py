from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "samenplan.network"
    label = "network"
    verbose_name = "Ons netwerk"
