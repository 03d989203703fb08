from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.families.once import OnceField
from samenplan.lib.forms import SafeForm, SafeModelForm, design_system_class

from .models import AboutUs, FamilyGroupPlan, LifeEvent, NetworkPerson, Relationship


class PersonForm(OnceField, SafeModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = NetworkPerson
        fields = [
            "name",
            "relation",
            "relation_label",
            "helps_with",
            "could_help",
            "closeness",
            "quality",
            "sex",
            "birth_year",
            "died",
            "death_year",
            "in_network",
        ]
        widgets = {"closeness": forms.RadioSelect, "quality": forms.RadioSelect}

    def clean(self):
        cleaned = super().clean()
        this_year = timezone.localdate().year
        for key in ("birth_year", "death_year"):
            year = cleaned.get(key)
            if year is not None and not 1850 <= year <= this_year:
                self.add_error(key, _("Kies een jaar tussen 1850 en nu."))
        born, died = cleaned.get("birth_year"), cleaned.get("death_year")
        if born and died and died < born:
            self.add_error("death_year", _("Het jaar van overlijden ligt voor het geboortejaar."))
        return cleaned


class RelationshipForm(OnceField, SafeForm):
    """Two people and how they are related; each is a family member or a network person."""

    kind = forms.ChoiceField(
        label=_("Wat voor relatie?"),
        choices=[
            ("parent", _("De eerste is ouder van de tweede")),
            ("partner", _("Ze zijn (of waren) partners")),
        ],
        widget=forms.RadioSelect,
    )
    a = forms.ChoiceField(label=_("Eerste persoon"))
    b = forms.ChoiceField(label=_("Tweede persoon"))
    status = forms.ChoiceField(
        label=_("Bij partners: hoe staat het ervoor?"),
        choices=[("", _("Kies (alleen bij partners)")), *Relationship.Status.choices],
        required=False,
    )

    def __init__(self, *args, members=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._ends = {f"m{m.pk}": m for m in members} | {f"n{p.pk}": p for p in people}
        choices = [("", _("Kies iemand"))] + [
            (key, value.name) for key, value in self._ends.items()
        ]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        cleaned = super().clean()
        a, b = cleaned.get("a"), cleaned.get("b")
        if a and b and a == b:
            self.add_error("b", _("Kies twee verschillende mensen."))
        if a:
            cleaned["a"] = self._ends[a]
        if b:
            cleaned["b"] = self._ends[b]
        if cleaned.get("kind") != "partner":
            cleaned["status"] = ""
        return cleaned


class EventForm(OnceField, SafeModelForm):
    class Meta:
        model = LifeEvent
        fields = ["happened_on", "kind", "title", "note"]
        widgets = {"happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"title": _("Bijvoorbeeld: we verhuisden naar de Lindelaan.")}

    def clean_happened_on(self):
        value = self.cleaned_data.get("happened_on")
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(_("Kies een datum van vandaag of eerder."))
        if value is not None and value.year < 1900:
            raise forms.ValidationError(_("Kies een datum na 1900."))
        return value


class FamilyPlanForm(OnceField, SafeModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FamilyGroupPlan
        fields = ["main_question", "want_to_reach", "goals", "who_helps", "support_needed"]
        widgets = {
            "main_question": forms.Textarea(attrs={"rows": 2}),
            "want_to_reach": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "who_helps": forms.Textarea(attrs={"rows": 4}),
            "support_needed": forms.Textarea(attrs={"rows": 3}),
        }


class AboutUsForm(SafeModelForm):
    """Wie zijn wij: five optional texts, each child's talents, and who reads it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    shown_to = forms.ModelMultipleChoiceField(
        label=_("Wie mag het lezen?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = AboutUs
        fields = [*AboutUs.TEXTS, "audience"]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in AboutUs.TEXTS},
            "audience": forms.RadioSelect,
        }
        help_texts = {
            "background": _(
                "Bijvoorbeeld: waar jullie familie vandaan komt, wat jullie belangrijk vinden."
            ),
            "faith": _(
                "Bijvoorbeeld: bidden, vasten, de kerk of de moskee. "
                "Of dat jullie niet gelovig zijn."
            ),
            "daily_life": _(
                "Bijvoorbeeld: wanneer jullie niet kunnen afspreken, wat jullie wel of niet eten."
            ),
            "languages": _(
                "Bijvoorbeeld: thuis spreken we Turks. De kinderen praten liever Nederlands. "
                "Papa wil graag een tolk."
            ),
            "for_professionals": _(
                "Bijvoorbeeld: trek je schoenen uit, of bel niet tijdens het eten."
            ),
        }

    def __init__(self, *args, children=(), guests=(), talents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_to"].queryset = guests
        self.fields["shown_to"].label_from_instance = lambda p: p.user.name
        self.children = list(children)
        talents = talents or {}
        for child in self.children:
            first = child.name.split()[0]
            earlier = talents.get(child.pk)
            self.fields[f"good_at_{child.pk}"] = forms.CharField(
                label=_("Waar is %(name)s goed in?") % {"name": first},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=earlier.good_at if earlier else "",
            )
            self.fields[f"likes_{child.pk}"] = forms.CharField(
                label=_("Wat doet %(name)s graag?") % {"name": first},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=earlier.likes if earlier else "",
            )
        for child in self.children:
            for key in (f"good_at_{child.pk}", f"likes_{child.pk}"):
                design_system_class(self.fields[key].widget)

    def family_fields(self):
        return [self[name] for name in AboutUs.TEXTS]

    def talent_fields(self):
        return [
            (child, self[f"good_at_{child.pk}"], self[f"likes_{child.pk}"])
            for child in self.children
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience") == AboutUs.Audience.CHOSEN and not cleaned.get("shown_to"):
            self.add_error("shown_to", _("Kies wie het mag lezen, of kies hierboven iets anders."))
        return cleaned

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data.get("version") or 0,
            "texts": {name: data.get(name, "") for name in AboutUs.TEXTS},
            "talents": {
                child: (data.get(f"good_at_{child.pk}", ""), data.get(f"likes_{child.pk}", ""))
                for child in self.children
            },
            "audience": data["audience"],
            "shown_to": list(data.get("shown_to") or []),
        }
