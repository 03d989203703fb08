"""Samenplan benchmarks: `make bench` (not part of `make test`).

In one process (SQLite, or ``--db postgresql``):

- every page a parent (Sanne), a youth (Noor) and a professional (Eva, with
  consent checks, at ``--pro-families`` families) opens, found from the URL
  map, downloads and the PDF included. Each round times the floor (a
  login-required view doing one query) and then the page; a page's figure is
  the median over rounds of page / floor, so a slow moment of the machine
  hits both. Queries per request are counted once.
- scale: the same, after ``--families`` other families (each with
  ``--audit-per-family`` log rows: 100,000 × 100 = ten million) and a
  professional at ``--big-pro`` families, with ``ANALYZE``; each page's
  ratio is compared with its ratio on the small database.
- growth: the demo family made 20 times larger: queries must not grow.

Load, with gunicorn (2 sync workers) on 127.0.0.1 and an open-loop client
(bench/openloop.py): the plan page at ``--rate`` requests per second for
``--load-seconds``; a search for the highest rate that keeps p95 within
150 ms; and each main page at a fixed rate; on SQLite and on PostgreSQL.

Results go to bench/results.json and the tables to bench/README.md.
"""

from __future__ import annotations

import argparse
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
    # No separate worker here: the PDF is made at the first download and kept,
    # so the bench measures the download as a person gets it once it is ready.
    "SAMENPLAN_TASKS": "immediate",
}
PG_SERVER = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
PERSONAS = {"parent": "sanne", "youth": "noor", "professional": "eva"}
# The pages the load run sends traffic to, each at its own rate.
LOAD_PAGES = {
    "plan:plan": 30,
    "families:home": 30,
    "families:list": 30,
    "decisions:list": 30,
    "decisions:detail": 30,
    "careteam:overview": 30,
    "network:overview": 30,
    "families:access_log": 30,
    "exports:pdf": 3,
}
P95_GOAL_MS = 150


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="rounds per page (>= 30)")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--families", type=int, default=10_000, help="other families (scale)")
    parser.add_argument("--audit-per-family", type=int, default=100)
    parser.add_argument("--history", type=int, default=20_000, help="log rows of the demo family")
    parser.add_argument("--pro-families", type=int, default=200)
    parser.add_argument("--big-pro", type=int, default=4000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--step-seconds", type=int, default=15)
    parser.add_argument("--page-seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated page names (e.g. exports:json,plan:plan): measure only "
        "these, in process, and print them; nothing is written",
    )
    parser.add_argument("--output", default=str(BENCH_DIR / "results.json"))
    return parser.parse_args()


# --- in-process ----------------------------------------------------------------


def setup_django(database_url: str) -> None:
    os.environ.update(ENV)
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"


def migrate_and_seed(args) -> dict:
    from django.core.management import call_command

    from bench import data
    from samenplan.demo.build import build_demo
    from samenplan.test import give_totp

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    demo = build_demo()
    give_totp(demo.users["eva"])
    # A lived-in family: two years of reading and writing in its log.
    data.add_history(
        [demo.bakker.pk],
        args.history,
        actor_names=("Sanne Bakker", "Eva de Vries", "Noor Bakker", "Martijn Smit"),
    )
    # Eva works with many families, not only the demo's.
    data.make_families(
        args.pro_families, prefix="Gezin Eva", professional=demo.users["eva"], audit_per_family=100
    )
    data.analyze()
    return demo


def client_for(user):
    from django.conf import settings
    from django.test import Client

    from samenplan.test import logged_in_session

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = logged_in_session(user)
    return client


def timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code}")
    return elapsed


def measure(client, url: str, rounds: int) -> dict:
    """Page and floor in turn; the median of the per-round ratios."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = max(timed(client, url) for _ in range(3))
    for _ in range(5):
        timed(client, "/bench/floor/")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)
    # Slow pages (the PDF) get fewer rounds: about four seconds each.
    rounds = min(rounds, max(15, int(4000 / max(first, 0.1))))
    pages, floors, ratios = [], [], []
    for _ in range(rounds):
        floor = timed(client, "/bench/floor/")
        page = timed(client, url)
        floors.append(floor)
        pages.append(page)
        ratios.append(page / floor)
    return {
        "median_ms": round(statistics.median(pages), 2),
        "floor_ms": round(statistics.median(floors), 3),
        "floor_ratio": round(statistics.median(ratios), 2),
        "queries": queries,
        "rounds": rounds,
    }


def persona_pages(demo) -> dict[str, dict[str, str]]:
    from bench.pages import candidate_urls, pages_for

    urls = candidate_urls(demo.bakker)
    return {
        persona: pages_for(client_for(demo.users[key]), urls) for persona, key in PERSONAS.items()
    }


def measure_all(demo, pages, rounds) -> list[dict]:
    rows = []
    for persona, key in PERSONAS.items():
        client = client_for(demo.users[key])
        for name, url in pages[persona].items():
            rows.append(
                {"persona": persona, "page": name, "url": url, **measure(client, url, rounds)}
            )
            print(
                f"  {persona:<12} {name:<40} {rows[-1]['floor_ratio']:>6.2f}x"
                f" {rows[-1]['queries']:>3} q",
                flush=True,
            )
    return rows


def in_process(args) -> dict:
    from bench import data

    demo = migrate_and_seed(args)
    pages = persona_pages(demo)
    if args.only:
        wanted = set(args.only.split(","))
        pages = {p: {n: u for n, u in urls.items() if n in wanted} for p, urls in pages.items()}
    unknown = set(LOAD_PAGES) - set(pages["parent"])
    if unknown and not args.only:
        raise SystemExit(f"LOAD_PAGES names no page of a parent: {sorted(unknown)}")
    print("Small database:", data.counts(), flush=True)
    small = measure_all(demo, pages, args.rounds)
    result = {"small": small, "small_counts": data.counts()}

    if not args.skip_scale:
        from samenplan.accounts.models import User

        started = time.perf_counter()
        data.make_families(
            args.families, prefix="Gezin Bench", audit_per_family=args.audit_per_family
        )
        big_pro = User.objects.create_user(email="bench-pro@example.org", name="Kim Groot")
        from samenplan.test import give_totp

        give_totp(big_pro)
        data.make_families(args.big_pro, prefix="Gezin Kim", professional=big_pro)
        data.analyze()
        result["scale_seconds_to_generate"] = round(time.perf_counter() - started, 1)
        result["scale_counts"] = data.counts()
        print("Scale database:", result["scale_counts"], flush=True)
        scale = measure_all(demo, pages, args.rounds)
        for before, after in zip(small, scale, strict=True):
            after["vs_small"] = round(after["floor_ratio"] / before["floor_ratio"], 2)
        result["scale"] = scale
        result["big_professional"] = {
            "families": args.big_pro,
            **measure(client_for(big_pro), "/mijn-gezinnen/", args.rounds),
        }

    from samenplan.demo.build import grow_family

    grow_family(demo.bakker, by_user=demo.users["sanne"], times=20)
    client = client_for(demo.users["sanne"])
    for row in small:
        if row["persona"] == "parent":
            grown = measure(client, row["url"], 30)
            row["queries_20x"] = grown["queries"]
            row["floor_ratio_20x"] = grown["floor_ratio"]
    return result


# --- load ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(database_url: str, history: int = 20_000) -> dict:
    """Migrate and seed in a child process (the demo, and ``history`` log rows for
    Bakker); Sanne's session and her pages' URLs."""
    code = (
        f"import json, bench.run as b, sys; b.setup_django({database_url!r});"
        "from samenplan.demo.build import build_demo;"
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0); call_command('createcachetable', verbosity=0);"
        "call_command('collectstatic', interactive=False, verbosity=0);"
        "demo = build_demo(); from bench import data;"
        + (f"data.add_history([demo.bakker.pk], {history});" if history else "")
        + "data.analyze();"
        "from bench.pages import candidate_urls; from samenplan.test import logged_in_session;"
        "print(json.dumps({'session': logged_in_session(demo.users['sanne']),"
        " 'urls': candidate_urls(demo.bakker)}))"
    )
    env = {**os.environ, **ENV, "DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_load(db_name: str, database_url: str, args) -> dict:
    from bench import openloop

    prepared = prepare(database_url)
    cookie = f"sessionid={prepared['session']}"
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
    result = {"db": db_name, "pages": [], "steps": []}
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        plan = prepared["urls"]["plan:plan"]
        # A browser keeps the CSRF cookie it was given; without it every page
        # would be a first visit (and never come from the page cache).
        first = urllib.request.Request(f"http://127.0.0.1:{port}{plan}", headers={"Cookie": cookie})
        with urllib.request.urlopen(first, timeout=30) as response:
            for header in response.headers.get_all("Set-Cookie") or []:
                name_value = header.split(";", 1)[0]
                if name_value.startswith("csrftoken="):
                    cookie = f"{cookie}; {name_value}"
        openloop.run("127.0.0.1", port, [plan], cookie, 20, 3)  # warm both workers
        result["plan"] = {
            "page": "plan:plan",
            **openloop.run("127.0.0.1", port, [plan], cookie, args.rate, args.load_seconds),
        }
        print(f"  {db_name} plan at {args.rate}/s: {result['plan']}", flush=True)
        best = 0.0
        for rate in (50, 75, 100, 125, 150, 175, 200, 250):
            step = openloop.run("127.0.0.1", port, [plan], cookie, rate, args.step_seconds)
            result["steps"].append(step)
            print(
                f"  {db_name} step {rate}/s: p95 {step['p95_ms']} errors {step['errors']}",
                flush=True,
            )
            if step["p95_ms"] <= P95_GOAL_MS and step["errors"] == 0:
                best = rate
            else:
                break
        result["highest_rate_within_goal"] = best
        for name, rate in LOAD_PAGES.items():
            url = prepared["urls"][name]
            page = openloop.run("127.0.0.1", port, [url], cookie, rate, args.page_seconds)
            result["pages"].append({"page": name, **page})
            print(f"  {db_name} {name} at {rate}/s: p95 {page['p95_ms']}", flush=True)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    return result


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_SERVER, connect_timeout=3):
            return True
    except Exception:
        return False


def recreate_pg(name: str) -> str:
    import psycopg

    with psycopg.connect(PG_SERVER, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return PG_URL.format(name=name)


# --- output ------------------------------------------------------------------------


def tables(results: dict) -> str:
    """The results as Markdown, for bench/README.md and the terminal."""
    ip = results["in_process"]
    scale = {(r["persona"], r["page"]): r for r in ip.get("scale", [])}
    lines = [
        f"Last run ({results['generated_at'][:10]}, {results['machine']['cpus']} cores,"
        f" in-process on {results['db']}; floor ≈ {results['floor_ms']} ms):",
        "",
        "| persona | page | queries | × floor | queries 20× | × floor at scale | scale / small |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in ip["small"]:
        big = scale.get((row["persona"], row["page"]), {})
        lines.append(
            f"| {row['persona']} | {row['page']} | {row['queries']} | {row['floor_ratio']}"
            f" | {row.get('queries_20x', '')} | {big.get('floor_ratio', '')}"
            f" | {big.get('vs_small', '')} |"
        )
    if "scale_counts" in ip:
        c, big = ip["scale_counts"], ip["big_professional"]
        lines += [
            "",
            f"Scale database: {c['families']:,} families, {c['participants']:,} seats,"
            f" {c['audit_events']:,} log rows (made in {ip['scale_seconds_to_generate']} s),"
            " after `ANALYZE`.",
            f"Mijn gezinnen for a professional at {big['families']:,} families:"
            f" {big['median_ms']} ms ({big['queries']} queries).",
        ]
    for load in results.get("load", []):
        plan = load["plan"]
        lines += [
            "",
            f"Load on {load['db']} (gunicorn, {results['workers']} sync workers, open loop):",
            "",
            "| page | target /s | achieved /s | seconds | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in [plan, *load["pages"]]:
            lines.append(
                f"| {row['page']} | {row['target_rate']:g} | {row['achieved_rate']}"
                f" | {row['seconds']}"
                f" | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['errors']} |"
            )
        lines.append(
            f"\nPlan page: highest rate with p95 ≤ {P95_GOAL_MS} ms and no errors:"
            f" **{load['highest_rate_within_goal']:g} req/s**"
            f" (steps of {results['step_seconds']} s: "
            + ", ".join(f"{s['target_rate']:g}/s → p95 {s['p95_ms']}" for s in load["steps"])
            + ")."
        )
    for note in results.get("notes", []):
        lines.append(f"\nNote: {note}")
    return "\n".join(lines) + "\n"


def keep_in_readme(text: str) -> None:
    readme = BENCH_DIR / "README.md"
    content = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{text}{end}{after}")


def main() -> None:
    args = parse_args()
    if args.rounds < 30:
        sys.exit("--rounds must be at least 30")
    work = Path(tempfile.mkdtemp(prefix="samenplan-bench-"))
    notes = []
    try:
        if args.db == "postgresql":
            database_url = recreate_pg("samenplan_bench")
        else:
            database_url = f"sqlite:///{work / 'bench.sqlite3'}"
        setup_django(database_url)
        started = time.perf_counter()
        if args.only:
            args.skip_scale = True
            in_process(args)
            return
        in_proc = in_process(args)
        results = {
            "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "db": args.db,
            "floor_ms": round(statistics.median(r["floor_ms"] for r in in_proc["small"]), 2),
            "in_process": in_proc,
            "in_process_seconds": round(time.perf_counter() - started, 1),
            "workers": args.workers,
            "step_seconds": args.step_seconds,
            "load": [],
        }
        # Kept before the load runs, so a failing load does not lose them.
        Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        if not args.skip_load:
            results["load"].append(run_load("sqlite", f"sqlite:///{work / 'load.sqlite3'}", args))
            if postgres_available():
                results["load"].append(run_load("postgresql", recreate_pg("samenplan_load"), args))
            else:
                notes.append("PostgreSQL not reachable on 127.0.0.1:5432: no load run on it.")
        results["notes"] = notes
        Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        text = tables(results)
        print()
        print(text)
        keep_in_readme(text)
        print(f"Written to {args.output} and bench/README.md")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
