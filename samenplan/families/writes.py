"""Run a write for a form; a refusal comes back on the form, with what was typed.

Every form page does the same: when the form is valid, call the action; if the
action refuses (``ActionError``), show why on the form; if someone saved first
(``StaleEdit``), show the newer text beside what this person typed; if the
form was sent before (the one-time token), make nothing new and say so::

    if request.method == "POST" and form.is_valid() and form_write(
        form, lambda **data: actions.goal_create(access=access, request=request, **data),
        access=access,
    ):
        messages.success(request, ...)
        return redirect(...)
    return render(..., {"form": form, "stale": form.stale})
"""

from __future__ import annotations

from samenplan.lib.errors import ActionError, StaleEdit

from .once import AlreadySaved, create_once


def form_write(form, write, *, access=None, drop=("once",)) -> bool:
    """Call ``write(**data)`` with the form's cleaned data; True when it saved.

    ``data`` leaves out the fields in ``drop`` (the one-time token by default).
    With ``access`` and a token, the write runs once per token; a repeat counts
    as saved and sets ``form.repeated`` (the view says "al opgeslagen").
    Sets ``form.result`` to what ``write`` returned, ``form.stale`` to the newer
    text of a refused stale save.
    """
    form.stale = None
    form.repeated = None
    form.result = None
    data = {key: value for key, value in form.cleaned_data.items() if key not in drop}
    token = form.cleaned_data.get("once", "") if access is not None else ""
    try:
        if token:
            form.result = create_once(access=access, token=token, make=lambda: write(**data))
        else:
            form.result = write(**data)
    except AlreadySaved as error:
        form.repeated = str(error)
        return True
    except StaleEdit as error:
        form.stale = error.current
        form.add_error(None, str(error))
        return False
    except ActionError as error:
        form.add_error(None, str(error))
        return False
    return True


def say_saved(request, form, text) -> None:
    """Tell what happened: saved, or — for a form sent twice — that it was saved before."""
    from django.contrib import messages

    if form.repeated:
        messages.info(request, form.repeated)
    else:
        messages.success(request, str(text))
        note_plain_language(request, form)


def note_plain_language(request, form) -> None:
    """After a save, the language hints for what a professional wrote for the
    family (the fields a form names in ``plain_language``): the way they reach
    someone without JavaScript. Never blocks the save."""
    from . import hooks

    hooks.call("text.saved", request=request, form=form)


def button_write(request, write, done) -> bool:
    """A write behind a button (no form page): do it and say so, or say why not.

    ``done`` is the message, or a function of what ``write`` returned.
    """
    from django.contrib import messages

    try:
        result = write()
    except ActionError as error:
        messages.error(request, str(error))
        return False
    messages.success(request, str(done(result) if callable(done) else done))
    return True


# The session key of the one "Ongedaan maken" on offer (context_processors.py shows it).
UNDO_KEY = "sp_undo"


def offer_undo(request, url: str, what: str, seconds: int) -> None:
    """Offer "Ongedaan maken" for ``seconds`` on the next pages: a button posting to
    ``url``, the write that puts back what was just taken away (``what``)."""
    import time

    request.session[UNDO_KEY] = {"url": url, "what": str(what), "until": time.time() + seconds}


def undo_done(request) -> None:
    request.session.pop(UNDO_KEY, None)
