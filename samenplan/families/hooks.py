"""What the core asks of a feature, without importing it.

A feature provides an implementation for a named hook when its app is ready
(``@provide("table.choice")``); the core calls it by name. A hook nobody
provides does nothing and returns None.

Hooks in use:

- ``table.choice``: the family chose about a table larger than its maximum
  (recorded by "Wie doet wat").
- ``timeline.add``: a milestone of the family itself (a member added, gezag
  changed) as a line on the plan's timeline.
- ``step.helper_choices``, ``step.helpers``, ``step.helper_set``: who from the
  family's network helps with a step (provided by the network for the plan,
  which comes before it).
- ``creations.for_items``: what a child made, beside goals, views and future
  pictures (provided by ``creations`` for the plan and the decisions).
- ``text.saved``: the language hints after a save (provided by ``taal``).
"""

from __future__ import annotations

from collections.abc import Callable

_HOOKS: dict[str, Callable] = {}


def provide(name: str):
    def register(function):
        _HOOKS[name] = function
        return function

    return register


def call(name: str, **kwargs):
    function = _HOOKS.get(name)
    return function(**kwargs) if function is not None else None


def attach_made(access, item_type: str, items) -> None:
    """Set ``item.made`` on each item: what a child made beside it (one query)."""
    items = list(items)
    found = (
        call("creations.for_items", access=access, item_type=item_type, ids=[i.pk for i in items])
        or {}
    )
    for item in items:
        item.made = found.get(item.pk)
