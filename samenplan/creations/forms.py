from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.families.models import Member
from samenplan.families.once import OnceField
from samenplan.lib.forms import SafeForm

from .files import MAX_IMAGE_BYTES
from .models import Creation


class CreationForm(OnceField, SafeForm):
    member = forms.ModelChoiceField(label=_("Wie maakte het?"), queryset=Member.objects.none())
    file = forms.FileField(
        label=_("Kies een foto, een tekening of een geluid"),
        help_text=_("Een foto of tekening (.jpg of .png, hoogstens 5 MB) of een kort geluid."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,audio/*"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Is het een tekening of een foto?"),
        choices=[(Creation.Kind.DRAWING, _("Een tekening")), (Creation.Kind.PHOTO, _("Een foto"))],
        initial=Creation.Kind.DRAWING,
        widget=forms.RadioSelect,
        required=False,
    )
    title = forms.CharField(
        label=_("Wat is het? (mag leeg blijven)"), max_length=200, required=False
    )
    audience = forms.ChoiceField(
        label=_("Wie mag het zien?"),
        choices=Creation.Audience.choices,
        initial=Creation.Audience.CHOSEN,
        widget=forms.RadioSelect,
    )
    shown_to = forms.ModelMultipleChoiceField(
        label=_("Wie mag het nog meer zien?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, makers=(), others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(pk__in=[m.pk for m in makers])
        if len(makers) == 1:
            self.fields["member"].initial = makers[0].pk
            self.fields["member"].widget = forms.HiddenInput()
        self.fields["shown_to"].queryset = others
        self.fields["shown_to"].label_from_instance = lambda p: p.user.name

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Read one byte past the largest we accept: enough to say "te groot".
        raw = upload.read(MAX_IMAGE_BYTES + 1)
        if len(raw) > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("Dit bestand is te groot. Hoogstens 5 MB."))
        return raw

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "member": data["member"],
            "raw": data["file"],
            "kind": data.get("kind") or Creation.Kind.DRAWING,
            "title": data.get("title", ""),
            "audience": data["audience"],
            "shown_to": list(data.get("shown_to") or []),
        }
