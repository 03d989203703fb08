"""The plan's timeline tells what people did in sentences, not as a log of codes."""

from django.test import SimpleTestCase
from django.utils import translation

from samenplan.plan.models import TimelineEntry

Kind, Action = TimelineEntry.Kind, TimelineEntry.Action


def said(kind, action, language="nl"):
    with translation.override(language):
        return TimelineEntry(kind=kind, action=action).sentence()


class TimelineSentenceTestCase(SimpleTestCase):
    def test_the_verb_goes_around_the_item_as_one_says_it(self):
        self.assertEqual(said(Kind.STEP, Action.PROPOSED), "stelde een stap voor")
        self.assertEqual(said(Kind.GOAL, Action.REMOVED), "haalde het doel weg")
        self.assertEqual(said(Kind.STEP, Action.DONE), "zette de stap op klaar")
        self.assertEqual(said(Kind.SCORE, Action.ADDED), "gaf een cijfer")
        self.assertEqual(
            said(Kind.MEETING, Action.ACCEPTED), "keurde het verslag van het overleg goed"
        )

    def test_every_kind_and_action_makes_a_sentence_in_both_languages(self):
        for kind in Kind:
            for action in Action:
                for language in ("nl", "en"):
                    with self.subTest(kind=kind, action=action, language=language):
                        sentence = said(kind, action, language)
                        self.assertTrue(sentence)
                        self.assertNotIn("%", sentence)

    def test_english_readers_get_english(self):
        self.assertEqual(said(Kind.STEP, Action.PROPOSED, "en"), "proposed a step")
