from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.families.once import OnceField
from samenplan.lib.forms import SafeForm, SafeModelForm

from .models import FamilyGroupPlan, LifeEvent, NetworkPerson, Relationship


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
