from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Member, Participant


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Deze persoon logt in met dit e-mailadres."),
    )
    role = forms.ChoiceField(
        label=_("Wie is het?"),
        choices=[
            (Participant.Role.PARENT, _("Een ouder of verzorger")),
            (Participant.Role.YOUTH, _("Een jongere uit het gezin (12 jaar of ouder)")),
            (Participant.Role.NETWORK, _("Iemand uit ons netwerk (familie, buren, vrienden)")),
            (Participant.Role.PROFESSIONAL, _("Een professional")),
            (Participant.Role.CLIENT_SUPPORTER, _("Een cliëntondersteuner")),
        ],
        widget=forms.RadioSelect,
    )
    member = forms.ModelChoiceField(
        label=_("Wie in het gezin is dit?"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Alleen nodig voor een ouder of een jongere."),
    )
    relation_label = forms.CharField(
        label=_("Relatie met het gezin"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld: oma, buurvrouw, trainer van Sem."),
    )
    message = forms.CharField(
        label=_("Persoonlijk bericht (mag leeg blijven)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    choice = forms.ChoiceField(
        label=_("Wat kiezen jullie?"),
        choices=[
            ("more", _("Toch erbij: we kiezen voor meer professionals aan tafel")),
            ("keep_small", _("Niet erbij: we houden de tafel klein")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    choice_reason = forms.CharField(
        label=_("Waarom? (mag leeg blijven)"), max_length=500, required=False
    )

    def __init__(self, *args, members=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(pk__in=[m.pk for m in members])
        self._members = {m.pk: m for m in members}
        self._today = today

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        member = cleaned.get("member")
        if role in (Participant.Role.PARENT, Participant.Role.YOUTH) and member is None:
            self.add_error("member", _("Kies wie in het gezin dit is."))
        if role == Participant.Role.PARENT and member is not None and member.is_child:
            self.add_error("member", _("Kies een ouder of verzorger."))
        if role == Participant.Role.YOUTH and member is not None:
            age = member.age(self._today)
            if not member.is_child:
                self.add_error("member", _("Kies een kind uit het gezin."))
            elif age is None or age < 12:
                self.add_error(
                    "member",
                    _(
                        "Een eigen account kan vanaf 12 jaar. "
                        "Jongere kinderen doen mee via hun ouders."
                    ),
                )
        if role not in (Participant.Role.PARENT, Participant.Role.YOUTH):
            cleaned["member"] = None
        return cleaned
