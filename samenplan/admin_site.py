"""The Django admin (/beheer/): behind the same login and second factor as everything else.

It has no login page of its own (allauth's is used, with its rate limits), it
lets in only active staff who set up a second factor (which allauth then asks for at
every login),
and it shows no secrets (second-factor keys, sessions with addresses) and no
family content (family models are not registered). It is off in production
unless ``SAMENPLAN_ADMIN=1``.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


class SamenplanAdminSite(admin.AdminSite):
    site_header = "Samenplan beheer"
    site_title = "Samenplan beheer"

    def has_permission(self, request):
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        # With a second factor set up, allauth's login asks for it: no way in without it.
        return has_second_factor(user)

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_authenticated and user.is_active and user.is_staff:
            # Logged in, but without a second factor (or without using it): set it up / log
            # in again with it.
            return redirect(reverse("mfa_index"))
        if user.is_authenticated:
            # Logged in and not staff: the login page would send them straight back
            # here, round and round. Say no instead.
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


class SamenplanAdminConfig(AdminConfig):
    default_site = "samenplan.admin_site.SamenplanAdminSite"
