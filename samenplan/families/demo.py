"""The demo families (see shared DEMO.md): one story, told with respect.

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
from samenplan.lib.dates import years_before

from .models import Consent, Family, Member, Participant

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


def _professional(email, name, org, function, phone, reachability, is_admin=False) -> User:
    user = _user(email, name, DEMO_PASSWORD)
    Professional.objects.get_or_create(
        user=user,
        defaults={
            "organization": org,
            "function": function,
            "phone": phone,
            "reachability": reachability,
            "is_org_admin": is_admin,
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
        "admin": _professional(
            "admin@example.org",
            "Beheerder Wijkteam Oost",
            wijkteam,
            "Applicatiebeheerder",
            "",
            "Werkdagen",
            is_admin=True,
        ),
    }

    bakker = Family.objects.filter(name="Gezin Bakker").first()
    if bakker is None:
        bakker = Family.objects.create(
            name="Gezin Bakker", phase=Family.Phase.PLAN, created_at=ago(days=92)
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
        history = [
            ("eva", "family_home", 3),
            ("martijn", "family_home", 2),
            ("sanne", "consent", 2),
            ("joke", "family_home", 1),
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

    members = {
        f"{m.name.split()[0].lower()}": m
        for m in Member.objects.filter(family__in=[bakker, degroot])
    }
    participants = {}
    for participant in Participant.objects.filter(family__in=[bakker, degroot]).select_related(
        "user"
    ):
        participants[participant.user.email.split("@")[0]] = participant
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
    ("Lotte Bos", "lotte@example.org", "Wijkteam Oost, geen gezin", "password"),
    ("Beheerder", "admin@example.org", "beheerder Wijkteam Oost", "password"),
]


def grow_family(family: Family, *, by_user: User, times: int = 20) -> None:
    """Make a family's table, members, invitations and log ``times`` larger.

    Used by the query-count tests and the benchmark: every page must cost the
    same number of queries for the demo family and for this larger one.
    """
    from .actions import account_for_email
    from .models import Invitation

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
