from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.families.models import Family, Participant
from samenplan.families.once import OnceField
from samenplan.lib.fields import IdMultipleChoiceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import Meeting, PhaseNeed, ReportBack, RoleCard, SafetyScenario, TableChoice


def _participants(participants):
    return Participant.objects.filter(pk__in=[p.pk for p in participants]).select_related("user")


class RoleCardForm(SafeModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RoleCard
        fields = ["work", "my_part", "authority", "on_worry", "needs", "ending", "reachability"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in RoleCard.PARTS}
        help_texts = {
            "work": _(
                "Bijvoorbeeld: ik kom op dinsdag en donderdag om half acht en help bij de ochtend."
            ),
            "authority": _("Bijvoorbeeld: ik kan hulp aanvragen, maar niet zelf toekennen."),
            "on_worry": _(
                "Bijvoorbeeld: ik zeg het eerst tegen jullie, en bespreek het dan met Eva."
            ),
            "ending": _("Bijvoorbeeld: als de ochtenden drie weken rustig gaan."),
        }


class ChoiceMixin(SafeForm):
    """The family's choice when the table would grow past its maximum."""

    choice = forms.ChoiceField(
        label=_("Wat kiezen jullie?"),
        choices=TableChoice.Choice.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    choice_reason = forms.CharField(
        label=_("Waarom? (mag leeg blijven)"), max_length=500, required=False
    )


class MeetingForm(OnceField, ChoiceMixin, SafeModelForm):
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    phase = forms.ChoiceField(label=_("In welke fase?"), choices=Family.Phase.choices)

    class Meta:
        model = Meeting
        fields = [
            "date",
            "time",
            "minutes",
            "place_kind",
            "place",
            "phase",
            "invited",
            "guests",
            "guest_professionals",
        ]
        widgets = {
            "place_kind": forms.RadioSelect,
            "invited": forms.CheckboxSelectMultiple,
            "guests": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"invited": IdMultipleChoiceField}

    field_order = [
        "date",
        "time",
        "minutes",
        "place_kind",
        "place",
        "phase",
        "invited",
        "guests",
        "guest_professionals",
        "choice",
        "choice_reason",
    ]

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = _participants(participants)
        self.fields["invited"].label_from_instance = lambda p: p.user.name
        self.fields["minutes"].min_value = 15
        self.fields["minutes"].max_value = 480
        self.fields["minutes"].widget.attrs.update(min=15, max=480)
        self.fields["guest_professionals"].max_value = 10
        self.fields["guest_professionals"].widget.attrs.update(max=10)

    def clean_minutes(self):
        value = self.cleaned_data.get("minutes")
        if value is not None and not 15 <= value <= 480:
            raise forms.ValidationError(_("Kies 15 tot 480 minuten."))
        return value

    def clean_guest_professionals(self):
        value = self.cleaned_data.get("guest_professionals")
        if value is not None and value > 10:
            raise forms.ValidationError(_("Kies hoogstens 10."))
        return value

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("date"), cleaned.get("time")
        if day and time:
            try:
                cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, time))
            except (ValueError, OverflowError):
                self.add_error("date", _("Kies een geldige datum."))
        return cleaned

    def action_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("once", None)
        data.pop("date", None)
        data.pop("time", None)
        data["reason"] = data.pop("choice_reason", "")
        return data


class AgendaForm(OnceField, SafeForm):
    text = forms.CharField(label=_("Wat wil je bespreken?"), max_length=300)


class SummaryForm(SafeModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = ["summary", "notes"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "summary": _(
                "Korte zinnen, gewone woorden, zonder vakwoorden. Het gezin leest het en zegt of "
                "het klopt."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True


class CorrectionForm(SafeForm):
    # The version of the summary the person read.
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    correction = forms.CharField(
        label=_("Wat klopt er niet?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TableForm(SafeModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Family
        fields = ["phase", "professional_limit"]
        help_texts = {
            "professional_limit": _(
                "Hoeveel professionals mogen er tegelijk aan tafel? Vaak is 3 genoeg."
            ),
        }

    def clean_professional_limit(self):
        value = self.cleaned_data.get("professional_limit")
        if value is not None and not 1 <= value <= 10:
            raise forms.ValidationError(_("Kies een maximum van 1 tot en met 10."))
        return value


class PhaseNeedForm(SafeModelForm):
    phase = forms.ChoiceField(label=_("Fase"), choices=Family.Phase.choices)

    class Meta:
        model = PhaseNeed
        fields = ["phase", "participant", "who", "why"]

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = _participants(
            [p for p in participants if p.role in ("professional", "client_supporter")]
        )
        self.fields["participant"].label_from_instance = lambda p: p.user.name
        self.fields["participant"].empty_label = _("Iemand die nog niet aan tafel zit")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("participant") and not (cleaned.get("who") or "").strip():
            self.add_error("who", _("Kies wie er nodig is, of schrijf het op."))
        return cleaned


class SafetyForm(OnceField, SafeModelForm):
    class Meta:
        model = SafetyScenario
        fields = ["if_text", "then_text", "who_informs", "family_can_do", "concerned"]
        widgets = {
            "if_text": forms.Textarea(attrs={"rows": 2}),
            "then_text": forms.Textarea(attrs={"rows": 3}),
            "who_informs": forms.Textarea(attrs={"rows": 2}),
            "family_can_do": forms.Textarea(attrs={"rows": 2}),
            "concerned": forms.CheckboxSelectMultiple,
        }
        field_classes = {"concerned": IdMultipleChoiceField}
        help_texts = {
            "if_text": _("Bijvoorbeeld: als Sanne 's avonds niet meer weet wat ze moet doen …"),
            "then_text": _("… dan belt ze oma Ria, en de volgende ochtend Eva."),
        }

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerned"].queryset = _participants(participants)
        self.fields["concerned"].label_from_instance = lambda p: p.user.name


class ReportBackForm(OnceField, SafeModelForm):
    class Meta:
        model = ReportBack
        fields = ["what", "to_whom", "every_weeks", "next_due"]
        widgets = {"next_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "what": _("Bijvoorbeeld: hoe de ochtenden gaan."),
            "to_whom": _("Bijvoorbeeld: Sanne en Youssef, en Eva van het wijkteam."),
        }

    def clean_every_weeks(self):
        value = self.cleaned_data.get("every_weeks")
        if value is not None and not 1 <= value <= 52:
            raise forms.ValidationError(_("Kies om de 1 tot 52 weken."))
        return value
