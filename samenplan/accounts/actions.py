"""Writes on accounts. Organisation admins manage their professionals here."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from samenplan.audit.actions import event_record
from samenplan.lib.mail import mail_later

from .models import Professional, User


def _mail_account_created(email: str, language: str = "nl") -> None:
    # In the new account's language, not the admin's.
    with translation.override(language):
        body = _(
            "Hallo,\n\nEr is een account voor je gemaakt in Samenplan.\n"
            "Ga naar {url} en kies 'Wachtwoord vergeten' om een wachtwoord te kiezen.\n"
            "Daarna stel je een tweede stap in om in te loggen.\n\n"
            "Met vriendelijke groet,\nSamenplan"
        ).format(url=settings.SITE_ROOT.rstrip("/") + "/accounts/login/")
        subject = _("Je account in Samenplan")
    mail_later(subject, body, [email])


@transaction.atomic
def professional_create(
    *,
    admin: Professional,
    name: str,
    email: str,
    function: str,
    phone: str = "",
    reachability: str = "",
    is_org_admin: bool = False,
    is_privacy_officer: bool = False,
    request=None,
) -> Professional:
    user = User.objects.create_user(email=email, name=name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    professional = Professional.objects.create(
        user=user,
        organization=admin.organization,
        function=function,
        phone=phone,
        reachability=reachability,
        is_org_admin=is_org_admin,
        is_privacy_officer=is_privacy_officer,
    )
    event_record(
        actor=admin.user, action="create", data="professional", obj=professional, request=request
    )
    transaction.on_commit(lambda: _mail_account_created(user.email, user.language))
    return professional


@transaction.atomic
def professional_update(
    *, admin: Professional, professional: Professional, request=None, **fields
) -> Professional:
    user = professional.user
    user.name = fields.pop("name", user.name)
    is_active = fields.pop("is_active", professional.is_active)
    if professional.pk == admin.pk:
        # An admin cannot lock themselves out or drop their own admin right.
        is_active = True
        fields["is_org_admin"] = True
    user.is_active = is_active
    user.save(update_fields=["name", "is_active"])
    professional.is_active = is_active
    for key, value in fields.items():
        setattr(professional, key, value)
    professional.save()
    event_record(
        actor=admin.user, action="update", data="professional", obj=professional, request=request
    )
    return professional


@transaction.atomic
def profile_update(*, user: User, name: str, language: str, request=None) -> User:
    user.name = name
    user.language = language
    user.save(update_fields=["name", "language"])
    return user
