"""Eva proposes, the worker tells Sanne, Sanne takes it over: in the real browser."""

import pytest
from django.core import mail
from django.core.management import call_command

from samenplan.browser import check_page, log_in
from samenplan.builders import FamilyBuilder
from samenplan.families.models import WaitingItem
from samenplan.plan import actions as plan
from samenplan.plan.models import Goal
from samenplan.test import give_totp

# Mail goes out only outside the quiet hours: this journey runs at noon (conftest.py).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.daytime,
]


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_eva_proposes_the_worker_tells_sanne_once_and_sanne_takes_it_over(
    page, live_server, settings
):
    # The real queue: nothing is sent until the worker runs.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    f = FamilyBuilder("Gezin Bakker")
    sanne = f.parent("Sanne Bakker")
    youssef = f.parent("Youssef El Idrissi")
    eva = f.professional("Eva de Vries")
    goal = plan.goal_create(
        access=f.access(sanne), text="Rustige ochtenden thuis", domain="opvoeden"
    )
    give_totp(eva.user)
    call_command("db_worker", batch=True, verbosity=0)
    mail.outbox.clear()

    log_in(page, live_server, eva.user)
    page.goto(f"/gezin/{f.family.pk}/plan/doelen/{goal.pk}/bewerken/")
    page.get_by_label("Ons doel, in eigen woorden").fill("Rustige ochtenden, ook bij Youssef")
    page.get_by_role("button", name="Voorstel versturen").click()
    page.get_by_role("heading", name="Rustige ochtenden thuis").wait_for()

    # The worker sends Sanne (and Youssef) exactly one mail each, with nothing of the family.
    assert not [m for m in mail.outbox if m.to == [sanne.user.email]]
    call_command("db_worker", batch=True, verbosity=0)
    to_sanne = [m for m in mail.outbox if m.to == [sanne.user.email]]
    assert len(to_sanne) == 1
    text = to_sanne[0].subject + to_sanne[0].body
    for family_text in ("Bakker", "Eva", "Rustige ochtenden", "Youssef"):
        assert family_text not in text
    assert "/voor-jou/" in text
    call_command("db_worker", batch=True, verbosity=0)
    assert len([m for m in mail.outbox if m.to == [sanne.user.email]]) == 1

    log_in(page, live_server, sanne.user)
    page.goto(f"/gezin/{f.family.pk}/")
    item = page.get_by_role("link", name="Voorstel van Eva de Vries: Rustige ochtenden, ook bij")
    # Within the first screen of a phone.
    box = item.bounding_box()
    assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"]
    check_page(page, "family home with something waiting")
    item.click()
    page.get_by_role("heading", name="Voorstellen").wait_for()
    proposal = Goal.objects.get(replaces=goal)
    page.locator(f"form[action$='/voorstel/goal/{proposal.pk}/overnemen/'] button").click()
    page.get_by_text("Het voorstel is overgenomen.").wait_for()
    page.get_by_role("link", name="Gezin Bakker").first.click()
    page.get_by_role("heading", name="Wacht op jou").wait_for()
    assert page.get_by_text("Er wacht nu niets op jou. Fijn!").is_visible()

    # Gone for Youssef too, and his mail that was not needed any more was not sent twice.
    assert not WaitingItem.objects.filter(participant=youssef, kind="mine").exists()
    log_in(page, live_server, youssef.user)
    page.goto("/voor-jou/")
    page.get_by_text("Er wacht nu niets op jou. Fijn!").wait_for()
    check_page(page, "voor jou, nothing waiting")
