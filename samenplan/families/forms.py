from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.fields import IdMultipleChoiceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import Member, Participant


class InviteForm(SafeForm):
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


class ConsentScopeForm(SafeForm):
    everything = forms.ChoiceField(
        label=_("Wat mag deze persoon zien?"),
        choices=[
            ("all", _("Ons hele plan")),
            ("except", _("Ons hele plan, behalve wat we hieronder aankruisen")),
        ],
        widget=forms.RadioSelect,
    )
    goals = IdMultipleChoiceField(
        label=_("Deze doelen niet"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decisions = IdMultipleChoiceField(
        label=_("Deze beslissingen niet"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    family_plan = forms.BooleanField(label=_("Ons familiegroepsplan niet"), required=False)

    def __init__(self, *args, goals=(), decisions=(), **kwargs):
        from samenplan.decisions.models import Decision
        from samenplan.plan.models import Goal

        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(pk__in=[g.pk for g in goals])
        self.fields["goals"].label_from_instance = lambda g: g.text
        self.fields["decisions"].queryset = Decision.objects.filter(
            pk__in=[d.pk for d in decisions]
        )
        self.fields["decisions"].label_from_instance = lambda d: d.question


class EmergencyForm(SafeForm):
    reason = forms.CharField(
        label=_("Waarom is noodtoegang nodig?"),
        min_length=20,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Het gezin leest deze reden. Schrijf wat er aan de hand is en waarom het niet "
            "kan wachten op toestemming."
        ),
    )


class AccessLogFilterForm(SafeForm):
    who = forms.ChoiceField(label=_("Wie"), required=False)
    what = forms.ChoiceField(label=_("Wat"), required=False)
    since = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    emergency = forms.BooleanField(label=_("Alleen noodtoegang"), required=False)

    def __init__(self, *args, family=None, **kwargs):
        from samenplan.audit.describe import DATA_LABELS

        super().__init__(*args, **kwargs)
        # Everyone who ever sat at the table (ended seats too): the people who can
        # appear in the log. Cheaper than a DISTINCT over a long log.
        names = sorted(
            set(
                Participant.objects.filter(family=family).values_list("user__name", flat=True)[:500]
            )
        )
        self.fields["who"].choices = [("", _("Iedereen"))] + [(n, n) for n in names if n]
        self.fields["what"].choices = [("", _("Alles"))] + [
            (code, str(label)) for code, label in DATA_LABELS.items()
        ]


class CriterionForm(SafeForm):
    text = forms.CharField(label=_("We zijn klaar als …"), max_length=300)


class ClosingAnswerForm(SafeForm):
    answer = forms.ChoiceField(
        label=_("Kunnen jullie zelf verder?"),
        choices=[
            ("yes", _("Ja, we kunnen zelf verder")),
            ("almost", _("Bijna, nog even")),
            ("no", _("Nee, nog niet")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Wil je er iets over zeggen?"), max_length=500, required=False)


class ContinuePlanForm(SafeForm):
    what_works = forms.CharField(
        label=_("Wat blijven we doen, omdat het werkt?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    who_helps = forms.CharField(
        label=_("Wie uit ons netwerk helpt ons?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    whom_to_call = forms.CharField(
        label=_("Wie bellen we als het weer moeilijk wordt?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DestructionForm(SafeForm):
    reason = forms.CharField(
        label=_("Waarom willen jullie dit? (mag leeg blijven)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DestructionAnswerForm(SafeForm):
    request_id = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.ChoiceField(
        label=_("Wat is je antwoord?"),
        choices=[("yes", _("Vernietigen")), ("no", _("Weigeren, met een reden"))],
        widget=forms.RadioSelect,
    )
    refusal = forms.CharField(
        label=_("Waarom kan het niet?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MemberForm(SafeModelForm):
    """What the family tells about one of its members. Authority is not changed here:
    it decides who gives consent, and follows from the law, not from a form."""

    class Meta:
        model = Member
        fields = ["name", "birth_date", "sex", "lives_in_household"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_birth_date(self):
        from django.utils import timezone

        value = self.cleaned_data.get("birth_date")
        if value is not None and (value > timezone.localdate() or value.year < 1900):
            raise forms.ValidationError(_("Kies een geboortedatum tussen 1900 en vandaag."))
        return value
