"""A parent logs in on a phone with a code from the mail: in the real browser at 360 px."""

import pytest
from django.core import mail

from samenplan.browser import check_page, screenshot
from samenplan.builders import FamilyBuilder

from .test_login import code_from_mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def test_a_parent_mistypes_her_address_starts_again_and_logs_in_with_the_code(page, live_server):
    f = FamilyBuilder("Gezin Visser")
    mira = f.parent("Mira Visser")
    mail.outbox.clear()

    page.goto("/accounts/login/")
    page.get_by_role("link", name="Inloggen met een inlogcode").click()
    check_page(page, "asking for a login code")
    page.get_by_label("Je e-mailadres").fill("mira@exmaple.org")
    page.get_by_role("button", name="Stuur mij een inlogcode").click()

    page.get_by_role("heading", name="Vul je inlogcode in").wait_for()
    check_page(page, "the code page")
    box = page.get_by_label("Inlogcode").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 200, box
    assert page.get_by_text("mira@exmaple.org").first.is_visible()
    screenshot(page, "login-code-phone")

    page.get_by_role("button", name="Ander e-mailadres").click()
    page.get_by_label("Je e-mailadres").fill(mira.user.email)
    page.get_by_role("button", name="Stuur mij een inlogcode").click()
    page.get_by_role("heading", name="Vul je inlogcode in").wait_for()
    to_mira = [m for m in mail.outbox if m.to == [mira.user.email]]
    assert len(to_mira) == 1
    page.get_by_label("Inlogcode").fill(code_from_mail(to_mira[0]).lower())
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_text("Gezin Visser").first.wait_for()
