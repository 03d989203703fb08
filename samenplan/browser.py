"""Helpers for tests in a real browser: Debian's Chromium driven by Playwright.

``chromium_or_skip()`` finds the browser; on a machine without it the browser
tests are skipped with a notice, but under CI (``CI=true``) a missing browser
is a failure. ``check_page(page, name)`` runs axe-core on the page in Dutch and
in English: adding a page to the accessibility checks is one line.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

RESULTS = Path(__file__).resolve().parent.parent / "test-results"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A made-up microphone that says yes: a child records a voice note in the tests.
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium_or_skip() -> str:
    path = shutil.which("chromium")
    if path:
        return path
    message = "Chromium not found: browser tests need Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def axe_violations(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:200]}")
    return "\n".join(lines)


def toggle_language(page) -> None:
    """Switch the language with the button in the header, as a person would."""
    now = page.locator("html").get_attribute("lang")
    other = "en" if now == "nl" else "nl"
    page.locator(f"form[action='/taal/'] button[value='{other}']").click()
    page.wait_for_load_state()


def log_in(page, live_server, user) -> None:
    """Start the browser as ``user``, logged in (the login itself has its own journeys)."""
    from samenplan.test import logged_in_session

    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": logged_in_session(user), "url": live_server.url}]
    )


def sideways(page) -> list[str]:
    """Elements wider than the screen: the page would scroll sideways (WCAG 1.4.10)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width + 1) return [];
            return [...document.querySelectorAll("body *")]
                .filter(e => {
                    // Right to left, a page overflows on the left.
                    const box = e.getBoundingClientRect();
                    return box.right > width + 1 || box.left < -1;
                })
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : ""));
        }"""
    )


def small_targets(page, least: int = 44) -> list[str]:
    """Buttons and fields smaller than a fingertip (``least`` px both ways).

    Words explained inline ({% term %}) are text, not targets (WCAG 2.5.8's
    exception for a target in a sentence); radio buttons and checkboxes count by
    the label around them, which is what a finger hits.
    """
    return page.evaluate(
        """(least) => {
            const found = [];
            const targets = document.querySelectorAll(
                "button:not(.term__button), .nl-button, select, textarea, " +
                "input:not([type=hidden]):not([type=radio]):not([type=checkbox]), " +
                "label:has(> input[type=radio]), label:has(> input[type=checkbox])"
            );
            for (const e of targets) {
                const box = e.getBoundingClientRect();
                const folded = e.closest("[hidden], details:not([open])");
                const shown = box.width && box.height && !folded;
                if (shown && (box.height + 0.5 < least || box.width + 0.5 < least)) {
                    const text = (e.textContent || e.getAttribute("name") || "").trim();
                    const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
                    found.push(`${e.tagName.toLowerCase()} "${text.slice(0, 40)}" ${size}`);
                }
            }
            return found.slice(0, 5);
        }""",
        least,
    )


PHONE_WIDTH = 400


def check_page(page, name: str) -> None:
    """axe-core finds nothing on this page and it does not scroll sideways at the
    screen's width: in Dutch, and on a phone in English too.

    English is checked at the narrowest width, where its longer words overflow
    first; axe's rules (names, labels, contrast, structure) don't change with the
    width, so a second English pass on a laptop would repeat the phone's findings
    at the price of two more page loads and an axe run per page.
    """
    assert page.locator("html").get_attribute("lang") == "nl", f"{name} is not in Dutch"
    violations = axe_violations(page)
    assert not violations, f"{name} (nl):\n{describe(violations)}"
    assert not sideways(page), f"{name} (nl) scrolls sideways: {sideways(page)}"
    if (page.viewport_size or {}).get("width", 0) > PHONE_WIDTH:
        return
    toggle_language(page)
    assert page.locator("html").get_attribute("lang") == "en", f"{name}: no English version"
    violations = axe_violations(page)
    assert not violations, f"{name} (en):\n{describe(violations)}"
    assert not sideways(page), f"{name} (en) scrolls sideways: {sideways(page)}"
    toggle_language(page)
    assert page.locator("html").get_attribute("lang") == "nl"


def screenshot(page, name: str) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / (re.sub(r"[^a-z0-9_-]+", "-", name.lower()) + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path
