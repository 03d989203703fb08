"""The drawings' structure for sample families: people, lines, generations, order.

Pixels are not compared; the structure and the SVG's marked elements are.
"""

from datetime import date

from django.test import SimpleTestCase

from samenplan.accounts.models import User
from samenplan.families.models import Member, Participant
from samenplan.network import drawing
from samenplan.network.models import NetworkPerson, Relationship

TODAY = date(2026, 11, 24)


def member(pk, name, relation, sex, born=None, household=True, authority=False):
    return Member(
        pk=pk,
        name=name,
        relation=relation,
        sex=sex,
        birth_date=born,
        lives_in_household=household,
        has_authority=authority,
    )


def person(pk, name, sex, relation="grootouder", **kw):
    return NetworkPerson(pk=pk, name=name, sex=sex, relation=relation, **kw)


def rel(kind, a, b, status=""):
    r = Relationship(kind=kind, status=status)
    for side, end in (("a", a), ("b", b)):
        if isinstance(end, Member):
            setattr(r, f"{side}_member_id", end.pk)
        else:
            setattr(r, f"{side}_person_id", end.pk)
    return r


MOTHER = member(1, "Moeder Mol", "moeder", "v", date(1988, 3, 1), authority=True)
FATHER = member(2, "Vader Mol", "vader", "m", date(1985, 5, 1), household=False, authority=True)
OLDER = member(3, "Anna Mol", "kind", "v", date(2011, 1, 1))
YOUNGER = member(4, "Bas Mol", "kind", "m", date(2015, 6, 1))
GRANDPA = person(10, "Opa Mol", "m", died=True, death_year=2023)
GRANDMA = person(11, "Oma Mol", "v", birth_year=1955)


def draw(members, people=(), relationships=()):
    return drawing.genogram(list(members), list(people), list(relationships), TODAY)


class GenogramTestCase(SimpleTestCase):
    def test_a_divorce_is_drawn_with_two_slashes(self):
        g = draw(
            [MOTHER, FATHER, OLDER], relationships=[rel("partner", MOTHER, FATHER, "gescheiden")]
        )
        self.assertEqual(g.partners, [("m1", "m2", "gescheiden")])
        svg = drawing.genogram_svg(g, title="t", described_by="d")
        self.assertEqual(svg.count('class="genogram__slash"'), 2)
        self.assertIn('data-status="gescheiden"', svg)

    def test_a_separation_has_one_slash_and_living_together_none(self):
        for status, slashes in (("uit_elkaar", 1), ("samen", 0), ("getrouwd", 0)):
            g = draw([MOTHER, FATHER], relationships=[rel("partner", MOTHER, FATHER, status)])
            svg = drawing.genogram_svg(g, title="t", described_by="d")
            self.assertEqual(svg.count('class="genogram__slash"'), slashes, status)

    def test_a_deceased_grandparent_makes_three_generations(self):
        g = draw(
            [MOTHER, FATHER, OLDER, YOUNGER],
            [GRANDPA, GRANDMA],
            [
                rel("parent", GRANDPA, FATHER),
                rel("parent", GRANDMA, FATHER),
                rel("partner", GRANDPA, GRANDMA, "getrouwd"),
            ],
        )
        self.assertEqual(g.generations, 3)
        grandpa = g.node("n10")
        self.assertEqual(
            (grandpa.generation, grandpa.symbol, grandpa.deceased), (0, "square", True)
        )
        self.assertEqual(g.node("m2").generation, 1)
        self.assertEqual(g.node("m3").generation, 2)
        svg = drawing.genogram_svg(g, title="t", described_by="d")
        self.assertIn(
            'data-key="n10" data-generation="0" data-symbol="square" data-deceased="true"', svg
        )
        self.assertEqual(svg.count('class="genogram__deceased"'), 1)
        # The grandparents stand above their son.
        self.assertLess(abs((grandpa.x + g.node("n11").x) / 2 - g.node("m2").x), drawing.SLOT)

    def test_symbols_follow_sex(self):
        unknown = member(5, "Kim Mol", "kind", "", date(2018, 1, 1))
        g = draw([MOTHER, FATHER, unknown])
        self.assertEqual(
            [g.node(k).symbol for k in ("m1", "m2", "m5")], ["circle", "square", "diamond"]
        )

    def test_children_stand_under_their_parents_in_birth_order(self):
        g = draw([YOUNGER, MOTHER, OLDER, FATHER])
        self.assertLess(g.node("m3").x, g.node("m4").x)  # Anna (2011) before Bas (2015)
        self.assertEqual({p for p, c in g.parents if c == "m3"}, {"m1", "m2"})
        self.assertEqual(g.partners, [("m1", "m2", "")])

    def test_a_child_of_another_relationship_hangs_under_that_couple(self):
        ex = person(20, "Ex Partner", "m", relation="ex_partner")
        half = member(6, "Cas Mol", "kind", "m", date(2008, 1, 1))
        g = draw(
            [MOTHER, FATHER, OLDER, YOUNGER, half],
            [ex],
            [
                rel("parent", MOTHER, half),
                rel("parent", ex, half),
                rel("partner", MOTHER, ex, "gescheiden"),
                rel("partner", MOTHER, FATHER, "getrouwd"),
            ],
        )
        self.assertEqual(set(g.parents_of("m6")), {"m1", "n20"})
        self.assertEqual(set(g.parents_of("m3")), {"m1", "m2"})
        svg = drawing.genogram_svg(g, title="t", described_by="d")
        self.assertIn('data-parents="m1 n20" data-children="m6"', svg)
        self.assertIn('data-parents="m1 m2" data-children="m3 m4"', svg)
        self.assertEqual(g.node("n20").generation, g.node("m1").generation)

    def test_the_household_leaves_out_a_parent_who_lives_elsewhere(self):
        g = draw([MOTHER, FATHER, OLDER])
        svg = drawing.genogram_svg(g, title="t", described_by="d")
        self.assertIn('data-household="m1"', svg)
        self.assertIn('data-household="m3"', svg)
        self.assertNotIn(
            "m2", " ".join(part for part in svg.split('data-household="')[1:]).split('"')[0]
        )

    def test_the_same_data_gives_the_same_picture(self):
        args = (
            [MOTHER, FATHER, OLDER, YOUNGER],
            [GRANDPA, GRANDMA],
            [rel("parent", GRANDPA, FATHER), rel("parent", GRANDMA, FATHER)],
        )
        first = drawing.genogram_svg(draw(*args), title="t", described_by="d")
        second = drawing.genogram_svg(
            draw(*(list(reversed(a)) for a in args)), title="t", described_by="d"
        )
        self.assertEqual(first, second)

    def test_someone_without_a_known_relation_is_left_out_and_said_so(self):
        stray = person(30, "Los Persoon", "v")
        other = person(31, "Ander Persoon", "m")
        g = draw([MOTHER], [stray, other], [rel("partner", stray, other)])
        self.assertEqual([n.key for n in g.left_out], ["n30", "n31"])

    def test_an_empty_family_still_draws(self):
        g = draw([])
        svg = drawing.genogram_svg(g, title="Leeg", described_by="d")
        self.assertEqual(g.nodes, [])
        self.assertTrue(svg.startswith("<svg") and svg.endswith("</svg>"))

    def test_names_are_escaped(self):
        g = draw([member(7, "<b>Bob</b>", "kind", "m")])
        svg = drawing.genogram_svg(g, title="<t>", described_by="d")
        self.assertNotIn("<b>", svg)
        self.assertIn("&lt;b&gt;Bob&lt;/b&gt;", svg)


class EcomapTestCase(SimpleTestCase):
    def test_closeness_sets_the_distance_and_quality_the_line(self):
        people = [
            person(1, "Dichtbij", "v", relation="vriend", closeness=1, quality="steunend"),
            person(2, "Verder", "m", relation="buur", closeness=3, quality="steunend"),
            person(3, "Moeizaam", "v", relation="tante_oom", closeness=2, quality="moeizaam"),
            person(4, "Verbroken", "m", relation="grootouder", closeness=3, quality="verbroken"),
        ]
        pro = Participant(pk=9, role="professional", organization_name="Wijkteam")
        pro.user = User(name="Eva de Vries", email="eva@example.org")
        nodes = drawing.ecomap(people, [pro])
        lines = {n.name: n.line for n in nodes}
        self.assertEqual(
            lines,
            {
                "Dichtbij": "strong",
                "Verder": "weak",
                "Moeizaam": "strained",
                "Verbroken": "broken",
                "Eva de Vries": "weak",
            },
        )
        centre = drawing.ECO / 2

        def distance(name):
            node = next(n for n in nodes if n.name == name)
            return round(((node.x - centre) ** 2 + (node.y - centre) ** 2) ** 0.5)

        self.assertLess(distance("Dichtbij"), distance("Moeizaam"))
        self.assertLess(distance("Moeizaam"), distance("Verder"))
        svg = drawing.ecomap_svg(nodes, family_name="Gezin", title="t", described_by="d")
        self.assertEqual(svg.count('class="ecomap__person"'), 5)
        self.assertIn('href="#eco-n1"', svg)
        self.assertIn('data-line="broken"', svg)
        self.assertEqual(svg.count("<rect"), 1)  # the professional


class TimelineTestCase(SimpleTestCase):
    def test_moments_are_placed_in_order_above_and_below_the_axis(self):
        moments = [
            drawing.Moment(on=date(2024, 5, 1), title="Verhuisd", kind="life"),
            drawing.Moment(on=date(2020, 1, 1), title="Geboren", kind="life"),
            drawing.Moment(on=date(2026, 1, 1), title="Besloten", kind="plan"),
        ]
        placed, width, ticks = drawing.timeline(moments)
        self.assertEqual([m.title for m in placed], ["Geboren", "Verhuisd", "Besloten"])
        self.assertTrue(all(a.x < b.x for a, b in zip(placed, placed[1:], strict=False)))
        self.assertEqual([year for year, _x in ticks], [2021, 2022, 2023, 2024, 2025, 2026])
        self.assertTrue(600 <= width <= 4000)
        svg = drawing.timeline_svg(placed, width, ticks, title="t", described_by="d")
        self.assertEqual(svg.count('data-kind="life"'), 2)
        self.assertEqual(svg.count('data-kind="plan"'), 1)

    def test_labels_close_in_time_never_overlap(self):
        moments = [
            drawing.Moment(on=date(2026, 3, day), title=f"Gebeurtenis nummer {day}", kind="life")
            for day in range(1, 15)
        ]
        placed, width, _ticks = drawing.timeline(moments)
        rows: dict[int, list] = {}
        for moment in placed:
            rows.setdefault(moment.lane, []).append(moment)
        for row in rows.values():
            for before, after in zip(row, row[1:], strict=False):
                self.assertGreater(after.x, before.x + drawing._label_width(before) - 1)
        self.assertLessEqual(width, 8000)

    def test_an_empty_timeline_still_draws(self):
        placed, width, ticks = drawing.timeline([])
        svg = drawing.timeline_svg(placed, width, ticks, title="t", described_by="d")
        self.assertTrue(svg.startswith("<svg"))
