"""The child's own voice, on a phone in the real browser at 360 px: Sanne asks Sem
the four questions after a decision on her phone, Noor reads "Stem van Noor", and
the family writes "Wie zijn wij"."""

import pytest

from samenplan.browser import check_page, log_in, screenshot
from samenplan.builders import FamilyBuilder
from samenplan.decisions import actions as decisions
from samenplan.decisions.models import Check, Decision
from samenplan.network.models import AboutUs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def family():
    f = FamilyBuilder("Gezin Visser")
    sanne = f.parent("Sanne Visser")
    sem = f.child("Sem", age=9)
    noor = f.child("Noor", age=15, account=True)
    decision = decisions.decision_create(
        access=f.access(sanne), question="Gaat Sem op zwemles?", options=["Ja", "Nee"], about=sem
    )
    return f, sanne, sem, noor, decision


def test_sem_answers_the_four_questions_on_his_mothers_phone(page, live_server):
    f, sanne, sem, _noor, decision = family()
    Decision.objects.filter(pk=decision.pk).update(state=Decision.State.DECIDED)
    log_in(page, live_server, sanne.user)
    page.goto(f"/gezin/{f.family.pk}/beslissen/{decision.pk}/")
    page.get_by_role("link", name="Vraag het aan Sem").click()
    page.get_by_role("heading", name="Hoe ging het beslissen voor Sem?").wait_for()
    check_page(page, "the check for Sem")
    for question in ("Ik ben gehoord.", "Ik kon zeggen", "We hebben samen", "Ik weet wat"):
        group = page.get_by_role("group", name=question)
        group.get_by_text("Best waar").click()
    page.get_by_role("button", name="Antwoorden opslaan").click()
    page.get_by_text("Dank je wel, Sem!").wait_for()
    check = Check.objects.get(member=sem)
    assert (check.written_by, check.heard) == (sanne.user, 4)
    page.goto(f"/gezin/{f.family.pk}/stem/{sem.pk}/")
    page.get_by_text("In de woorden van Sem, opgeschreven door Sanne Visser").first.wait_for()
    check_page(page, "Stem van Sem")


def test_noor_reads_her_own_voice(page, live_server):
    f, _sanne, _sem, noor, decision = family()
    decisions.view_give(
        access=f.access(noor),
        decision=decision,
        certainty=7,
        words="Sem vindt water eng, begin met één les.",
        private=True,
    )
    log_in(page, live_server, noor.user)
    page.goto(f"/gezin/{f.family.pk}/")
    page.get_by_role("link", name="Stem van Noor: wat Noor zelf zei").click()
    page.get_by_role("heading", name="Stem van Noor").wait_for()
    assert page.get_by_text("Sem vindt water eng, begin met één les.").is_visible()
    assert page.get_by_text("Alleen voor Noor en wie Noor koos").is_visible()
    check_page(page, "Stem van Noor")
    screenshot(page, "child-voice-phone")


def test_the_family_writes_who_they_are(page, live_server):
    f, sanne, sem, _noor, _decision = family()
    log_in(page, live_server, sanne.user)
    page.goto(f"/gezin/{f.family.pk}/netwerk/wie-zijn-wij/")
    page.get_by_role("link", name="Opschrijven wie jullie zijn").click()
    page.get_by_role("heading", name="Wie zijn wij").wait_for()
    check_page(page, "Wie zijn wij (form)")
    page.get_by_label("Welke talen wij spreken").fill("Thuis spreken we Nederlands en Fries.")
    page.get_by_label("Waar is Sem goed in?").fill("Tekenen")
    page.get_by_label("Iedereen aan onze tafel").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Thuis spreken we Nederlands en Fries.").wait_for()
    check_page(page, "Wie zijn wij")
    assert AboutUs.objects.get(family=f.family).audience == "table"


def test_sanne_puts_sems_drawing_beside_his_goal(page, live_server):
    import io

    from PIL import Image

    from samenplan.plan import actions as plan

    f, sanne, sem, _noor, _decision = family()
    goal = plan.goal_create(access=f.access(sanne), text="Sem slaapt door", domain="gezondheid")
    drawing = io.BytesIO()
    Image.new("RGB", (300, 200), (250, 200, 0)).save(drawing, format="PNG")
    log_in(page, live_server, sanne.user)
    page.goto(f"/gezin/{f.family.pk}/plan/doelen/{goal.pk}/")
    page.get_by_role("link", name="Een tekening, foto of geluid erbij zetten").click()
    page.get_by_role("heading", name="Een tekening, foto of geluid erbij zetten").wait_for()
    check_page(page, "adding a drawing")
    page.get_by_label("Kies een foto, een tekening of een geluid").set_input_files(
        {"name": "zon.png", "mimeType": "image/png", "buffer": drawing.getvalue()}
    )
    page.get_by_label("Wat is het?").fill("De zon boven ons huis")
    page.get_by_role("button", name="Erbij zetten").click()
    picture = page.get_by_role("img", name="De zon boven ons huis")
    picture.scroll_into_view_if_needed()
    # A lazy picture loads once it is near the screen; wait for the browser to
    # have decoded it instead of reading its width while it is still coming.
    width = picture.evaluate("(img) => img.decode().then(() => img.naturalWidth, () => 0)")
    assert width == 300
    check_page(page, "the goal with Sem's drawing")
    page.goto(f"/gezin/{f.family.pk}/stem/{sem.pk}/")
    page.get_by_text("Sem maakte een tekening").wait_for()
    assert page.get_by_text("Gemaakt door Sem, erbij gezet door Sanne Visser").is_visible()
    check_page(page, "Stem van Sem with his drawing")
    screenshot(page, "drawing-phone")


def test_sem_scores_his_goal_and_adds_a_drawing_in_child_mode_on_sannes_phone(page, live_server):
    import io

    from PIL import Image

    from samenplan.creations.models import Creation
    from samenplan.plan import actions as plan
    from samenplan.plan.models import ChildWord, GoalScore

    f, sanne, sem, _noor, _decision = family()
    goal = plan.goal_create(
        access=f.access(sanne), text="Ik fiets zelf naar school", domain="school", owner=sem
    )
    drawing = io.BytesIO()
    Image.new("RGB", (240, 180), (40, 160, 90)).save(drawing, format="PNG")
    log_in(page, live_server, sanne.user)
    page.goto(f"/gezin/{f.family.pk}/")
    page.get_by_role("link", name="Het plan van Sem, voor Sem zelf").click()
    page.get_by_role("button", name="Geef de telefoon aan Sem").click()
    page.get_by_role("heading", name="Hoi Sem! Dit is jouw plan.").wait_for()
    check_page(page, "Sem's plan in kindmodus")
    assert page.get_by_role("link", name="Mijn gezinnen").count() == 0
    page.get_by_role("group", name="Hoe gaat het nu? Kies een cijfer.").get_by_text(
        "8", exact=True
    ).click()
    page.get_by_role("button", name="Geef dit cijfer").click()
    page.get_by_text("Jouw laatste cijfer: 8 van de 10.").wait_for()
    page.locator(f"#goal-{goal.pk}").get_by_text("Blij", exact=True).click()
    page.locator(f"#goal-{goal.pk}").get_by_label("Dit vind ik ervan").fill("Fietsen is leuk!")
    page.locator(f"#goal-{goal.pk}").get_by_role("button", name="Dit vind ik ervan").click()
    page.get_by_text("door Sem zelf, op de telefoon van Sanne Visser").wait_for()
    page.get_by_role("link", name="Een tekening, foto of geluid erbij zetten").click()
    page.get_by_label("Kies een foto, een tekening of een geluid").set_input_files(
        {"name": "fiets.png", "mimeType": "image/png", "buffer": drawing.getvalue()}
    )
    page.get_by_label("Wat is het?").fill("Mijn fiets")
    page.get_by_role("button", name="Erbij zetten").click()
    page.get_by_role("img", name="Mijn fiets").wait_for()
    page.get_by_role("heading", name="Hoi Sem! Dit is jouw plan.").wait_for()
    check_page(page, "Sem's plan with his score, words and drawing")
    screenshot(page, "child-mode-phone")
    # Anything else sends the child back to his own plan.
    page.goto(f"/gezin/{f.family.pk}/plan/")
    page.get_by_role("heading", name="Hoi Sem! Dit is jouw plan.").wait_for()
    page.get_by_role("button", name="Klaar", exact=True).click()
    page.get_by_text("Klaar. Dit is weer jouw telefoon.").wait_for()
    score = GoalScore.objects.get(goal=goal)
    word = ChildWord.objects.get(member=sem)
    made = Creation.objects.get(member=sem)
    assert (score.score, score.by_child, score.author) == (8, True, sanne.user)
    assert (word.text, word.face, word.by_child) == ("Fietsen is leuk!", "blij", True)
    assert (made.by_child, made.created_by) == (True, sanne.user)
    page.goto(f"/gezin/{f.family.pk}/stem/{sem.pk}/")
    page.get_by_text("Door Sem zelf, op de telefoon van Sanne Visser").first.wait_for()
    check_page(page, "Stem van Sem after kindmodus")


def test_noor_records_a_short_voice_note_beside_her_goal(page, live_server):
    from samenplan.creations.models import Creation
    from samenplan.plan import actions as plan

    f, _sanne, _sem, noor, _decision = family()
    goal = plan.goal_create(
        access=f.access(noor), text="Ik slaap beter", domain="gezondheid", owner=noor.member
    )
    log_in(page, live_server, noor.user)
    page.goto(f"/gezin/{f.family.pk}/gemaakt/nieuw/goal/{goal.pk}/")
    # The check reloads the page in both languages: before anything is recorded.
    check_page(page, "recording a voice note")
    page.get_by_role("button", name="Opnemen").click()
    page.get_by_text("Bezig met opnemen").wait_for()
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Je bericht is opgenomen.").wait_for()
    assert page.get_by_label("Je opgenomen bericht").is_visible()
    page.get_by_role("button", name="Erbij zetten").click()
    page.get_by_text("Dank je! Het staat erbij.").wait_for()
    note = Creation.objects.get(member=noor.member)
    assert (note.kind, note.content_type) == ("voice", "audio/webm")
    assert note.size > 1000
