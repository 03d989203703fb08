from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.families.forms import PrivacyFields
from samenplan.families.models import Member, Participant
from samenplan.families.once import OnceField
from samenplan.lib.forms import SafeForm, SafeModelForm
from samenplan.plan.models import Goal

from .models import Argument, Check, Decision, Objection, Option, View


def _members(members):
    return Member.objects.filter(pk__in=[m.pk for m in members])


class DecisionForm(OnceField, SafeModelForm):
    option_1 = forms.CharField(
        label=_("Keuze 1"),
        max_length=200,
        help_text=_("Bijvoorbeeld: drie middagen naar de naschoolse opvang."),
    )
    option_2 = forms.CharField(label=_("Keuze 2"), max_length=200)
    option_3 = forms.CharField(
        label=_("Keuze 3 (mag leeg blijven)"), max_length=200, required=False
    )
    add_wait = forms.BooleanField(
        label=_("Ook 'nog even niets doen / wachten' als keuze geven"),
        required=False,
        initial=True,
    )

    class Meta:
        model = Decision
        fields = ["question", "why_now", "about", "goal", "decide_by"]
        widgets = {
            "why_now": forms.Textarea(attrs={"rows": 3}),
            "decide_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "question": _("Als vraag, in gewone woorden. Bijvoorbeeld: Gaat ons kind naar de bso?"),
        }

    def __init__(self, *args, members=(), goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["about"].queryset = _members(members)
        self.fields["about"].empty_label = _("Het hele gezin")
        self.fields["goal"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        self.fields["goal"].empty_label = _("Geen doel in het bijzonder")

    def clean_decide_by(self):
        value = self.cleaned_data.get("decide_by")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een dag in de toekomst."))
        return value

    def clean(self):
        cleaned = super().clean()
        texts = [cleaned.get(f"option_{n}", "") or "" for n in (1, 2, 3)]
        texts = [t.strip().casefold() for t in texts if t.strip()]
        if len(texts) != len(set(texts)):
            self.add_error("option_2", _("Twee keuzes zijn hetzelfde. Maak ze verschillend."))
        return cleaned

    def action_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("once", None)
        options = [data.pop(f"option_{n}", "") or "" for n in (1, 2, 3)]
        return {**data, "options": options}


class OptionForm(OnceField, SafeModelForm):
    plain_language = ("text",)

    class Meta:
        model = Option
        fields = ["text"]
        labels = {"text": _("Nog een keuze")}


class ArgumentForm(OnceField, SafeModelForm):
    plain_language = ("text",)

    class Meta:
        model = Argument
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect}


CERTAINTY = [(n, str(n)) for n in range(11)]


class ViewForm(PrivacyFields, SafeModelForm):
    """Give your view, in the order of the Ottawa Personal Decision Guide."""

    option = forms.ModelChoiceField(
        queryset=Option.objects.none(),
        label=_("Welke keuze vind je het beste?"),
        required=False,
        empty_label=_("Ik weet het nog niet"),
        widget=forms.RadioSelect,
    )
    certainty = forms.TypedChoiceField(
        label=_("Hoe zeker ben je? 0 is helemaal niet zeker, 10 is heel zeker."),
        choices=CERTAINTY,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
    )

    class Meta:
        model = View
        fields = ["matters", "option", "certainty", "words", "needs"]
        widgets = {
            "matters": forms.Textarea(attrs={"rows": 3}),
            "words": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "matters": _("Bijvoorbeeld: dat ik mijn vrienden zie, of dat het thuis rustig is."),
            "needs": _("Bijvoorbeeld: meer uitleg, praten met iemand, tijd."),
        }

    def __init__(
        self, *args, options=(), for_member=None, access=None, participants=(), item=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.privacy_setup(access, participants, item)
        self.fields["option"].queryset = Option.objects.filter(pk__in=[o.pk for o in options])
        self.fields["option"].label_from_instance = lambda o: o.text
        if for_member is not None:
            name = for_member.name.split()[0]
            self.fields["matters"].label = _("Wat vindt %(name)s het belangrijkst?") % {
                "name": name
            }
            self.fields["option"].label = _("Welke keuze vindt %(name)s het beste?") % {
                "name": name
            }
            self.fields["certainty"].label = _(
                "Hoe zeker is %(name)s? 0 is helemaal niet zeker, 10 is heel zeker."
            ) % {"name": name}
            self.fields["words"].label = _(
                "Wat zegt %(name)s zelf? Schrijf het op zoals het gezegd is."
            ) % {"name": name}
            self.fields["needs"].label = _("Wat heeft %(name)s nog nodig om te kiezen?") % {
                "name": name
            }


MODE_HELP = {
    Decision.Mode.TOGETHER: _(
        "De ouders met gezag en de jongeren van 12 jaar of ouder zeggen ja. "
        "Pas dan staat het besluit."
    ),
    Decision.Mode.PARENTS: _("De ouders met gezag zeggen ja."),
    Decision.Mode.YOUTH: _("Een jongere van 16 jaar of ouder beslist zelf over de eigen hulp."),
    Decision.Mode.PROFESSIONAL: _("Alleen in een gedwongen kader. Schrijf op op grond waarvan."),
    Decision.Mode.GI: _(
        "Binnen een ondertoezichtstelling of voogdij. Schrijf op op grond waarvan."
    ),
    Decision.Mode.JUDGE: _("Een uitspraak van de rechter. Schrijf op welke uitspraak."),
}


class OutcomeForm(SafeModelForm):
    plain_language = ("outcome", "reason", "unheard_reason")
    version = forms.IntegerField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(label=_("Wie beslist?"), widget=forms.RadioSelect)
    chosen = forms.ModelChoiceField(
        queryset=Option.objects.none(),
        label=_("Welke keuze is het geworden?"),
        widget=forms.RadioSelect,
    )
    review_on = forms.DateField(
        label=_("Wanneer kijken we of het goed gaat?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Decision
        fields = [
            "mode",
            "chosen",
            "outcome",
            "reason",
            "legal_basis",
            "review_on",
            "follow_up",
            "follow_up_owner",
            "unheard_reason",
        ]
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
            "unheard_reason": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "outcome": _("Schrijf korte zinnen met gewone woorden, zodat iedereen het begrijpt."),
            "legal_basis": _(
                "Alleen bij een gedwongen kader. Bijvoorbeeld: ondertoezichtstelling, "
                "uitspraak van de kinderrechter van 3 maart."
            ),
            "follow_up": _("Eén stap per regel. De stappen komen in het plan."),
        }

    def __init__(self, *args, modes=(), options=(), participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [
            (mode, label) for mode, label in Decision.Mode.choices if mode in modes
        ]
        self.mode_help = {mode: MODE_HELP[mode] for mode in modes}
        self.fields["chosen"].queryset = Option.objects.filter(pk__in=[o.pk for o in options])
        self.fields["chosen"].label_from_instance = lambda o: o.text
        self.fields["outcome"].required = True
        self.fields["reason"].required = True
        owner = self.fields["follow_up_owner"]
        owner.queryset = Participant.objects.filter(
            pk__in=[p.pk for p in participants if p.role != "client_supporter"]
        ).select_related("user")
        owner.label_from_instance = lambda p: p.user.name
        owner.empty_label = _("Kies wie")

    def clean_review_on(self):
        value = self.cleaned_data.get("review_on")
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("Kies een datum in de toekomst."))
        return value

    def clean(self):
        cleaned = super().clean()
        compulsory = cleaned.get("mode") in ("professional", "gi", "rechter")
        if compulsory and not (cleaned.get("legal_basis") or "").strip():
            self.add_error(
                "legal_basis", _("Schrijf op op grond van welke wet of uitspraak is besloten.")
            )
        if (cleaned.get("follow_up") or "").strip() and not cleaned.get("follow_up_owner"):
            self.add_error("follow_up_owner", _("Kies wie de volgende stap doet."))
        return cleaned


class AssentForm(SafeForm):
    # The version of the outcome the person read: a yes counts for that one only.
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    why = forms.CharField(
        label=_("Waarom zeg je nog geen ja?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ObjectionForm(SafeModelForm):
    class Meta:
        model = Objection
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ReviewForm(SafeModelForm):
    class Meta:
        model = Decision
        fields = ["review_note"]
        widgets = {"review_note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"review_note": _("Werkt het besluit? Wat merken jullie ervan?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_note"].required = True


ANSWERS = [
    (1, _("Helemaal niet waar")),
    (2, _("Niet zo waar")),
    (3, _("Een beetje waar")),
    (4, _("Best waar")),
    (5, _("Helemaal waar")),
]


class CheckForm(SafeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in Check.STATEMENTS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=ANSWERS, coerce=int, widget=forms.RadioSelect
            )
