"""Words from law and care are explained where they stand, one tap away."""

from django.template import Context, Template
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from samenplan.careteam.models import Meeting
from samenplan.families.models import Family
from samenplan.lib.templatetags.terms import TERMS
from samenplan.test import SamenplanTestCase


def render(text, **context):
    return Template(text).render(Context(context))


class TermTagTestCase(SimpleTestCase):
    def test_the_word_stays_in_the_sentence_with_its_explanation_after_it(self):
        html = render('<p>De {% term "gi" %} sluit af.</p>')
        self.assertIn('<span class="term__word">gecertificeerde instelling (GI)</span>', html)
        self.assertIn('<span class="term__explain"> (Een organisatie die', html)
        # Only phrasing elements: it may stand inside a sentence.
        self.assertNotRegex(html, r"<(div|p|details|ul)[ >](?!De )")

    def test_a_label_of_the_page_can_stand_for_the_word(self):
        html = render('{% term "ots" label=name %}', name="Ondertoezichtstelling (OTS)")
        self.assertIn('"term__word">Ondertoezichtstelling (OTS)<', html)

    def test_an_unknown_word_is_shown_as_it_is_and_escaped(self):
        self.assertEqual(render("{% term key %}", key="vrijwillig"), "vrijwillig")
        self.assertEqual(render('{% term "x" label=word %}', word="<b>"), "&lt;b&gt;")

    def test_every_framework_of_a_judge_has_an_explanation(self):
        judged = {code for code in Family.Framework.values if code != "vrijwillig"}
        self.assertLessEqual(judged, set(TERMS))

    def test_every_explanation_is_in_short_sentences_and_in_english_too(self):
        for key, (_word, explanation) in TERMS.items():
            with self.subTest(key=key):
                sentences = [s for s in str(explanation).split(".") if s.strip()]
                self.assertLessEqual(max(len(s.split()) for s in sentences), 20)
                with translation.override("en"):
                    self.assertNotEqual(str(explanation), sentences[0] + ".")
                    self.assertNotIn(" de ", str(explanation))


class TermsOnPagesTestCase(SamenplanTestCase):
    def test_a_family_under_supervision_sees_what_it_means_on_its_home(self):
        self.login(self.daan)
        response = self.client.get(reverse("families:home", args=[self.degroot.pk]))
        self.assertContains(response, '"term__word">ondertoezichtstelling (OTS)<')
        self.assertContains(response, "De ouders houden het gezag.")

    def test_closing_under_a_measure_explains_the_gi(self):
        self.login(self.daan)
        response = self.client.get(reverse("families:closing", args=[self.degroot.pk]))
        self.assertContains(response, '"term__word">gecertificeerde instelling (GI)<')

    def test_a_meeting_explains_the_calendar_file(self):
        meeting = Meeting.objects.filter(family=self.bakker).first()
        self.login(self.sanne)
        response = self.client.get(reverse("careteam:meeting", args=[self.bakker.pk, meeting.pk]))
        self.assertContains(response, '"term__word">.ics-bestand<')
        self.assertNotContains(response, "(.ics)")
