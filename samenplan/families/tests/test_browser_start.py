"""A family from beginning to end, in the real browser at 360 px: started by a
professional or by a parent, growing, a birthday, closing and going on, moving."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from samenplan.accounts.models import Organization, Professional
from samenplan.browser import check_page, log_in, screenshot
from samenplan.builders import FamilyBuilder, birthday, user
from samenplan.demo.build import build_demo
from samenplan.families.models import (
    Closing,
    Consent,
    Family,
    Invitation,
    Member,
    Participant,
    Revision,
)
from samenplan.test import give_totp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # The family's own journeys are for the phone first.
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def fill_row(page, index, *, name, relation, born="", email="", authority=False, me=False):
    row = f"member-{index}-"
    page.locator(f"[name={row}name]").fill(name)
    page.locator(f"[name={row}relation]").select_option(relation)
    if born:
        page.locator(f"[name={row}birth_date]").fill(born)
    if email:
        page.locator(f"[name={row}email]").fill(email)
    checkbox = page.locator(f"[name={row}has_authority]")
    if authority:
        checkbox.check()
    elif relation != "kind":
        checkbox.uncheck()
    if me:
        page.locator(f"[name={row}me]").check()


def test_lotte_starts_family_jansen_and_the_parents_see_it(page, live_server):
    wijkteam = Organization.objects.create(name="Wijkteam Oost", kind="wijkteam")
    lotte = user("lotte@example.org", "Lotte Bos")
    Professional.objects.create(user=lotte, organization=wijkteam, function="Wijkteam")
    give_totp(lotte)
    log_in(page, live_server, lotte)

    page.goto("/mijn-gezinnen/")
    page.get_by_role("link", name="Een gezin starten").click()
    page.get_by_role("heading", name="Een gezin starten").wait_for()
    check_page(page, "start a family (professional)")
    page.get_by_label("Naam van het gezin").fill("Gezin Jansen")
    fill_row(
        page, 0, name="Fatima Jansen", relation="moeder", authority=True, email="fatima@example.org"
    )
    fill_row(
        page, 1, name="Mark Jansen", relation="vader", authority=True, email="mark@example.org"
    )
    fill_row(page, 2, name="Amir Jansen", relation="kind", born=str(birthday(10)))
    page.get_by_label("We zijn klaar als …").fill("Amir gaat weer graag naar school")
    page.get_by_role("button", name="Gezin klaarzetten en ouders uitnodigen").click()
    page.get_by_text("Gezin Jansen staat klaar").wait_for()
    assert page.get_by_text("Het gezin heeft nog geen toestemming gegeven").is_visible()
    screenshot(page, "start-professional-phone")
    family = Family.objects.get(name="Gezin Jansen")
    assert family.organization == wijkteam

    fatima = user("fatima@example.org")
    log_in(page, live_server, fatima)
    page.goto("/mijn-gezinnen/")
    page.get_by_text("Je mag ook nee zeggen").wait_for()
    check_page(page, "invitation to a started family")
    page.get_by_role("button", name="Ja, ik doe mee").click()
    page.get_by_role("link", name="Gezin Jansen").click()
    page.get_by_role("heading", name="Jullie houden de regie").wait_for()
    check_page(page, "home of a new family")
    page.get_by_role("link", name="Toestemming: wie mag wat zien?").click()
    page.get_by_role("button", name="Ik geef toestemming voor Lotte Bos").click()
    page.get_by_text("Je hebt toestemming gegeven voor Lotte Bos.").wait_for()

    mark = user("mark@example.org")
    log_in(page, live_server, mark)
    page.goto("/mijn-gezinnen/")
    page.get_by_role("button", name="Ja, ik doe mee").click()
    page.get_by_role("link", name="Gezin Jansen").click()
    page.goto(f"/gezin/{family.pk}/toestemming/")
    page.get_by_role("button", name="Ik geef toestemming voor Lotte Bos").click()
    page.get_by_text("Je hebt toestemming gegeven voor Lotte Bos.").wait_for()

    log_in(page, live_server, lotte)
    page.goto("/mijn-gezinnen/")
    page.get_by_role("link", name="Gezin Jansen").click()
    page.get_by_role("heading", name="Ons gezin", exact=True).wait_for()
    assert page.get_by_text("Amir Jansen", exact=True).is_visible()


def test_a_parent_starts_on_her_own_invites_her_family_and_it_grows(page, live_server):
    lieke = user("lieke@example.org", "Lieke de Boer")
    log_in(page, live_server, lieke)
    page.goto("/gezin/nieuw/")
    check_page(page, "start a family (parent)")
    page.get_by_label("Naam van het gezin").fill("Gezin De Boer")
    assert page.locator("[name=member-0-name]").input_value() == "Lieke de Boer"
    page.locator("[name=member-0-relation]").select_option("moeder")
    fill_row(page, 1, name="Tom de Boer", relation="vader", authority=True, email="tom@example.org")
    fill_row(
        page,
        2,
        name="Sara de Boer",
        relation="kind",
        born=str(birthday(14)),
        email="sara@example.org",
    )
    page.get_by_role("button", name="Ons gezin starten").click()
    page.get_by_text("Nodig nu je gezin en je netwerk uit").wait_for()
    family = Family.objects.get(name="Gezin De Boer")
    assert set(Invitation.objects.filter(family=family).values_list("role", flat=True)) == {
        "parent",
        "youth",
    }

    # The grandmother, from the network.
    page.get_by_label("Naam").fill("Oma Wil")
    page.get_by_label("E-mailadres").fill("wil@example.org")
    page.get_by_label("Iemand uit ons netwerk (familie, buren, vrienden)").check()
    page.get_by_label("Relatie met het gezin").fill("oma")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("De uitnodiging is verstuurd").wait_for()
    assert Invitation.objects.filter(family=family, role="network").exists()

    # A baby is born.
    page.get_by_role("link", name="Iemand toevoegen aan het gezin").click()
    check_page(page, "add a member")
    page.get_by_label("Naam").fill("Noa de Boer")
    page.get_by_label("Wie is dit").select_option("kind")
    page.get_by_label("Geboortedatum").fill(str(timezone.localdate()))
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Noa de Boer hoort nu bij het gezin.").wait_for()

    # Tom gets gezag, with why; the history keeps it.
    page.get_by_role("link", name="Gezag van Tom de Boer").click()
    check_page(page, "change authority")
    page.get_by_label("Ja, heeft gezag").check()
    page.get_by_label("Waarom verandert het?").fill(
        "Tom heeft Noa erkend en we hebben samen gezag."
    )
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Tom heeft Noa erkend").wait_for()
    check_page(page, "member history")
    tom = Member.objects.get(family=family, name="Tom de Boer")
    assert (
        Revision.objects.filter(item_type="member", item_id=tom.pk)
        .last()
        .note.startswith("Tom heeft")
    )


def test_a_child_turns_12_and_is_asked_for_consent_by_name(page, live_server):
    f = FamilyBuilder("Gezin Jarig")
    mother = f.parent("Mira")
    worker = f.professional("Wim")
    give_totp(worker.user)
    child = f.child("Ties", age=11, account=False)
    tomorrow = timezone.localdate() + timedelta(days=1)
    Member.objects.filter(pk=child.pk).update(birth_date=birthday(12) + timedelta(days=1))
    # Ties gets his own account today, at 11: he is invited when he turns 12.
    ties = user("ties@example.org", "Ties")
    home = f"/gezin/{f.family.pk}/"

    log_in(page, live_server, worker.user)
    page.goto(home)
    page.get_by_role("heading", name="Ons gezin", exact=True).wait_for()

    with time_machine.travel(timezone.localtime() + timedelta(days=1), tick=True):
        assert timezone.localdate() == tomorrow
        # Wim sees nothing until Ties, now 12, consents too.
        log_in(page, live_server, worker.user)
        response = page.goto(home)
        assert response.status == 403
        log_in(page, live_server, mother.user)
        page.goto(home)
        page.get_by_text("Ties geeft nog toestemming voor Wim.").wait_for()
        page.get_by_role("link", name="Iemand uitnodigen").click()
        page.get_by_label("Naam").fill("Ties")
        page.get_by_label("E-mailadres").fill("ties@example.org")
        page.get_by_label("Een jongere uit het gezin (12 jaar of ouder)").check()
        page.get_by_label("Wie in het gezin is dit?").select_option(label="Ties")
        page.get_by_role("button", name="Uitnodiging versturen").click()
        page.get_by_text("De uitnodiging is verstuurd").wait_for()

        log_in(page, live_server, ties)
        page.goto("/mijn-gezinnen/")
        page.get_by_role("button", name="Ja, ik doe mee").click()
        page.goto(f"/gezin/{f.family.pk}/toestemming/")
        check_page(page, "a youth of 12 is asked")
        page.get_by_role("button", name="Ik geef toestemming voor Wim").click()
        page.get_by_text("Je hebt toestemming gegeven voor Wim.").wait_for()
        assert Consent.objects.filter(participant=worker, given_by=ties).exists()

        log_in(page, live_server, worker.user)
        assert page.goto(home).status == 200


def test_de_groot_is_closed_by_the_gi_and_bakker_closes_and_goes_on(page, live_server):
    demo = build_demo()
    pieter = Participant.objects.get(family=demo.degroot, user__email="pieter@example.org")
    Consent.objects.create(
        family=demo.degroot,
        participant=pieter,
        member=demo.members["daan"],
        given_by=demo.users["daan"],
    )
    Consent.objects.create(
        family=demo.degroot,
        participant=pieter,
        member=demo.members["anouk"],
        given_by=demo.users["anouk"],
    )
    give_totp(pieter.user)

    # In an OTS the family does not close; the GI does, with the legal basis.
    log_in(page, live_server, demo.users["anouk"])
    page.goto(f"/gezin/{demo.degroot.pk}/afsluiten/")
    page.get_by_text("Daarom sluit de").wait_for()
    page.get_by_text("gecertificeerde instelling (GI)").click()
    page.get_by_text("De gezinsvoogd werkt daar.").wait_for()
    assert page.get_by_role("button", name="We sluiten af").count() == 0
    page.get_by_label("Nee, nog niet").check()
    page.get_by_label("Wil je er iets over zeggen?").fill("Ik wil nog even hulp bij werk.")
    page.get_by_role("button", name="Antwoord opslaan").click()
    page.get_by_text("Je antwoord is opgeslagen.").wait_for()
    log_in(page, live_server, pieter.user)
    page.goto(f"/gezin/{demo.degroot.pk}/afsluiten/")
    page.get_by_text("Ik wil nog even hulp bij werk.").wait_for()
    check_page(page, "closing in a measure (GI)")
    page.get_by_label("Op grond waarvan stopt de maatregel?").fill(
        "De kinderrechter heeft de OTS niet verlengd; die eindigt vandaag."
    )
    page.get_by_role("button", name="De maatregel is klaar: afsluiten").click()
    page.get_by_role("heading", name="Het plan afsluiten?").wait_for()
    page.get_by_role("button", name="Ja, sluit af").click()
    page.get_by_text("Afgesloten.").first.wait_for()
    assert Closing.objects.get(family=demo.degroot).legal_basis.startswith("De kinderrechter")

    # Bakker: every consent giver says yes, then the family closes and goes on.
    closing = f"/gezin/{demo.bakker.pk}/afsluiten/"
    for who in ("youssef", "noor", "sanne"):
        log_in(page, live_server, demo.users[who])
        page.goto(closing)
        page.get_by_label("Ja, we kunnen zelf verder").check()
        page.get_by_role("button", name="Antwoord opslaan").click()
        page.get_by_text("Je antwoord is opgeslagen.").wait_for()
    page.get_by_label("Wat blijven we doen, omdat het werkt?").fill("Samen ontbijten om half acht.")
    page.get_by_role("button", name="Opslaan en bevestigen").click()
    page.get_by_text("Opgeslagen.").wait_for()
    check_page(page, "closing with everyone's yes")
    page.get_by_role("button", name="We sluiten af").click()
    page.get_by_role("button", name="Ja, sluit af").click()
    page.get_by_text("Afgesloten.").first.wait_for()
    page.goto(closing)
    page.get_by_role("button", name="We willen toch verder").click()
    page.get_by_text("Welkom terug").wait_for()
    assert Family.objects.get(pk=demo.bakker.pk).closed_at is None
    assert Participant.objects.get(pk=demo.participants["eva"].pk).is_active()


def test_a_family_moves_from_wijkteam_oost_to_another_organisation(page, live_server):
    demo = build_demo()
    noord = Organization.objects.create(name="Jeugdteam Noord", kind="wijkteam")
    move = f"/gezin/{demo.degroot.pk}/verhuizen/"
    log_in(page, live_server, demo.users["daan"])
    page.goto(move)
    check_page(page, "move")
    page.get_by_label("Naar een andere organisatie (die ook Samenplan gebruikt, hier)").check()
    page.get_by_label("Nieuwe organisatie").select_option(label="Jeugdteam Noord")
    page.get_by_label("Nieuwe gemeente (mag leeg blijven)").fill("Noorderhaven")
    page.get_by_role("button", name="Voorstellen").click()
    page.get_by_text("Iedereen heeft ja gezegd. De verhuizing is geregeld.").wait_for()
    family = Family.objects.get(pk=demo.degroot.pk)
    assert (family.organization, family.municipality) == (noord, "Noorderhaven")
    bram = Participant.objects.get(family=family, user=demo.users["bram"])
    assert not bram.is_active()
    assert Invitation.objects.filter(family=family, organization=noord, email="").exists()
