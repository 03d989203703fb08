from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import SafeForm

from .models import NoticeSettings


class NoticeSettingsForm(SafeForm):
    frequency = forms.ChoiceField(
        label=_("Hoe wil je horen dat er iets voor je klaarstaat?"),
        choices=NoticeSettings.Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "In de e-mail staat nooit wat er is: alleen dat er iets voor je klaarstaat. "
            "Zo leest niemand anders iets over jullie gezin mee."
        ),
    )
    quiet_from = forms.TimeField(
        label=_("Geen e-mail 's avonds vanaf"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_until = forms.TimeField(
        label=_("… tot 's ochtends"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Wat 's nachts klaarkomt, krijg je als je stille uren voorbij zijn."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
