"""The demo's decisions (docs/demo.md): Sem and the after-school care, the help at
home that the Bakkers decided together, and the GI's decision about Daan.

Created once per family; dates are relative to the day the demo is loaded.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samenplan.decisions.actions import WAIT_TEXT
from samenplan.decisions.models import Argument, Assent, Check, Decision, Objection, Option, View
from samenplan.families.models import Family, Member, Participant
from samenplan.plan.models import TimelineEntry


def _helpers(family: Family, today):
    now = timezone.now()

    def at(days):
        return now - timedelta(days=days)

    def options(decision, author, days, *texts):
        made = [
            Option.objects.create(
                family=family,
                decision=decision,
                text=text,
                is_wait=text == WAIT_TEXT,
                created_by=author,
                created_at=at(days),
            )
            for text in (*texts, WAIT_TEXT)
        ]
        return made

    def argue(option, kind, author, text, days):
        Argument.objects.create(
            family=family, option=option, kind=kind, text=text, author=author, created_at=at(days)
        )

    def view(decision, who: Participant | None, option, certainty, days, **kw):
        View.objects.create(
            family=family,
            decision=decision,
            participant=who,
            member=kw.pop("member", None) or (who.member if who else None),
            written_by=kw.pop("written_by", None) or who.user,
            option=option,
            certainty=certainty,
            created_at=at(days),
            **kw,
        )

    def line(action, actor, summary, days, decision=None):
        TimelineEntry.objects.create(
            family=family,
            kind="decision",
            action=action,
            actor=actor,
            summary=summary,
            at=at(days),
            decision=decision,
        )

    return at, options, argue, view, line


def build_bakker(family: Family, users, p: dict[str, Participant], m: dict[str, Member], today):
    if Decision.objects.filter(family=family).exists():
        return
    at, options, argue, view, line = _helpers(family, today)
    sanne, youssef, noor, eva = users["sanne"], users["youssef"], users["noor"], users["eva"]

    # Decided together, two months ago: help at home from De Brug.
    home = Decision.objects.create(
        family=family,
        question="Krijgen we hulp thuis van Jeugdhulp De Brug?",
        why_now="De ochtenden lopen steeds vaker uit op ruzie. Eva kan nu hulp aanvragen.",
        created_by=eva,
        created_at=at(70),
    )
    at_home, talks, _wait = options(
        home,
        eva,
        70,
        "Ja, iemand van De Brug komt twee keer per week thuis helpen",
        "Eerst alleen gesprekken met Eva van het wijkteam",
    )
    argue(at_home, "pro", sanne, "Iemand die 's ochtends meekijkt en meedenkt", 69)
    argue(at_home, "con", noor, "Weer een nieuw gezicht in huis", 68)
    argue(talks, "pro", youssef, "Rustiger, we kennen Eva al", 68)
    view(home, p["sanne"], at_home, 8, 67, matters="Dat de ochtenden rustiger worden.")
    view(
        home,
        p["youssef"],
        at_home,
        6,
        66,
        matters="Dat ik ook bij de gesprekken mag zijn.",
        words="Goed, als ik er ook bij betrokken word.",
    )
    view(
        home,
        p["noor"],
        at_home,
        5,
        66,
        matters="Dat hij niet steeds over school begint.",
        words="Oké, maar ik wil eerst kennismaken.",
    )
    view(home, p["eva"], at_home, 7, 65, matters="Snel hulp bij de ochtenden.")
    view(home, p["ria"], at_home, 9, 65, words="Dan staat Sanne er niet alleen voor.")
    home.mode = Decision.Mode.TOGETHER
    home.chosen = at_home
    home.outcome = (
        "Martijn van De Brug komt drie maanden lang op dinsdag en donderdag thuis helpen. "
        "Hij helpt vooral bij de ochtenden."
    )
    home.reason = "Sanne, Youssef en Noor willen het proberen. De ochtenden zijn nu het zwaarst."
    home.review_on = today + timedelta(days=30)
    home.outcome_version = 1
    home.outcome_by = sanne
    home.outcome_at = at(63)
    home.decided_at = at(62)
    home.state = Decision.State.DECIDED
    home.version = 2
    home.save()
    for key, days in (("sanne", 63), ("youssef", 62), ("noor", 62)):
        Assent.objects.create(
            family=family,
            decision=home,
            member=m[key],
            given_by=users[key],
            outcome_version=1,
            agrees=True,
            created_at=at(days),
        )
    answered = {"sanne": (5, 5, 4, 5), "youssef": (4, 3, 3, 4), "noor": (4, 4, 3, 2)}
    for key, answers in answered.items():
        heard, could_say, together, know_next = answers
        Check.objects.create(
            family=family,
            decision=home,
            participant=p[key],
            heard=heard,
            could_say=could_say,
            together=together,
            know_next=know_next,
            created_at=at(60),
        )
    line("added", eva, home.question, 70, home)
    line("decided", sanne, f"{home.question} → {home.outcome}", 62, home)

    # Open: Sem and the after-school care.
    bso = Decision.objects.create(
        family=family,
        question="Gaat Sem naar de naschoolse opvang?",
        why_now=(
            "Sem vindt de middagen na school lang en er is vaak ruzie over huiswerk. "
            "Na de kerstvakantie is er een plek vrij op de bso bij school."
        ),
        decide_by=today + timedelta(days=14),
        about=m["sem"],
        created_by=sanne,
        created_at=at(12),
    )
    opvang, wednesday, football, _wait = options(
        bso,
        sanne,
        12,
        "Ja, Sem gaat drie middagen naar de bso",
        "Sem is op woensdagmiddag bij papa",
        "Sem gaat vaker naar voetbal bij Kees",
    )
    argue(opvang, "pro", sanne, "Hulp bij het huiswerk, en ik kan een middag langer werken", 11)
    argue(opvang, "con", youssef, "Lange dagen voor Sem", 10)
    argue(wednesday, "pro", youssef, "Meer tijd met zijn vader", 10)
    argue(football, "pro", noor, "Daar is Sem het blijst", 9)
    argue(football, "con", eva, "De training is maar twee middagen per week", 8)
    view(
        bso,
        p["sanne"],
        opvang,
        8,
        10,
        matters="Rust na school, en dat het huiswerk af is.",
        words="Ik denk dat Sem het leuk vindt als hij er eenmaal is.",
    )
    view(
        bso,
        p["youssef"],
        wednesday,
        9,
        9,
        matters="Dat Sem zijn vader vaak ziet.",
        words="Ik wil Sem op woensdag bij mij. Dan is hij weg van huis, maar wel bij zijn vader.",
    )
    view(
        bso,
        p["noor"],
        football,
        7,
        8,
        words="Sem heeft voetbal meer nodig dan de bso. Daar is hij blij.",
    )
    view(
        bso,
        None,
        None,
        5,
        7,
        member=m["sem"],
        written_by=sanne,
        matters="Dat ik met Milan kan spelen.",
        words="Ik ga alleen als Milan ook gaat.",
    )
    view(bso, p["eva"], opvang, 6, 6, needs="Weten of Milan ook naar de bso gaat.")
    view(bso, p["ria"], opvang, 7, 5, words="Dan heeft Sanne wat meer lucht.")
    line("added", sanne, bso.question, 12, bso)

    # Open, two days old: Youssef asked about the Christmas holiday and gave his
    # view; Sanne's and Noor's views are still missing ("Wacht op jou").
    christmas = Decision.objects.create(
        family=family,
        question="Hoe verdelen we de kerstvakantie tussen de twee huizen?",
        why_now="De vakantie begint over drie weken. Sem en Noor willen weten waar ze zijn.",
        decide_by=today + timedelta(days=10),
        created_by=youssef,
        created_at=at(2),
    )
    first_week, _second_week, _wait = options(
        christmas,
        youssef,
        2,
        "De eerste week bij Youssef, de tweede bij Sanne",
        "De tweede week bij Youssef, met oud en nieuw",
    )
    view(
        christmas,
        p["youssef"],
        first_week,
        7,
        2,
        matters="Dat Sem en Noor met kerst bij hun oma in Utrecht kunnen zijn.",
    )
    line("added", youssef, christmas.question, 2, christmas)


def build_degroot(family: Family, users, members: dict[str, Member], today):
    if Decision.objects.filter(family=family).exists():
        return
    at, options, argue, view, line = _helpers(family, today)
    anouk, daan, bram = users["anouk"], users["daan"], users["bram"]
    seats = {
        p.user_id: p for p in Participant.objects.filter(family=family).select_related("member")
    }
    where = Decision.objects.create(
        family=family,
        question="Waar woont Daan in de schoolweken?",
        why_now="Thuis is er veel ruzie. Daan moet zijn stage kunnen afmaken.",
        about=members["daan"],
        created_by=bram,
        created_at=at(80),
    )
    home, uncle, _wait = options(
        where,
        bram,
        80,
        "Daan woont thuis bij zijn moeder",
        "Daan woont drie maanden in de schoolweken bij oom Rob",
    )
    argue(home, "pro", daan, "Dicht bij mijn vrienden en mijn voetbalclub", 79)
    argue(uncle, "pro", anouk, "Rust, voor Daan en voor mij", 79)
    argue(uncle, "con", daan, "Een uur reizen naar mijn stage", 78)
    view(
        where,
        seats[anouk.pk],
        uncle,
        6,
        78,
        matters="Dat de ruzies stoppen en Daan zijn stage haalt.",
        words="Ik vind het moeilijk, maar thuis gaat het nu niet goed.",
    )
    view(
        where,
        seats[daan.pk],
        home,
        9,
        78,
        matters="Mijn vrienden en mijn voetbal.",
        words="Ik wil thuis wonen. Bij mijn oom ben ik ver weg van alles.",
    )
    view(where, seats[bram.pk], uncle, 7, 77, matters="Een rustige plek voor Daan.")
    where.mode = Decision.Mode.GI
    where.chosen = uncle
    where.outcome = (
        "Daan woont drie maanden in de schoolweken bij zijn oom Rob. "
        "In de weekenden is hij thuis bij zijn moeder."
    )
    where.reason = (
        "Thuis was er veel ruzie. De GI wil dat Daan rustig zijn stage kan afmaken. "
        "Na drie maanden kijken we samen opnieuw."
    )
    where.legal_basis = (
        "Ondertoezichtstelling door de kinderrechter (BW 1:255), met een machtiging "
        "uithuisplaatsing (BW 1:265b)."
    )
    where.review_on = today + timedelta(days=15)
    where.outcome_version = 1
    where.outcome_by = bram
    where.outcome_at = at(75)
    where.decided_at = at(75)
    where.state = Decision.State.DECIDED
    where.version = 2
    where.save()
    Objection.objects.create(
        family=family,
        decision=where,
        author=daan,
        member=members["daan"],
        text="ik mijn vrienden en mijn voetbal mis. Ik wil zelf meebeslissen waar ik woon.",
        created_at=at(74),
    )
    for user, answers in ((daan, (2, 3, 1, 4)), (anouk, (3, 3, 2, 4))):
        heard, could_say, together, know_next = answers
        Check.objects.create(
            family=family,
            decision=where,
            participant=seats[user.pk],
            heard=heard,
            could_say=could_say,
            together=together,
            know_next=know_next,
            created_at=at(73),
        )
    line("added", bram, where.question, 80, where)
    line("decided", bram, f"{where.question} → {where.outcome}", 75, where)
    line("objected", daan, where.question, 74, where)


def grow(family: Family, *, by_user, times: int) -> None:
    """``times`` more decisions with options, pros and cons, views and checks."""
    seats = list(Participant.objects.filter(family=family).exclude(role="client_supporter"))
    decisions = Decision.objects.bulk_create(
        Decision(
            family=family,
            question=f"Extra vraag {i}",
            created_by=by_user,
            state="decided" if i % 2 else "open",
            mode="samen" if i % 2 else "",
        )
        for i in range(times)
    )
    made = Option.objects.bulk_create(
        Option(family=family, decision=d, text=f"Keuze {j}", created_by=by_user)
        for d in decisions
        for j in range(3)
    )
    Argument.objects.bulk_create(
        Argument(family=family, option=o, kind="pro", text="Voordeel", author=by_user) for o in made
    )
    first_option = {o.decision_id: o for o in reversed(made)}
    target = Decision.objects.filter(family=family).order_by("id").first()
    target_options = list(Option.objects.filter(decision=target))
    View.objects.bulk_create(
        View(
            family=family,
            decision=d,
            participant=seat,
            member=seat.member,
            written_by=seat.user,
            option=first_option.get(d.pk),
            certainty=5,
        )
        for d in decisions
        for seat in seats[:5]
    )
    # The first decision of the family gets a crowd of views and checks too.
    View.objects.bulk_create(
        View(
            family=family,
            decision=target,
            participant=seat,
            member=seat.member,
            written_by=seat.user,
            option=target_options[i % len(target_options)] if target_options else None,
            certainty=i % 11,
        )
        for i, seat in enumerate(seats)
        for _ in range(2)
    )
    Check.objects.bulk_create(
        Check(
            family=family,
            decision=d,
            participant=seat,
            heard=3,
            could_say=4,
            together=2,
            know_next=5,
        )
        for d in decisions
        if d.state == "decided"
        for seat in seats[:3]
    )
