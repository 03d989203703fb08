"""The taalhulp over Samenplan's own Dutch words: every string of the catalogue
is plain enough for B1 — no sentence over ``LONGEST`` words, no word that labels
or blames, jargon only where the page explains it, and an easy enough reading
score for every text long enough to measure."""

import re
from pathlib import Path

import polib
from django.test import SimpleTestCase

from samenplan.lib.templatetags.terms import TERMS
from samenplan.taal.check import WORD, check, sentences

CATALOGUE = Path(__file__).resolve().parents[3] / "locale" / "en" / "LC_MESSAGES" / "django.po"
# B1 guidance keeps sentences to about 15 words on average, 25 at most.
LONGEST = 25
# Flesch–Douma counts syllables, and our own words (professionals,
# cliëntondersteuners, organisatie) are long but known to every family using
# Samenplan; below this a text is hard for anyone (see check.py for the limits).
LOWEST_EASE = 50
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{ *[\w.]+ *\}\}|<[^>]+>")
# A few strings are allauth's English source texts we keep in our catalogue.
ENGLISH = re.compile(r"\b(the|your|with|and|you)\b")


def dutch_strings():
    for entry in polib.pofile(str(CATALOGUE)):
        for text in (entry.msgid, entry.msgid_plural):
            if text and len(ENGLISH.findall(text)) < 2:
                yield text, PLACEHOLDER.sub("X", text)


class CatalogueTestCase(SimpleTestCase):
    def test_no_sentence_is_too_long(self):
        for source, text in dutch_strings():
            for sentence in sentences(text):
                with self.subTest(source=source[:80]):
                    self.assertLessEqual(len(WORD.findall(sentence)), LONGEST, sentence)

    def test_no_word_labels_or_blames(self):
        for source, text in dutch_strings():
            with self.subTest(source=source[:80]):
                self.assertEqual([h.words for h in check(text).hints if h.rule == "label"], [])

    def test_jargon_only_where_the_page_explains_it(self):
        for source, text in dutch_strings():
            found = [h.words for h in check(text).hints if h.rule == "jargon"]
            with self.subTest(source=source[:80]):
                self.assertEqual([w for w in found if w.lower() not in TERMS], [])

    def test_every_text_long_enough_to_measure_reads_easily(self):
        measured = 0
        for source, text in dutch_strings():
            report = check(text)
            if report.ease is None:
                continue
            measured += 1
            with self.subTest(source=source[:80]):
                self.assertGreaterEqual(report.ease, LOWEST_EASE)
        self.assertGreater(measured, 50)
