"""No page scrolls sideways at 320 or 360 px (WCAG 1.4.10), and every button and
field is at least 44 px both ways: every page of the URL map.

A new URL is walked without anyone adding it. Each page is loaded once at 320 px
and looked at again at 360 px (the layout follows the width without a reload),
as a parent, a professional and an organisation's admin. Pictures may scroll
inside their own frame; the page itself may not.
"""

import pytest
from playwright.sync_api import Error

from samenplan.browser import log_in, sideways, small_targets

from .test_access_matrix import MATRIX
from .urlmap import UrlMapTestCase, our_patterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAS = ("sanne", "eva", "admin")


class _Walk(UrlMapTestCase):
    """The URL map's family and its items, built once in the browser's database."""


def html_pages(page, walk, persona: str, before=None):
    """Load every GET page of the URL map as ``persona``; yield the URL of each that
    answers 200 with HTML (downloads and refusals are passed over). ``before()``
    runs before each load (the first test sets the width there)."""
    patterns = our_patterns()
    for name, (method, _expected) in MATRIX.items():
        if method != "get":
            continue
        url = walk.reverse_for(name, patterns[name], persona)
        if before:
            before()
        try:
            response = page.goto(url)
        except Error as error:  # a download: no page to lay out
            assert "Download is starting" in str(error), error
            continue
        if response is None or response.status != 200:
            continue
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        yield url


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_no_page_scrolls_sideways_and_every_target_is_44_px(page, live_server):
    _Walk.setUpTestData()
    walk = _Walk()
    assert len([m for m, _e in MATRIX.values() if m == "get"]) > 60
    seen, wide, small = 0, [], []

    def narrow():
        page.set_viewport_size({"width": 320, "height": 780})

    for persona in PERSONAS:
        log_in(page, live_server, walk.user(persona))
        for url in html_pages(page, walk, persona, before=narrow):
            seen += 1
            for width in (320, 360):
                page.set_viewport_size({"width": width, "height": 780})
                found = sideways(page)
                if found:
                    wide.append(f"{persona} {url} at {width} px: {found}")
            tiny = small_targets(page)
            if tiny:
                small.append(f"{persona} {url}: {tiny}")
    print(f"{seen} pages at 320 and 360 px")
    assert seen > 100, seen
    assert wide == [], "\n".join(wide)
    assert small == [], "smaller than 44 x 44 px:\n" + "\n".join(small)


@pytest.mark.parametrize("page", ["phone"], indirect=True)
def test_every_family_page_fits_in_turkish_polish_and_arabic_and_arabic_reads_right_to_left(
    page, live_server
):
    """Longer words (Polish, Turkish) and a mirrored layout (Arabic) at 360 px, for
    every page a parent opens. Dutch and English are walked above."""
    from samenplan.accounts.models import User

    _Walk.setUpTestData()
    walk = _Walk()
    parent = walk.user("sanne")
    log_in(page, live_server, parent)
    page.set_viewport_size({"width": 360, "height": 780})
    seen, wide, wrong_way = 0, [], []
    for language, way in (("tr", "ltr"), ("pl", "ltr"), ("ar", "rtl")):
        User.objects.filter(pk=parent.pk).update(language=language)
        for url in html_pages(page, walk, "sanne"):
            seen += 1
            html = page.locator("html")
            if (html.get_attribute("lang"), html.get_attribute("dir")) != (language, way):
                wrong_way.append(f"{language} {url}")
            found = sideways(page)
            if found:
                wide.append(f"{language} {url}: {found}")
    print(f"{seen} pages in Turkish, Polish and Arabic at 360 px")
    assert seen > 100, seen
    assert wrong_way == [], "\n".join(wrong_way)
    assert wide == [], "\n".join(wide)
