"""Parts of a page that another feature fills, without the two importing each other.

A feature registers a panel for a place (``"plan"``: the plan page, ``"home"``:
the family home). The page asks ``panels_for(place, access)`` and includes
each panel's template with its context. Each panel reads through the
visibility layer like any page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)


_PANELS: dict[str, list[Callable]] = {}


def panel(place: str):
    """Register ``function(access) -> Panel | None`` for ``place``."""

    def register(function):
        _PANELS.setdefault(place, [])
        if function not in _PANELS[place]:
            _PANELS[place].append(function)
        return function

    return register


def panels_for(place: str, access) -> list[Panel]:
    result = []
    for function in _PANELS.get(place, []):
        shown = function(access)
        if shown is not None:
            result.append(shown)
    return result
