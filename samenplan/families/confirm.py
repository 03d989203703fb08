"""The confirmation page the gate asks for (``permissions.Confirm``).

It works without JavaScript: the page holds the same form again, with the
fields the person sent, and one more that says they are sure. Nothing is
written and nothing of the family is shown, so there is nothing to log; the
write happens, with its audit row, when the form comes back confirmed.
"""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .permissions import CONFIRMED_FIELD, ConfirmFirst

# Never sent back: a fresh CSRF token comes with the page.
_LEFT_OUT = {"csrfmiddlewaretoken", CONFIRMED_FIELD}


def _way_back(request) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    family_id = (request.resolver_match.kwargs if request.resolver_match else {}).get("family_id")
    try:
        return reverse("families:home", args=[family_id]) if family_id else reverse("home")
    except NoReverseMatch:
        return "/"


class ConfirmMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ConfirmFirst):
            return None
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in _LEFT_OUT
            for value in values
        ]
        response = render(
            request,
            "families/confirm.html",
            {
                "confirm": exception.confirm,
                "fields": fields,
                "action_url": request.get_full_path(),
                "back": _way_back(request),
                "confirmed_field": CONFIRMED_FIELD,
            },
        )
        if getattr(request, "htmx", False):
            # An htmx form swaps a part of the page; the question is a page of its own.
            response["HX-Retarget"] = "body"
            response["HX-Reswap"] = "innerHTML"
        return response
