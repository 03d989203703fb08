"""Create forms are idempotent: one click, one row.

Each create form carries a one-time token (``OnceField``). Saving records the
token with what it made (``SubmittedForm``, unique on the token) in the same
transaction; a double click or a Back-and-resubmit sends the token again,
makes nothing new and says so. A second request with the same token waits
for the first one's transaction on the unique index, so parallel requests
make one row too.
"""

from __future__ import annotations

import secrets

from django import forms
from django.db import IntegrityError, transaction

from samenplan.lib.errors import ActionError
from samenplan.lib.forms import SafeForm

from .models import SubmittedForm


class AlreadySaved(ActionError):
    """This form was saved before; ``item`` is what it made then (or None)."""

    def __init__(self, item_type: str = "", item_id: int | None = None):
        from django.utils.translation import gettext as _

        super().__init__(_("Dit was al opgeslagen. Er is niets dubbel gemaakt."))
        self.item_type = item_type
        self.item_id = item_id


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OnceField(SafeForm):
    """Adds the hidden one-time token to a create form."""

    once = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["once"] = new_token()


def create_once(*, access, token: str, make):
    """Run ``make()`` once per ``token``; raise ``AlreadySaved`` the second time.

    Without a token (an old page, a script) it simply runs.
    """
    if not token:
        return make()
    with transaction.atomic():
        try:
            with transaction.atomic():
                mark = SubmittedForm.objects.create(
                    token=token, family=access.family, user=access.user
                )
        except IntegrityError:
            earlier = SubmittedForm.objects.filter(token=token).first()
            raise AlreadySaved(
                earlier.item_type if earlier else "", earlier.item_id if earlier else None
            ) from None
        item = make()
        if item is not None and getattr(item, "pk", None) is not None:
            SubmittedForm.objects.filter(pk=mark.pk).update(
                item_type=item._meta.model_name, item_id=item.pk
            )
        return item
