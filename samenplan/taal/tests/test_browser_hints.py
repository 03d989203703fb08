"""Eva writes the summary of a meeting on her phone and the taalhulp points at a
word that labels the family, before she saves: in the real browser at 360 px."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samenplan.browser import check_page, log_in, screenshot
from samenplan.builders import FamilyBuilder
from samenplan.careteam import actions as careteam
from samenplan.careteam.models import Meeting
from samenplan.taal.models import HintDismissal
from samenplan.test import give_totp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def test_eva_sees_a_hint_for_multiprobleemgezin_while_she_writes(page, live_server):
    f = FamilyBuilder("Gezin Visser")
    mira = f.parent("Mira Visser")
    eva = f.professional("Eva de Vries")
    give_totp(eva.user)
    meeting = careteam.meeting_create(
        access=f.access(eva),
        starts_at=timezone.now() - timedelta(hours=2),
        phase="hulp",
        invited=[eva, mira],
    )
    log_in(page, live_server, eva.user)
    page.goto(f"/gezin/{f.family.pk}/wie-doet-wat/overleg/{meeting.pk}/verslag/")
    check_page(page, "the summary form")
    page.get_by_label("Verslag", exact=False).first.fill(
        "We spraken over dit multiprobleemgezin. Er wordt besloten dat er hulp komt."
    )
    hint = page.locator(".taalhulp strong", has_text="multiprobleemgezin")
    hint.wait_for()
    assert (
        page.locator(".taalhulp")
        .get_by_text("een gezin met zorgen op meerdere plekken")
        .is_visible()
    )
    screenshot(page, "taalhulp-phone")
    page.locator(".taalhulp li", has_text="multiprobleemgezin").get_by_role("button").click()
    assert hint.count() == 0
    page.get_by_role("button", name="Opslaan", exact=False).first.click()
    page.wait_for_load_state()
    assert "multiprobleemgezin" in Meeting.objects.get(pk=meeting.pk).summary
    assert HintDismissal.objects.get().rule == "label"
