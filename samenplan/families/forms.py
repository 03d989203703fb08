from django import forms
from django.utils.translation import gettext_lazy as _

from samenplan.lib.fields import IdMultipleChoiceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import Member, Participant
from .once import OnceField

FAMILY_ROLES = (Participant.Role.PARENT, Participant.Role.YOUTH)


ORGANIZATION_ROLE = "organization"


class InviteForm(SafeForm):
    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        required=False,
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
            (ORGANIZATION_ROLE, _("Een organisatie: zij kiezen wie er komt")),
        ],
        widget=forms.RadioSelect,
    )
    organization = forms.ModelChoiceField(
        label=_("Welke organisatie?"),
        queryset=None,
        required=False,
        help_text=_(
            "Alleen als je een organisatie uitnodigt. De organisatie kiest een professional."
        ),
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
        from samenplan.accounts.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.exclude(
            kind=Organization.Kind.GEMEENTE
        ).order_by("name")
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
        if role == ORGANIZATION_ROLE:
            if cleaned.get("organization") is None:
                self.add_error("organization", _("Kies een organisatie."))
            else:
                cleaned["role"] = Participant.Role.PROFESSIONAL
                cleaned["name"] = cleaned["organization"].name
            return cleaned
        cleaned["organization"] = None
        if role and not cleaned.get("name"):
            self.add_error("name", _("Vul een naam in."))
        if role and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul een e-mailadres in."))
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
    mine = forms.BooleanField(label=_("Ook laten zien wat ik zelf bekeek"), required=False)

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


class CriterionChangeForm(SafeForm):
    """The family agrees to a criterion, changes its words, ticks it off or ends it."""

    criterion = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("We zijn klaar als …"), max_length=300, required=False)
    met = forms.BooleanField(label=_("Dit is gelukt"), required=False)
    what = forms.ChoiceField(
        choices=[("save", ""), ("agree", ""), ("remove", "")], widget=forms.HiddenInput
    )


class CloseForm(SafeForm):
    """Closing. In a measure the GI writes down the legal basis."""

    legal_basis = forms.CharField(
        label=_("Op grond waarvan stopt de maatregel?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: de rechter heeft de OTS beëindigd op 1 november (zaaknummer)."),
    )


class MemberForm(SafeModelForm):
    """What the family tells about one of its members. Authority is not changed here:
    it decides who gives consent, and follows from the law, not from a form."""

    # The version the person saw; a save over a newer one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput)

    why = forms.CharField(
        label=_("Wat is er veranderd? (mag leeg blijven)"), max_length=500, required=False
    )

    class Meta:
        model = Member
        fields = ["name", "birth_date", "sex", "lives_in_household"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_birth_date(self):
        return _check_birth_date(self.cleaned_data.get("birth_date"))


class MemberAddForm(OnceField, SafeModelForm):
    """A new member of the family: a baby, a step-parent, a foster parent."""

    class Meta:
        model = Member
        fields = ["name", "relation", "birth_date", "sex", "has_authority", "lives_in_household"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "has_authority": _(
                "Gezag: je beslist mee over het kind, bijvoorbeeld over school en zorg. "
                "Wie gezag heeft, geeft ook toestemming."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lives_in_household"].initial = True

    def clean_birth_date(self):
        return _check_birth_date(self.cleaned_data.get("birth_date"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("relation") == Member.Relation.CHILD:
            cleaned["has_authority"] = False
            if cleaned.get("birth_date") is None:
                self.add_error(
                    "birth_date", _("Vul de geboortedatum in. Die bepaalt wie toestemming geeft.")
                )
        return cleaned


class AuthorityForm(SafeForm):
    """Who has gezag. It decides who gives consent, so it comes with why."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    has_authority = forms.TypedChoiceField(
        label=_("Heeft deze persoon gezag?"),
        choices=[("1", _("Ja, heeft gezag")), ("0", _("Nee, heeft geen gezag"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        help_text=_(
            "Gezag betekent: je beslist mee over het kind, bijvoorbeeld over school, zorg en "
            "waar het kind woont. De rechter of de wet bepaalt wie gezag heeft."
        ),
    )
    why = forms.CharField(
        label=_("Waarom verandert het?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Bijvoorbeeld: de rechter heeft beslist, of we hebben gezamenlijk gezag aangevraagd."
        ),
    )


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


def _birth_date_field():
    return forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _check_birth_date(value):
    from django.utils import timezone

    if value is not None and (value > timezone.localdate() or value.year < 1900):
        raise forms.ValidationError(_("Kies een geboortedatum tussen 1900 en vandaag."))
    return value


FRAMEWORK_HELP = _(
    "Vrijwillig: het gezin kiest zelf voor hulp. "
    "OTS (ondertoezichtstelling): de rechter heeft besloten dat een jeugdbeschermer "
    "meekijkt; de ouders houden het gezag. "
    "Voogdij: de rechter heeft het gezag aan een voogd gegeven. "
    "Jeugdreclassering: begeleiding van een jongere na contact met politie of rechter."
)


class StartFamilyForm(OnceField, SafeForm):
    """The family itself: its name, the legal framework and how we know we are done."""

    name = forms.CharField(
        label=_("Naam van het gezin"),
        max_length=120,
        help_text=_("Bijvoorbeeld: Gezin Pietersen. Het gezin ziet deze naam."),
    )
    legal_framework = forms.ChoiceField(
        label=_("Is er een maatregel van de rechter?"),
        choices=[
            ("vrijwillig", _("Nee, de hulp is vrijwillig")),
            ("ots", _("Ja, een ondertoezichtstelling (OTS)")),
            ("voogdij", _("Ja, voogdij")),
            ("jeugdreclassering", _("Ja, jeugdreclassering")),
        ],
        initial="vrijwillig",
        widget=forms.RadioSelect,
        help_text=FRAMEWORK_HELP,
    )
    gi = forms.ModelChoiceField(
        label=_("Welke gecertificeerde instelling (GI) voert de maatregel uit?"),
        queryset=None,
        required=False,
        help_text=_("Alleen bij een maatregel. De GI sluit de hulp ook af."),
    )
    municipality = forms.CharField(
        label=_("Gemeente (mag leeg blijven)"), max_length=100, required=False
    )
    criterion_1 = forms.CharField(
        label=_("We zijn klaar als …"),
        max_length=300,
        required=False,
        help_text=_("Spreek aan het begin af wanneer de hulp klaar is. Dit mag later anders."),
    )
    criterion_2 = forms.CharField(label=_("En als …"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from samenplan.accounts.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["gi"].queryset = Organization.objects.filter(kind=Organization.Kind.GI)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("legal_framework", "vrijwillig") != "vrijwillig" and not cleaned.get("gi"):
            self.add_error("gi", _("Kies de GI die de maatregel uitvoert."))
        return cleaned

    @property
    def criteria(self) -> list[str]:
        return [self.cleaned_data.get(f"criterion_{i}", "") for i in (1, 2)]


class MemberRowForm(SafeForm):
    """One person of the family, on the start page."""

    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    relation = forms.ChoiceField(
        label=_("Wie is dit?"), choices=Member.Relation.choices, required=False
    )
    birth_date = _birth_date_field()
    has_authority = forms.BooleanField(
        label=_("Heeft gezag"),
        required=False,
        help_text=_("Gezag: je beslist mee over het kind, bijvoorbeeld over school en zorg."),
    )
    lives_in_household = forms.BooleanField(label=_("Woont in het gezin"), required=False)
    email = forms.EmailField(
        label=_("E-mailadres om uit te nodigen (mag leeg blijven)"),
        max_length=254,
        required=False,
        help_text=_("Voor een ouder, of een jongere van 12 jaar of ouder."),
    )
    me = forms.BooleanField(label=_("Dit ben ik"), required=False)

    def clean_birth_date(self):
        return _check_birth_date(self.cleaned_data.get("birth_date"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name"):
            if any(cleaned.get(key) for key in ("birth_date", "email", "me")):
                self.add_error("name", _("Vul een naam in."))
            return cleaned
        if not cleaned.get("relation"):
            self.add_error("relation", _("Kies wie dit is."))
        elif cleaned["relation"] == Member.Relation.CHILD:
            if cleaned.get("birth_date") is None:
                self.add_error(
                    "birth_date",
                    _("Vul de geboortedatum in. Die bepaalt wie toestemming geeft."),
                )
            cleaned["has_authority"] = False
        return cleaned

    @property
    def filled(self) -> bool:
        return bool(self.cleaned_data.get("name"))


MAX_MEMBERS = 20


class BaseMemberRows(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data.get("name")]
        if not rows:
            raise forms.ValidationError(_("Vul minstens één persoon van het gezin in."))
        emails = [r["email"].lower() for r in rows if r.get("email")]
        if len(emails) != len(set(emails)):
            raise forms.ValidationError(_("Elk e-mailadres kan maar bij één persoon staan."))
        if sum(1 for r in rows if r.get("me")) > 1:
            raise forms.ValidationError(_("Zet het vinkje 'Dit ben ik' bij één persoon."))

    @property
    def rows(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.cleaned_data.get("name")]


MemberRows = forms.formset_factory(
    MemberRowForm,
    formset=BaseMemberRows,
    extra=0,
    max_num=MAX_MEMBERS,
    absolute_max=MAX_MEMBERS,
    validate_max=True,
)


class DestructionDecideForm(SafeForm):
    """The privacy officer's answer to a request to destroy a file."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        label=_("Wat is je besluit?"),
        choices=[
            ("destroy", _("Vernietigen (een tweede persoon bevestigt)")),
            ("refuse", _("Weigeren, met een reden")),
        ],
        widget=forms.RadioSelect,
    )
    basis = forms.CharField(
        label=_("Op grond waarvan vernietigen we?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: verzoek van de ouder met gezag, geen belang van een ander."),
    )
    refusal = forms.CharField(
        label=_("Waarom kan het niet?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Het gezin leest dit. Weigeren mag als een ander er een groot belang bij heeft "
            "dat de gegevens blijven, of als een wet het verbiedt."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == "destroy" and not cleaned.get("basis", "").strip():
            self.add_error("basis", _("Schrijf op op grond waarvan de gegevens vernietigd worden."))
        if cleaned.get("answer") == "refuse" and not cleaned.get("refusal", "").strip():
            self.add_error("refusal", _("Schrijf op waarom het niet kan. Het gezin leest dit."))
        return cleaned


class DestructionExtendForm(SafeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    because = forms.CharField(
        label=_("Waarom is er meer tijd nodig?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Het gezin leest dit. De termijn wordt twee maanden langer, één keer."),
    )


class DestructionConfirmForm(SafeForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agree = forms.TypedChoiceField(
        label=_("Bevestig je het besluit?"),
        choices=[
            ("1", _("Ja, vernietig de gegevens nu")),
            ("0", _("Nee, terug naar de eerste persoon")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )


class AssignForm(SafeForm):
    """The organisation's admin chooses who goes to a family that invited the organisation."""

    invitation = forms.IntegerField(widget=forms.HiddenInput)
    professional = forms.ModelChoiceField(label=_("Wie gaat erheen?"), queryset=None)

    def __init__(self, *args, organization=None, **kwargs):
        from samenplan.accounts.models import Professional

        super().__init__(*args, **kwargs)
        field = self.fields["professional"]
        field.queryset = (
            Professional.objects.filter(
                organization=organization, is_active=True, is_privacy_officer=False
            )
            .select_related("user")
            .order_by("user__name")
        )
        field.label_from_instance = lambda p: (
            f"{p.user.name} ({p.function})" if p.function else p.user.name
        )


class MoveForm(OnceField, SafeForm):
    kind = forms.ChoiceField(
        label=_("Waarheen verhuizen jullie?"),
        choices=[
            ("organisatie", _("Naar een andere organisatie (die ook Samenplan gebruikt, hier)")),
            ("bestand", _("Naar een andere Samenplan: we nemen een verhuisbestand mee")),
        ],
        widget=forms.RadioSelect,
    )
    to_organization = forms.ModelChoiceField(
        label=_("Nieuwe organisatie"), queryset=None, required=False
    )
    to_municipality = forms.CharField(
        label=_("Nieuwe gemeente (mag leeg blijven)"), max_length=100, required=False
    )
    reason = forms.CharField(
        label=_("Waarom? (mag leeg blijven)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        from samenplan.accounts.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = Organization.objects.exclude(
            kind__in=[Organization.Kind.GEMEENTE, Organization.Kind.GI]
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "organisatie" and cleaned.get("to_organization") is None:
            self.add_error("to_organization", _("Kies de nieuwe organisatie."))
        return cleaned


class MoveAnswerForm(SafeForm):
    move = forms.IntegerField(widget=forms.HiddenInput)
    seen = forms.IntegerField(widget=forms.HiddenInput)
    agrees = forms.TypedChoiceField(
        label=_("Gaan jullie akkoord met de verhuizing?"),
        choices=[("1", _("Ja")), ("0", _("Nee"))],
        coerce=lambda value: value == "1",
    )
