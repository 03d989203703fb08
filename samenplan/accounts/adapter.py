from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    # The messages people see most on the way in, in our words: what went wrong
    # and what to do next (allauth's own say only "Incorrect code.").
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_code": _(
            "Deze inlogcode klopt niet. Kijk of je hem goed hebt overgetypt. Een code "
            "werkt 10 minuten en één keer. Is hij te oud? Vraag hieronder een nieuwe."
        ),
        "too_many_login_attempts": _(
            "Te veel inlogpogingen. Wacht een paar minuten en probeer het dan opnieuw."
        ),
        "rate_limited": _(
            "Je hebt net al een code gevraagd. Wacht een minuut en probeer het dan opnieuw."
        ),
        "invalid_or_expired_key": _("Deze link werkt niet meer. Vraag een nieuwe aan."),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # A code or a reset goes out in the language the account chose, not the
        # language of the screen that asked for it (a shared or borrowed phone).
        from django.utils import translation

        from .models import User

        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = getattr(user, "language", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def is_open_for_signup(self, request):
        # People join through an invitation or their organisation's admin.
        return False

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Failed logins count per account *and* address: someone elsewhere who knows a
        # professional's e-mail cannot lock that professional out. (The per-address
        # limit still stops one address from trying many accounts.)
        from samenplan.audit.actions import client_ip

        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"
        )
