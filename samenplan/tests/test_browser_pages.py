"""Every page of ours in the real browser at both sizes: axe finds nothing, in Dutch and English.

Adding a page is one line in PAGES.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.browser import check_page, log_in, screenshot
from samenplan.careteam.models import Meeting, ReportBack, SafetyScenario
from samenplan.decisions.models import Decision
from samenplan.demo.build import build_demo
from samenplan.families.models import ConsentExclusion, DestructionRequest, Family, Invitation
from samenplan.plan.models import Agreement, Goal, Step, Success, Vision
from samenplan.test import give_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# (who, path, what to wait for) — {bakker}, {degroot}, {lotte_profile} are filled in.
PAGES = [
    ("sanne", "/gezin/{bakker}/", "Wie zit er aan tafel?"),
    ("sanne", "/gezin/{bakker}/toestemming/", "Wie geeft toestemming?"),
    ("sanne", "/gezin/{bakker}/logboek/", "Wie bekeek ons dossier?"),
    ("sanne", "/gezin/{bakker}/uitnodigen/", "Iemand uitnodigen"),
    ("sanne", "/mijn-account/", "Mijn account"),
    ("sanne", "/voor-jou/", "Wacht op jou"),
    ("sanne", "/mijn-account/meldingen/", "Hoe wil je horen"),
    ("eva", "/voor-jou/", "Per gezin"),
    ("noor", "/gezin/{bakker}/plan/", "Wacht op jou:"),
    ("admin", "/organisatie/meldingen/", "Meldingen die niet aankwamen"),
    ("lotte", "/mijn-gezinnen/", "Uitnodigingen voor jou"),
    ("ria", "/gezin/{bakker}/logboek/", "Dit mag je niet doen"),
    ("daan", "/gezin/{degroot}/", "Ons gezin"),
    ("admin", "/organisatie/", "Professional toevoegen"),
    ("admin", "/organisatie/professional/{lotte_profile}/", "Lotte Bos"),
    ("eva", "/mijn-account/", "Veilig inloggen"),
    ("eva", "/accounts/sessions/", "Samenplan"),
    ("eva", "/accounts/2fa/", "Samenplan"),
    ("eva", "/gezin/{bakker}/plan/", "Een doel voorstellen"),
    ("eva", "/gezin/{bakker}/plan/hulpvraag/", "wordt een voorstel"),
    ("joke", "/gezin/{bakker}/plan/", "Onze doelen"),
    ("eva", "/gezin/{bakker}/plan/doelen/{goal}/bewerken/", "Een wijziging voorstellen"),
    ("noor", "/gezin/{bakker}/plan/hulpvraag/", "Eerdere versies"),
    ("noor", "/gezin/{bakker}/plan/doelen/{goal}/bewerken/", "Doel veranderen"),
    ("daan", "/gezin/{degroot}/plan/", "Daan maakt zijn stage-uren af"),
    ("sanne", "/gezin/{bakker}/plan/toekomstbeeld/nieuw/", "Hoe ziet de toekomst eruit?"),
    ("sanne", "/gezin/{bakker}/plan/successen/nieuw/", "Wat gebeurde er?"),
    ("sanne", "/gezin/{bakker}/plan/afspraken/nieuw/", "Wat spreken we af?"),
    ("sanne", "/gezin/{bakker}/plan/afspraken/{agreement}/evalueren/", "Eerder bekeken"),
    ("ria", "/gezin/{bakker}/beslissen/{bso}/", "Waar zijn we het over eens?"),
    ("sanne", "/gezin/{bakker}/beslissen/{home}/", "Hoe ging het beslissen?"),
    ("sanne", "/gezin/{bakker}/beslissen/{home}/opnieuw-bekijken/", "gaat het goed zo?"),
    ("anouk", "/gezin/{degroot}/beslissen/{where}/", "De mening van het gezin"),
    ("daan", "/gezin/{degroot}/beslissen/", "Waar woont Daan"),
    ("sanne", "/gezin/{bakker}/plan/", "Beslissingen om naar te kijken"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/rolkaart/", "Mijn rolkaart"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/overleg/nieuw/", "Overleg plannen"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/overleg/{meeting}/verslag/", "Verslag van het overleg"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/veiligheid/nieuw/", "Afspraak over veiligheid"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/terugkoppeling/nieuw/", "Terugkoppeling afspreken"),
    ("joke", "/gezin/{bakker}/wie-doet-wat/", "Heeft zich nog niet voorgesteld"),
    ("daan", "/gezin/{degroot}/wie-doet-wat/", "Wie doet wat"),
    ("sanne", "/gezin/{bakker}/afsluiten/", "Wanneer zijn we klaar?"),
    ("sanne", "/gezin/{bakker}/gezinslid/{lina}/", "Lina Bakker aanpassen"),
    ("elif", "/gezin/{yilmaz}/afsluiten/", "Zo gaan we zelf verder"),
    ("daan", "/gezin/{degroot}/logboek/?emergency=on", "Pieter Mol (Jeugdbescherming"),
    ("pieter", "/gezin/{degroot}/noodtoegang/", "Noodtoegang openen"),
    ("pieter", "/mijn-gezinnen/", "Noodtoegang vragen"),
    ("sanne", "/gezin/{bakker}/netwerk/", "Voorstel van Eva de Vries"),
    ("eva", "/gezin/{bakker}/netwerk/", "Het gezin beslist erover."),
    ("sanne", "/gezin/{bakker}/toestemming/{eva_seat}/wat/", "Wat anderen al niet laten zien"),
    ("noor", "/gezin/{bakker}/plan/doelen/nieuw/", "Alleen voor mij en wie ik kies"),
    ("noor", "/gezin/{bakker}/plan/stappen/nieuw/", "Wie mag dit zien?"),
    ("sanne", "/gezin/{bakker}/plan/stappen/{step}/veranderen/", "Stap veranderen"),
    ("sanne", "/gezin/{bakker}/plan/hulpvraag/klopt-nog/", "Hoe vaak vragen we het?"),
    ("sanne", "/gezin/{bakker}/plan/afspraken/{agreement}/antwoord/", "Wat zeggen de anderen?"),
    ("sanne", "/gezin/{bakker}/plan/afspraken/{agreement}/veranderen/", "Afspraak veranderen"),
    ("sanne", "/gezin/{bakker}/plan/toekomstbeeld/{vision}/veranderen/", "Dromen veranderen"),
    ("sanne", "/gezin/{bakker}/plan/successen/{success}/veranderen/", "Succes veranderen"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/overleg/{coming}/verzetten/", "Overleg afzeggen"),
    ("sanne", "/gezin/{bakker}/wie-doet-wat/veiligheid/", "Veilig Thuis"),
    ("sanne", "/gezin/{bakker}/wie-doet-wat/veiligheid/{scenario}/antwoord/", "de anderen?"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/veiligheid/{scenario}/veranderen/", "De oude versie"),
    ("eva", "/gezin/{bakker}/wie-doet-wat/terugkoppeling/{report}/gedaan/", "Wie het leest"),
    ("sanne", "/gezin/{bakker}/wie-doet-wat/", "Wat er teruggekoppeld is"),
    ("kees", "/gezin/nieuw/", "Gezin klaarzetten en ouders uitnodigen"),
    ("elif", "/gezin/nieuw/", "Ons gezin starten"),
    ("mark", "/mijn-gezinnen/", "Je mag ook nee zeggen"),
    ("fatima", "/gezin/{jansen}/", "Jullie houden de regie"),
    ("fatima", "/gezin/{jansen}/afsluiten/", "voorstel van Lotte Bos"),
    ("sanne", "/gezin/{bakker}/gezinslid/nieuw/", "Iemand toevoegen aan het gezin"),
    ("sanne", "/gezin/{bakker}/gezinslid/{youssef}/gezag/", "Waarom verandert het?"),
    ("sanne", "/gezin/{bakker}/gezinslid/{lina}/geschiedenis/", "Geschiedenis van Lina"),
    ("sanne", "/gezin/{bakker}/verhuizen/", "Verhuizen voorstellen"),
    ("ingrid", "/privacy/", "Gezin Yilmaz"),
    ("ingrid", "/privacy/verzoek/{asked}/", "Besluit opslaan"),
    ("admin", "/organisatie/uitnodigingen/", "Gezinnen die jullie uitnodigen"),
    ("admin", "/organisatie/gezin-inlezen/", "Onze sleutel"),
    (None, "/accounts/login/", "Professionals"),
    (None, "/accounts/password/reset/", "Samenplan"),
]


# The sweep runs in parts, so that parallel test workers share it out.
PARTS = 4


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_is_accessible(page, live_server, part):
    demo = build_demo()
    for key in ("eva", "lotte", "admin", "joke", "kees", "ingrid"):
        give_totp(demo.users[key])
    from samenplan.accounts.models import User

    for key in ("elif", "fatima", "mark"):
        demo.users[key] = User.objects.get(email=f"{key}@example.org")
    demo.users["pieter"] = User.objects.get(email="pieter@example.org")
    give_totp(demo.users["pieter"])
    Invitation.objects.create(
        family=demo.bakker,
        email="lotte@example.org",
        name="Lotte Bos",
        role="professional",
        invited_by=demo.users["sanne"],
        message="Wil je meedenken over de ochtenden?",
    )
    values = {
        "bakker": demo.bakker.pk,
        "degroot": demo.degroot.pk,
        "lotte_profile": demo.users["lotte"].professional.pk,
        "goal": Goal.objects.get(family=demo.bakker, text__startswith="Noor gaat").pk,
        "agreement": Agreement.objects.get(family=demo.bakker, text__startswith="Martijn").pk,
        "bso": Decision.objects.get(family=demo.bakker, question__startswith="Gaat Sem").pk,
        "home": Decision.objects.get(family=demo.bakker, question__startswith="Krijgen").pk,
        "where": Decision.objects.get(family=demo.degroot).pk,
        "yilmaz": Family.objects.get(name="Gezin Yilmaz").pk,
        "lina": demo.members["lina"].pk,
        "youssef": demo.members["youssef"].pk,
        "jansen": Family.objects.get(name="Gezin Jansen").pk,
        "asked": DestructionRequest.objects.get(family__name="Gezin Yilmaz").pk,
        "meeting": Meeting.objects.filter(family=demo.bakker).order_by("starts_at").first().pk,
        "coming": Meeting.objects.filter(family=demo.bakker).order_by("starts_at").last().pk,
        "scenario": SafetyScenario.objects.get(family=demo.bakker).pk,
        "report": ReportBack.objects.get(
            family=demo.bakker, participant=demo.participants["eva"]
        ).pk,
        "vision": Vision.objects.get(family=demo.bakker, member=demo.members["sem"]).pk,
        "success": Success.objects.get(family=demo.bakker, what_happened__startswith="Vorige").pk,
        "step": Step.objects.filter(
            family=demo.bakker, owner=demo.participants["sanne"], done_at__isnull=True
        )
        .first()
        .pk,
    }
    # A person Eva proposes for the network; Noor leaves a decision out of Eva's consent.
    from samenplan.network.models import NetworkPerson

    NetworkPerson.objects.create(
        family=demo.bakker,
        name="Buurvrouw Els",
        relation="buur",
        status="proposed",
        created_by=demo.users["eva"],
    )
    values["eva_seat"] = demo.participants["eva"].pk
    ConsentExclusion.objects.create(
        family=demo.bakker,
        participant=demo.participants["eva"],
        member=demo.members["noor"],
        kind="decision",
        object_id=values["bso"],
        set_by=demo.users["noor"],
    )
    # The bso decision's date comes near: the plan reminds the family.
    Decision.objects.filter(pk=values["bso"]).update(
        decide_by=timezone.localdate() + timedelta(days=3)
    )
    for who, path, marker in PAGES[part::PARTS]:
        if who is None:
            page.context.clear_cookies()
        else:
            log_in(page, live_server, demo.users[who])
        page.goto(path.format(**values))
        page.get_by_text(marker).first.wait_for()
        check_page(page, f"{who or 'anonymous'} {path}")
        # Every page as it looked, for a person to go through (test-results/).
        screenshot(page, f"page-{who or 'anonymous'}-{path.format(**values)}-{page.size_name}")


def test_a_form_with_errors_is_accessible(page, live_server):
    demo = build_demo()
    log_in(page, live_server, demo.users["sanne"])
    page.goto(f"/gezin/{demo.bakker.pk}/uitnodigen/")
    page.get_by_label("Naam").fill("Petra")
    page.get_by_label("E-mailadres").fill("geen e-mailadres")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("Er ging iets mis").wait_for()
    assert page.get_by_label("Naam").input_value() == "Petra"
    from samenplan.browser import axe_violations, describe

    violations = axe_violations(page)
    assert not violations, describe(violations)
