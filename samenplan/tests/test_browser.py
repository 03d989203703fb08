"""Journeys in a real browser at 360×740 and 1280×800, with axe on every page."""

import re

import pytest

from samenplan.browser import check_page, screenshot
from samenplan.demo.build import DEMO_PASSWORD, build_demo
from samenplan.families.models import Consent, Participant
from samenplan.test import give_totp, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login_code_from(mailoutbox) -> str:
    body = mailoutbox[-1].body
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.M)
    assert match, body
    return match.group(1)


def log_in_with_password(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def test_a_parent_logs_in_with_a_code_and_gives_consent(page, mailoutbox):
    demo = build_demo()
    lotte = demo.users["lotte"]
    Participant.objects.create(family=demo.bakker, user=lotte, role="professional")

    page.goto("/")
    check_page(page, "home")
    page.get_by_role("link", name="Inloggen met een code").click()
    check_page(page, "request login code")
    page.get_by_label("Je e-mailadres").fill("sanne@example.org")
    page.get_by_role("button", name="Stuur mij een inlogcode").click()
    page.wait_for_url("**/login/code/confirm/")
    check_page(page, "confirm login code")
    page.get_by_label("Inlogcode").fill(login_code_from(mailoutbox))
    page.get_by_role("button", name="Inloggen", exact=True).click()

    page.wait_for_url("**/mijn-gezinnen/")
    check_page(page, "my families")
    page.get_by_role("link", name="Gezin Bakker").click()
    page.get_by_role("heading", name="Ons gezin", exact=True).wait_for()
    assert page.get_by_text("Sanne Bakker geeft nog toestemming voor Lotte Bos.").is_visible()
    check_page(page, "family home")
    page.get_by_role("link", name="Toestemming: wie mag wat zien?").click()
    check_page(page, "consent")
    page.get_by_role("button", name="Ik geef toestemming voor Lotte Bos").click()
    page.get_by_text("Je hebt toestemming gegeven voor Lotte Bos.").wait_for()
    check_page(page, "consent given")
    screenshot(page, f"parent-consent-{page.size_name}")
    assert Consent.objects.filter(participant__user=lotte, given_by=demo.users["sanne"]).exists()


def test_a_professional_sets_up_totp_first_then_sees_the_family(page):
    demo = build_demo()
    log_in_with_password(page, "eva@example.org")
    # No second factor yet: asked for the password again, then to set one up.
    page.wait_for_url("**/reauthenticate/**")
    check_page(page, "reauthenticate")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/2fa/totp/activate/")
    check_page(page, "activate totp")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Code uit de app").fill(totp_code(secret))
    page.get_by_role("button", name="Inschakelen").click()
    page.wait_for_load_state()

    page.goto(f"/gezin/{demo.bakker.pk}/")
    page.get_by_role("heading", name="Ons gezin", exact=True).wait_for()
    assert page.get_by_text("Lina Bakker", exact=True).is_visible()
    check_page(page, "family home (professional)")
    screenshot(page, f"professional-setup-{page.size_name}")


def test_a_professional_logs_in_with_password_and_totp(page):
    demo = build_demo()
    secret = give_totp(demo.users["martijn"])
    log_in_with_password(page, "martijn@example.org")
    page.wait_for_url("**/2fa/authenticate/")
    check_page(page, "mfa authenticate")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mijn-gezinnen/")
    check_page(page, "my families (professional)")
    page.get_by_role("link", name="Gezin Bakker").click()
    page.get_by_role("heading", name="Ons gezin", exact=True).wait_for()
    screenshot(page, f"professional-totp-{page.size_name}")


def test_an_outsider_gets_the_404_page(page):
    demo = build_demo()
    secret = give_totp(demo.users["lotte"])
    log_in_with_password(page, "lotte@example.org")
    page.wait_for_url("**/2fa/authenticate/")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/mijn-gezinnen/")
    response = page.goto(f"/gezin/{demo.bakker.pk}/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Pagina niet gevonden").is_visible()
    assert "Bakker" not in page.content()
    check_page(page, "404")
    screenshot(page, f"outsider-404-{page.size_name}")
