"""The switch behind SQLite's append-only triggers (migration 0004).

Nothing in the app turns it off. Only the test suite does: while Django empties
a test database between tests that commit (``conftest.py``) — there is no other
way to reset a database whose audit rows may not be deleted — and where a test
plays the intruder who changes a row behind the app's back (``verify_audit``).
"""

from contextlib import contextmanager
from contextvars import ContextVar

TRIGGERS = ("audit_auditevent_no_update", "audit_auditevent_no_delete")
_unlocked: ContextVar[bool] = ContextVar("samenplan_unlocked_test_database", default=False)


def locked() -> int:
    return 0 if _unlocked.get() else 1


def register(connection) -> None:
    """Give a new SQLite connection the function the triggers ask."""
    connection.connection.create_function("samenplan_audit_locked", 0, locked)


@contextmanager
def unlocked_for_tests():
    token = _unlocked.set(True)
    try:
        yield
    finally:
        _unlocked.reset(token)
