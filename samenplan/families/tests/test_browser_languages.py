"""Sanne reads the plan in Arabic, Turkish and Polish on her phone at 360 px:
right to left in Arabic, nothing wider than the screen, axe-clean, and her choice
is still there the next time she logs in."""

import pytest

from samenplan.accounts.models import User
from samenplan.browser import axe_violations, describe, log_in, screenshot, sideways
from samenplan.builders import FamilyBuilder
from samenplan.plan import actions as plan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def switch_to(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_sanne_reads_the_plan_in_arabic_right_to_left_and_in_turkish_and_polish(page, live_server):
    f = FamilyBuilder("Gezin Yilmaz")
    sanne = f.parent("Sanne Yilmaz")
    f.child("Deniz", age=10)
    plan.goal_create(access=f.access(sanne), text="Rustige ochtenden", domain="opvoeden")
    log_in(page, live_server, sanne.user)
    page.goto(f"/gezin/{f.family.pk}/plan/")
    page.get_by_role("heading", name="Ons plan", exact=True).wait_for()

    switch_to(page, "العربية")
    page.get_by_role("heading", name="خطتنا", exact=True).wait_for()
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    # Right to left: the heading starts at the right edge of the screen.
    heading = page.get_by_role("heading", name="خطتنا", exact=True).bounding_box()
    width = page.viewport_size["width"]
    assert heading["x"] + heading["width"] > width - 40, heading
    assert not sideways(page), sideways(page)
    violations = axe_violations(page)
    assert not violations, describe(violations)
    screenshot(page, "plan in Arabic at 360 px")
    assert User.objects.get(pk=sanne.user.pk).language == "ar"

    # Another day, another session: the plan opens in Arabic again.
    log_in(page, live_server, User.objects.get(pk=sanne.user.pk))
    page.goto(f"/gezin/{f.family.pk}/plan/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    for name, heading_text, code in (("Türkçe", "Planımız", "tr"), ("Polski", "Nasz plan", "pl")):
        switch_to(page, name)
        page.get_by_role("heading", name=heading_text, exact=True).wait_for()
        assert page.locator("html").get_attribute("dir") == "ltr"
        assert not sideways(page), (code, sideways(page))
        violations = axe_violations(page)
        assert not violations, f"{code}:\n{describe(violations)}"

    switch_to(page, "Nederlands")
    page.get_by_role("heading", name="Ons plan", exact=True).wait_for()
    assert User.objects.get(pk=sanne.user.pk).language == "nl"
