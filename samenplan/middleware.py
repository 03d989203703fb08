import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from samenplan.accounts.signals import user_kind


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
                logout(request)
                messages.info(request, _("Je bent uitgelogd, omdat je een tijd niets hebt gedaan."))
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
    """The browser may not give any page the camera, microphone, location or payment."""

    POLICY = (
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response
