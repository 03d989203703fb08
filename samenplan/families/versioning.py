"""Nothing is lost: every editable row is saved with a conditional update.

``save_versioned`` writes ``UPDATE … SET version = version + 1 WHERE id = … AND
version = <the version the person saw>``. When someone else saved first, no
row matches, nothing is overwritten, and ``StaleEdit`` carries the newer text
so that the page can show both. Each saved version is kept in ``Revision``.

Confirmations ("klopt", "ja", accepting a proposal) pass the version the
person saw to ``confirm_version``, which refuses when the text changed since.
"""

from __future__ import annotations

from django.db.models import F
from django.forms.models import model_to_dict

from samenplan.lib.errors import StaleEdit

from .models import Revision


def revision_save(access, item, note: str = "") -> Revision:
    """Keep the row as it is now, as one version in its history (``note``: why)."""
    data = model_to_dict(item)
    for key, value in list(data.items()):
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
        elif isinstance(value, list):
            data[key] = [getattr(v, "pk", v) for v in value]
    return Revision.objects.create(
        family_id=item.family_id,
        item_type=item._meta.model_name,
        item_id=item.pk,
        version=item.version,
        data=data,
        author=access.user,
        note=note[:500],
    )


def save_versioned(
    *, access, item, expected_version, changes: dict, shown=str, history=True, note=""
):
    """Save ``changes`` on ``item`` only if it is still at ``expected_version``.

    ``shown`` turns the current row into what the page shows when the save is
    refused. Returns the item as saved (its version one higher).
    """
    model = type(item)
    changed = model._default_manager.filter(pk=item.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if not changed:
        raise StaleEdit(shown(model._default_manager.get(pk=item.pk)))
    item.refresh_from_db()
    if history:
        revision_save(access, item, note)
    return item


def show_newest(form, item) -> None:
    """After a refused save: the form keeps what was typed, with the newest version.

    Saving again then goes over the version the person has now seen.
    """
    item.refresh_from_db()
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = item.version


def confirm_version(item, seen_version, shown=str) -> None:
    """Refuse a confirmation of a version the person did not see."""
    try:
        seen = int(seen_version)
    except (TypeError, ValueError):
        seen = -1
    if seen != item.version:
        raise StaleEdit(shown(item), message=_changed_message())


def _changed_message() -> str:
    from django.utils.translation import gettext as _

    return _("Dit is intussen veranderd. Lees het nieuwe hieronder en kies dan opnieuw.")
