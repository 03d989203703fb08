"""From the plan on a phone, one tap to the numbers to call: in the real browser at 360 px."""

import pytest

from samenplan.browser import check_page, log_in, screenshot
from samenplan.builders import FamilyBuilder

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def test_a_parent_reaches_112_and_veilig_thuis_in_one_tap_from_the_plan(page, live_server):
    f = FamilyBuilder("Gezin Visser")
    mira = f.parent("Mira Visser")
    log_in(page, live_server, mira.user)
    page.goto(f"/gezin/{f.family.pk}/plan/")
    button = page.get_by_role("link", name="Het gaat nu niet goed")
    assert button.bounding_box()["y"] < 780, "the button is on the first screen"
    button.click()
    call = page.get_by_role("link", name="Bel 112", exact=False)
    call.wait_for()
    assert call.get_attribute("href") == "tel:112"
    assert call.is_visible() and call.bounding_box()["y"] < 780, "112 is on the first screen"
    assert page.get_by_role("link", name="Veilig Thuis: 0800-2000", exact=False).is_visible()
    check_page(page, "the numbers to call")
    screenshot(page, "help-now-phone")
