"""Never lose typed text, in the real browser at 360 px: a warning before the session
ends, typing counts as activity, and kept text goes back into its form."""

import time
from importlib import import_module

import pytest
from django.conf import settings

from samenplan.browser import check_page, log_in
from samenplan.builders import FamilyBuilder
from samenplan.middleware import KEPT_KEY
from samenplan.plan import actions as plan
from samenplan.test import give_totp, logged_in_session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]

TYPED = "Om half negen naar bed, ook in het weekend"


def test_a_professional_is_warned_and_typing_keeps_the_session_open(page, live_server):
    f = FamilyBuilder()
    f.parent("Mira")
    worker = f.professional("Wim")
    give_totp(worker.user)
    log_in(page, live_server, worker.user)
    page.clock.install()
    page.goto(f"/gezin/{f.family.pk}/plan/stappen/nieuw/")
    warning = page.get_by_text("Je wordt bijna uitgelogd")
    assert not warning.is_visible()

    page.clock.fast_forward("28:00")  # 30 minutes idle log a professional out
    warning.wait_for()
    check_page(page, "the warning before the session ends")  # loads the page again
    page.clock.fast_forward("28:00")
    warning.wait_for()
    with page.expect_request(lambda request: request.url.endswith("/sessie/nog-bezig/")) as sent:
        page.locator("[name=text]").fill("Bellen met school over het rooster")
    assert sent.value.method == "POST"
    warning.wait_for(state="hidden")


def test_text_kept_after_the_session_ended_goes_back_into_its_form(page, live_server):
    f = FamilyBuilder()
    mira = f.parent("Mira")
    step = plan.step_create(access=f.access(mira), text="Om negen uur naar bed", owner=mira)
    edit = f"/gezin/{f.family.pk}/plan/stappen/{step.pk}/veranderen/"
    # As after logging in again: the new session still holds what was kept.
    key = logged_in_session(mira.user)
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    session[KEPT_KEY] = {
        "user": mira.user.pk,
        "path": edit,
        "fields": {"text": TYPED},
        "until": int(time.time()) + 600,
    }
    session.save()
    page.context.add_cookies([{"name": "sessionid", "value": key, "url": live_server.url}])
    page.goto(edit)
    page.get_by_text("We hebben je tekst weer in het formulier gezet.").wait_for()
    assert page.locator("main form [name=text]").input_value() == TYPED
    check_page(page, "text kept after the session ended")
