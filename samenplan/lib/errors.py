"""The errors every write can raise, shared by the core and every feature."""

from __future__ import annotations

from django.utils.translation import gettext as _


class ActionError(Exception):
    """A write that cannot be done; the message is shown to the user."""


class StaleEdit(ActionError):
    """Someone else saved first. Nothing was overwritten; ``current`` is their text."""

    def __init__(self, current: str = "", message: str | None = None):
        super().__init__(
            message or _("Iemand anders heeft dit intussen veranderd. Er is niets overschreven.")
        )
        self.current = current
