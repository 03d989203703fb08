from allauth.account.forms import (
    ConfirmLoginCodeForm,
    ConfirmPasswordResetCodeForm,
    RequestLoginCodeForm,
)
from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import SafeInputMixin, SafeModelForm

from .models import Professional, User


class ProfileForm(SafeModelForm):
    class Meta:
        model = User
        fields = ["name", "language"]
        labels = {"name": _("Je naam"), "language": _("Taal van Samenplan")}


class ProfessionalForm(SafeModelForm):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)

    class Meta:
        model = Professional
        fields = ["function", "phone", "reachability", "is_org_admin", "is_privacy_officer"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["name", "email", "function", "phone", "reachability", "is_org_admin"])
        if self.instance.pk:
            self.fields["name"].initial = self.instance.user.name
            del self.fields["email"]
            self.fields["is_active"] = forms.BooleanField(
                label=_("Account actief"), required=False, initial=self.instance.is_active
            )

    def clean_is_privacy_officer(self):
        value = self.cleaned_data.get("is_privacy_officer")
        if (
            value
            and self.instance.pk
            and self.instance.user.participations.filter(active_to__isnull=True).exists()
        ):
            raise forms.ValidationError(
                _(
                    "Deze persoon zit nog aan tafel bij een gezin. Een functionaris voor "
                    "privacy zit nergens aan tafel."
                )
            )
        return value

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email


def _code_field(field):
    # One large box that phones fill from the mail (one-time-code); letters in any
    # case and with or without the dash are accepted by the check itself.
    field.label = _("Inlogcode")
    field.help_text = _("Acht letters en cijfers, zoals ABCD‑2345. Kleine letters mogen ook.")
    field.widget.attrs = {
        "class": "code-input",
        "autocomplete": "one-time-code",
        "autocapitalize": "characters",
        "autocorrect": "off",
        "spellcheck": "false",
        "maxlength": "20",
    }


class LoginCodeForm(SafeInputMixin, ConfirmLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(self.fields["code"])


class PasswordResetCodeForm(SafeInputMixin, ConfirmPasswordResetCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(self.fields["code"])
        self.fields["code"].label = _("Code uit de mail")


class RequestCodeForm(SafeInputMixin, RequestLoginCodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = _("Je e-mailadres")
        email.help_text = _("Het adres waarop je de uitnodiging voor Samenplan kreeg.")
        email.widget.attrs.update({"autocomplete": "email", "placeholder": ""})
