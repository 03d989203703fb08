import time

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import Professional


def user_kind(user) -> str:
    """ "professional" for anyone working for an organisation, else "family"."""
    return "professional" if Professional.objects.filter(user=user).exists() else "family"


@receiver(user_logged_in)
def remember_session_start(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session["sp_kind"] = user_kind(user)
    request.session["sp_started"] = now
    request.session["sp_last"] = now
    request.session.pop("sp_mfa", None)
    if user.language:
        request.session["_language"] = user.language


@receiver(authenticator_added)
@receiver(authenticator_removed)
def forget_mfa_state(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session.pop("sp_mfa", None)
