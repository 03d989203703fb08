"""What a child made, beside the goals, views and future pictures it hangs on.

The plan and the decisions know nothing of this app: they ask the core's hook
``creations.for_items`` (one query for all items of a page) and include
``creations/_list.html``.
"""

from __future__ import annotations

from .actions import may_remove
from .models import Creation


def for_items(*, access, item_type: str, ids) -> dict:
    """{item id: {"made": [creations], "add": bool}} for the items on a page."""
    ids = list(ids)
    found: dict[int, list[Creation]] = {pk: [] for pk in ids}
    if ids:
        rows = (
            Creation.objects.visible_to(access)
            .current()
            .filter(item_type=item_type, item_id__in=ids)
            .select_related("member")
            .defer("content")
        )
        for creation in rows:
            creation.removable = may_remove(access, creation)
            found[creation.item_id].append(creation)
    # Whether the add page has anyone to add for is its own business (one
    # query there, none here).
    may_add = access.may("creation.add") and access.role in ("parent", "youth", "professional")
    return {
        pk: {"made": made, "add": may_add, "on": item_type, "on_id": pk}
        for pk, made in found.items()
    }
