"""Without JavaScript: the hints come after the save, as one short note."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .check import check


def for_professional(request) -> bool:
    return request.session.get("sp_kind") == "professional"


def note_after_save(*, request, form) -> None:
    if not for_professional(request) or not getattr(form, "cleaned_data", None):
        return
    if request.POST.get("taalhulp") == "gezien":
        return  # the hints stood beside the field while they wrote
    hints = []
    for name in getattr(form, "plain_language", ()):
        value = form.cleaned_data.get(name)
        if isinstance(value, str) and value.strip():
            hints.extend(check(value).hints)
    if not hints:
        return
    shown = "; ".join(f"“{h.words}”: {h.advice}" for h in hints[:3])
    messages.info(
        request,
        ngettext(
            "Taalhulp, voor de volgende keer (%(n)d tip): %(tips)s",
            "Taalhulp, voor de volgende keer (%(n)d tips): %(tips)s",
            len(hints),
        )
        % {"n": len(hints), "tips": shown}
        + " "
        + _("Pas de tekst aan als je wilt."),
    )
