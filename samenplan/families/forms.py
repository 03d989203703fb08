from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.fields import IdMultipleChoiceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import Member, Participant
from .once import OnceField

FAMILY_ROLES = (Participant.Role.PARENT, Participant.Role.YOUTH)


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
        help_text=_("Bijvoorbeeld: oma, buurvrouw, trainer van de voetbalclub."),
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

    def __init__(self, *args, members=(), today=None, access=None, **kwargs):
        super().__init__(*args, **kwargs)
        if access is not None:
            # Offer only the seats this person may invite into, and only for
            # members who have no seat yet.
            family_seats = access.may("invite.family")
            table_seats = access.may("invite.table")
            self.fields["role"].choices = [
                (value, label)
                for value, label in self.fields["role"].choices
                if (value in FAMILY_ROLES and family_seats)
                or (value not in FAMILY_ROLES and table_seats)
            ]
            seated = set(
                Participant.objects.visible_to(access)
                .active()
                .exclude(member__isnull=True)
                .values_list("member_id", flat=True)
            )
            members = [m for m in members if m.pk not in seated]
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
    """What one consent giver leaves out; one field per kind a feature registered."""

    everything = forms.ChoiceField(
        label=_("Wat mag deze persoon zien?"),
        choices=[
            ("all", _("Ons hele plan")),
            ("except", _("Ons hele plan, behalve wat ik hieronder aankruis")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, kinds=(), items=None, **kwargs):
        """``kinds``: the registered ``ScopeKind``s; ``items``: kind -> what the giver sees."""
        super().__init__(*args, **kwargs)
        items = items or {}
        for kind in kinds:
            if kind.whole:
                self.fields[kind.kind] = forms.BooleanField(
                    label=_("Niet: %(things)s") % {"things": kind.title}, required=False
                )
                continue
            shown = list(items.get(kind.kind, ()))
            model = type(shown[0]) if shown else None
            field = IdMultipleChoiceField(
                label=_("Niet deze %(things)s") % {"things": kind.title},
                queryset=model.objects.filter(pk__in=[i.pk for i in shown])
                if model
                else Participant.objects.none(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            field.label_from_instance = str
            self.fields[kind.kind] = field


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


class CriterionForm(OnceField, SafeForm):
    text = forms.CharField(label=_("We zijn klaar als …"), max_length=300)


class ClosingAnswerForm(OnceField, SafeForm):
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


class DestructionForm(OnceField, SafeForm):
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

    # The version the person saw; a save over a newer one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)

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


class PrivacyFields(SafeForm):
    """ "Alleen voor mij en wie ik kies": for a youth of 12+, on their own items.

    Add it to a form's bases and call ``privacy_setup`` in ``__init__``; for
    anyone else the two fields are removed. The action saves the choice with
    ``families.visibility.privacy_set``.
    """

    private = forms.BooleanField(label=_("Alleen voor mij en wie ik kies"), required=False)
    shared_with = IdMultipleChoiceField(
        label=_("Wie mag dit zien?"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def privacy_setup(self, access, participants=(), item=None) -> None:
        if access is None or not access.is_youth_12:
            del self.fields["private"]
            del self.fields["shared_with"]
            return
        others = [p.pk for p in participants if p.pk != access.participant.pk]
        field = self.fields["shared_with"]
        field.queryset = Participant.objects.filter(pk__in=others).select_related("user")
        field.label_from_instance = lambda p: p.user.name
        self.fields["private"].help_text = _(
            "Alleen voor iets van jezelf. Dan zien alleen jij en de mensen die je hieronder "
            "aanvinkt dit."
        )
        if item is not None and item.pk is not None:
            from .models import PrivateItem

            mark = (
                PrivateItem.objects.filter(
                    item_type=item._meta.label_lower, item_id=item.pk, ended_at__isnull=True
                )
                .prefetch_related("shared_with")
                .first()
            )
            self.initial.setdefault("private", mark is not None)
            self.initial.setdefault(
                "shared_with", [p.pk for p in mark.shared_with.all()] if mark else []
            )

    @property
    def privacy(self) -> dict:
        """What to pass to ``privacy_set``."""
        return {
            "private": bool(self.cleaned_data.get("private")),
            "shared_with": list(self.cleaned_data.get("shared_with") or []),
        }


class SeenForm(SafeForm):
    """A confirmation ("ja", "klopt", "overnemen") names the version the person saw."""

    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def seen_version(self):
        return self.cleaned_data.get("seen") if self.is_valid() else None
