from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.families.forms import PrivacyFields
from samenplan.families.models import Member, Participant
from samenplan.families.once import OnceField
from samenplan.lib.answers import AnswerForm
from samenplan.lib.fields import IdMultipleChoiceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import (
    Agreement,
    AgreementEvaluation,
    AgreementSign,
    ChildWord,
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
    # The version of the help question the person answered about.
    question = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = HelpQuestionCheck
        fields = ["answer", "why"]
        widgets = {"answer": forms.RadioSelect, "why": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "why": _("Bij 'niet helemaal': wat is er veranderd, of wat mist er?"),
        }
        error_messages = {"answer": {"required": _("Kies of de hulpvraag nog klopt.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Two real answers: no empty "---------" choice.
        self.fields["answer"].choices = HelpQuestionCheck.Answer.choices

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("answer") == HelpQuestionCheck.Answer.NOT_QUITE
            and not (cleaned.get("why") or "").strip()
        ):
            self.add_error(
                "why",
                _("Schrijf kort wat er niet meer klopt. Dan kunnen jullie het samen aanpassen."),
            )
        return cleaned


class CheckIntervalForm(SafeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    weeks = forms.IntegerField(
        label=_("Na hoeveel weken vragen we het opnieuw?"),
        min_value=2,
        max_value=26,
        help_text=_("Als niemand er zo lang naar keek. Kies 2 tot en met 26 weken."),
    )


class GoalForm(OnceField, PrivacyFields, SafeModelForm):
    plain_language = ("text", "why")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Goal
        fields = ["text", "owner", "domain", "why", "scale_low", "scale_high", "goal_status"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "scale_low": _("Bijvoorbeeld: hij gaat helemaal niet naar school."),
            "scale_high": _("Bijvoorbeeld: hij gaat elke dag naar school."),
        }

    def __init__(self, *args, members=(), access=None, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Member.objects.filter(pk__in=[m.pk for m in members])
        self.fields["owner"].empty_label = _("Het hele gezin")
        if not self.instance.pk:
            del self.fields["goal_status"]
            del self.fields["version"]
        else:
            del self.fields["once"]
        self._access = access
        self.privacy_setup(access, participants, self.instance)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("private"):
            return cleaned
        owner = cleaned.get("owner")
        if owner is None or owner.pk != self._access.participant.member_id:
            self.add_error("private", _("Alleen je eigen doel kun je voor jezelf houden."))
        return cleaned


class ScoreForm(OnceField, SafeModelForm):
    score = forms.TypedChoiceField(
        label=_("Waar staan we nu?"),
        choices=[(n, str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )

    member = forms.ModelChoiceField(
        queryset=Member.objects.none(),
        required=False,
        label=_("Voor wie is dit cijfer?"),
        empty_label=_("Mijn eigen cijfer"),
        help_text=_(
            "Voor een kind zonder eigen account: vraag het kind zelf om een cijfer. "
            "Schrijf bij 'Waarom' op wat het kind zegt, in zijn of haar eigen woorden."
        ),
    )

    class Meta:
        model = GoalScore
        fields = ["score", "note", "member"]

    # Sent from "Mijn plan", which the child goes back to.
    terug = forms.ChoiceField(
        choices=[("", ""), ("mijn-plan", "")], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, proxies=(), **kwargs):
        super().__init__(*args, **kwargs)
        if proxies:
            self.fields["member"].queryset = Member.objects.filter(pk__in=[m.pk for m in proxies])
        else:
            del self.fields["member"]


class ChildWordForm(OnceField, SafeModelForm):
    """ "Dit vind ik ervan": a face, a few words, or both; about one goal or the whole plan."""

    face = forms.ChoiceField(
        label=_("Hoe voel je je erover?"),
        choices=ChildWord.Face.choices,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "faces"}),
    )
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = ChildWord
        fields = ["face", "text", "goal"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])

    def clean(self):
        data = super().clean()
        if not data.get("face") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Kies een gezicht of schrijf iets op."))
        return data


class StepFields(SafeModelForm):
    """What a step is (what, goal, who, before when), for adding and for changing one."""

    plain_language = ("text",)

    class Meta:
        model = Step
        fields = ["text", "goal", "owner", "owner_name", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    helper = forms.TypedChoiceField(
        label=_("Wie uit ons netwerk helpt mee?"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Mag leeg blijven. Zo zien jullie op Ons netwerk wie waarmee helpt."),
    )

    def __init__(self, *args, goals=(), participants=(), helpers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        self.fields["goal"].empty_label = _("Geen doel in het bijzonder")
        self.fields["owner"].queryset = Participant.objects.filter(
            pk__in=[p.pk for p in participants]
        ).select_related("user")
        self.fields["owner"].label_from_instance = lambda p: p.user.name
        self.fields["owner"].empty_label = _("Iemand zonder account (vul hieronder in)")
        if helpers:
            self.fields["helper"].choices = [("", _("Niemand in het bijzonder")), *helpers]
        else:
            # No network (yet): nothing to choose.
            del self.fields["helper"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner") and not (cleaned.get("owner_name") or "").strip():
            self.add_error("owner", _("Kies wie deze stap doet, of vul een naam in."))
        return cleaned


class StepForm(OnceField, PrivacyFields, StepFields):
    def __init__(self, *args, participants=(), access=None, **kwargs):
        super().__init__(*args, participants=participants, **kwargs)
        self.privacy_setup(access, participants)


class StepEditForm(StepFields):
    """Changing a step: what, who, for which goal, before when."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].help_text = _(
            "Lukt het niet op tijd? Kies gewoon een nieuwe datum."
        )


class DeclineForm(SafeForm):
    reason = forms.CharField(
        label=_("Waarom nemen jullie dit niet over?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Schrijf kort op waarom jullie dit voorstel niet overnemen.")
        },
    )


class VisionForm(OnceField, PrivacyFields, SafeModelForm):
    class Meta:
        model = Vision
        fields = ["member", "text", "first_noticed"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, members=(), access=None, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(pk__in=[m.pk for m in members])
        self.privacy_setup(access, participants)


class SuccessForm(OnceField, PrivacyFields, SafeModelForm):
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

    def __init__(self, *args, goals=(), access=None, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        self.privacy_setup(access, participants)


class VisionEditForm(SafeModelForm):
    """A future picture in new words; whose picture it is stays the same."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Vision
        fields = ["text", "first_noticed"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class SuccessEditForm(SafeModelForm):
    """A success in new words, or with other goals."""

    version = forms.IntegerField(widget=forms.HiddenInput)

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
        self.fields["goals"].required = False


class AgreementForm(OnceField, SafeModelForm):
    plain_language = ("text",)

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
            "text": _(
                "Bijvoorbeeld: de hulpverlener vertelt elke vrijdag kort aan moeder hoe het ging."
            ),
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


class AgreementEditForm(SafeModelForm):
    """New words or another evaluation date; new words ask everyone concerned again."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Agreement
        fields = ["text", "evaluate_on"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "evaluate_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class AgreementAnswerForm(AnswerForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=AgreementSign.Answer.choices, **kwargs)


class EvaluationForm(SafeModelForm):
    class Meta:
        model = AgreementEvaluation
        fields = ["works", "adjust", "next_evaluation"]
        widgets = {
            "works": forms.RadioSelect,
            "adjust": forms.Textarea(attrs={"rows": 2}),
            "next_evaluation": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
