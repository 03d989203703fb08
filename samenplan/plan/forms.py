from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.families.models import Member, Participant
from samenplan.lib.fields import IdMultipleChoiceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import (
    Agreement,
    AgreementEvaluation,
    Goal,
    GoalScore,
    HelpQuestionCheck,
    Step,
    Success,
    Vision,
)


class HelpQuestionForm(SafeForm):
    text = forms.CharField(
        label=_("Onze hulpvraag"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In jullie eigen woorden. Bijvoorbeeld: hoe krijgen we weer rust in huis?"),
    )
    base = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HelpQuestionCheckForm(SafeModelForm):
    class Meta:
        model = HelpQuestionCheck
        fields = ["answer", "why"]
        widgets = {"answer": forms.RadioSelect}


class GoalForm(SafeModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Goal
        fields = [
            "text",
            "owner",
            "domain",
            "why",
            "scale_low",
            "scale_high",
            "goal_status",
            "private",
            "shared_with",
        ]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 3}),
            "shared_with": forms.CheckboxSelectMultiple,
        }
        field_classes = {"shared_with": IdMultipleChoiceField}
        help_texts = {
            "scale_low": _("Bijvoorbeeld: Noor gaat helemaal niet naar school."),
            "scale_high": _("Bijvoorbeeld: Noor gaat elke dag naar school."),
        }

    def __init__(self, *args, members=(), access=None, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Member.objects.filter(pk__in=[m.pk for m in members])
        self.fields["owner"].empty_label = _("Het hele gezin")
        if not self.instance.pk:
            del self.fields["goal_status"]
            del self.fields["version"]
        self._access = access
        if access is not None and access.is_youth_12:
            others = [p for p in participants if p.pk != access.participant.pk]
            self.fields["shared_with"].queryset = Participant.objects.filter(
                pk__in=[p.pk for p in others]
            ).select_related("user")
            self.fields["shared_with"].label_from_instance = lambda p: p.user.name
            self.fields["private"].help_text = _(
                "Alleen voor je eigen doel. Dan zien alleen jij en de mensen die je hieronder "
                "aanvinkt dit doel."
            )
        else:
            del self.fields["private"]
            del self.fields["shared_with"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("private"):
            return cleaned
        owner = cleaned.get("owner")
        if owner is None or owner.pk != self._access.participant.member_id:
            self.add_error("private", _("Alleen je eigen doel kun je voor jezelf houden."))
        return cleaned


class ScoreForm(SafeModelForm):
    score = forms.TypedChoiceField(
        label=_("Waar staan we nu?"),
        choices=[(n, str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )

    class Meta:
        model = GoalScore
        fields = ["score", "note"]


class StepForm(SafeModelForm):
    class Meta:
        model = Step
        fields = ["text", "goal", "owner", "owner_name", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, goals=(), participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        self.fields["goal"].empty_label = _("Geen doel in het bijzonder")
        self.fields["owner"].queryset = Participant.objects.filter(
            pk__in=[p.pk for p in participants]
        ).select_related("user")
        self.fields["owner"].label_from_instance = lambda p: p.user.name
        self.fields["owner"].empty_label = _("Iemand zonder account (vul hieronder in)")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner") and not (cleaned.get("owner_name") or "").strip():
            self.add_error("owner", _("Kies wie deze stap doet, of vul een naam in."))
        return cleaned


class DeclineForm(SafeForm):
    reason = forms.CharField(
        label=_("Waarom nemen jullie dit niet over?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Schrijf kort op waarom jullie dit voorstel niet overnemen.")
        },
    )


class VisionForm(SafeModelForm):
    class Meta:
        model = Vision
        fields = ["member", "text", "first_noticed"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(pk__in=[m.pk for m in members])


class SuccessForm(SafeModelForm):
    class Meta:
        model = Success
        fields = ["what_happened", "what_different", "who_helped", "goals"]
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "what_different": forms.Textarea(attrs={"rows": 3}),
            "who_helped": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.CheckboxSelectMultiple,
        }
        field_classes = {"goals": IdMultipleChoiceField}

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])


class AgreementForm(SafeModelForm):
    class Meta:
        model = Agreement
        fields = ["kind", "goal", "text", "concerned", "evaluate_on"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "concerned": forms.CheckboxSelectMultiple,
            "evaluate_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "text": _("Bijvoorbeeld: Martijn vertelt elke vrijdag kort aan Sanne hoe het ging."),
        }
        field_classes = {"concerned": IdMultipleChoiceField}

    def __init__(self, *args, goals=(), participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        self.fields["goal"].required = False
        self.fields["concerned"].queryset = Participant.objects.filter(
            pk__in=[p.pk for p in participants]
        ).select_related("user")
        self.fields["concerned"].label_from_instance = lambda p: p.user.name

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Agreement.Kind.GOAL and not cleaned.get("goal"):
            self.add_error("goal", _("Kies bij welk doel de afspraak hoort."))
        return cleaned


class EvaluationForm(SafeModelForm):
    class Meta:
        model = AgreementEvaluation
        fields = ["works", "adjust", "next_evaluation"]
        widgets = {
            "works": forms.RadioSelect,
            "adjust": forms.Textarea(attrs={"rows": 2}),
            "next_evaluation": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
