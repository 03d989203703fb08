"""Deciding together in the real browser, at 360 px and on a laptop: ask, weigh, give
views, see where we agree, decide, say yes and answer the check afterwards."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.browser import check_page, log_in, screenshot
from samenplan.decisions.models import Check, Decision, View
from samenplan.demo.build import build_demo
from samenplan.plan.models import Step
from samenplan.test import give_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_family_and_a_professional_decide_together(page, live_server):
    demo = build_demo()
    give_totp(demo.users["eva"])
    family = demo.bakker.pk
    question = "Gaat Sem op zwemles?"

    # Sanne asks the question, with two options; waiting is offered too.
    log_in(page, live_server, demo.users["sanne"])
    page.goto(f"/gezin/{family}/beslissen/")
    check_page(page, "decisions list")
    page.get_by_role("link", name="Nieuwe vraag om te beslissen").click()
    check_page(page, "new decision")
    page.get_by_label("Wat moeten we beslissen?").fill(question)
    page.get_by_label("Over wie gaat het?").select_option(label="Sem Bakker")
    page.get_by_label("Keuze 1").fill("Ja, op zaterdag")
    page.get_by_label("Keuze 2").fill("Nee, Sem zwemt al goed")
    page.get_by_role("button", name="Vraag opslaan").click()
    page.get_by_text("De vraag staat klaar.").wait_for()
    decision = Decision.objects.get(question=question)
    assert decision.options.count() == 3

    # A pro, added in place.
    card = page.locator(".card", has=page.get_by_role("heading", name="Ja, op zaterdag"))
    card.get_by_text("Voordeel of nadeel toevoegen bij").click()
    card.get_by_label("Voordeel", exact=True).check()
    card.get_by_label("Wat is het?").fill("Sem vindt water heerlijk")
    card.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Sem vindt water heerlijk").wait_for()
    check_page(page, "decision with a pro")

    # Sanne's own view, and Sem's in his own words.
    page.get_by_role("link", name="Mijn mening geven").click()
    check_page(page, "give view")
    page.get_by_label("Wat vind je het belangrijkst?").fill("Dat Sem veilig kan zwemmen.")
    page.get_by_label("Ja, op zaterdag").check()
    page.get_by_label("8", exact=True).check()
    page.get_by_role("button", name="Mening opslaan").click()
    page.get_by_text("De mening is opgeslagen.").wait_for()
    page.get_by_role("link", name="Mening van Sem Bakker opschrijven").click()
    page.get_by_label("Wat zegt Sem zelf?").fill("Alleen als mijn vriend Milan ook gaat.")
    page.get_by_label("5", exact=True).check()
    page.get_by_role("button", name="Mening opslaan").click()
    page.get_by_text("in de woorden van Sem Bakker").first.wait_for()

    # Noor first gives her own view, then sees the others.
    log_in(page, live_server, demo.users["noor"])
    page.goto(f"/gezin/{family}/beslissen/{decision.pk}/")
    page.get_by_text("Eerst jouw mening?").wait_for()
    assert page.get_by_text("Dat Sem veilig kan zwemmen.").count() == 0
    check_page(page, "youth first")
    page.get_by_role("link", name="Mijn mening geven").click()
    page.get_by_label("Nee, Sem zwemt al goed").check()
    page.get_by_label("6", exact=True).check()
    page.get_by_role("button", name="Mening opslaan").click()
    page.get_by_text("De meningen verschillen.").wait_for()
    assert View.objects.filter(decision=decision).count() == 3
    screenshot(page, f"decision-agreement-{page.size_name}")

    # Eva writes down the outcome; it waits for the parents' yes.
    log_in(page, live_server, demo.users["eva"])
    page.goto(f"/gezin/{family}/beslissen/{decision.pk}/")
    page.get_by_role("link", name="Het besluit opschrijven").click()
    check_page(page, "decide")
    assert page.get_by_label("Besloten door de gecertificeerde instelling (GI)").count() == 0
    page.get_by_label("Samen besloten").check()
    page.get_by_role("group", name="Welke keuze is het geworden?").get_by_label(
        "Ja, op zaterdag"
    ).check()
    page.get_by_label("Wat is er besloten?").fill("Sem gaat op zaterdag naar zwemles.")
    page.get_by_label("Waarom?", exact=True).fill("Hij vindt water fijn en Milan gaat ook.")
    review = (timezone.localdate() + timedelta(days=40)).isoformat()
    page.get_by_label("Wanneer kijken we of het goed gaat?").fill(review)
    page.get_by_label("Wat gaat er nu gebeuren?").fill("Sanne meldt Sem aan bij het zwembad")
    page.get_by_label("Wie doet dat?").select_option(label="Sanne Bakker")
    page.get_by_role("button", name="Besluit opslaan").click()
    page.get_by_text("Het besluit staat klaar.").wait_for()
    page.get_by_text("Nog niet ja gezegd: Youssef El Idrissi, Sanne Bakker").wait_for()
    decision.refresh_from_db()
    assert decision.state == "open"

    # Both parents say yes: the decision stands and the step is in the plan.
    for who in ("sanne", "youssef"):
        log_in(page, live_server, demo.users[who])
        page.goto(f"/gezin/{family}/beslissen/{decision.pk}/")
        page.get_by_role("button", name="Ja, ik ga akkoord").click()
        page.locator(".messages").get_by_text("ja gezegd").wait_for()
    decision.refresh_from_db()
    assert decision.state == "decided"
    assert Step.objects.filter(text="Sanne meldt Sem aan bij het zwembad").exists()
    check_page(page, "decided")

    # The check afterwards: Noor with faces.
    log_in(page, live_server, demo.users["noor"])
    page.goto(f"/gezin/{family}/beslissen/{decision.pk}/")
    page.get_by_role("link", name="Beantwoord vier korte vragen").click()
    check_page(page, "check with faces")
    for statement, answer in (
        ("Ik ben gehoord.", "Best waar"),
        ("Ik kon zeggen wat voor mij belangrijk is.", "Helemaal waar"),
        ("We hebben samen besloten.", "Een beetje waar"),
        ("Ik weet wat er nu gaat gebeuren.", "Best waar"),
    ):
        page.get_by_role("group", name=statement).get_by_label(answer).check()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    page.get_by_text("Alleen jij ziet je eigen antwoorden.").wait_for()
    assert Check.objects.get(decision=decision).heard == 4
