"""Kindmodus: a child without an account uses the plan on a grown-up's phone.

A parent or a professional hands over their phone. From then on the session
shows only the child's own part of the plan: the pages a feature lets in
(``allow``), starting at the child's home (``home``). Everything else sends
the child back there, and no write passes but the few actions declared
``for_child`` (a score, a drawing, "dit vind ik ervan"), each stored as the
child's own, said on this grown-up's phone. The visibility layer narrows too:
what someone else keeps private stays hidden, even when the phone's owner was
chosen to see it. One tap on "Klaar" ends it; so does the end of the session, and a
family that closes or no longer opens for this grown-up (``access_for``).

The gate knows no feature: the plan registers the home page and the pages a
child may use.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse

SESSION_KEY = "sp_child_mode"
END = "families:child_mode_end"

_PAGES: set[str] = {END}
# Not about the family: the idle timer's "ik ben er nog" and the language switch.
_ANYWHERE = {"accounts:still_here", "set_language"}
_HOME: list[str] = []


def allow(*url_names: str) -> None:
    """Pages a child may open in child mode (their ``member_id``, if any, must be theirs)."""
    _PAGES.update(url_names)


def home(url_name: str) -> None:
    """The child's own page, reversed with ``(family_id, member_id)``."""
    _HOME[:] = [url_name]
    allow(url_name)


def home_name() -> str:
    return _HOME[0] if _HOME else ""


def state(request) -> dict | None:
    session = getattr(request, "session", None)
    if session is None:
        return None
    value = session.get(SESSION_KEY)
    user = getattr(request, "user", None)
    if not value or user is None or value.get("by") != user.pk:
        return None
    return value


def member_for(request, family_id: int) -> int | None:
    """The child this session is handed to, in family ``family_id``; else None."""
    value = state(request)
    if value is None or value["family"] != family_id:
        return None
    return value["member"]


def start(request, *, family_id: int, member_id: int) -> None:
    request.session[SESSION_KEY] = {"family": family_id, "member": member_id, "by": request.user.pk}
    request.session.cycle_key()


def end(request) -> None:
    request.session.pop(SESSION_KEY, None)


def home_url(value: dict) -> str:
    if not _HOME:
        return reverse("families:home", args=[value["family"]])
    return reverse(_HOME[0], args=[value["family"], value["member"]])


class ChildModeMiddleware:
    """Keeps a session in child mode on the child's pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        value = state(request)
        if value is None:
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in _ANYWHERE or (name in _PAGES and _theirs(value, view_kwargs)):
            return None
        return redirect(home_url(value))


def _theirs(value: dict, kwargs: dict) -> bool:
    if kwargs.get("family_id") is None or int(kwargs["family_id"]) != value["family"]:
        return False
    member_id = kwargs.get("member_id")
    return member_id is None or int(member_id) == value["member"]
