from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo families: built from every feature, so it sits above them all."""

    name = "samenplan.demo"
    label = "demo"
    verbose_name = "Demo"
