"""Samenplan benchmarks: `make bench` (not part of `make test`).

Measures, in one process and one run:

- floor: a login-required view doing one query — the framework's own cost;
- pages: each main page for a participant of the demo family (median of
  at least 300 requests with Django's test client), its ratio to the floor
  and its SQL queries per request;
- growth: the same pages after the family is made 20x larger, and with
  10,000 generated families in the database (``--families 100000`` for the
  big run);
- load: gunicorn (2 sync workers) on 127.0.0.1 with locust headless,
  16 users for 60 s, on SQLite and on PostgreSQL.

Results are printed as a table and written to bench/results.json.
See bench/README.md for how to read them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
sys.path.insert(0, str(ROOT))

ENV = {
    "DEBUG": "0",
    "SAMENPLAN_DEMO": "0",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "WHITENOISE_USE_FINDERS": "1",
    "LOG_LEVEL": "ERROR",
    "DJANGO_SETTINGS_MODULE": "samenplan.settings",
}
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_URL = "postgres://postgres@127.0.0.1:5432/samenplan_bench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per page (>= 300)")
    parser.add_argument("--families", type=int, default=10_000, help="generated families")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--output", default=str(BENCH_DIR / "results.json"))
    return parser.parse_args()


# --- in-process measurements -------------------------------------------------


def setup_django(database_url: str) -> None:
    os.environ.update(ENV)
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"
    # Production password hashing is slow on purpose; sessions are made
    # directly below, so it costs nothing here.


def migrate_and_seed() -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # Production serves hashed static files (WhiteNoise); collect them once.
    call_command("collectstatic", interactive=False, verbosity=0)
    from samenplan.demo.build import build_demo

    demo = build_demo()
    return {"demo": demo}


def measure(client, url: str, n: int) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(20):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Count now: the next request clears the connection's query log.
    query_count = len(queries)
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), query_count


def page_urls(demo) -> dict[str, str]:
    from samenplan.careteam.models import Meeting
    from samenplan.decisions.models import Decision
    from samenplan.plan.models import Goal

    family = demo.bakker.pk
    goal = Goal.objects.get(family=demo.bakker, text__startswith="Noor gaat").pk
    bso = Decision.objects.get(family=demo.bakker, question__startswith="Gaat Sem").pk
    meeting = Meeting.objects.filter(family=demo.bakker).order_by("starts_at").first().pk
    return {
        "Mijn gezinnen": "/mijn-gezinnen/",
        "Ons gezin (family home)": f"/gezin/{family}/",
        "Toestemming": f"/gezin/{family}/toestemming/",
        "Wie bekeek ons dossier? (access log)": f"/gezin/{family}/logboek/",
        "Iemand uitnodigen": f"/gezin/{family}/uitnodigen/",
        "Ons plan": f"/gezin/{family}/plan/",
        "Doel (goal with scores)": f"/gezin/{family}/plan/doelen/{goal}/",
        "Tijdlijn (timeline)": f"/gezin/{family}/plan/tijdlijn/",
        "Stap toevoegen (step form)": f"/gezin/{family}/plan/stappen/nieuw/",
        "Beslissen (decisions)": f"/gezin/{family}/beslissen/",
        "Beslissing (views, agreement table)": f"/gezin/{family}/beslissen/{bso}/",
        "Mening geven (view form)": f"/gezin/{family}/beslissen/{bso}/mening/",
        "Wie doet wat (role cards)": f"/gezin/{family}/wie-doet-wat/",
        "Overleg (meeting)": f"/gezin/{family}/wie-doet-wat/overleg/{meeting}/",
        "Ons netwerk (ecomap)": f"/gezin/{family}/netwerk/",
        "Genogram": f"/gezin/{family}/netwerk/genogram/",
        "Tijdlijn van het gezin": f"/gezin/{family}/netwerk/tijdlijn/",
    }


def generate_families(count: int) -> dict:
    """Add ``count`` families, each with a parent, a child, a professional seat and a log."""
    from django.db import transaction

    from samenplan.accounts.models import User
    from samenplan.audit.models import AuditEvent
    from samenplan.families.models import Consent, Family, Member, Participant

    batch = 2000
    made = 0
    start = time.perf_counter()
    professional = User.objects.get(email="lotte@example.org")
    while made < count:
        size = min(batch, count - made)
        with transaction.atomic():
            families = Family.objects.bulk_create(
                Family(name=f"Gezin Bench {made + i}") for i in range(size)
            )
            users = User.objects.bulk_create(
                User(email=f"bench{made + i}@example.org", name=f"Ouder {made + i}", password="!")
                for i in range(size)
            )
            parents = Member.objects.bulk_create(
                Member(family=f, name=u.name, relation="moeder", has_authority=True)
                for f, u in zip(families, users, strict=True)
            )
            Member.objects.bulk_create(
                Member(family=f, name=f"Kind {f.pk}", relation="kind") for f in families
            )
            Participant.objects.bulk_create(
                Participant(family=f, user=u, role="parent", member=m)
                for f, u, m in zip(families, users, parents, strict=True)
            )
            seats = Participant.objects.bulk_create(
                Participant(family=f, user=professional, role="professional") for f in families
            )
            Consent.objects.bulk_create(
                Consent(family=f, participant=s, member=m, given_by=u)
                for f, s, m, u in zip(families, seats, parents, users, strict=True)
            )
            AuditEvent.objects.bulk_create(
                AuditEvent(actor_name="Bench", family=f, data="family_home", action="view")
                for f in families
                for _ in range(5)
            )
        made += size
    return {
        "families": count,
        "seconds_to_generate": round(time.perf_counter() - start, 1),
        "rows": {
            "families": Family.objects.count(),
            "participants": Participant.objects.count(),
            "audit_events": AuditEvent.objects.count(),
        },
    }


def in_process(args) -> tuple[list[dict], dict]:
    from django.test import Client

    from samenplan.demo.build import grow_family

    seeded = migrate_and_seed()
    demo = seeded["demo"]
    client = Client()
    client.force_login(demo.users["sanne"])

    floor_ms, floor_queries = measure(client, "/bench/floor/", args.requests)
    rows = [
        {
            "name": "floor (login required, 1 query)",
            "url": "/bench/floor/",
            "median_ms": round(floor_ms, 3),
            "floor_ratio": 1.0,
            "queries": floor_queries,
        }
    ]
    urls = page_urls(demo)
    for name, url in urls.items():
        ms, queries = measure(client, url, args.requests)
        rows.append(
            {
                "name": name,
                "url": url,
                "median_ms": round(ms, 3),
                "floor_ratio": round(ms / floor_ms, 2),
                "queries": queries,
            }
        )

    grow_family(demo.bakker, by_user=demo.users["sanne"], times=20)
    for row in rows:
        ms, queries = measure(client, row["url"], args.requests)
        row["median_ms_20x"] = round(ms, 3)
        row["queries_20x"] = queries

    scale = generate_families(args.families)
    scale["pages"] = []
    for row in rows:
        ms, queries = measure(client, row["url"], args.requests)
        scale["pages"].append({"name": row["name"], "median_ms": round(ms, 3), "queries": queries})
    return rows, scale


# --- load with gunicorn and locust ------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_database(database_url: str) -> list[str]:
    """Migrate and seed ``database_url`` in a child process; return session keys."""
    code = (
        f"import bench.run as b; b.setup_django({database_url!r}); b.migrate_and_seed();"
        "print(','.join(b.make_sessions(16)))"
    )
    env = {**os.environ, **ENV, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip().splitlines()[-1].split(",")


def make_sessions(count: int) -> list[str]:
    """Logged-in sessions for Sanne: the load test measures pages, not login."""
    from samenplan.accounts.models import User
    from samenplan.test import logged_in_session

    user = User.objects.get(email="sanne@example.org")
    return [logged_in_session(user) for _ in range(count)]


def family_id(database_url: str) -> int:
    code = (
        f"import bench.run as b; b.setup_django({database_url!r});"
        "from samenplan.families.models import Family;"
        "print(Family.objects.get(name='Gezin Bakker').pk)"
    )
    env = {**os.environ, **ENV, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip().splitlines()[-1])


def run_load(db_name: str, database_url: str, args) -> list[dict]:
    sessions = prepare_database(database_url)
    family = family_id(database_url)
    port = free_port()
    env = {**os.environ, **ENV, "DATABASE_URL": database_url}
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "samenplan.wsgi",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.TemporaryDirectory() as tmp:
            prefix = str(Path(tmp) / "stats")
            locust_env = {
                **os.environ,
                "BENCH_SESSIONS": ",".join(sessions),
                "BENCH_FAMILY": str(family),
            }
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "locust"),
                    "-f",
                    str(BENCH_DIR / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    "--run-time",
                    f"{args.load_seconds}s",
                    "--host",
                    f"http://127.0.0.1:{port}",
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                    "--stop-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=locust_env,
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            with open(prefix + "_stats.csv", newline="") as handle:
                stats = list(csv.DictReader(handle))
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    rows = []
    for stat in stats:
        rows.append(
            {
                "db": db_name,
                "page": stat["Name"],
                "rps": round(float(stat["Requests/s"]), 1),
                "p50_ms": float(stat["50%"]),
                "p95_ms": float(stat["95%"]),
                "errors": int(stat["Failure Count"]),
                "requests": int(stat["Request Count"]),
            }
        )
    return rows


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3
        ):
            return True
    except Exception:
        return False


def recreate_pg_database() -> None:
    import psycopg

    with psycopg.connect(
        "host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True
    ) as conn:
        conn.execute("DROP DATABASE IF EXISTS samenplan_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE samenplan_bench")


# --- output --------------------------------------------------------------------


def print_table(results: dict) -> None:
    print()
    print(
        f"{'page':<40} {'median ms':>10} {'x floor':>8} {'queries':>8} {'ms 20x':>8} {'q 20x':>6}"
    )
    for row in results["rows"]:
        print(
            f"{row['name']:<40} {row['median_ms']:>10.2f} {row['floor_ratio']:>8.2f}"
            f" {row['queries']:>8} {row['median_ms_20x']:>8.2f} {row['queries_20x']:>6}"
        )
    scale = results["scale"]
    print(f"\nWith {scale['families']:,} generated families ({scale['rows']}):")
    for page in scale["pages"]:
        print(f"  {page['name']:<38} {page['median_ms']:>10.2f} ms {page['queries']:>4} queries")
    if results["load"]:
        print(f"\nLoad: gunicorn, sync workers, locust {results['load_settings']}")
        print(f"{'db':<10} {'page':<34} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>7}")
        for row in results["load"]:
            print(
                f"{row['db']:<10} {row['page']:<34} {row['rps']:>7} {row['p50_ms']:>7.0f}"
                f" {row['p95_ms']:>7.0f} {row['errors']:>7}"
            )
    for note in results.get("notes", []):
        print(f"Note: {note}")


def main() -> None:
    args = parse_args()
    if args.requests < 300:
        sys.exit("--requests must be at least 300")
    work = Path(tempfile.mkdtemp(prefix="samenplan-bench-"))
    sqlite_url = f"sqlite:///{work / 'bench.sqlite3'}"
    notes = []
    try:
        setup_django(sqlite_url)
        started = time.perf_counter()
        rows, scale = in_process(args)
        results = {
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "requests_per_page": args.requests,
            "rows": rows,
            "scale": scale,
            "load": [],
            "load_settings": {
                "users": args.users,
                "seconds": args.load_seconds,
                "workers": args.workers,
            },
        }
        results["in_process_seconds"] = round(time.perf_counter() - started, 1)
        if not args.skip_load:
            results["load"] += run_load("sqlite", f"sqlite:///{work / 'load.sqlite3'}", args)
            if postgres_available():
                recreate_pg_database()
                results["load"] += run_load("postgresql", PG_BENCH_URL, args)
            else:
                notes.append("PostgreSQL not reachable on 127.0.0.1:5432: no load run on it.")
        results["notes"] = notes
        Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print_table(results)
        print(f"\nWritten to {args.output}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
