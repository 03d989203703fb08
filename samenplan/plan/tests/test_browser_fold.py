"""The plan folds per section on a phone, and remembers it: in the real browser at 360 px."""

import pytest

from samenplan.browser import check_page, log_in
from samenplan.builders import FamilyBuilder
from samenplan.plan import actions as plan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def test_a_parent_folds_the_steps_away_and_a_link_opens_them_again(page, live_server):
    f = FamilyBuilder("Gezin Visser")
    mira = f.parent("Mira Visser")
    plan.step_create(access=f.access(mira), text="Om negen uur naar bed", owner=mira)
    log_in(page, live_server, mira.user)
    page.goto(f"/gezin/{f.family.pk}/plan/")

    steps = page.get_by_role("button", name="Stappen")
    step = page.get_by_text("Om negen uur naar bed", exact=True)
    assert steps.get_attribute("aria-expanded") == "true" and step.is_visible()
    steps.click()
    assert steps.get_attribute("aria-expanded") == "false" and not step.is_visible()
    check_page(page, "the plan with the steps folded")

    page.reload()  # remembered on this phone
    assert not page.get_by_text("Om negen uur naar bed", exact=True).is_visible()
    page.get_by_role("navigation", name="Op deze pagina").get_by_role(
        "link", name="Stappen"
    ).click()
    page.get_by_text("Om negen uur naar bed", exact=True).wait_for()
    assert page.get_by_role("button", name="Stappen").get_attribute("aria-expanded") == "true"
