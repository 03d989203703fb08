from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _guard_connection(sender, connection, **kwargs):
    from .forms import refuse_unsafe_params

    if refuse_unsafe_params not in connection.execute_wrappers:
        connection.execute_wrappers.append(refuse_unsafe_params)


class LibConfig(AppConfig):
    """Shared helpers. As an app only to guard every database connection."""

    name = "samenplan.lib"
    label = "samenplan_lib"

    def ready(self):
        from . import checks  # noqa: F401  (production refuses unsafe settings)

        connection_created.connect(_guard_connection, dispatch_uid="samenplan-unsafe-text")
