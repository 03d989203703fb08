"""Harmful buttons ask first and a removal can be undone, in the real browser at 360 px."""

import pytest

from samenplan.browser import axe_violations, check_page, describe, log_in, sideways
from samenplan.builders import FamilyBuilder
from samenplan.families.models import Participant
from samenplan.plan import actions as plan
from samenplan.plan.models import Step

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def assert_clean(page, name):
    # The question answers a POST: it cannot be loaded again in the other
    # language, so English is checked with a person who chose English.
    violations = axe_violations(page)
    assert not violations, f"{name}:\n{describe(violations)}"
    assert not sideways(page), f"{name} scrolls sideways: {sideways(page)}"


def test_mira_is_asked_before_oma_stops_and_can_put_a_step_back(page, live_server):
    f = FamilyBuilder()
    mira = f.parent("Mira")
    gran = f.network("Oma Trees")
    goal = plan.goal_create(access=f.access(mira), text="Rustig slapen", domain="thuis")
    step = plan.step_create(
        access=f.access(mira), text="Om negen uur naar bed", goal=goal, owner=mira
    )
    log_in(page, live_server, mira.user)

    home = f"/gezin/{f.family.pk}/"
    page.goto(home)
    page.get_by_role("button", name="Laat Oma Trees stoppen").click()
    page.get_by_role("heading", name="Iemand laten stoppen?").wait_for()
    assert_clean(page, "the question before someone stops (nl)")
    page.get_by_role("link", name="Nee, terug").click()
    page.wait_for_url(f"**{home}")
    assert Participant.objects.get(pk=gran.pk).active_to is None

    page.get_by_role("button", name="Laat Oma Trees stoppen").click()
    page.get_by_role("button", name="Ja, laat stoppen").click()
    page.get_by_text("Oma Trees doet niet meer mee").wait_for()
    assert Participant.objects.get(pk=gran.pk).active_to is not None

    page.goto(f"/gezin/{f.family.pk}/plan/")
    page.get_by_role("button", name="Weghalen: Om negen uur naar bed").click()
    page.get_by_role("button", name="Ja, haal de stap weg").click()
    page.get_by_text("De stap is uit het plan gehaald.").wait_for()
    check_page(page, "the plan with Ongedaan maken")
    page.get_by_role("button", name="Ongedaan maken: Om negen uur naar bed").click()
    page.get_by_text("Ongedaan gemaakt.").wait_for()
    assert page.locator(f"#step-{step.pk}").is_visible()
    assert Step.objects.get(pk=step.pk).removed_at is None

    mira.user.language = "en"
    mira.user.save(update_fields=["language"])
    page.reload()
    page.get_by_role("button", name="Remove: Om negen uur naar bed").click()
    page.get_by_role("heading", name="Remove this step from the plan?").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_clean(page, "the question before removing a step (en)")
