"""The demo's network (docs/demo.md): the people around the Bakkers, both sets of
grandparents (Youssef's father died three years ago), life events, a family
group plan shared earlier and a private draft that Eva cannot see.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samenplan.families.models import Family, Member, Participant
from samenplan.lib.dates import years_before
from samenplan.network.models import FamilyGroupPlan, LifeEvent, NetworkPerson, Relationship
from samenplan.plan.models import Goal

SEXES = {
    "Sanne Bakker": "v",
    "Youssef El Idrissi": "m",
    "Noor Bakker": "v",
    "Sem Bakker": "m",
    "Lina Bakker": "v",
    "Anouk de Groot": "v",
    "Daan de Groot": "m",
}


def _sexes(family: Family) -> None:
    for name, sex in SEXES.items():
        Member.objects.filter(family=family, name=name, sex="").update(sex=sex)


def build_bakker(family: Family, users, p: dict[str, Participant], m: dict[str, Member]):
    _sexes(family)
    if NetworkPerson.objects.filter(family=family).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    sanne = users["sanne"]

    def person(name, relation, label, closeness, quality, sex, **kw):
        return NetworkPerson.objects.create(
            family=family,
            name=name,
            relation=relation,
            relation_label=label,
            closeness=closeness,
            quality=quality,
            sex=sex,
            created_by=kw.pop("by", sanne),
            created_at=now - timedelta(days=kw.pop("days", 60)),
            **kw,
        )

    ria = person(
        "Ria Bakker",
        "grootouder",
        "oma (moeder van Sanne)",
        1,
        "steunend",
        "v",
        helps_with="Komt op maandag, helpt met het ontbijt en haalt Sem van school",
        birth_year=today.year - 66,
        participant=p["ria"],
        days=75,
    )
    gerrit = person(
        "Gerrit Bakker",
        "grootouder",
        "opa (vader van Sanne)",
        2,
        "steunend",
        "m",
        helps_with="Repareert de fietsen",
        could_help="Sem naar voetbal brengen",
        birth_year=today.year - 69,
    )
    mohamed = person(
        "Mohamed El Idrissi",
        "grootouder",
        "opa (vader van Youssef)",
        3,
        "steunend",
        "m",
        birth_year=today.year - 74,
        died=True,
        death_year=today.year - 3,
        in_network=False,
    )
    fatima = person(
        "Fatima El Idrissi",
        "grootouder",
        "oma (moeder van Youssef)",
        3,
        "verbroken",
        "v",
        could_help="Koken op zondag, als het contact weer goed is",
        birth_year=today.year - 70,
    )
    samira = person(
        "Samira El Idrissi",
        "tante_oom",
        "tante (zus van Youssef)",
        3,
        "moeizaam",
        "v",
        could_help="Noor helpen met Frans",
        birth_year=today.year - 37,
        by=users["youssef"],
    )
    person(
        "Kees",
        "trainer",
        "trainer van Sem",
        2,
        "steunend",
        "m",
        helps_with="Voetbal op woensdag en zaterdag; Sem mag vaker meetrainen",
    )
    person(
        "Petra",
        "buur",
        "buurvrouw",
        2,
        "steunend",
        "v",
        helps_with="Past op Lina als Sanne vroeg moet werken",
    )
    person(
        "Fleur",
        "vriend",
        "vriendin van Noor",
        1,
        "steunend",
        "v",
        helps_with="Fietst 's ochtends samen met Noor naar school",
        by=users["noor"],
    )
    person(
        "Meneer Jansen",
        "leraar",
        "leraar van Sem",
        3,
        "steunend",
        "m",
        helps_with="Belt Sanne als het op school niet goed gaat",
    )

    def link(kind, a, b, status=""):
        ends = {}
        for side, value in (("a", a), ("b", b)):
            key = "member" if isinstance(value, Member) else "person"
            ends[f"{side}_{key}"] = value
        Relationship.objects.create(
            family=family, kind=kind, status=status, created_by=sanne, **ends
        )

    link("partner", m["sanne"], m["youssef"], "uit_elkaar")
    link("partner", gerrit, ria, "getrouwd")
    link("parent", ria, m["sanne"])
    link("parent", gerrit, m["sanne"])
    link("partner", mohamed, fatima, "getrouwd")
    link("parent", mohamed, m["youssef"])
    link("parent", fatima, m["youssef"])
    link("parent", mohamed, samira)
    link("parent", fatima, samira)

    for days_or_date, kind, title, note in (
        (m["noor"].birth_date, "geboorte", "Noor is geboren", ""),
        (m["sem"].birth_date, "geboorte", "Sem is geboren", ""),
        (
            years_before(today, 5, 40),
            "verhuizing",
            "Verhuisd naar de Lindelaan",
            "Dichter bij oma Ria",
        ),
        (m["lina"].birth_date, "geboorte", "Lina is geboren", ""),
        (years_before(today, 3, 20), "overlijden", "Opa Mohamed is overleden", ""),
        (years_before(today, 3, 90), "school", "Noor gaat naar de middelbare school", ""),
        (years_before(today, 2, 10), "scheiding", "Sanne en Youssef gaan uit elkaar", ""),
        (years_before(today, 1, 30), "werk", "Sanne werkt vier ochtenden in het zorgcentrum", ""),
        (
            today - timedelta(days=230),
            "ziekte",
            "Noor is 's ochtends vaak bang en blijft thuis",
            "",
        ),
    ):
        if days_or_date is None:
            continue
        LifeEvent.objects.create(
            family=family,
            happened_on=days_or_date,
            kind=kind,
            title=title,
            note=note,
            created_by=sanne,
            created_at=now - timedelta(days=50),
        )

    FamilyGroupPlan.objects.create(
        family=family,
        main_question="Hoe zorgen we samen dat de ochtenden rustig zijn?",
        want_to_reach="Dat we rustig ontbijten en iedereen op tijd de deur uit gaat.",
        goals="Rustige ochtenden thuis",
        who_helps=(
            "Oma Ria: komt op maandag en helpt met het ontbijt\n"
            "Petra: past op Lina als Sanne vroeg moet werken\n"
            "Fleur: fietst met Noor naar school"
        ),
        support_needed="Iemand die een paar ochtenden meekijkt en ons tips geeft.",
        status="shared",
        created_by=sanne,
        created_at=now - timedelta(days=80),
        updated_at=now - timedelta(days=72),
        shared_by=sanne,
        shared_at=now - timedelta(days=71),
        version=3,
    )
    Goal.objects.filter(family=family, text="Rustige ochtenden thuis").update(from_family_plan=True)
    FamilyGroupPlan.objects.create(
        family=family,
        main_question="Hoe houden we Sem bezig na school?",
        want_to_reach="Dat Sem na school iets leuks doet en er minder ruzie is over huiswerk.",
        goals="Sem heeft elke middag iets te doen",
        who_helps="Opa Gerrit: brengt Sem op dinsdag naar voetbal\nOma Ria: huiswerk op maandag",
        created_by=sanne,
        created_at=now - timedelta(days=5),
        updated_at=now - timedelta(days=4),
    )


def build_degroot(family: Family, users, members: dict[str, Member]):
    _sexes(family)
    if NetworkPerson.objects.filter(family=family).exists():
        return
    NetworkPerson.objects.create(
        family=family,
        name="Rob de Groot",
        relation="tante_oom",
        relation_label="oom (broer van Anouk)",
        closeness=1,
        quality="steunend",
        sex="m",
        helps_with="Daan woont in de schoolweken bij hem",
        created_by=users["anouk"],
    )
    LifeEvent.objects.create(
        family=family,
        happened_on=timezone.localdate() - timedelta(days=75),
        kind="verhuizing",
        title="Daan woont in de schoolweken bij oom Rob",
        created_by=users["anouk"],
    )


def grow(family: Family, *, by_user, times: int) -> None:
    """``times`` more network people, relationships, life events and family plans."""
    people = NetworkPerson.objects.bulk_create(
        NetworkPerson(
            family=family,
            name=f"Netwerk {i}",
            relation="buur",
            closeness=1 + i % 3,
            quality=("steunend", "moeizaam", "verbroken")[i % 3],
            sex=("v", "m", "")[i % 3],
            created_by=by_user,
        )
        for i in range(times)
    )
    members = list(Member.objects.filter(family=family))
    Relationship.objects.bulk_create(
        Relationship(
            family=family, kind="parent", a_person=person, b_member=members[0], created_by=by_user
        )
        for person in people[:2]
    )
    LifeEvent.objects.bulk_create(
        LifeEvent(
            family=family,
            happened_on=timezone.localdate() - timedelta(days=30 * i),
            kind="anders",
            title=f"Gebeurtenis {i}",
            created_by=by_user,
        )
        for i in range(times)
    )
    FamilyGroupPlan.objects.bulk_create(
        FamilyGroupPlan(
            family=family,
            main_question=f"Vraag {i}",
            goals="Doel",
            status="shared" if i % 2 else "draft",
            created_by=by_user,
        )
        for i in range(times)
    )
