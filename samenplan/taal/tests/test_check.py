"""Each rule of the taalhulp, with sentences it must catch and sentences it must
leave alone; the reading-level badge; the word lists themselves."""

from django.test import SimpleTestCase

from samenplan.taal.check import B1_EASE, check, jargon, labels, syllables


def rules(text):
    return [(hint.rule, hint.words) for hint in check(text).hints]


class RuleTestCase(SimpleTestCase):
    def assert_rule(self, rule, caught, left_alone):
        for text in caught:
            with self.subTest(caught=text):
                self.assertIn(rule, [r for r, _w in rules(text)])
        for text in left_alone:
            with self.subTest(left_alone=text):
                self.assertNotIn(rule, [r for r, _w in rules(text)])

    def test_a_long_sentence(self):
        self.assert_rule(
            "long_sentence",
            [
                "Naar aanleiding van het gesprek met de hulpverleners en de ouders is gebleken "
                "dat er op meerdere gebieden zorgen zijn over de ontwikkeling van het kind."
            ],
            [
                "We praten volgende week verder. Dan kijken we samen wat Noor nodig heeft.",
                "Sem gaat op maandag en woensdag naar de opvang.",
            ],
        )

    def test_the_passive_voice(self):
        self.assert_rule(
            "passive",
            [
                "Er wordt besloten dat Noor naar de nieuwe school gaat.",
                "De hulp werd gisteren stopgezet.",
                "Het plan is door de gemeente goedgekeurd.",
                "Er zal een gesprek worden gepland.",
            ],
            [
                "Wij besluiten samen dat Noor naar de nieuwe school gaat.",
                "Eva plant een gesprek met jullie.",
                "Het gezin is gezond en het gaat goed.",
            ],
        )

    def test_jargon_gets_plain_words(self):
        self.assert_rule(
            "jargon",
            [
                "De casusregie ligt bij het wijkteam.",
                "We bespreken de indicatie.",
                "Er is een OTS uitgesproken.",
                "Het hulpverleningstraject loopt tot maart.",
                "Ambulante hulp start volgende week.",
            ],
            [
                "Eva houdt het overzicht over de hulp.",
                "We praten over de hulp die jullie krijgen.",
                "Gigi komt op bezoek.",  # 'gi' only as a whole word
            ],
        )
        advice = [
            h.advice for h in check("De casusregie ligt bij Eva.").hints if h.rule == "jargon"
        ]
        self.assertIn("wie het overzicht houdt", advice[0])

    def test_words_that_label_or_blame(self):
        self.assert_rule(
            "label",
            [
                "Dit is een multiprobleemgezin.",
                "Moeder is een niet-meewerkende ouder.",
                "Vader ontkent de zorgen.",
                "Het gezin is zorgmijdend.",
                "Moeder is erg claimend.",
            ],
            [
                "Er zijn zorgen op meerdere plekken.",
                "Moeder ziet het anders dan de school.",
                "Vader wil nu geen hulp, omdat hij eerder slecht geholpen is.",
            ],
        )
        respectful = [h.advice for h in check("Dit is een multiprobleemgezin.").hints]
        self.assertTrue(any("zorgen op meerdere plekken" in a for a in respectful))

    def test_a_rare_long_word(self):
        self.assert_rule(
            "rare_word",
            ["Er is sprake van een ontwikkelingsbedreiging."],
            [
                "We werken samen met school en de huisarts.",
                "Noor gaat naar Amsterdam.",  # a name
                "Het gesprek was belangrijk voor iedereen.",
            ],
        )

    def test_a_word_in_a_list_is_not_also_a_rare_word(self):
        self.assertEqual([r for r, _w in rules("Het hulpverleningstraject loopt.")], ["jargon"])


class LevelTestCase(SimpleTestCase):
    def test_plain_words_in_short_sentences_are_b1(self):
        text = (
            "Sanne en Eva spreken af dat Noor elke ochtend zelf opstaat. Dat lukt al vaak. "
            "Volgende week kijken we samen hoe het gaat. En wat er nog nodig is."
        )
        report = check(text)
        self.assertEqual(report.level, "b1")
        self.assertGreaterEqual(report.ease, B1_EASE)

    def test_officialese_is_harder_than_b1(self):
        text = (
            "Naar aanleiding van de gesprekken met betrokken hulpverleners is geconstateerd "
            "dat de problematiek dermate complex is dat een multidisciplinaire aanpak "
            "noodzakelijk wordt geacht in het kader van de ontwikkelingsbedreiging."
        )
        self.assertEqual(check(text).level, "harder")

    def test_a_few_words_are_too_short_to_measure(self):
        self.assertEqual(check("Tot dinsdag!").level, "short")
        self.assertIsNone(check("").ease)

    def test_syllables_of_dutch_words(self):
        for word, count in (("huis", 1), ("gezin", 2), ("ondertoezichtstelling", 6)):
            with self.subTest(word=word):
                self.assertEqual(syllables(word), count)


class WordListTestCase(SimpleTestCase):
    def test_every_line_has_a_word_and_plain_words(self):
        for table in (jargon(), labels()):
            for word, plain, _suffix in table:
                with self.subTest(word=word):
                    self.assertTrue(word and plain)
                    self.assertEqual(word, word.lower())

    def test_each_plain_alternative_is_itself_free_of_jargon_and_labels(self):
        for table in (jargon(), labels()):
            for word, plain, _suffix in table:
                with self.subTest(word=word):
                    self.assertEqual([r for r, _w in rules(plain) if r in ("jargon", "label")], [])
