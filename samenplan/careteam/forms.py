from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.families.models import Family, Participant
from samenplan.families.once import OnceField
from samenplan.lib.answers import AnswerForm
from samenplan.lib.fields import IdMultipleChoiceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import (
    Meeting,
    PhaseNeed,
    Report,
    ReportBack,
    RoleCard,
    SafetyScenario,
    SafetySign,
    TableChoice,
)


def _participants(participants):
    return Participant.objects.filter(pk__in=[p.pk for p in participants]).select_related("user")


class RoleCardForm(SafeModelForm):
    plain_language = ("work", "my_part", "on_worry", "needs", "ending")
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
                "Bijvoorbeeld: ik zeg het eerst tegen jullie, en bespreek het dan met de "
                "zorgcoördinator."
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


# A meeting outside these hours is asked about once ("klopt dit?"): a typo
# like 03:25 instead of 15:25 should not reach everyone's calendar.
DAY_STARTS, DAY_ENDS = time(7, 0), time(22, 0)


class MeetingTimeFields(SafeModelForm):
    """When, how long and where: shared by planning and moving a meeting."""

    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    odd_hour_ok = forms.BooleanField(label=_("Ja, dit tijdstip klopt"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].min_value = 15
        self.fields["minutes"].max_value = 480
        self.fields["minutes"].widget.attrs.update(min=15, max=480)
        if not self._odd_hour_typed():
            del self.fields["odd_hour_ok"]

    def _odd_hour_typed(self) -> bool:
        if not self.is_bound:
            return False
        try:
            typed = self.fields["time"].clean(self.data.get(self.add_prefix("time")))
        except forms.ValidationError:
            return False
        return not DAY_STARTS <= typed <= DAY_ENDS

    def clean_minutes(self):
        value = self.cleaned_data.get("minutes")
        if value is not None and not 15 <= value <= 480:
            raise forms.ValidationError(_("Kies 15 tot 480 minuten."))
        return value

    def clean(self):
        cleaned = super().clean()
        day, moment = cleaned.get("date"), cleaned.get("time")
        if day and moment:
            try:
                cleaned["starts_at"] = timezone.make_aware(datetime.combine(day, moment))
            except (ValueError, OverflowError):
                self.add_error("date", _("Kies een geldige datum."))
        if "odd_hour_ok" in self.fields and not cleaned.get("odd_hour_ok"):
            self.add_error(
                "time",
                _(
                    "Het overleg begint om %(time)s, buiten 7:00 tot 22:00. Klopt dit? "
                    "Vink dan 'Ja, dit tijdstip klopt' aan, of kies een andere tijd."
                )
                % {"time": moment.strftime("%H:%M")},
            )
        return cleaned


class MeetingForm(OnceField, ChoiceMixin, MeetingTimeFields):
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
        "odd_hour_ok",
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
        self.fields["guest_professionals"].max_value = 10
        self.fields["guest_professionals"].widget.attrs.update(max=10)

    def clean_guest_professionals(self):
        value = self.cleaned_data.get("guest_professionals")
        if value is not None and value > 10:
            raise forms.ValidationError(_("Kies hoogstens 10."))
        return value

    def action_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("once", "date", "time", "odd_hour_ok"):
            data.pop(name, None)
        data["reason"] = data.pop("choice_reason", "")
        return data


class MeetingMoveForm(MeetingTimeFields):
    """Another day, time, length or place for a planned meeting."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Meeting
        fields = ["date", "time", "minutes", "place_kind", "place"]
        widgets = {"place_kind": forms.RadioSelect}

    field_order = ["date", "time", "odd_hour_ok", "minutes", "place_kind", "place"]

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            local = timezone.localtime(instance.starts_at)
            kwargs.setdefault("initial", {}).update(date=local.date(), time=local.time())
        super().__init__(*args, instance=instance, **kwargs)

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "starts_at": data["starts_at"],
            "minutes": data["minutes"],
            "place_kind": data["place_kind"],
            "place": data.get("place", ""),
        }


class MeetingCancelForm(SafeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Waarom gaat het overleg niet door?"),
        max_length=300,
        help_text=_("Kort, bijvoorbeeld: ziek, of we spreken liever over twee weken af."),
    )


class AgendaForm(OnceField, SafeForm):
    text = forms.CharField(label=_("Wat wil je bespreken?"), max_length=300)


class SummaryForm(SafeModelForm):
    plain_language = ("summary",)
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
            "if_text": _(
                "Bijvoorbeeld: als een ouder 's avonds niet meer weet wat hij of zij moet doen …"
            ),
            "then_text": _(
                "… dan belt die eerst iemand uit het netwerk, en de volgende ochtend de "
                "hulpverlener."
            ),
        }

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerned"].queryset = _participants(participants)
        self.fields["concerned"].label_from_instance = lambda p: p.user.name


class SafetyEditForm(SafeModelForm):
    """New words for a safety scenario; those concerned answer the new version."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = SafetyScenario
        fields = ["if_text", "then_text", "who_informs", "family_can_do"]
        widgets = {
            "if_text": forms.Textarea(attrs={"rows": 2}),
            "then_text": forms.Textarea(attrs={"rows": 3}),
            "who_informs": forms.Textarea(attrs={"rows": 2}),
            "family_can_do": forms.Textarea(attrs={"rows": 2}),
        }


class SafetyAnswerForm(AnswerForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=SafetySign.Answer.choices, **kwargs)


class ReportForm(SafeModelForm):
    """What was reported back, kept for the family (or the table, as the family chose)."""

    plain_language = ("text",)

    class Meta:
        model = Report
        fields = ["text", "critical"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "text": _("Kort en in gewone woorden: wat heb je verteld, en wat kwam eruit?"),
        }


class AudienceForm(SafeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    audience = forms.ChoiceField(
        label=_("Wie mag lezen wat er teruggekoppeld wordt?"),
        choices=ReportBack.Audience.choices,
        widget=forms.RadioSelect,
    )


class ReportBackForm(OnceField, SafeModelForm):
    plain_language = ("what",)

    class Meta:
        model = ReportBack
        fields = ["what", "to_whom", "every_weeks", "next_due"]
        widgets = {"next_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "what": _("Bijvoorbeeld: hoe de ochtenden gaan."),
            "to_whom": _("Bijvoorbeeld: beide ouders, en de hulpverlener van het wijkteam."),
        }

    def clean_every_weeks(self):
        value = self.cleaned_data.get("every_weeks")
        if value is not None and not 1 <= value <= 52:
            raise forms.ValidationError(_("Kies om de 1 tot 52 weken."))
        return value
