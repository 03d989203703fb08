"""A place in a list ordered newest first, by (moment, id), written into a link.

Paging by "older than this one" costs the same on every page, where an offset
makes the database count past every row before it, and needs no count at all.
The cursor carries the moment in microseconds and the id, so reading it needs
no query; anything else in the parameter means "from the newest".
"""

import re
from datetime import UTC, datetime, timedelta

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_CURSOR = re.compile(r"(\d{1,17})-(\d{1,18})")


def make(row) -> str:
    micros = (row.at - EPOCH) // timedelta(microseconds=1)
    return f"{micros}-{row.pk}"


def parse(text: str):
    """``(moment, id)`` from ``make``'s text, or None."""
    match = _CURSOR.fullmatch(text or "")
    if not match:
        return None
    try:
        at = EPOCH + timedelta(microseconds=int(match.group(1)))
    except OverflowError:
        return None
    return at, int(match.group(2))
