"""What waits for whom ("Wacht op jou"), worked out in one place.

A feature registers a source: ``function(access) -> iterable of Item``. Each
source reads through the visibility layer with the access it is given, so a
list only ever holds what that person may see. ``refresh(family_id)`` asks
every source for every person at the table and keeps the answer in
``WaitingItem``, so that the family home, the header, "Voor jou" and the
counts read one table, at the same cost for one family or forty.

The key of an item names one request ("plan.step:12:late"). Someone is told
about a key once; a change to the same request keeps its key, and when the
request is gone (done, withdrawn, no longer visible) its row goes too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from .access import FamilyAccess, missing_consent
from .models import Consent, Family, Member, Participant, WaitingItem

MINE = WaitingItem.Kind.MINE
FAMILY = WaitingItem.Kind.FAMILY
INFO = WaitingItem.Kind.INFO


@dataclass(frozen=True)
class Item:
    key: str  # one request: "plan.step:12:late"
    title: str  # what to do, in the reader's language (never sent by e-mail)
    url: str  # where it is done
    kind: str = MINE  # MINE: this person can do it; FAMILY: waits for the family; INFO
    due: date | None = None
    late: bool = False


Source = Callable[[FamilyAccess], Iterable[Item]]


def short(text: str, length: int = 80) -> str:
    """An item's own words on one line, cut to fit a list on a phone."""
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


_SOURCES: list[Source] = []


def source(function: Source) -> Source:
    """Register a source of waiting items (a feature's ``waiting.py``)."""
    if function not in _SOURCES:
        _SOURCES.append(function)
    return function


def items_for(access: FamilyAccess) -> list[Item]:
    """Everything that waits, as ``access`` sees it; one item per key."""
    if access.read_only:
        # Emergency access and a closed family: nothing to do here.
        return []
    found: dict[str, Item] = {}
    for function in _SOURCES:
        for item in function(access):
            found.setdefault(item.key, item)
    return sorted(
        found.values(),
        key=lambda i: (not i.late, i.due or date.max, i.title),
    )


def accesses(family: Family, today: date | None = None) -> list[FamilyAccess]:
    """An access for everyone at the table who can open the family now."""
    members = list(Member.objects.filter(family_id=family.pk))
    participants = list(
        Participant.objects.active()
        .filter(family_id=family.pk, user__is_active=True)
        .select_related("user", "member", "family")
    )
    consents = list(Consent.objects.active().filter(family_id=family.pk))
    result = []
    for participant in participants:
        participant.family = family
        access = FamilyAccess(
            family=family,
            participant=participant,
            members=members,
            today=today or timezone.localdate(),
            consents=[c for c in consents if c.participant_id == participant.pk],
        )
        if participant.needs_consent and missing_consent(
            participant, access.consent_givers, access.consents
        ):
            continue
        result.append(access)
    return result


@transaction.atomic
def refresh(family_id: int, today: date | None = None) -> None:
    """Work out again what waits for whom in one family, and keep it."""
    family = Family.objects.select_for_update().filter(pk=family_id).first()
    if family is None:
        return
    wanted: dict[tuple[int, str], WaitingItem] = {}
    if family.closed_at is None:
        for access in accesses(family, today):
            with override(access.user.language or "nl"):
                for item in items_for(access):
                    wanted[(access.participant.pk, item.key)] = WaitingItem(
                        family_id=family.pk,
                        participant_id=access.participant.pk,
                        user_id=access.user.pk,
                        key=item.key[:120],
                        kind=item.kind,
                        title=str(item.title)[:300],
                        url=item.url[:300],
                        due=item.due,
                        late=item.late,
                    )
    kept = {(row.participant_id, row.key): row for row in WaitingItem.objects.filter(family=family)}
    gone = [row.pk for pair, row in kept.items() if pair not in wanted]
    if gone:
        WaitingItem.objects.filter(pk__in=gone).delete()
    changed = []
    for pair, row in wanted.items():
        old = kept.get(pair)
        if old is None:
            continue
        if (old.title, old.url, old.due, old.late, old.kind) != (
            row.title,
            row.url,
            row.due,
            row.late,
            row.kind,
        ):
            old.title, old.url, old.due, old.late, old.kind = (
                row.title,
                row.url,
                row.due,
                row.late,
                row.kind,
            )
            changed.append(old)
    if changed:
        WaitingItem.objects.bulk_update(changed, ["title", "url", "due", "late", "kind"])
    WaitingItem.objects.bulk_create([row for pair, row in wanted.items() if pair not in kept])
