"""Who has to consent, by the age of each child (DESIGN §4), tested at the edges."""

from datetime import date, timedelta

from django.test import SimpleTestCase

from samenplan.families.access import consent_givers, missing_consent
from samenplan.families.models import Consent, Member, Participant
from samenplan.lib.dates import age_on, years_before

TODAY = date(2026, 11, 24)


def person(pk, name, relation, birth_date=None, authority=False):
    return Member(
        pk=pk, name=name, relation=relation, birth_date=birth_date, has_authority=authority
    )


def born(years, days_more=0):
    """Birth date of someone who is ``years`` years and ``days_more`` days old today."""
    return years_before(TODAY, years, days_more)


MOTHER = person(1, "Moeder", "moeder", date(1988, 1, 1), authority=True)
FATHER = person(2, "Vader", "vader", date(1985, 1, 1), authority=True)
STEPFATHER = person(3, "Stiefvader", "verzorger", date(1980, 1, 1), authority=False)


def givers_for(child_birth_date):
    child = person(10, "Kind", "kind", child_birth_date)
    return [m.name for m in consent_givers([MOTHER, FATHER, STEPFATHER, child], TODAY)]


class ConsentAgeTestCase(SimpleTestCase):
    def test_it_asks_the_parents_for_a_child_of_11_years_and_364_days(self):
        birth = born(12) + timedelta(days=1)
        self.assertEqual(age_on(birth, TODAY), 11)
        self.assertEqual(givers_for(birth), ["Vader", "Moeder"])

    def test_it_asks_the_youth_and_the_parents_at_12_years_exactly(self):
        birth = born(12)
        self.assertEqual(age_on(birth, TODAY), 12)
        self.assertEqual(givers_for(birth), ["Vader", "Moeder", "Kind"])

    def test_it_asks_the_youth_and_the_parents_at_15_years_and_364_days(self):
        birth = born(16) + timedelta(days=1)
        self.assertEqual(age_on(birth, TODAY), 15)
        self.assertEqual(givers_for(birth), ["Vader", "Moeder", "Kind"])

    def test_it_asks_only_the_youth_at_16_years_exactly(self):
        birth = born(16)
        self.assertEqual(age_on(birth, TODAY), 16)
        self.assertEqual(givers_for(birth), ["Kind"])

    def test_it_never_asks_a_parent_without_authority(self):
        for years in (3, 13):
            self.assertNotIn("Stiefvader", givers_for(born(years)))

    def test_it_treats_an_unknown_birth_date_as_under_12(self):
        self.assertEqual(givers_for(None), ["Vader", "Moeder"])

    def test_it_combines_the_rules_for_several_children(self):
        younger = person(10, "Sem", "kind", born(11))
        older = person(11, "Daan", "kind", born(17))
        names = [m.name for m in consent_givers([MOTHER, FATHER, younger, older], TODAY)]
        self.assertEqual(names, ["Vader", "Moeder", "Daan"])

    def test_it_asks_the_parents_when_there_are_no_children(self):
        self.assertEqual([m.name for m in consent_givers([MOTHER], TODAY)], ["Moeder"])

    def test_it_counts_a_leap_day_birthday_on_the_first_of_march(self):
        self.assertEqual(age_on(date(2010, 2, 28), date(2026, 2, 28)), 16)
        self.assertEqual(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17)
        self.assertEqual(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18)


class MissingConsentTestCase(SimpleTestCase):
    def setUp(self):
        self.professional = Participant(pk=5, role="professional")
        self.givers = [MOTHER, FATHER]

    def test_it_lists_who_has_not_consented_yet(self):
        consents = [Consent(participant_id=5, member_id=1)]
        missing = missing_consent(self.professional, self.givers, consents)
        self.assertEqual([m.name for m in missing], ["Vader"])

    def test_it_ignores_withdrawn_consent(self):
        consents = [
            Consent(participant_id=5, member_id=1),
            Consent(participant_id=5, member_id=2, withdrawn_at=TODAY),
        ]
        missing = missing_consent(self.professional, self.givers, consents)
        self.assertEqual([m.name for m in missing], ["Vader"])

    def test_it_ignores_consent_for_someone_else(self):
        consents = [Consent(participant_id=6, member_id=1), Consent(participant_id=6, member_id=2)]
        self.assertEqual(len(missing_consent(self.professional, self.givers, consents)), 2)

    def test_it_denies_when_nobody_can_consent(self):
        self.assertTrue(missing_consent(self.professional, [], []))

    def test_it_needs_no_consent_for_a_parent_with_authority(self):
        parent = Participant(pk=7, role="parent", member=MOTHER)
        self.assertEqual(missing_consent(parent, self.givers, []), [])

    def test_it_needs_consent_for_a_parent_without_authority(self):
        parent = Participant(pk=8, role="parent", member=STEPFATHER)
        self.assertEqual(len(missing_consent(parent, self.givers, [])), 2)

    def test_it_needs_consent_for_network_and_client_support(self):
        for role in ("network", "client_supporter", "professional"):
            self.assertTrue(Participant(role=role).needs_consent)
        self.assertFalse(Participant(role="youth").needs_consent)
