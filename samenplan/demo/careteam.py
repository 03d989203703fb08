"""The demo's table (docs/demo.md): role cards for Eva and Martijn (Martijn's still
missing a part), Sanne as coordinator, a past meeting with a confirmed summary,
a planned meeting with a fourth professional, a safety scenario, report-backs,
and the directory of independent support in Oosterveld.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samenplan.accounts.models import Professional
from samenplan.careteam.models import (
    AgendaItem,
    CoordinatorChange,
    Meeting,
    PhaseNeed,
    Report,
    ReportBack,
    RoleCard,
    SafetyScenario,
    SafetySign,
    SupportService,
    TableChoice,
)
from samenplan.families.models import Family, Participant
from samenplan.plan.models import Agreement, HelpQuestion, TimelineEntry


def build_directory(joke_user) -> None:
    if SupportService.objects.filter(municipality="Oosterveld").exists():
        return
    contact = Professional.objects.filter(user=joke_user).first()
    SupportService.objects.bulk_create(
        [
            SupportService(
                municipality="Oosterveld",
                kind="clientondersteuning",
                name="Cliëntondersteuning Samen Sterk",
                description=(
                    "Onafhankelijke cliëntondersteuners. Ze denken met jullie mee, gaan mee "
                    "naar gesprekken en helpen jullie zeggen wat je wilt. Gratis."
                ),
                phone="06 12 34 56 03",
                email="info@samensterk.example.org",
                hours="Maandag, woensdag en vrijdag",
                contact=contact,
            ),
            SupportService(
                municipality="Oosterveld",
                kind="vertrouwenspersoon",
                name="AKJ, vertrouwenspersoon jeugdhulp",
                description=(
                    "Heb je een vraag of een klacht over de hulp? De vertrouwenspersoon "
                    "luistert en helpt, ook als je jong bent. Gratis en onafhankelijk."
                ),
                phone="088 555 1000",
                website="https://www.akj.nl",
                hours="Werkdagen, 9 tot 17 uur",
            ),
            SupportService(
                municipality="Oosterveld",
                kind="ervaringsdeskundige",
                name="Ervaringsdeskundigen Oosterveld",
                description=(
                    "Ouders en jongeren die zelf jeugdhulp hebben gehad. Ze weten hoe het "
                    "voelt en praten met je mee."
                ),
                email="contact@ervaring-oosterveld.example.org",
            ),
            SupportService(
                municipality="Oosterveld",
                kind="buddy",
                name="Buddyproject Oosterveld",
                description=(
                    "Een vrijwilliger die een paar uur per week met een jongere optrekt: "
                    "sporten, praten, iets leuks doen."
                ),
                phone="0570 12 34 56",
            ),
        ]
    )


def build_bakker(family: Family, users, p: dict[str, Participant]) -> None:
    if RoleCard.objects.filter(family=family).exists():
        return
    now = timezone.now()
    today = timezone.localdate()

    def at(days, hours=0):
        return now - timedelta(days=days, hours=hours)

    def on(days, hour, minute=0):
        """A meeting ``days`` ago (negative: ahead) at a time people meet, not at night."""
        day = today - timedelta(days=days)
        return timezone.make_aware(
            timezone.datetime.combine(day, timezone.datetime.min.time())
        ) + timedelta(hours=hour, minutes=minute)

    Family.objects.filter(pk=family.pk).update(municipality="Oosterveld")
    question = (
        HelpQuestion.objects.filter(family=family, status="accepted")
        .order_by("-decided_at")
        .first()
    )
    first_question = HelpQuestion.objects.filter(family=family).order_by("created_at").first()
    RoleCard.objects.create(
        family=family,
        participant=p["eva"],
        help_question=question,
        work=(
            "Ik ben jullie eerste aanspreekpunt bij het wijkteam. Ik kom om de twee weken "
            "langs en houd contact met de school van Noor."
        ),
        my_part="Rust in huis, en dat Noor weer naar school gaat. Ik regel de hulp die past.",
        authority=(
            "Ik kan hulp aanvragen bij de gemeente en afspraken maken met school. "
            "Ik kan geen hulp opleggen."
        ),
        on_worry=(
            "Ik zeg het eerst tegen jullie. Samen kijken we wat nodig is. Gaat het om "
            "veiligheid, dan volg ik de afspraken op de pagina Veiligheid en de meldcode."
        ),
        needs="Dat jullie zeggen als iets niet werkt. Van Martijn: elke vrijdag een kort bericht.",
        ending="Als de ochtenden rustig gaan en Noor weer elke dag naar school gaat.",
        reachability="Maandag tot en met donderdag, 9 tot 17 uur. 06 12 34 56 01.",
        updated_at=at(40),
    )
    RoleCard.objects.create(
        family=family,
        participant=p["martijn"],
        help_question=first_question,
        work="Ik kom op dinsdag en donderdag om half acht en help bij de ochtend.",
        my_part="Rustige ochtenden thuis.",
        authority="Ik geef tips en oefen mee. Ik beslis niets over jullie gezin.",
        on_worry="Ik bespreek het met Sanne en met Eva van het wijkteam.",
        needs="Dat de kinderen weten dat ik kom, en wat we gaan oefenen.",
        ending="",
        reachability="Dinsdag en donderdag, ook 's avonds tot 20 uur.",
        updated_at=at(55),
    )
    CoordinatorChange.objects.create(
        family=family, participant=p["sanne"], changed_by=users["sanne"], at=at(90)
    )
    for phase, participant, who, why, days in (
        (
            "in_kaart",
            p["eva"],
            "",
            "Eerste contact, brengt samen met ons in kaart wat er speelt",
            90,
        ),
        ("plan", p["eva"], "", "Helpt ons het plan te maken", 80),
        ("hulp", p["martijn"], "", "Hulp thuis bij de ochtenden", 60),
        ("hulp", None, "Schoolmaatschappelijk werk", "Via Eva, als het om school gaat", 21),
    ):
        PhaseNeed.objects.create(
            family=family,
            phase=phase,
            participant=participant,
            who=who,
            why=why,
            created_by=users["sanne"],
            created_at=at(days),
        )
    TableChoice.objects.create(
        family=family,
        about="Schoolmaatschappelijk werker",
        choice="keep_small",
        reason="We houden het bij drie. Eva houdt contact met de school.",
        count=4,
        limit=3,
        chosen_by=users["sanne"],
        at=at(21),
    )

    # A past meeting with a summary the family confirmed.
    past = Meeting.objects.create(
        family=family,
        starts_at=on(30, 19, 30),
        minutes=60,
        place_kind="thuis",
        place="Thuis bij Sanne",
        phase="plan",
        summary=(
            "We hebben gepraat over de ochtenden. Die zijn nog vaak druk. Martijn komt op dinsdag "
            "en donderdag. Noor wil dat het niet alleen over school gaat. Dat vinden we allemaal "
            "goed. Over vier weken kijken we hoe het gaat."
        ),
        summary_status="confirmed",
        summary_by=users["eva"],
        confirmed_by=users["sanne"],
        confirmed_at=at(28),
        created_by=users["eva"],
        created_at=at(40),
        version=3,
    )
    past.invited.set([p[k] for k in ("sanne", "youssef", "noor", "eva", "martijn")])
    for text, author, by_family, days in (
        ("Ik wil niet dat het alleen over school gaat", "noor", True, 35),
        ("De ochtenden: wat helpt?", "sanne", True, 34),
        ("Afspraken tussen de twee huizen", "youssef", True, 34),
        ("Hoe gaat de hulp van De Brug?", "eva", False, 33),
    ):
        AgendaItem.objects.create(
            family=family,
            meeting=past,
            text=text,
            by_family=by_family,
            author=users[author],
            created_at=at(days),
        )
    Agreement.objects.filter(family=family, text__startswith="Martijn vertelt").update(meeting=past)

    # A short call last week: Eva wrote the summary, the family has not read it yet.
    call = Meeting.objects.create(
        family=family,
        starts_at=on(6, 13),
        minutes=30,
        place_kind="online",
        place="Videobellen",
        phase="hulp",
        summary=(
            "Korte videobel over de ochtenden. Het gaat iets beter sinds de wekker van Noor. "
            "Sem is nog vaak moe. Martijn en Sanne proberen een vaste tijd om naar bed te gaan."
        ),
        summary_status="waiting",
        summary_by=users["eva"],
        created_by=users["eva"],
        created_at=at(9),
        version=2,
    )
    call.invited.set([p[k] for k in ("sanne", "youssef", "eva", "martijn")])

    # A planned meeting, with the school's social worker as a fourth professional.
    coming = Meeting.objects.create(
        family=family,
        starts_at=on(-10, 15, 30),
        minutes=45,
        place_kind="elders",
        place="Wijkcentrum De Linde, Kerkstraat 12",
        phase="hulp",
        guests="Sophie Verbeek, schoolmaatschappelijk werk (professional)",
        guest_professionals=1,
        created_by=users["eva"],
        created_at=at(5),
    )
    coming.invited.set([p[k] for k in ("sanne", "youssef", "noor", "eva", "martijn", "joke")])
    TableChoice.objects.create(
        family=family,
        about="Overleg over school",
        meeting=coming,
        choice="more",
        reason="Alleen voor dit ene overleg, omdat het over school gaat.",
        count=4,
        limit=3,
        chosen_by=users["sanne"],
        at=at(5),
    )
    AgendaItem.objects.create(
        family=family,
        meeting=coming,
        text="Kan Noor eerst halve dagen naar school?",
        by_family=True,
        author=users["noor"],
        created_at=at(3),
    )
    for kind, action, actor, summary, days in (
        ("meeting", "added", users["eva"], past.starts_at.strftime("%d-%m-%Y %H:%M"), 40),
        ("meeting", "accepted", users["sanne"], past.summary[:200], 28),
        ("meeting", "added", users["eva"], coming.starts_at.strftime("%d-%m-%Y %H:%M"), 5),
    ):
        TimelineEntry.objects.create(
            family=family, kind=kind, action=action, actor=actor, summary=summary, at=at(days)
        )

    scenario = SafetyScenario.objects.create(
        family=family,
        if_text="Sanne 's avonds merkt dat de ruzie thuis uit de hand loopt",
        then_text=(
            "belt ze oma Ria om te komen. Lukt dat niet, dan belt ze overdag Eva, en "
            "buiten kantoortijd de crisisdienst jeugd."
        ),
        who_informs="Sanne vertelt het de volgende dag aan Eva. Eva vertelt het aan Martijn.",
        family_can_do="Noor mag naar haar kamer of naar Fleur. Sem en Lina gaan naar oma.",
        created_by=users["eva"],
        created_at=at(50),
    )
    scenario.concerned.set([p[k] for k in ("sanne", "youssef", "ria", "eva", "martijn")])
    for key in ("sanne", "ria", "eva", "martijn"):
        SafetySign.objects.create(
            family=family, scenario=scenario, participant=p[key], version=1, agreed_at=at(49)
        )

    ReportBack.objects.create(
        family=family,
        participant=p["martijn"],
        what="Hoe de ochtenden gaan",
        to_whom="Sanne en Eva",
        every_weeks=2,
        next_due=today - timedelta(days=3),
        last_done_at=at(17),
        created_at=at(58),
    )
    school = ReportBack.objects.create(
        family=family,
        participant=p["eva"],
        what="Hoe het contact met de school van Noor gaat",
        to_whom="Sanne en Youssef",
        every_weeks=4,
        next_due=today + timedelta(days=10),
        last_done_at=at(18),
        created_at=at(80),
    )
    # What Eva reported last time, and that Sanne read it.
    Report.objects.create(
        family=family,
        report_back=school,
        author=users["eva"],
        text=(
            "Ik heb de mentor van Noor gesproken. School wil een opbouwrooster maken. "
            "Noor mag in de pauze naar de stilteruimte."
        ),
        created_at=at(18),
        received_by=users["sanne"],
        received_at=at(17),
    )


def build_degroot(family: Family, users) -> None:
    Family.objects.filter(pk=family.pk, municipality="").update(municipality="Oosterveld")


def grow(family: Family, *, by_user, times: int) -> None:
    """``times`` more meetings, agenda points, safety scenarios, report-backs and choices."""
    seats = list(Participant.objects.filter(family=family).order_by("id"))
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            family=family,
            starts_at=now + timedelta(days=i - times // 2),
            phase="hulp",
            created_by=by_user,
            summary="Verslag" if i % 2 else "",
            summary_status="waiting" if i % 2 else "none",
        )
        for i in range(times)
    )
    for meeting in meetings:
        meeting.invited.set(seats[:6])
    AgendaItem.objects.bulk_create(
        AgendaItem(family=family, meeting=m, text=f"Punt {j}", author=by_user, by_family=j % 2)
        for m in meetings
        for j in range(3)
    )
    scenarios = SafetyScenario.objects.bulk_create(
        SafetyScenario(family=family, if_text=f"Als {i}", then_text="dan", created_by=by_user)
        for i in range(times)
    )
    for scenario in scenarios:
        scenario.concerned.set(seats[:4])
    SafetySign.objects.bulk_create(
        SafetySign(family=family, scenario=s, participant=seats[0], version=1) for s in scenarios
    )
    ReportBack.objects.bulk_create(
        ReportBack(
            family=family,
            participant=seats[i % len(seats)],
            what=f"Terugkoppeling {i}",
            to_whom="het gezin",
            next_due=timezone.localdate() - timedelta(days=i % 5),
        )
        for i in range(times)
    )
    PhaseNeed.objects.bulk_create(
        PhaseNeed(family=family, phase="hulp", who=f"Extra {i}", why="Nodig", created_by=by_user)
        for i in range(times)
    )
    TableChoice.objects.bulk_create(
        TableChoice(
            family=family, about=f"Keuze {i}", choice="more", count=4, limit=3, chosen_by=by_user
        )
        for i in range(times)
    )
    CoordinatorChange.objects.bulk_create(
        CoordinatorChange(family=family, participant=seats[0], changed_by=by_user)
        for _ in range(times)
    )
