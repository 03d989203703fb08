import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from samenplan.accounts.signals import user_kind
from samenplan.lib.policy import permissions_policy


class UserLanguageMiddleware:
    """Dutch, unless the person chose English.

    The choice is the one in "Mijn account" when logged in, else the language
    cookie set by the switch in the header. The browser's language is not
    used: many Dutch parents have a phone set to English and still expect
    Dutch.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = settings.LANGUAGE_CODE
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            language = user.language
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if chosen in dict(settings.LANGUAGES):
                language = chosen
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


# What someone typed in a form sent after their session ended (see below).
KEPT_KEY = "sp_kept_form"
KEPT_SECONDS = 3600
# Fields a page adds itself: not typed, never kept.
_NOT_TYPED = {
    "csrfmiddlewaretoken",
    "once",
    "version",
    "base",
    "bevestigd",
    "step",
    "what",
    "back",
    "next",
    "language",
}
_KEPT_MAX = 20_000


def _typed(post) -> dict[str, str]:
    """The words typed into a form: sentences, not choices, numbers or the page's own fields."""
    typed, size = {}, 0
    for name, value in post.items():
        value = value.strip()
        if name in _NOT_TYPED or not value or value.isdigit():
            continue
        if " " not in value and len(value) < 20:
            continue  # a choice ("school", "yes"), not something written
        size += len(value)
        if size > _KEPT_MAX:
            break
        typed[name] = value
    return typed


def _form_page(request) -> str:
    """The page the form was on (the Referer, from this site), else the form's address."""
    from urllib.parse import urlsplit

    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def kept_form(request) -> list[tuple[str, str]]:
    """What this person typed before their session ended, once, on the page it was for."""
    session = getattr(request, "session", None)
    kept = session.get(KEPT_KEY) if session is not None else None
    if not kept:
        return []
    user = getattr(request, "user", None)
    if kept.get("until", 0) < time.time() or (
        user is not None and user.is_authenticated and kept.get("user") != user.pk
    ):
        # Too old, or someone else logged in on this browser: never theirs to see.
        session.pop(KEPT_KEY, None)
        return []
    if user is None or not user.is_authenticated or request.path != kept.get("path"):
        return []
    session.pop(KEPT_KEY, None)
    return list(kept["fields"].items())


class HtmxLoginMiddleware:
    """An htmx request that is sent to the login page opens it as a page.

    Without this, htmx follows the redirect and puts the login page inside the
    card the button was in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code in (301, 302, 303)
            and response["Location"].split("?", 1)[0] == resolve_url(settings.LOGIN_URL)
        ):
            from django.http import HttpResponse

            redirected = HttpResponse(status=204)
            redirected["HX-Redirect"] = response["Location"]
            for cookie in response.cookies.values():
                redirected.cookies[cookie.key] = cookie
            return redirected
        return response


class SessionTimeoutMiddleware:
    """Log out after idle time and after a maximum session length.

    Professionals: 30 minutes idle, 12 hours in all. Families: 8 hours idle.
    """

    # Write the "last seen" time at most once a minute, not on every request.
    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            kind = session.get("sp_kind")
            if kind is None:
                kind = session["sp_kind"] = user_kind(user)
            limits = settings.SAMENPLAN_SESSION_LIMITS[kind]
            started = session.setdefault("sp_started", now)
            last = session.setdefault("sp_last", now)
            if now - last > limits["idle"] or now - started > limits["absolute"]:
                path = request.get_full_path()
                typed = _typed(request.POST) if request.method == "POST" else {}
                if typed:
                    # A form sent after the session ended: keep what was typed for
                    # the same person, and go back to the page the form was on.
                    path = _form_page(request)
                logout(request)
                if typed:
                    request.session[KEPT_KEY] = {
                        "user": user.pk,
                        "path": path.split("?", 1)[0],
                        "fields": typed,
                        "until": now + KEPT_SECONDS,
                    }
                messages.info(request, _("Je bent uitgelogd, omdat je een tijd niets hebt gedaan."))
                if typed:
                    messages.info(
                        request,
                        _("Wat je typte, is bewaard. Log opnieuw in, dan zie je het terug."),
                    )
                return redirect_to_login(path)
            if now - last >= self.TOUCH_EVERY:
                session["sp_last"] = now
        return self.get_response(request)


class RequireMFAMiddleware:
    """Professionals set up a second factor before they see any family data.

    allauth can ask for a second factor but has no switch to require one.
    Pages to set it up, log out and change the language stay reachable.
    """

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/taal/", "/robots.txt", "/mijn-account/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            if request.method == "GET":
                messages.info(
                    request,
                    _(
                        "Stel eerst een tweede stap in om in te loggen. "
                        "Daarna kun je de gezinnen zien."
                    ),
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        if not settings.SAMENPLAN_REQUIRE_MFA:
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.path.startswith(self.ALLOWED_PREFIXES):
            return False
        if request.session.get("sp_kind") != "professional":
            return False
        if request.session.get("sp_mfa"):
            return False
        from allauth.mfa.models import Authenticator

        has_mfa = Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).exists()
        if has_mfa:
            request.session["sp_mfa"] = True
        return not has_mfa


class NoStoreMiddleware:
    """Pages are personal: no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            patch_cache_control(response, no_store=True, private=True)
        return response


class PermissionsPolicyMiddleware:
    """The browser may not give any page the camera, microphone, location or payment.

    One page asks for the microphone (a child records a voice note,
    ``creations:add``); it sets its own header (``lib/policy.py``)."""

    POLICY = permissions_policy()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response
