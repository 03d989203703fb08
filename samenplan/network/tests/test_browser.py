"""The network's pictures in the real browser, at 360 px and on a laptop, for both demo
families and an empty one: axe-clean in Dutch and English, with text alternatives."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.browser import check_page, log_in, screenshot
from samenplan.demo.build import build_demo
from samenplan.families.actions import account_for_email
from samenplan.families.models import Family, Member, Participant
from samenplan.network.models import FamilyGroupPlan, NetworkPerson
from samenplan.network.views import HELP_LEAD_DAYS
from samenplan.plan.models import Goal
from samenplan.test import give_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pictures_render_for_every_family(page, live_server):
    demo = build_demo()
    empty = Family.objects.create(name="Gezin Leeg")
    parent = Member.objects.create(
        family=empty, name="Ouder Leeg", relation="ouder", has_authority=True
    )
    user = account_for_email(email="leeg@example.org", name="Ouder Leeg")
    Participant.objects.create(family=empty, user=user, role="parent", member=parent)
    for who, family in (
        (demo.users["sanne"], demo.bakker),
        (demo.users["daan"], demo.degroot),
        (user, empty),
    ):
        log_in(page, live_server, who)
        for path, heading in (
            ("netwerk/", "Ons netwerk"),
            ("netwerk/genogram/", "Genogram"),
            ("netwerk/tijdlijn/", "Tijdlijn"),
            ("netwerk/familiegroepsplan/", "Familiegroepsplan"),
        ):
            page.goto(f"/gezin/{family.pk}/{path}")
            page.get_by_role("heading", name=heading, exact=True).wait_for()
            if path != "netwerk/familiegroepsplan/":
                drawing = page.locator("svg.drawing")
                assert drawing.count() == 1
                described = drawing.get_attribute("aria-describedby")
                assert page.locator(f"#{described}").count() == 1
            check_page(page, f"{family.name} {path}")
            if family == demo.bakker:
                screenshot(page, f"network-{path.strip('/').replace('/', '-')}-{page.size_name}")


def test_a_person_in_the_ecomap_leads_to_what_they_help_with(page, live_server):
    demo = build_demo()
    log_in(page, live_server, demo.users["sanne"])
    page.goto(f"/gezin/{demo.bakker.pk}/netwerk/")
    ria = NetworkPerson.objects.get(family=demo.bakker, name="Ria Bakker")
    page.locator(f'svg a[href="#eco-n{ria.pk}"]').click()
    page.wait_for_url(f"**#eco-n{ria.pk}")
    assert "Komt op maandag" in page.locator(f"#eco-n{ria.pk}").inner_text()


def test_eva_does_not_see_the_draft_until_the_family_shares_it(page, live_server):
    demo = build_demo()
    give_totp(demo.users["eva"])
    draft = FamilyGroupPlan.objects.get(family=demo.bakker, status="draft")
    log_in(page, live_server, demo.users["eva"])
    page.goto(f"/gezin/{demo.bakker.pk}/netwerk/familiegroepsplan/")
    page.get_by_text("Hoe zorgen we samen dat de ochtenden rustig zijn?").wait_for()
    assert page.get_by_text(draft.main_question).count() == 0
    log_in(page, live_server, demo.users["sanne"])
    page.goto(f"/gezin/{demo.bakker.pk}/netwerk/familiegroepsplan/")
    page.get_by_role("button", name="Delen met de professionals").click()
    page.get_by_text("Het plan is gedeeld.").wait_for()
    log_in(page, live_server, demo.users["eva"])
    page.goto(f"/gezin/{demo.bakker.pk}/netwerk/familiegroepsplan/")
    page.get_by_text(draft.main_question).wait_for()


SMALLEST_TEXT = """(selector) => Math.min(...[...document.querySelectorAll(selector)]
    .map(e => e.getBoundingClientRect().height))"""


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_names_in_the_drawings_can_be_read_on_a_phone(page, live_server):
    demo = build_demo()
    log_in(page, live_server, demo.users["sanne"])
    page.goto(f"/gezin/{demo.bakker.pk}/netwerk/")
    # A text's box is about 1.2 times its font size: 12 px text makes a 14 px box.
    assert page.evaluate(SMALLEST_TEXT, ".ecomap__name") >= 14
    assert page.evaluate(SMALLEST_TEXT, ".ecomap__family-name") >= 14

    page.goto(f"/gezin/{demo.bakker.pk}/netwerk/tijdlijn/")
    page.get_by_role("link", name="Teken ook de jaren daarvoor").wait_for()
    start = page.locator("svg.timeline g").first.get_attribute("data-date")
    since = timezone.localdate(demo.bakker.created_at) - timedelta(days=HELP_LEAD_DAYS)
    assert start >= since.isoformat()
    page.get_by_role("link", name="Teken ook de jaren daarvoor").click()
    page.get_by_role("link", name="Teken alleen de tijd van de hulp").wait_for()
    assert page.locator("svg.timeline g").first.get_attribute("data-date") < start

    goal = Goal.objects.get(family=demo.bakker, text__startswith="Noor gaat")
    page.goto(f"/gezin/{demo.bakker.pk}/plan/doelen/{goal.pk}/")
    page.locator("svg.chart").wait_for()
    assert page.evaluate(SMALLEST_TEXT, ".chart__axis") >= 14
    assert page.locator("svg.chart text[text-anchor]").count() >= 2  # dates under the axis
    check_page(page, "the score chart")
