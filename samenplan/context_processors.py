from django.conf import settings
from django.utils.functional import SimpleLazyObject

from samenplan.middleware import kept_form


def samenplan(request):
    def waiting_count():
        # Counted only on pages that show it (the main menu of a logged-in person).
        from samenplan.families.models import WaitingItem

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return WaitingItem.objects.filter(
            user=user, kind=WaitingItem.Kind.MINE, family__closed_at__isnull=True
        ).count()

    return {
        "DEMO": settings.DEMO,
        # Each language in its own words, untranslated: someone who reads only
        # Arabic must find "العربية" on a Dutch page.
        "LANGUAGE_SWITCH": settings.LANGUAGES,
        "THEME_CSS": settings.SAMENPLAN_THEME_CSS,
        "WAITING_COUNT": SimpleLazyObject(waiting_count),
        "UNDO": _undo_on_offer(request),
        "KEPT_FORM": kept_form(request),
        "SESSION_IDLE": _idle_seconds(request),
        "CHILD_MODE": _child_mode(request),
        "CHILD_PAGE": _child_page(),
    }


def _child_page() -> str:
    """The child's own page, where a feature registered one (families/child_mode.py)."""
    from samenplan.families import child_mode

    return child_mode.home_name()


def _child_mode(request):
    """The child this phone is handed to, with the way back: for the bar on every page."""
    from samenplan.families import child_mode

    value = child_mode.state(request)
    if value is None:
        return None
    return {**value, "home": child_mode.home_url(value)}


def _idle_seconds(request) -> int | None:
    """After how many idle seconds this person is logged out (the page warns before)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    kind = request.session.get("sp_kind")
    limits = settings.SAMENPLAN_SESSION_LIMITS.get(kind)
    return limits["idle"] if limits else None


def _undo_on_offer(request):
    """The "Ongedaan maken" still on offer (families/writes.py: offer_undo), if any."""
    import time

    from samenplan.families.writes import UNDO_KEY

    session = getattr(request, "session", None)
    offer = session.get(UNDO_KEY) if session is not None else None
    if not offer:
        return None
    if offer.get("until", 0) < time.time():
        session.pop(UNDO_KEY, None)
        return None
    return offer
