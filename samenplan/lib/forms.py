"""The one guard for text that no database should get.

PostgreSQL refuses NUL characters in text; SQLite stores them silently; a
lone surrogate (half of a UTF-16 pair) cannot be encoded for either. Left to
the database, the same input is a 500 on one and stored on the other. Every
form in Samenplan inherits ``SafeForm`` or ``SafeModelForm``, which refuse
such text on any field — choice, number and date fields included — with the
normal form error, before the field's own cleaning can hand it on. What the
person typed stays in the form.

The database layer has a last line behind this (``refuse_unsafe_params``):
a query that would carry such text is stopped the same way on both databases.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import SuspiciousOperation
from django.utils.translation import gettext_lazy as _

# NUL, and the surrogate range U+D800–U+DFFF (never a character on its own).
UNSAFE = re.compile("[\x00\ud800-\udfff]")

UNSAFE_MESSAGE = _(
    "Hier staat een onzichtbaar teken dat we niet kunnen bewaren. "
    "Haal het weg (of typ de tekst opnieuw) en probeer het nog eens."
)


class UnsafeText(SuspiciousOperation):
    """Text with a NUL or a lone surrogate reached the database layer.

    A ``SuspiciousOperation``, so Django answers 400 (the friendly page),
    never a 500, and the transaction around the write is rolled back.
    """


def is_unsafe(value) -> bool:
    """Whether ``value`` (a string, or a list of them) holds text no database should get."""
    if isinstance(value, str):
        return UNSAFE.search(value) is not None
    if isinstance(value, list | tuple):
        return any(is_unsafe(item) for item in value)
    return False


# Django's empty choice is "---------"; people read "Kies …" (in their language).
DJANGO_BLANK = "---------"
BLANK_LABEL = _("Kies …")


def say_choose(field) -> None:
    """Give a choice field's empty option words instead of Django's dashes."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = BLANK_LABEL
        return
    if not isinstance(field, forms.ChoiceField):
        return
    choices = list(field.choices)
    if any(label == DJANGO_BLANK for _value, label in choices):
        field.choices = [
            (value, BLANK_LABEL if label == DJANGO_BLANK else label) for value, label in choices
        ]


# The NL Design System (Utrecht) class of each kind of form field, so every field
# of every form looks the same without each template saying so.
_WIDGET_CLASSES = [
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    # Before RadioSelect: Django's CheckboxSelectMultiple is a kind of RadioSelect.
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.FileInput, ""),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


def design_system_class(widget):
    own = widget.attrs.get("class", "")
    if widget.is_hidden or "utrecht-" in own:
        return
    for kind, classes in _WIDGET_CLASSES:
        if isinstance(widget, kind):
            if classes:
                widget.attrs["class"] = f"{classes} {own}".strip()
            return


class SafeInputMixin:
    """Refuse NUL and lone surrogates on every field, with the normal form error;
    "Kies …" instead of "---------" on every choice; hidden fields without an id.

    ``plain_language`` names the fields a professional writes for the family to
    read: they carry ``data-taalhulp``, and the language hints follow them.
    """

    plain_language: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.plain_language:
            if name in self.fields:
                self.fields[name].widget.attrs["data-taalhulp"] = ""
        for field in self.fields.values():
            say_choose(field)
            if field.widget.is_hidden:
                # No label points at a hidden field; without an id, two forms on one
                # page (each with its "once" or "version") don't repeat one.
                field.widget.attrs.setdefault("id", False)
            else:
                design_system_class(field.widget)

    def _clean_fields(self):
        unsafe = [name for name, bound in self._bound_items() if is_unsafe(bound.data)]
        super()._clean_fields()
        for name in unsafe:
            # One clear message instead of whatever the field made of it.
            self._errors.pop(name, None)
            self.add_error(name, forms.ValidationError(UNSAFE_MESSAGE, code="unsafe_text"))


class SafeForm(SafeInputMixin, forms.Form):
    """The base of every form of ours (a test walks them all)."""


class SafeModelForm(SafeInputMixin, forms.ModelForm):
    """The base of every model form of ours."""


def refuse_unsafe_params(execute, sql, params, many, context):
    """A database execute wrapper: no query carries a NUL or a lone surrogate.

    Installed on every connection (see ``samenplan.lib.apps``). Scanning the
    parameters is cheap next to the query itself.
    """
    if many:
        params = list(params)  # may be a generator; it is read twice
    for row in params if many else (params,):
        values = row.values() if isinstance(row, dict) else row
        for value in values or ():
            # Lists too: PostgreSQL's bulk inserts send a column as one array.
            if is_unsafe(value):
                raise UnsafeText("A query parameter holds a NUL or a lone surrogate.")
    return execute(sql, params, many, context)
