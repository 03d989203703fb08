from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import SafeForm

from .rules import RULES


class TextForm(SafeForm):
    # Only read, never kept; longer texts are checked in their first part.
    tekst = forms.CharField(label=_("Tekst"), required=False, strip=False)


class DismissForm(SafeForm):
    regel = forms.ChoiceField(
        label=_("Soort tip"), choices=[(rule, rule) for rule in sorted(RULES)]
    )
