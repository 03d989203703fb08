"""A parent sees who does what, keeps the table small, confirms a meeting summary and
puts the meeting in her calendar: in the real browser, at 360 px and on a laptop."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from samenplan.browser import axe_violations, check_page, describe, log_in, screenshot
from samenplan.careteam import actions
from samenplan.careteam.models import Meeting, TableChoice
from samenplan.demo.build import build_demo
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Invitation, Member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_parent_sees_who_does_what_and_keeps_the_table_small(page, live_server):
    demo = build_demo()
    family = demo.bakker.pk
    eva = demo.participants["eva"]
    coming = Meeting.objects.filter(family=demo.bakker).order_by("starts_at").last()
    # The meeting took place an hour ago; Eva wrote the summary.
    Meeting.objects.filter(pk=coming.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    coming.refresh_from_db()
    actions.summary_write(
        access=FamilyAccess(
            family=demo.bakker,
            participant=eva,
            members=list(Member.objects.filter(family=demo.bakker)),
        ),
        meeting=coming,
        expected_version=coming.version,
        summary="We spraken over school. Noor gaat eerst halve dagen.",
    )

    log_in(page, live_server, demo.users["sanne"])
    page.goto(f"/gezin/{family}/")
    page.get_by_role("link", name="Wie doet wat").first.click()
    page.get_by_role("heading", name="Wie doet wat").wait_for()
    page.get_by_text("Heeft zich nog niet voorgesteld.").wait_for()  # Joke
    page.get_by_text("Ik ben jullie eerste aanspreekpunt").wait_for()  # Eva's role card
    check_page(page, "wie doet wat")
    screenshot(page, f"careteam-{page.size_name}")

    # A fourth professional: the family is asked to choose, and keeps the table small.
    page.goto(f"/gezin/{family}/uitnodigen/")
    page.get_by_label("Naam").fill("Lotte Bos")
    page.get_by_label("E-mailadres").fill("lotte@example.org")
    page.get_by_label("Een professional").check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("Dan zitten er 4 professionals aan tafel").first.wait_for()
    # Axe on the page as it is (switching language would reload the empty form).
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.get_by_label("Niet erbij: we houden de tafel klein").check()
    page.get_by_label("Waarom? (mag leeg blijven)").fill("Eva houdt contact.")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("Jullie houden de tafel klein.").wait_for()
    assert not Invitation.objects.filter(email="lotte@example.org").exists()
    assert TableChoice.objects.filter(about="Lotte Bos", choice="keep_small").exists()

    # The meeting: confirm the summary, and download it for the calendar.
    page.get_by_role("link", name="Overleggen").click()
    check_page(page, "meetings")
    page.get_by_role("link", name=coming.starts_at.strftime("%Y")).first.click()
    page.get_by_text("Klopt dit verslag?").wait_for()
    check_page(page, "meeting")
    page.get_by_role("button", name="Ja, dit klopt").click()
    page.get_by_text("Jullie zeggen: dit verslag klopt.").wait_for()
    coming.refresh_from_db()
    assert coming.summary_status == "confirmed"
    with page.expect_download() as download:
        page.get_by_role("link", name="Zet in mijn agenda").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in content and "Wijkcentrum De Linde" in content

    for path, marker in (
        (f"/gezin/{family}/wie-doet-wat/veiligheid/", "Veilig Thuis: 0800-2000"),
        (f"/gezin/{family}/wie-doet-wat/steun/", "AKJ"),
        (f"/gezin/{family}/wie-doet-wat/fasen/", "Iemand toevoegen aan een fase"),
    ):
        page.goto(path)
        page.get_by_text(marker).first.wait_for()
        check_page(page, path)


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_eva_moves_a_meeting_and_sannes_calendar_file_follows(page, live_server):
    from datetime import datetime, time

    from icalendar import Calendar

    from samenplan.builders import FamilyBuilder
    from samenplan.test import give_totp

    f = FamilyBuilder("Gezin Bakker")
    sanne = f.parent("Sanne Bakker")
    youssef = f.parent("Youssef El Idrissi")
    eva = f.professional("Eva de Vries")
    give_totp(eva.user)
    day = timezone.localdate() + timedelta(days=5)
    meeting = actions.meeting_create(
        access=f.access(eva),
        starts_at=timezone.make_aware(datetime.combine(day, time(15, 30))),
        phase="hulp",
        invited=[sanne, youssef, eva],
    )
    later = day + timedelta(days=7)

    log_in(page, live_server, eva.user)
    page.goto(f"/gezin/{f.family.pk}/wie-doet-wat/overleg/{meeting.pk}/")
    page.get_by_role("link", name="Verzetten of afzeggen").click()
    check_page(page, "move a meeting")
    page.get_by_label("Datum").fill(later.isoformat())
    page.get_by_label("Tijd").fill("10:00")
    page.get_by_role("button", name="Overleg verzetten").click()
    page.get_by_text("Het overleg is verzet.").wait_for()
    page.get_by_text("Verzet door Eva de Vries.").wait_for()

    log_in(page, live_server, sanne.user)
    page.goto("/voor-jou/")
    page.get_by_role("link", name="Eva de Vries verzette het overleg").first.click()
    check_page(page, "a moved meeting")
    with page.expect_download() as download:
        page.get_by_role("link", name="Zet in mijn agenda").click()
    event = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == timezone.make_aware(datetime.combine(later, time(10)))
    assert int(event["SEQUENCE"]) == Meeting.objects.get(pk=meeting.pk).version > 1
