"""The demo families (docs/demo.md): one story, told with respect.

``build_demo()`` is idempotent and is used both by ``manage.py demo`` and by
the test personas in ``samenplan/test.py``, so tests and demo stay the same
people. Dates are relative to the day the demo is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from samenplan.accounts.models import Organization, Professional, User
from samenplan.audit.models import AuditEvent
from samenplan.families import waiting
from samenplan.families.models import Consent, Family, Member, Participant
from samenplan.lib.dates import years_before

DEMO_PASSWORD = "samenplan-demo"


@dataclass
class Demo:
    wijkteam: Organization
    debrug: Organization
    samensterk: Organization
    bakker: Family
    degroot: Family
    users: dict[str, User]
    members: dict[str, Member]
    participants: dict[str, Participant]


def _user(email: str, name: str, password: str | None = None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, name=name, password=password)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _professional(
    email, name, org, function, phone, reachability, is_admin=False, is_privacy_officer=False
) -> User:
    user = _user(email, name, DEMO_PASSWORD)
    Professional.objects.get_or_create(
        user=user,
        defaults={
            "organization": org,
            "function": function,
            "phone": phone,
            "reachability": reachability,
            "is_org_admin": is_admin,
            "is_privacy_officer": is_privacy_officer,
        },
    )
    return user


def _born(today: date, years: int, days: int) -> date:
    return years_before(today, years, days)


@transaction.atomic
def build_demo(today: date | None = None) -> Demo:
    today = today or timezone.localdate()
    now = timezone.now()
    ago = lambda **kw: now - timedelta(**kw)  # noqa: E731

    wijkteam, _ = Organization.objects.get_or_create(
        name="Wijkteam Oost", defaults={"kind": "wijkteam", "municipality": "Oosterveld"}
    )
    debrug, _ = Organization.objects.get_or_create(
        name="Jeugdhulp De Brug", defaults={"kind": "aanbieder", "municipality": "Oosterveld"}
    )
    samensterk, _ = Organization.objects.get_or_create(
        name="Cliëntondersteuning Samen Sterk",
        defaults={"kind": "clientondersteuning", "municipality": "Oosterveld"},
    )

    users = {
        "sanne": _user("sanne@example.org", "Sanne Bakker"),
        "youssef": _user("youssef@example.org", "Youssef El Idrissi"),
        "noor": _user("noor@example.org", "Noor Bakker"),
        "ria": _user("ria@example.org", "Ria Bakker"),
        "anouk": _user("anouk@example.org", "Anouk de Groot"),
        "daan": _user("daan@example.org", "Daan de Groot"),
        "eva": _professional(
            "eva@example.org",
            "Eva de Vries",
            wijkteam,
            "Medewerker wijkteam",
            "06 12 34 56 01",
            "Maandag tot en met donderdag, 9 tot 17 uur",
        ),
        "martijn": _professional(
            "martijn@example.org",
            "Martijn Smit",
            debrug,
            "Ambulant hulpverlener",
            "06 12 34 56 02",
            "Dinsdag en donderdag, ook 's avonds tot 20 uur",
        ),
        "joke": _professional(
            "joke@example.org",
            "Joke Mulder",
            samensterk,
            "Cliëntondersteuner",
            "06 12 34 56 03",
            "Maandag, woensdag en vrijdag",
        ),
        "bram": _professional(
            "bram@example.org",
            "Bram Visser",
            wijkteam,
            "Medewerker wijkteam",
            "06 12 34 56 04",
            "Dinsdag tot en met vrijdag, 8.30 tot 16.30 uur",
        ),
        "lotte": _professional(
            "lotte@example.org",
            "Lotte Bos",
            wijkteam,
            "Medewerker wijkteam",
            "06 12 34 56 05",
            "Maandag tot en met woensdag",
        ),
        "kees": _professional(
            "kees@example.org",
            "Kees Vermeer",
            wijkteam,
            "Medewerker wijkteam",
            "06 12 34 56 08",
            "Woensdag tot en met vrijdag",
        ),
        "admin": _professional(
            "admin@example.org",
            "Beheerder Wijkteam Oost",
            wijkteam,
            "Applicatiebeheerder",
            "",
            "Werkdagen",
            is_admin=True,
        ),
        "ingrid": _professional(
            "ingrid@example.org",
            "Ingrid de Wit",
            wijkteam,
            "Functionaris voor privacy",
            "06 12 34 56 09",
            "Maandag, dinsdag en donderdag",
            is_privacy_officer=True,
        ),
    }

    bakker = Family.objects.filter(name="Gezin Bakker").first()
    if bakker is None:
        bakker = Family.objects.create(
            name="Gezin Bakker",
            phase=Family.Phase.PLAN,
            organization=wijkteam,
            municipality="Oosterveld",
            created_at=ago(days=92),
        )
        m = {
            "sanne": Member.objects.create(
                family=bakker,
                name="Sanne Bakker",
                birth_date=_born(today, 38, 140),
                relation="moeder",
                has_authority=True,
            ),
            "youssef": Member.objects.create(
                family=bakker,
                name="Youssef El Idrissi",
                birth_date=_born(today, 41, 60),
                relation="vader",
                has_authority=True,
                lives_in_household=False,
            ),
            "noor": Member.objects.create(
                family=bakker, name="Noor Bakker", birth_date=_born(today, 15, 120), relation="kind"
            ),
            "sem": Member.objects.create(
                family=bakker, name="Sem Bakker", birth_date=_born(today, 11, 200), relation="kind"
            ),
            "lina": Member.objects.create(
                family=bakker, name="Lina Bakker", birth_date=_born(today, 2, 100), relation="kind"
            ),
        }
        seat = lambda key, role, days, **kw: Participant.objects.create(  # noqa: E731
            family=bakker, user=users[key], role=role, active_from=ago(days=days), **kw
        )
        p = {
            "sanne": seat("sanne", "parent", 92, member=m["sanne"], is_coordinator=True),
            "youssef": seat("youssef", "parent", 85, member=m["youssef"]),
            "noor": seat("noor", "youth", 80, member=m["noor"]),
            "ria": seat("ria", "network", 75, relation_label="oma (moeder van Sanne)"),
            "eva": seat("eva", "professional", 92, organization_name=wijkteam.name),
            "martijn": seat("martijn", "professional", 60, organization_name=debrug.name),
            "joke": seat("joke", "client_supporter", 70, organization_name=samensterk.name),
        }
        for who in ("ria", "eva", "martijn", "joke"):
            for giver in ("sanne", "youssef", "noor"):
                Consent.objects.create(
                    family=bakker,
                    participant=p[who],
                    member=m[giver],
                    given_by=users[giver],
                    given_at=p[who].active_from + timedelta(days=1),
                )
        _bakker_plan(bakker, users, p, m, today, now)
        history = [
            ("eva", "plan", 1),
            ("eva", "family_home", 3),
            ("martijn", "family_home", 2),
            ("sanne", "consent", 2),
            ("joke", "family_home", 1),
            # They read "Wie zijn wij" after the family wrote it (20 days ago).
            ("eva", "about_us", 15),
            ("martijn", "about_us", 12),
            ("joke", "about_us", 10),
            ("ria", "about_us", 9),
        ]
        for key, data, days in history:
            AuditEvent.objects.create(
                at=ago(days=days, hours=2),
                actor=users[key],
                actor_name=users[key].name,
                role=p[key].role,
                organization=p[key].organization_name,
                family=bakker,
                data=data,
                action="view",
            )
    degroot = Family.objects.filter(name="Gezin De Groot").first()
    if degroot is None:
        degroot = Family.objects.create(
            name="Gezin De Groot",
            phase=Family.Phase.HELP,
            legal_framework=Family.Framework.SUPERVISION,
            organization=wijkteam,
            gi=_gi(),
            municipality="Oosterveld",
            created_at=ago(days=150),
        )
        anouk = Member.objects.create(
            family=degroot,
            name="Anouk de Groot",
            birth_date=_born(today, 45, 30),
            relation="moeder",
            has_authority=True,
        )
        daan = Member.objects.create(
            family=degroot, name="Daan de Groot", birth_date=_born(today, 17, 90), relation="kind"
        )
        Participant.objects.create(
            family=degroot,
            user=users["anouk"],
            role="parent",
            member=anouk,
            is_coordinator=True,
            active_from=ago(days=150),
        )
        Participant.objects.create(
            family=degroot, user=users["daan"], role="youth", member=daan, active_from=ago(days=150)
        )
        bram = Participant.objects.create(
            family=degroot,
            user=users["bram"],
            role="professional",
            organization_name=wijkteam.name,
            active_from=ago(days=140),
        )
        Consent.objects.create(
            family=degroot, participant=bram, member=daan, given_by=users["daan"]
        )
        # Daan (17) decides about the file; Anouk's own goals and views reach
        # Bram with her own consent.
        Consent.objects.create(
            family=degroot, participant=bram, member=anouk, given_by=users["anouk"]
        )
        _degroot_plan(degroot, users, daan, today, now)

    members = {
        f"{m.name.split()[0].lower()}": m
        for m in Member.objects.filter(family__in=[bakker, degroot])
    }
    participants = {}
    for participant in Participant.objects.filter(family__in=[bakker, degroot]).select_related(
        "user", "member"
    ):
        participants[participant.user.email.split("@")[0]] = participant
    from samenplan.demo import decisions as decisions_demo

    decisions_demo.build_bakker(bakker, users, participants, members, today)
    decisions_demo.build_degroot(degroot, users, members, today)
    from samenplan.demo import careteam as careteam_demo

    careteam_demo.build_directory(users["joke"])
    careteam_demo.build_bakker(bakker, users, participants)
    careteam_demo.build_degroot(degroot, users)
    from samenplan.demo import network as network_demo

    network_demo.build_bakker(bakker, users, participants, members)
    network_demo.build_degroot(degroot, users, members)
    _data_rights(bakker, degroot, users, participants, members, wijkteam)
    _yilmaz(users, wijkteam)
    _jansen(users, wijkteam, today)
    bakker.refresh_from_db()
    degroot.refresh_from_db()
    # What waits for whom, as after any change (docs/architecture.md).
    for family_id in Family.objects.filter(closed_at__isnull=True).values_list("pk", flat=True):
        waiting.refresh(family_id, today)
    return Demo(
        wijkteam=wijkteam,
        debrug=debrug,
        samensterk=samensterk,
        bakker=bakker,
        degroot=degroot,
        users=users,
        members=members,
        participants=participants,
    )


def _plan_helpers(family, now):
    from samenplan.plan.models import GoalScore, TimelineEntry

    def at(days):
        return now - timedelta(days=days)

    def timeline(kind, action, actor, summary, days, goal=None):
        TimelineEntry.objects.create(
            family=family,
            kind=kind,
            action=action,
            actor=actor,
            summary=summary,
            goal=goal,
            at=at(days),
        )

    def scores(goal, author, *pairs):
        for days, value in pairs:
            GoalScore.objects.create(
                family=family, goal=goal, author=author, score=value, created_at=at(days)
            )
            timeline("score", "added", author, f"{value}/10 · {goal.text}", days, goal)

    return at, timeline, scores


def _bakker_plan(family, users, p, m, today, now):
    """A lived-in plan for the Bakker family (docs/demo.md)."""
    from samenplan.plan.models import Goal, HelpQuestion, HelpQuestionCheck, Step

    at, timeline, scores = _plan_helpers(family, now)
    sanne, youssef, noor, ria = users["sanne"], users["youssef"], users["noor"], users["ria"]
    eva, martijn = users["eva"], users["martijn"]

    first = HelpQuestion.objects.create(
        family=family,
        text="Hoe krijgen we weer rust in huis?",
        created_by=sanne,
        created_at=at(84),
        decided_by=sanne,
        decided_at=at(84),
    )
    timeline("help_question", "added", sanne, first.text, 84)
    second = HelpQuestion.objects.create(
        family=family,
        text="Hoe krijgen we rust in huis en gaat Noor weer elke dag naar school?",
        created_by=sanne,
        created_at=at(35),
        decided_by=sanne,
        decided_at=at(35),
        version=2,
    )
    timeline("help_question", "changed", sanne, second.text, 35)
    HelpQuestionCheck.objects.create(
        family=family, question=second, author=youssef, answer="yes", created_at=at(20)
    )
    timeline("help_question", "checked", youssef, second.text, 20)

    def goal(text, domain, owner, why, low, high, author, days, status="accepted"):
        item = Goal.objects.create(
            family=family,
            text=text,
            domain=domain,
            owner=owner,
            why=why,
            scale_low=low,
            scale_high=high,
            created_by=author,
            created_at=at(days),
            status=status,
            decided_by=author if status == "accepted" else None,
            decided_at=at(days) if status == "accepted" else None,
        )
        timeline("goal", "added" if status == "accepted" else "proposed", author, text, days, item)
        return item

    school = goal(
        "Noor gaat weer elke dag naar school",
        "school",
        m["noor"],
        "Ik wil mijn vriendinnen weer zien en over naar de vierde klas.",
        "Ik ga helemaal niet naar school",
        "Ik ga elke dag, ook als ik zenuwachtig ben",
        noor,
        70,
    )
    mornings = goal(
        "Rustige ochtenden thuis",
        "opvoeden",
        None,
        "Als de ochtend rustig begint, gaat de hele dag beter. Voor iedereen.",
        "Elke ochtend ruzie en haast",
        "We ontbijten samen en gaan op tijd de deur uit",
        sanne,
        70,
    )
    evening = goal(
        "Sanne heeft één avond per week voor zichzelf",
        "gezondheid",
        m["sanne"],
        "Ik wil even opladen, zodat ik er weer voor de kinderen kan zijn.",
        "Geen moment voor mezelf",
        "Elke week een vaste avond",
        sanne,
        56,
    )
    contacts = goal(
        "Duidelijke afspraken tussen Sanne en Youssef over de kinderen",
        "contacten",
        None,
        "Zodat de kinderen weten waar ze aan toe zijn, in beide huizen.",
        "We spreken elkaar alleen via de kinderen",
        "We hebben vaste afspraken en houden ons eraan",
        youssef,
        49,
    )
    goal(
        "Sem heeft na school iets leuks te doen",
        "vrije_tijd",
        m["sem"],
        "De middagen zijn lang voor Sem. Met iets te doen is er minder ruzie over huiswerk.",
        "",
        "",
        martijn,
        6,
        status="proposed",
    )
    scores(school, noor, (63, 3), (35, 4), (12, 6))
    scores(school, sanne, (63, 2), (35, 4), (12, 5))
    scores(school, eva, (56, 3), (14, 5))
    scores(mornings, sanne, (63, 3), (35, 5), (10, 6))
    scores(mornings, youssef, (49, 4), (10, 5))
    scores(mornings, martijn, (42, 4), (9, 6))
    scores(evening, sanne, (56, 2), (21, 4))
    scores(contacts, sanne, (49, 4), (14, 5))
    scores(contacts, youssef, (49, 3), (14, 5))

    def step(text, owner, author, days, goal=None, due=None, done=None, celebrated=None, **kw):
        item = Step.objects.create(
            family=family,
            text=text,
            owner=owner,
            goal=goal,
            due_date=today + timedelta(days=due) if due is not None else None,
            created_by=author,
            created_at=at(days),
            decided_by=kw.get("decided_by", author),
            decided_at=at(days) if kw.get("status", "accepted") == "accepted" else None,
            status=kw.get("status", "accepted"),
            owner_name=kw.get("owner_name", ""),
            done_at=at(done) if done is not None else None,
            done_by=owner.user if done is not None and owner else None,
            celebrated_at=at(celebrated) if celebrated is not None else None,
        )
        kind = "proposed" if item.status == "proposed" else "added"
        timeline("step", kind, author, text, days, goal)
        if done is not None:
            timeline("step", "done", owner.user if owner else author, text, done, goal)
        if celebrated is not None:
            timeline("step", "celebrated", sanne, text, celebrated, goal)
        return item

    step(
        "Oma Ria komt op maandag vroeg, zodat Sanne rustig kan beginnen",
        p["ria"],
        ria,
        60,
        mornings,
        done=45,
        celebrated=44,
    )
    step(
        "Noor vraagt de mentor om een rustige plek in de pauze",
        p["noor"],
        noor,
        50,
        school,
        done=30,
        celebrated=29,
    )
    step("Om half tien gaan de telefoons in de mand", p["sanne"], sanne, 40, mornings, done=16)
    step("Eva belt met school over een opbouwrooster voor Noor", p["eva"], eva, 20, school, due=-3)
    step(
        "Youssef haalt Sem op woensdag op en helpt met huiswerk",
        p["youssef"],
        youssef,
        12,
        contacts,
        due=5,
    )
    step(
        "Martijn oefent met Sanne een vaste ochtendroutine",
        p["martijn"],
        martijn,
        10,
        mornings,
        due=9,
    )
    step(
        "Sanne zoekt een cursus of sportclub voor dinsdagavond",
        p["sanne"],
        sanne,
        8,
        evening,
        due=14,
    )
    step(
        "Trainer Kees vraagt of Sem op woensdag mee kan trainen",
        None,
        sanne,
        7,
        None,
        due=10,
        owner_name="Kees (trainer van Sem)",
    )
    _bakker_visions_successes_agreements(family, users, p, m, today, at, timeline, school, mornings)
    # Yesterday Eva proposed a change to the mornings goal; it waits for the family.
    change = Goal.objects.create(
        family=family,
        replaces=mornings,
        replaces_version=mornings.version,
        text="Ook op de dagen dat Sem bij Youssef slaapt: rustige ochtenden",
        domain="opvoeden",
        why=mornings.why,
        scale_low=mornings.scale_low,
        scale_high=mornings.scale_high,
        created_by=eva,
        created_at=at(1),
        status="proposed",
    )
    timeline("goal", "proposed", eva, change.text, 1, mornings)
    step(
        "Oma Ria haalt Sem op dinsdag op van school",
        p["ria"],
        sanne,
        2,
        mornings,
        due=7,
        status="proposed",
        decided_by=None,
    )


def _breakfast_drawing() -> bytes:
    """Sem's drawing of the breakfast table: a table, four plates, the sun."""
    import io

    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (320, 200), (255, 255, 255))
    pen = ImageDraw.Draw(picture)
    pen.ellipse((250, 15, 300, 65), fill=(250, 200, 30))
    pen.rectangle((30, 110, 290, 140), fill=(160, 100, 50))
    for x in (50, 110, 170, 230):
        pen.ellipse((x, 95, x + 40, 115), outline=(40, 90, 200), width=3)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _bakker_visions_successes_agreements(
    family, users, p, m, today, at, timeline, school, mornings
):
    from samenplan.creations.models import Creation
    from samenplan.network.models import AboutUs, ChildTalent
    from samenplan.plan.models import (
        Agreement,
        AgreementEvaluation,
        AgreementSign,
        ChildWord,
        GoalScore,
        Success,
        Vision,
    )

    sanne, youssef, noor, martijn = (
        users["sanne"],
        users["youssef"],
        users["noor"],
        users["martijn"],
    )
    for member, author, text, first, days in [
        (
            m["sanne"],
            sanne,
            "We ontbijten samen en niemand schreeuwt. Ik ga met een goed gevoel naar mijn werk.",
            "Mijn collega's, want ik kom op tijd en ontspannen binnen.",
            63,
        ),
        (
            m["youssef"],
            youssef,
            "Ik weet wat er speelt bij de kinderen en Sanne en ik overleggen gewoon samen.",
            "Sem, omdat hij niet meer de boodschapper tussen ons is.",
            60,
        ),
        (
            m["noor"],
            noor,
            "Ik ga weer naar school zonder buikpijn. Na school teken ik met Fleur.",
            "Fleur en mijn mentor.",
            58,
        ),
        (
            m["sem"],
            sanne,
            "Sem: 'Dan mag ik elke week voetballen en is mama niet meer boos over huiswerk.'",
            "Trainer Kees.",
            55,
        ),
    ]:
        Vision.objects.create(
            family=family,
            member=member,
            text=text,
            first_noticed=first,
            by_self=member.pk == getattr(p.get(author.email.split("@")[0]), "member_id", None),
            created_by=author,
            created_at=at(days),
            decided_by=author,
            decided_at=at(days),
        )
        timeline("vision", "added", author, text, days)
    # Sem has no account: he scored the mornings, drew the breakfast table and
    # said this himself, in kindmodus on his mother's phone.
    GoalScore.objects.create(
        family=family,
        goal=mornings,
        member=m["sem"],
        author=sanne,
        by_child=True,
        score=6,
        note="Als niemand hoeft te roepen is het leuk.",
        created_at=at(4),
    )
    drawing = _breakfast_drawing()
    Creation.objects.create(
        family=family,
        member=m["sem"],
        item_type="goal",
        item_id=mornings.pk,
        kind=Creation.Kind.DRAWING,
        title="Wij aan de ontbijttafel",
        content=drawing,
        content_type="image/png",
        size=len(drawing),
        width=320,
        height=200,
        audience=Creation.Audience.TABLE,
        created_by=sanne,
        by_child=True,
        created_at=at(4),
    )
    about = AboutUs.objects.create(
        family=family,
        languages="Thuis praten we Nederlands. Met opa en oma in Utrecht praat Youssef Arabisch.",
        daily_life="Op vrijdag eten we bij de familie van Youssef in Utrecht.",
        for_professionals="Bel liever niet onder schooltijd, dan werkt Sanne.",
        audience=AboutUs.Audience.TABLE,
        version=1,
        updated_by=sanne,
        updated_at=at(20),
    )
    ChildTalent.objects.create(
        family=family, about=about, member=m["noor"], good_at="Tekenen, en goed luisteren."
    )
    ChildTalent.objects.create(
        family=family, about=about, member=m["sem"], good_at="Voetbal", likes="Buiten spelen"
    )
    ChildWord.objects.create(
        family=family,
        member=m["sem"],
        face=ChildWord.Face.HAPPY,
        text="Ik wil op voetbal, op woensdag met Kees!",
        author=sanne,
        by_child=True,
        created_at=at(5),
    )
    summer = Success.objects.create(
        family=family,
        what_happened="Vorige zomer ging Noor elke dag naar haar zomercursus.",
        what_different="Oma Ria kwam 's ochtends vroeg. Sanne had tijd voor ontbijt met Noor.",
        who_helped="Oma Ria, en dat het ritme elke dag hetzelfde was.",
        created_by=sanne,
        created_at=at(65),
        decided_by=sanne,
        decided_at=at(65),
    )
    summer.goals.set([school, mornings])
    timeline("success", "added", sanne, summer.what_happened, 65)
    football = Success.objects.create(
        family=family,
        what_happened="Na de voetbaltraining deed Sem zonder mopperen zijn huiswerk.",
        what_different="Hij had zijn energie kwijt en Youssef zat naast hem.",
        who_helped="Trainer Kees en Youssef.",
        created_by=youssef,
        created_at=at(30),
        decided_by=youssef,
        decided_at=at(30),
    )
    timeline("success", "added", youssef, football.what_happened, 30)

    report = Agreement.objects.create(
        family=family,
        kind="collaboration",
        text="Martijn vertelt Sanne elke vrijdag in een kort bericht hoe de week ging. "
        "Youssef krijgt hetzelfde bericht.",
        evaluate_on=today - timedelta(days=2),
        created_by=martijn,
        created_at=at(40),
        decided_by=martijn,
        decided_at=at(40),
    )
    report.concerned.set([p["martijn"], p["sanne"], p["youssef"]])
    for key, days in (("martijn", 40), ("sanne", 39), ("youssef", 37)):
        AgreementSign.objects.create(
            family=family, agreement=report, participant=p[key], agreed_at=at(days)
        )
    timeline("agreement", "added", martijn, report.text, 40)
    AgreementEvaluation.objects.create(
        family=family,
        agreement=report,
        author=sanne,
        works="partly",
        adjust="Graag ook een zin over wat goed ging, niet alleen over wat lastig was.",
        next_evaluation=today - timedelta(days=2),
        created_at=at(16),
    )
    timeline("agreement", "evaluated", sanne, report.text, 16)
    phones = Agreement.objects.create(
        family=family,
        kind="goal",
        goal=mornings,
        text="Door de week gaan de telefoons om half tien in de mand, ook die van mama.",
        evaluate_on=today + timedelta(days=12),
        created_by=sanne,
        created_at=at(18),
        decided_by=sanne,
        decided_at=at(18),
    )
    phones.concerned.set([p["sanne"], p["noor"]])
    AgreementSign.objects.create(
        family=family, agreement=phones, participant=p["sanne"], agreed_at=at(18)
    )
    timeline("agreement", "added", sanne, phones.text, 18, mornings)


def _degroot_plan(family, users, daan_member, today, now):
    """A small plan for the De Groot family."""
    from samenplan.plan.models import Goal, HelpQuestion, Step

    at, timeline, scores = _plan_helpers(family, now)
    anouk, daan = users["anouk"], users["daan"]
    question = HelpQuestion.objects.create(
        family=family,
        text="Hoe houden we goed contact nu Daan bij zijn oom woont, en hoe komt hij weer thuis?",
        created_by=anouk,
        created_at=at(120),
        decided_by=daan,
        decided_at=at(118),
    )
    timeline("help_question", "added", anouk, question.text, 118)
    goal = Goal.objects.create(
        family=family,
        text="Daan maakt zijn stage-uren af",
        domain="school",
        owner=daan_member,
        why="Dan kan ik volgend jaar verder met mijn opleiding.",
        scale_low="Ik ga niet meer",
        scale_high="Alle uren gehaald",
        created_by=daan,
        created_at=at(100),
        decided_by=daan,
        decided_at=at(100),
    )
    timeline("goal", "added", daan, goal.text, 100, goal)
    scores(goal, daan, (90, 4), (30, 7))
    Step.objects.create(
        family=family,
        text="Daan belt mama elke zondagavond",
        owner=Participant.objects.get(family=family, user=daan),
        goal=None,
        created_by=daan,
        created_at=at(90),
        decided_by=daan,
        decided_at=at(90),
    )
    timeline("step", "added", daan, "Daan belt mama elke zondagavond", 90)


def _gi() -> Organization:
    return Organization.objects.get_or_create(
        name="Jeugdbescherming Regio Oost",
        defaults={"kind": "gi", "municipality": "Oosterveld", "safety_mandate": True},
    )[0]


def _data_rights(bakker, degroot, users, participants, members, wijkteam) -> None:
    """Issue 8's part of the story: a consent withdrawn earlier (Bakker) and one
    emergency access by a professional of the GI (De Groot)."""
    from samenplan.families.models import EmergencyAccess

    now = timezone.now()
    gi = _gi()
    if not Participant.objects.filter(family=bakker, user__email="sophie@example.org").exists():
        sophie = _professional(
            "sophie@example.org",
            "Sophie Verbeek",
            Organization.objects.get_or_create(
                name="Basisschool De Linde",
                defaults={"kind": "school", "municipality": "Oosterveld"},
            )[0],
            "Schoolmaatschappelijk werker",
            "06 12 34 56 06",
            "Maandag, dinsdag en donderdag",
        )
        seat = Participant.objects.create(
            family=bakker,
            user=sophie,
            role="professional",
            organization_name="Basisschool De Linde",
            active_from=now - timedelta(days=40),
            active_to=now - timedelta(days=21),
        )
        for giver in ("sanne", "youssef", "noor"):
            Consent.objects.create(
                family=bakker,
                participant=seat,
                member=members[giver],
                given_by=users[giver],
                given_at=now - timedelta(days=39),
                withdrawn_at=now - timedelta(days=21),
                withdrawn_by=users["sanne"],
            )
        AuditEvent.objects.create(
            at=now - timedelta(days=21),
            actor=users["sanne"],
            actor_name=users["sanne"].name,
            role="parent",
            family=bakker,
            data="consent",
            action="consent_withdraw",
        )
    if not EmergencyAccess.objects.filter(family=degroot).exists():
        pieter = _professional(
            "pieter@example.org",
            "Pieter Mol",
            gi,
            "Jeugdbeschermer",
            "06 12 34 56 07",
            "Werkdagen, en bij spoed via de piketdienst",
        )
        seat = Participant.objects.create(
            family=degroot,
            user=pieter,
            role="professional",
            organization_name=gi.name,
            active_from=now - timedelta(days=12),
        )
        started = now - timedelta(days=10)
        EmergencyAccess.objects.create(
            family=degroot,
            participant=seat,
            organization=gi,
            reason=(
                "Melding van de politie over ruzie bij oom Rob. Ik moest de afspraken over "
                "veiligheid en de contactgegevens direct lezen."
            ),
            started_at=started,
            expires_at=started + timedelta(hours=24),
        )
        for data, hours in (("emergency_access", 0), ("family_home", 1), ("safety", 1)):
            AuditEvent.objects.create(
                at=started + timedelta(minutes=5 + hours * 10),
                actor=pieter,
                actor_name=pieter.name,
                role="professional",
                organization=gi.name,
                family=degroot,
                data=data,
                action="create" if data == "emergency_access" else "view",
                emergency=True,
            )


def _yilmaz(users, wijkteam) -> None:
    """A small family whose trajectory ended well: closed, with its own plan.

    Elif has since asked to destroy the file; Ingrid de Wit, the privacy
    officer of Wijkteam Oost, answers it, with a colleague confirming.
    """
    from samenplan.families.models import (
        Closing,
        ClosingAnswer,
        ClosingCriterion,
        ContinuePlan,
        DestructionRequest,
    )

    if Family.objects.filter(name="Gezin Yilmaz").exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    family = Family.objects.create(
        name="Gezin Yilmaz",
        phase=Family.Phase.CLOSE,
        municipality="Oosterveld",
        organization=wijkteam,
        created_at=now - timedelta(days=300),
        closed_at=now - timedelta(days=40),
    )
    mother = Member.objects.create(
        family=family,
        name="Elif Yilmaz",
        birth_date=_born(today, 34, 10),
        relation="moeder",
        has_authority=True,
        sex="v",
    )
    Member.objects.create(
        family=family, name="Can Yilmaz", birth_date=_born(today, 8, 50), relation="kind", sex="m"
    )
    elif_user = _user("elif@example.org", "Elif Yilmaz")
    seat = Participant.objects.create(
        family=family,
        user=elif_user,
        role="parent",
        member=mother,
        is_coordinator=True,
        active_from=now - timedelta(days=300),
    )
    bram = Participant.objects.create(
        family=family,
        user=users["bram"],
        role="professional",
        organization_name="Wijkteam Oost",
        active_from=now - timedelta(days=290),
        active_to=now - timedelta(days=40),
    )
    Consent.objects.create(
        family=family,
        participant=bram,
        member=mother,
        given_by=elif_user,
        given_at=now - timedelta(days=289),
    )
    ClosingCriterion.objects.create(
        family=family,
        text="Can slaapt weer door en gaat met plezier naar school",
        created_by=elif_user,
        created_at=now - timedelta(days=280),
        met=True,
    )
    ClosingAnswer.objects.create(
        family=family,
        participant=seat,
        answer="yes",
        note="Het gaat goed, we kunnen het zelf.",
        created_at=now - timedelta(days=35),
    )
    ClosingAnswer.objects.create(
        family=family, participant=bram, answer="yes", created_at=now - timedelta(days=35)
    )
    ContinuePlan.objects.create(
        family=family,
        what_works="Elke avond hetzelfde ritueel: voorlezen, licht uit om acht uur.",
        who_helps="Buurvrouw Ayse haalt Can op dinsdag uit school.",
        whom_to_call="Het wijkteam (Wijkteam Oost) als het weer moeilijk wordt.",
        written_by=elif_user,
        confirmed_by=elif_user,
        confirmed_at=now - timedelta(days=41),
    )
    Closing.objects.create(
        family=family,
        closed_at=now - timedelta(days=40),
        closed_by=elif_user,
        framework=family.legal_framework,
        ended=[{"id": bram.pk, "coordinator": False}],
    )
    asked = DestructionRequest.objects.create(
        family=family,
        organization=wijkteam,
        requested_by=elif_user,
        member=mother,
        reason="Het gaat goed met ons. We willen niet dat dit nog ergens bewaard blijft.",
        created_at=now - timedelta(days=5),
        answer_before=today + timedelta(days=25),
    )
    AuditEvent.objects.create(
        at=now - timedelta(days=5),
        actor=elif_user,
        actor_name=elif_user.name,
        role="parent",
        family=family,
        data="destruction",
        object_type="destructionrequest",
        object_id=asked.pk,
        action="create",
    )


def _jansen(users, wijkteam, today) -> None:
    """A family that is just starting: Lotte put it in Samenplan this week.

    Fatima accepted and gave Lotte her consent; the father's invitation is
    still open, so Lotte waits. Lotte's closing criteria are a draft.
    """
    from samenplan.families.models import ClosingCriterion, Invitation

    if Family.objects.filter(name="Gezin Jansen").exists():
        return
    now = timezone.now()
    lotte = users["lotte"]
    family = Family.objects.create(
        name="Gezin Jansen",
        phase=Family.Phase.EXPLORE,
        municipality="Oosterveld",
        organization=wijkteam,
        started_by=lotte,
        created_at=now - timedelta(days=3),
    )
    fatima = Member.objects.create(
        family=family,
        name="Fatima Jansen",
        birth_date=_born(today, 36, 80),
        relation="moeder",
        has_authority=True,
        sex="v",
    )
    father = Member.objects.create(
        family=family,
        name="Mark Jansen",
        birth_date=_born(today, 39, 200),
        relation="vader",
        has_authority=True,
        sex="m",
    )
    Member.objects.create(
        family=family, name="Amir Jansen", birth_date=_born(today, 10, 40), relation="kind", sex="m"
    )
    Member.objects.create(
        family=family,
        name="Lieve Jansen",
        birth_date=_born(today, 6, 150),
        relation="kind",
        sex="v",
    )
    seat = Participant.objects.create(
        family=family,
        user=lotte,
        role="professional",
        organization_name=wijkteam.name,
        active_from=now - timedelta(days=3),
        added_by=lotte,
    )
    fatima_user = _user("fatima@example.org", "Fatima Jansen")
    mark_user = _user("mark@example.org", "Mark Jansen")
    Participant.objects.create(
        family=family,
        user=fatima_user,
        role="parent",
        member=fatima,
        added_by=lotte,
        active_from=now - timedelta(days=2),
    )
    Invitation.objects.create(
        family=family,
        email=fatima_user.email,
        name=fatima.name,
        role="parent",
        member=fatima,
        invited_by=lotte,
        created_at=now - timedelta(days=3),
        status="accepted",
        responded_at=now - timedelta(days=2),
    )
    Invitation.objects.create(
        family=family,
        email=mark_user.email,
        name=father.name,
        role="parent",
        member=father,
        invited_by=lotte,
        created_at=now - timedelta(days=3),
    )
    Consent.objects.create(
        family=family,
        participant=seat,
        member=fatima,
        given_by=fatima_user,
        given_at=now - timedelta(days=2),
    )
    for text in (
        "Amir gaat weer met plezier naar school",
        "De ochtenden thuis zijn rustig, zonder schreeuwen",
    ):
        ClosingCriterion.objects.create(
            family=family,
            text=text,
            created_by=lotte,
            created_at=now - timedelta(days=3),
            status=ClosingCriterion.Status.DRAFT,
        )
    for days, actor, role, data, action in (
        (3, lotte, "professional", "family", "create"),
        (3, lotte, "professional", "invitation", "invite"),
        (2, fatima_user, "parent", "invitation", "accept"),
        (2, fatima_user, "parent", "consent", "consent_give"),
        (2, fatima_user, "parent", "family_home", "view"),
    ):
        AuditEvent.objects.create(
            at=now - timedelta(days=days),
            actor=actor,
            actor_name=actor.name,
            role=role,
            organization=wijkteam.name if role == "professional" else "",
            family=family,
            data=data,
            action=action,
        )


ACCOUNTS = [
    ("Sanne Bakker", "sanne@example.org", "moeder, gezin Bakker (zorgcoördinator)", "code"),
    ("Youssef El Idrissi", "youssef@example.org", "vader, gezin Bakker", "code"),
    ("Noor Bakker", "noor@example.org", "jongere (15), gezin Bakker", "code"),
    ("Ria Bakker", "ria@example.org", "oma, netwerk gezin Bakker", "code"),
    ("Anouk de Groot", "anouk@example.org", "moeder, gezin De Groot", "code"),
    ("Daan de Groot", "daan@example.org", "jongere (17), gezin De Groot", "code"),
    ("Eva de Vries", "eva@example.org", "Wijkteam Oost, gezin Bakker", "password"),
    ("Martijn Smit", "martijn@example.org", "Jeugdhulp De Brug, gezin Bakker", "password"),
    ("Joke Mulder", "joke@example.org", "cliëntondersteuner, gezin Bakker", "password"),
    ("Bram Visser", "bram@example.org", "Wijkteam Oost, gezin De Groot", "password"),
    ("Lotte Bos", "lotte@example.org", "Wijkteam Oost, startte gezin Jansen", "password"),
    ("Kees Vermeer", "kees@example.org", "Wijkteam Oost, geen gezin", "password"),
    ("Beheerder", "admin@example.org", "beheerder Wijkteam Oost", "password"),
    (
        "Ingrid de Wit",
        "ingrid@example.org",
        "functionaris voor privacy, Wijkteam Oost",
        "password",
    ),
    ("Elif Yilmaz", "elif@example.org", "moeder, gezin Yilmaz (afgesloten)", "code"),
    ("Fatima Jansen", "fatima@example.org", "moeder, gezin Jansen (net gestart)", "code"),
    ("Pieter Mol", "pieter@example.org", "Jeugdbescherming (GI), noodtoegang De Groot", "password"),
]


# Everyone the demo story names (accounts, and children without one): no text of
# the app itself uses them as an example (a test walks the catalogue).
DEMO_FIRST_NAMES = sorted(
    {name.split()[0] for name, *_rest in ACCOUNTS if " " in name} | {"Sem", "Lina", "Fleur"}
)


def grow_family(family: Family, *, by_user: User, times: int = 20) -> None:
    """Make a family's table, members, invitations and log ``times`` larger.

    Used by the query-count tests and the benchmark: every page must cost the
    same number of queries for the demo family and for this larger one.
    """
    from samenplan.families.actions import account_for_email
    from samenplan.families.models import Invitation

    givers = [m for m in Member.objects.filter(family=family) if m.has_authority or m.is_child]
    for i in range(times):
        user = account_for_email(email=f"netwerk{family.pk}-{i}@example.org", name=f"Netwerk {i}")
        participant = Participant.objects.create(
            family=family, user=user, role="network", relation_label="buur"
        )
        Consent.objects.bulk_create(
            Consent(family=family, participant=participant, member=giver, given_by=by_user)
            for giver in givers
        )
        Member.objects.create(family=family, name=f"Kind {i}", relation="kind")
        Invitation.objects.create(
            family=family,
            email=f"uitgenodigd{family.pk}-{i}@example.org",
            name=f"Uitgenodigd {i}",
            role="network",
            invited_by=by_user,
        )
    AuditEvent.objects.bulk_create(
        AuditEvent(actor_name="Eva de Vries", family=family, data="family_home", action="view")
        for _ in range(times * 10)
    )
    _grow_plan(family, by_user=by_user, times=times)
    from samenplan.demo import decisions as decisions_demo

    decisions_demo.grow(family, by_user=by_user, times=times)
    from samenplan.demo import careteam as careteam_demo

    careteam_demo.grow(family, by_user=by_user, times=times)
    from samenplan.demo import network as network_demo

    network_demo.grow(family, by_user=by_user, times=times)


def _grow_plan(family: Family, *, by_user: User, times: int) -> None:
    """Goals, scores, steps, proposals, help-question versions and timeline, ``times`` over."""
    from samenplan.plan.models import Goal, GoalScore, HelpQuestion, Step, TimelineEntry

    seats = list(Participant.objects.filter(family=family).order_by("id"))
    existing = list(Goal.objects.filter(family=family, status="accepted"))
    goals = Goal.objects.bulk_create(
        Goal(
            family=family,
            text=f"Extra doel {i}",
            domain="vrije_tijd",
            created_by=by_user,
            status="proposed" if i % 5 == 0 else "accepted",
        )
        for i in range(times)
    )
    GoalScore.objects.bulk_create(
        GoalScore(family=family, goal=goal, author=seat.user, score=(i + j) % 11)
        for i, goal in enumerate(goals + existing)
        for j, seat in enumerate(seats[:5])
    )
    Step.objects.bulk_create(
        Step(
            family=family,
            text=f"Extra stap {i}",
            owner=seats[i % len(seats)],
            goal=goals[i % len(goals)] if i % 2 else (existing[0] if existing else None),
            created_by=by_user,
            status="proposed" if i % 7 == 0 else "accepted",
            done_at=timezone.now() if i % 3 == 0 else None,
        )
        for i in range(times * 2)
    )
    HelpQuestion.objects.bulk_create(
        HelpQuestion(family=family, text=f"Voorstel {i}", created_by=by_user, status="proposed")
        for i in range(times // 4)
    )
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            family=family, kind="step", action="added", actor=by_user, summary=f"Stap {i}"
        )
        for i in range(times * 10)
    )
