"""While the worker makes the PDF, the page that says so works on a phone (360 px,
axe-clean), and it hands over the PDF by itself once the worker made it."""

import pytest
from django.core.management import call_command

from samenplan.browser import check_page, log_in, screenshot
from samenplan.builders import FamilyBuilder

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.parametrize("page", ["phone"], indirect=True),
]


def test_the_page_waits_for_the_pdf_and_then_gives_it(page, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker yet
    f = FamilyBuilder("Gezin Visser")
    mira = f.parent("Mira Visser")
    log_in(page, live_server, mira.user)
    page.goto(f"{live_server.url}/gezin/{f.family.pk}/download/plan.pdf")
    assert page.get_by_role("heading", name="We maken jullie pdf").is_visible()
    assert page.get_by_role("link", name="Kijk of hij klaar is").is_visible()
    check_page(page, "the PDF is being made")
    screenshot(page, "pdf-waiting-phone")
    call_command("db_worker", batch=True, verbosity=0)  # the worker makes it
    with page.expect_download(timeout=15000) as download:
        pass
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_text("Je pdf is klaar.").wait_for()
