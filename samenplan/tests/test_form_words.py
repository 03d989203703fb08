"""Every form speaks the page's language: no English on a Dutch page, no Dutch left on
an English one, no "---------", and no name from the demo in a help text.

The scan reads each form class of ours (labels, help texts and choices, as declared
and as taken from the models), in Dutch and in English.
"""

import copy
import re

from django import forms
from django.test import SimpleTestCase
from django.utils import translation
from django.utils.functional import Promise

from samenplan.lib.forms import say_choose

from .test_input_guard import _samenplan_forms

DEMO_NAMES = re.compile(
    r"\b(Sanne|Noor|Sem|Youssef|Ria|Eva|Martijn|Joke|Daan|Anouk|Bram|Lotte|Bakker|De Groot)\b"
)
# Words that would betray an English label left on a Dutch page (Django's own
# label made from a field's name is the usual way in).
ENGLISH = re.compile(r"\b(the|and|version|base|this|field|name|date|text|choose)\b", re.I)


def texts(field: forms.Field):
    """What a person reads of a field: label, help text and the choices (as every form
    of ours shows them: the empty one is "Kies …"; a list from the database is data,
    only its empty line is ours)."""
    field = copy.deepcopy(field)
    say_choose(field)
    yield "label", field.label
    yield "help", field.help_text
    if isinstance(field, forms.ModelChoiceField):
        yield "choice", field.empty_label
        return
    for _value, label in getattr(field, "choices", ()) or ():
        if isinstance(label, (list, tuple)):  # grouped choices
            for _value, inner in label:
                yield "choice", inner
        else:
            yield "choice", label


def visible(field: forms.Field) -> bool:
    return not field.widget.is_hidden


class FormWordsTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forms = _samenplan_forms()

    def fields(self):
        for form in self.forms:
            for name, field in getattr(form, "base_fields", {}).items():
                yield f"{form.__module__}.{form.__name__}.{name}", field

    def test_every_label_is_ours_to_translate(self):
        """A label Django makes from the field's name ("Version") is English on every page."""
        made_up = [
            where
            for where, field in self.fields()
            if field.label is not None
            and not isinstance(field.label, Promise)
            and str(field.label).strip()
            and visible(field)
        ]
        unset = [where for where, field in self.fields() if field.label is None and visible(field)]
        self.assertEqual(made_up, [], "a plain-text label: wrap it in gettext_lazy")
        self.assertEqual(unset, [], "no label: Django would make an English one from the name")

    def test_a_dutch_form_has_no_english_and_no_dashes(self):
        with translation.override("nl"):
            found = [
                f"{where} {kind}: {text}"
                for where, field in self.fields()
                if visible(field)
                for kind, text in texts(field)
                if text and (ENGLISH.search(str(text)) or "---" in str(text))
            ]
        self.assertEqual(found, [])

    def test_an_english_form_has_its_words_translated(self):
        def labels(language):
            with translation.override(language):
                return {
                    where: str(field.label)
                    for where, field in self.fields()
                    if visible(field) and isinstance(field.label, Promise)
                }

        english, dutch = labels("en"), labels("nl")
        left = [
            f"{where}: {label}"
            for where, label in dutch.items()
            if english[where] == label
            and re.search(r"[a-z]{4,}", label)
            and label not in SAME_IN_BOTH
        ]
        self.assertEqual(left, [])

    def test_no_help_text_names_someone_from_the_demo(self):
        for language in ("nl", "en"):
            with translation.override(language):
                found = [
                    f"{where}: {text}"
                    for where, field in self.fields()
                    for _kind, text in texts(field)
                    if text and DEMO_NAMES.search(str(text))
                ]
            self.assertEqual(found, [], language)

    def test_an_empty_choice_says_kies_in_both_languages(self):
        field = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
        say_choose(field)
        for language, word in (("nl", "Kies"), ("en", "Choose")):
            with translation.override(language):
                self.assertTrue(str(field.choices[0][1]).startswith(word), language)


# Words that are the same in Dutch and English.
SAME_IN_BOTH = {"E-mail", "Online", "Website", "Status", "Code", "Stop"}
