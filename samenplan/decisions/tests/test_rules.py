"""Who decides and who must agree (decisions/rules.py), tested at the age edges."""

from datetime import date, timedelta

from django.test import SimpleTestCase

from samenplan.decisions import rules
from samenplan.families.access import FamilyAccess
from samenplan.families.models import Family, Member, Participant
from samenplan.lib.dates import age_on, years_before

TODAY = date(2026, 11, 24)


def person(pk, name, relation, birth_date=None, authority=False):
    return Member(
        pk=pk, name=name, relation=relation, birth_date=birth_date, has_authority=authority
    )


def born(years, days_more=0):
    return years_before(TODAY, years, days_more)


MOTHER = person(1, "Moeder", "moeder", date(1988, 1, 1), authority=True)
FATHER = person(2, "Vader", "vader", date(1985, 1, 1), authority=True)
STEPFATHER = person(3, "Stiefvader", "verzorger", date(1980, 1, 1))


def names(members):
    return [m.name for m in members]


def child(birth_date, pk=10, name="Kind"):
    return person(pk, name, "kind", birth_date)


def access_for(role, member=None, framework="vrijwillig", coordinator=False):
    family = Family(pk=1, name="Gezin", legal_framework=framework)
    participant = Participant(
        pk=99, family=family, role=role, member=member, is_coordinator=coordinator
    )
    return FamilyAccess(family=family, participant=participant, members=[], today=TODAY)


class TogetherTestCase(SimpleTestCase):
    def together(self, kid, about_kid=True):
        members = [MOTHER, FATHER, STEPFATHER, kid]
        return names(rules.required("samen", members, kid if about_kid else None, TODAY))

    def test_it_asks_only_the_parents_about_a_child_of_11_years_and_364_days(self):
        kid = child(born(12) + timedelta(days=1))
        self.assertEqual(age_on(kid.birth_date, TODAY), 11)
        self.assertEqual(self.together(kid), ["Moeder", "Vader"])

    def test_it_asks_the_youth_too_from_the_12th_birthday(self):
        kid = child(born(12))
        self.assertEqual(self.together(kid), ["Moeder", "Vader", "Kind"])

    def test_it_asks_the_youth_of_16_and_the_parents_when_deciding_together(self):
        self.assertEqual(self.together(child(born(16))), ["Moeder", "Vader", "Kind"])

    def test_it_never_asks_a_parent_without_authority(self):
        self.assertNotIn("Stiefvader", self.together(child(born(14))))

    def test_it_treats_a_child_without_birth_date_as_under_12(self):
        self.assertEqual(self.together(child(None)), ["Moeder", "Vader"])

    def test_it_asks_every_youth_of_12_or_older_about_the_whole_family(self):
        older = child(born(15), pk=11, name="Noor")
        younger = child(born(11), pk=12, name="Sem")
        members = [MOTHER, FATHER, older, younger]
        self.assertEqual(
            names(rules.required("samen", members, None, TODAY)), ["Moeder", "Vader", "Noor"]
        )

    def test_it_asks_only_the_child_concerned_about_that_child(self):
        older = child(born(15), pk=11, name="Noor")
        younger = child(born(11), pk=12, name="Sem")
        members = [MOTHER, FATHER, older, younger]
        self.assertEqual(
            names(rules.required("samen", members, younger, TODAY)), ["Moeder", "Vader"]
        )


class ModeTestCase(SimpleTestCase):
    def test_parents_decide_about_a_child_under_12(self):
        access = access_for("parent", MOTHER)
        kid = child(born(12) + timedelta(days=1))
        self.assertIsNone(rules.mode_refusal(access, "ouders", kid))

    def test_parents_do_not_decide_alone_about_a_youth_from_the_12th_birthday(self):
        access = access_for("parent", MOTHER)
        self.assertIsNotNone(rules.mode_refusal(access, "ouders", child(born(12))))

    def test_a_youth_decides_alone_only_from_the_16th_birthday(self):
        access = access_for("parent", MOTHER)
        day_before = child(born(16) + timedelta(days=1))
        self.assertEqual(age_on(day_before.birth_date, TODAY), 15)
        self.assertIsNotNone(rules.mode_refusal(access, "jongere", day_before))
        self.assertIsNone(rules.mode_refusal(access, "jongere", child(born(16))))
        self.assertIsNotNone(rules.mode_refusal(access, "jongere", None))

    def test_the_youth_of_16_is_the_one_who_must_agree(self):
        kid = child(born(17))
        self.assertEqual(rules.required("jongere", [MOTHER, kid], kid, TODAY), [kid])

    def test_a_professional_or_the_gi_decides_only_in_a_compulsory_framework(self):
        voluntary = access_for("professional")
        for mode in ("professional", "gi"):
            self.assertIsNotNone(rules.mode_refusal(voluntary, mode, None))
        supervision = access_for("professional", framework="ots")
        for mode in ("professional", "gi", "rechter"):
            self.assertIsNone(rules.mode_refusal(supervision, mode, None))

    def test_only_a_professional_records_a_decision_of_a_professional_or_the_gi(self):
        parent = access_for("parent", MOTHER, framework="ots")
        self.assertIsNotNone(rules.mode_refusal(parent, "gi", None))
        # The family may write down what the judge decided.
        self.assertIsNone(rules.mode_refusal(parent, "rechter", None))
        network = access_for("network", framework="ots")
        self.assertIsNotNone(rules.mode_refusal(network, "rechter", None))

    def test_nobodys_yes_is_asked_in_a_compulsory_framework(self):
        for mode in ("professional", "gi", "rechter"):
            self.assertEqual(rules.required(mode, [MOTHER, FATHER], None, TODAY), [])

    def test_an_unknown_mode_is_refused(self):
        self.assertIsNotNone(rules.mode_refusal(access_for("parent", MOTHER), "dobbelen", None))

    def test_who_may_write_down_an_outcome(self):
        self.assertTrue(rules.can_record_outcome(access_for("parent", MOTHER)))
        self.assertTrue(rules.can_record_outcome(access_for("professional")))
        self.assertTrue(rules.can_record_outcome(access_for("network", coordinator=True)))
        self.assertFalse(rules.can_record_outcome(access_for("network")))
        self.assertFalse(rules.can_record_outcome(access_for("client_supporter")))
        self.assertFalse(rules.can_record_outcome(access_for("parent", STEPFATHER)))
