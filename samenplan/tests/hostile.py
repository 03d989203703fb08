"""Hostile input for every form: strategies, fixed examples and one base test case.

Hypothesis draws random examples; on top of them every hostile-input test
always runs ``HOSTILE_TEXTS`` in every field, so the inputs known to break
something (NUL, a lone surrogate, …) are tried on every run, on SQLite and
on PostgreSQL, and never depend on chance.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.test import Client
from django.utils.html import escape
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from samenplan.lib.forms import is_unsafe
from samenplan.test import SamenplanTestCase

HOSTILE_TEXTS = (
    "\x00",  # PostgreSQL refuses it in text; SQLite stores it
    "Een\x00twee",
    "\ud800",  # a lone surrogate: half a UTF-16 pair
    "\u202eexe.txt",  # a right-to-left override
    "x" * 20_000,
    "<script>alert(1)</script>",
    "'; DROP TABLE families_family; --",
    "",
)

ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(min_size=1100, max_size=4000),
    st.just("   "),
    st.sampled_from(HOSTILE_TEXTS + ("💥" * 50, "𝕊𝕒𝕟𝕟𝕖", "' OR 1=1 --")),
)
ANY_NUMBER = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "abc", "1.5", "-1", "0", "NaN", "1e309"]),
)
DATES = st.one_of(
    st.dates().map(str),
    st.sampled_from(["2026-02-30", "31-12-2026", "morgen", "", "0000-00-00", "9999-99-99"]),
    ANY_TEXT,
)
ERROR_SUMMARY = "Er ging iets mis. Kijk de velden hieronder na"


def hostile_given(*, benign=None, **strategies):
    """``@given(**strategies)``, plus one fixed example per text in ``HOSTILE_TEXTS``.

    In each fixed example every argument gets that text, except those in
    ``benign``: arguments that pick the page rather than fill the form (a
    value, or a function of the hostile text).
    """
    benign = benign or {}

    def value(name, text):
        fixed = benign.get(name, text)
        return fixed(text) if callable(fixed) else fixed

    def decorate(test):
        for text in reversed(HOSTILE_TEXTS):
            test = example(**{name: value(name, text) for name in strategies})(test)
        return given(**strategies)(test)

    return decorate


def query(**params) -> str:
    """A query string for any text, lone surrogates included (see ``HostileClient``)."""
    return "?" + urlencode(params, doseq=True, encoding="utf-8", errors="surrogatepass")


class HostileClient(Client):
    """A test client that sends any string, lone surrogates included.

    A browser can send bytes that are not valid UTF-8; Django's own test
    client refuses to encode such strings, so they are sent as the bytes
    ``surrogatepass`` makes of them.
    """

    def post(self, path, data=None, **extra):
        if isinstance(data, dict):
            body = urlencode(data, doseq=True, encoding="utf-8", errors="surrogatepass")
            return super().post(
                path, body, content_type="application/x-www-form-urlencoded", **extra
            )
        return super().post(path, data, **extra)

    def get(self, path, data=None, **extra):
        if isinstance(data, dict):
            query = urlencode(data, doseq=True, encoding="utf-8", errors="surrogatepass")
            return super().get(path, QUERY_STRING=query, **extra)
        return super().get(path, data, **extra)


class HostileTestCase(HypothesisTestCase, SamenplanTestCase):
    client_class = HostileClient

    def assert_handled(self, response, kept=()):
        """Never a 500; an invalid form comes back in Dutch with what was typed."""
        self.assertIn(response.status_code, (200, 302, 400))
        if response.status_code == 400:
            content = response.content.decode()
            self.assertIn(ERROR_SUMMARY, content)
            values = kept.values() if isinstance(kept, dict) else kept
            for value in values:
                # Text with NUL or a lone surrogate is shown as the browser shows it.
                if value.strip() and not is_unsafe(value):
                    self.assertIn(escape(value), content)
