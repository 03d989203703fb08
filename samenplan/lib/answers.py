"""Saying no is as easy as saying yes: "ja", "ja, als…" or "nee", with a short reason.

Agreements, safety scenarios and other things people are asked to agree to
share this: a "ja, als…" or a "nee" carries a reason everyone can read, so the
table can talk about it. The feature keeps the answer (and the version it is
about); this module only knows what a valid answer is.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ActionError
from .forms import SafeForm

YES, YES_IF, NO = "yes", "yes_if", "no"
ANSWERS = (YES, YES_IF, NO)
REASON_LENGTH = 300


def missing_reason(answer: str) -> str:
    return (
        _("Schrijf kort wat er anders moet.")
        if answer == YES_IF
        else _("Schrijf kort waarom niet. Dan kunnen jullie er samen over praten.")
    )


def checked_reason(answer: str, reason: str) -> str:
    """The reason to keep with ``answer`` (none with a plain yes); refuses a bad answer."""
    if answer not in ANSWERS:
        raise ActionError(_("Kies ja, ja als, of nee."))
    if answer == YES:
        return ""
    reason = " ".join((reason or "").split())[:REASON_LENGTH]
    if not reason:
        raise ActionError(missing_reason(answer))
    return reason


class AnswerForm(SafeForm):
    """ "Ja", "ja, als…" or "nee", about the version the person read (``seen``)."""

    seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    answer = forms.ChoiceField(
        label=gettext_lazy("Wat zeg jij?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies ja, ja als, of nee.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Waarom niet, of wat moet er anders?"),
        max_length=REASON_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Bij 'ja, als…' en 'nee' schrijf je kort waarom. Iedereen ziet het."
        ),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = choices

    def clean(self):
        cleaned = super().clean()
        answer = cleaned.get("answer")
        if answer and answer != YES and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", missing_reason(answer))
        return cleaned
