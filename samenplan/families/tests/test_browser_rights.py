"""A parent gives, narrows and withdraws consent, reads the log and downloads the PDF
and the JSON: in the real browser, at 360 px and on a laptop, axe-clean."""

import json
from pathlib import Path

import pytest

from samenplan.browser import check_page, log_in, screenshot
from samenplan.demo.build import build_demo
from samenplan.families.models import Consent, ConsentExclusion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_governs_consent_reads_the_log_and_takes_the_data(page, live_server):
    demo = build_demo()
    family = demo.bakker.pk
    martijn, eva = demo.participants["martijn"], demo.participants["eva"]
    log_in(page, live_server, demo.users["sanne"])

    page.goto(f"/gezin/{family}/toestemming/")
    check_page(page, "consent")
    page.get_by_role("button", name="Mijn toestemming voor Martijn Smit intrekken").click()
    page.get_by_text("Dit werkt meteen.").first.wait_for()
    assert Consent.objects.filter(participant=martijn, withdrawn_at__isnull=False).exists()
    page.get_by_role("button", name="Ik geef toestemming voor Martijn Smit").click()
    page.get_by_text("Je hebt toestemming gegeven voor Martijn Smit.").wait_for()

    page.get_by_role("link", name="Wat mag Eva de Vries zien?").click()
    check_page(page, "consent scope")
    page.get_by_label("Ons hele plan, behalve wat ik hieronder aankruis").check()
    page.get_by_label("Sanne heeft één avond per week voor zichzelf").check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Dit geldt meteen voor Eva de Vries.").wait_for()
    assert ConsentExclusion.objects.filter(participant=eva, kind="goal").count() == 1

    page.goto(f"/gezin/{family}/logboek/")
    page.get_by_text("Filteren: wie, wat en wanneer").click()
    page.get_by_label("Wie").select_option(label="Eva de Vries")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**who=Eva*")
    page.get_by_text("(Wijkteam Oost, professional) bekeek").first.wait_for()
    check_page(page, "access log filtered")

    page.goto(f"/gezin/{family}/")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Ons plan als pdf (om te lezen of te printen)").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as data:
        page.get_by_role(
            "link", name="Al onze gegevens als één bestand, om zelf te bewaren of mee te nemen"
        ).click()
    exported = json.loads(Path(data.value.path()).read_text(encoding="utf-8"))
    assert exported["family"]["name"] == "Gezin Bakker"
    screenshot(page, f"family-home-{page.size_name}")
