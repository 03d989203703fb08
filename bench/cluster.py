"""A real scale-out on one machine, started from nothing, loaded, half killed, stopped.

    make cluster          # up, the drill, the table, down
    make cluster-up       # up, and leave it running (http://127.0.0.1:8100/)
    make cluster-down     # stop it and remove its files

What runs (everything on loopback, in CLUSTER_DIR, default /tmp/samenplan-cluster):

- nginx on :8100 in front of two gunicorn app servers (:8101, :8102). They keep
  nothing of their own: sessions and cache in Redis (127.0.0.1:6379, database 2),
  the task queue on RQ (database 3) with one `rqworker`.
- PostgreSQL: a primary (:5441) and a streaming replica (:5442, made with
  `pg_basebackup -R`), both new clusters made here. Migrations run as
  `samenplan_owner`; the app connects as `samenplan_app`, which may not change
  the audit table (docs/operations.md, "Two database roles"). Reads of pages go
  to the replica (samenplan/lib/replica.py).

The drill: USERS parents (the demo's Sanne, each with a session of her own) read
the plan, the family page and their list of families, and write successes
(the form first, for its CSRF token and one-time token, then the POST, then the
plan page, which must show what they just wrote). Halfway one app server is
killed (SIGKILL, master and workers). Then it counts:

- per app server (nginx's X-Upstream header): requests, errors, p50, p95;
- errors: only requests in flight at the kill may fail (nginx passes a GET on
  to the other server; a POST that reached the dead one is not repeated);
- writes: every write that was answered "saved" is on the primary and, once the
  replica has caught up, on the replica (counted by the drill's own marker).

Exit status 1 when any of these fails. The table goes to bench/README.md and
bench/cluster-results.json.

Written as our own small script (threads and http.client) rather than with
locust, because the drill needs per-request facts that a load tool aggregates
away: which server answered, when an error happened relative to the kill, and
which exact write was acknowledged.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# A fixed place, so that `make cluster-down` finds what `make cluster-up` started.
DIR = Path(os.environ.get("CLUSTER_DIR", Path(tempfile.gettempdir()) / "samenplan-cluster"))
LB_PORT, APP_PORTS = 8100, (8101, 8102)
PRIMARY_PORT, REPLICA_PORT = 5441, 5442
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
CACHE_DB, QUEUE_DB = 2, 3
RESULTS = ROOT / "bench" / "cluster-results.json"
README = ROOT / "bench" / "README.md"
START, END = "<!-- cluster:start -->", "<!-- cluster:end -->"


# --- the parts ----------------------------------------------------------------


def log(text: str) -> None:
    print(f"[cluster] {text}", flush=True)


def as_postgres(cmd: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; the machine's postgres user runs it.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    path = found[-1] if found else shutil.which(name)
    if not path:
        sys.exit(f"{name} not found: install PostgreSQL (apt-get install postgresql).")
    return path


def _version_key(path: str) -> int:
    match = re.search(r"/postgresql/(\d+)/", path)
    return int(match.group(1)) if match else 0


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stdout}{result.stderr}")
    return result


def psql(port: int, sql: str, user: str = "postgres", db: str = "postgres") -> str:
    cmd = [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(port), "-U", user, "-d", db]
    return run([*cmd, "-Atqc", sql]).stdout.strip()


def ensure_nginx() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if path:
        return path
    if os.geteuid() != 0:
        sys.exit("nginx is not installed: apt-get install nginx (as root), then try again.")
    log("installing nginx (Debian package)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "nginx-light"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        run(["apt-get", "update", "-qq"], env=env)
        run(install, env=env)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def ensure_redis() -> None:
    import redis

    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    try:
        client.ping()
    except redis.ConnectionError:
        log("starting Redis")
        args = ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", str(REDIS_PORT)]
        run(["redis-server", *args, "--save", "", "--appendonly", "no"])
        time.sleep(0.5)
        client.ping()
    for db in (CACHE_DB, QUEUE_DB):
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db).flushdb()


def app_env() -> dict:
    secret = DIR / "secret_key"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SAMENPLAN_"))},
        "DJANGO_SETTINGS_MODULE": "samenplan.settings",
        "DEBUG": "0",
        "SECRET_KEY": secret.read_text(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_ROOT": f"http://127.0.0.1:{LB_PORT}",
        # Plain HTTP on loopback: in production nginx terminates TLS (docs/deployment.md).
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"postgres://samenplan_app@127.0.0.1:{PRIMARY_PORT}/samenplan",
        "DATABASE_REPLICA_URL": f"postgres://samenplan_app@127.0.0.1:{REPLICA_PORT}/samenplan",
        "CACHE_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{CACHE_DB}",
        "SESSION_STORE": "cache",
        "SAMENPLAN_TASKS": "rq",
        "REDIS_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/{QUEUE_DB}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(DIR / "mail"),
        "LOG_FORMAT": "json",
        "REQUEST_LOG_LEVEL": "WARNING",
    }


def manage(*args: str, env: dict) -> str:
    return run([str(VENV_BIN / "python"), "manage.py", *args], cwd=ROOT, env=env).stdout


def make_postgres() -> None:
    for name in ("pg-primary", "pg-replica", "sock", "pg-logs"):
        (DIR / name).mkdir(mode=0o700, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(DIR / name, "postgres", "postgres")
    primary, replica = DIR / "pg-primary", DIR / "pg-replica"
    log(f"PostgreSQL primary on :{PRIMARY_PORT}")
    run(as_postgres([pg_bin("initdb"), "-D", str(primary), "-U", "postgres", "-A", "trust",
                     "-E", "UTF8", "--locale=C"]))  # fmt: skip
    settings = (
        f"port = {PRIMARY_PORT}\nlisten_addresses = '127.0.0.1'\n"
        f"unix_socket_directories = '{DIR / 'sock'}'\nwal_level = replica\n"
        "max_wal_senders = 4\nhot_standby = on\nshared_buffers = 64MB\n"
    )
    _append_as_postgres(primary / "postgresql.conf", settings)
    _pg_ctl(primary, "start")
    log(f"streaming replica on :{REPLICA_PORT} (pg_basebackup -R)")
    source = ["-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres"]
    run(as_postgres([pg_bin("pg_basebackup"), *source, "-D", str(replica), "-R", "-X", "stream",
                     "-c", "fast"]))  # fmt: skip
    _append_as_postgres(replica / "postgresql.conf", f"port = {REPLICA_PORT}\n")
    _pg_ctl(replica, "start")
    if psql(REPLICA_PORT, "SELECT pg_is_in_recovery()") != "t":
        sys.exit("the replica is not replaying the primary")
    # The two roles of docs/operations.md: the owner migrates, the app owns nothing.
    psql(PRIMARY_PORT, "CREATE ROLE samenplan_owner LOGIN; CREATE ROLE samenplan_app LOGIN;")
    psql(PRIMARY_PORT, "CREATE DATABASE samenplan OWNER samenplan_owner")


def _append_as_postgres(path: Path, text: str) -> None:
    run(as_postgres(["sh", "-c", f"cat >> {path}"]), input=text)


def _pg_ctl(data: Path, action: str) -> None:
    logfile = data.parent / "pg-logs" / f"{data.name}.log"
    cmd = [pg_bin("pg_ctl"), "-D", str(data), "-w", "-t", "60"]
    if action == "start":
        cmd += ["-l", str(logfile), "start"]
    else:
        cmd += ["-m", "fast", "stop"]
    run(as_postgres(cmd))


GRANTS = """
GRANT USAGE ON SCHEMA public TO samenplan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samenplan_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO samenplan_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditevent FROM samenplan_app;
"""


def migrate_and_seed(env: dict) -> None:
    owner = {**env, "DATABASE_URL": env["DATABASE_URL"].replace("samenplan_app", "samenplan_owner")}
    owner.pop("DATABASE_REPLICA_URL")
    log("migrate as samenplan_owner, the demo families, grants for samenplan_app")
    manage("migrate", "--verbosity", "0", env=owner)
    # The demo's own mail is not kept: the mail folder shows what the worker sent.
    demo = {"SAMENPLAN_DEMO": "1", "SAMENPLAN_TASKS": "immediate",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}  # fmt: skip
    manage("demo", env={**owner, **demo})
    psql(PRIMARY_PORT, GRANTS, user="samenplan_owner", db="samenplan")
    manage("collectstatic", "--no-input", "--verbosity", "0", env=env)
    # The deploy check passes as the app role: it may not change the audit log
    # (samenplan.E003). Only the mail backend differs from a real installation
    # (a file here, which the check rightly refuses), and plain HTTP on loopback
    # leaves warnings, not errors.
    smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend"}
    manage("check", "--deploy", "--database", "default", env={**env, **smtp})


def start_app(port: int, env: dict) -> subprocess.Popen:
    logfile = open(DIR / f"app-{port}.log", "ab")  # noqa: SIM115 - lives as long as the process
    cmd = [str(VENV_BIN / "gunicorn"), "samenplan.wsgi", "--bind", f"127.0.0.1:{port}",
           "--workers", "2", "--pid", str(DIR / f"app-{port}.pid"),
           "--graceful-timeout", "5"]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=logfile, stderr=logfile, start_new_session=True
    )


def start_worker(env: dict) -> subprocess.Popen:
    logfile = open(DIR / "worker.log", "ab")  # noqa: SIM115
    cmd = [str(VENV_BIN / "python"), "manage.py", "rqworker", "default",
           "--job-class", "django_tasks_rq.Job", "--with-scheduler"]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=logfile, stderr=logfile, start_new_session=True
    )


NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/nginx-access.log;
    client_body_temp_path {dir}/nginx-tmp/body;
    proxy_temp_path {dir}/nginx-tmp/proxy;
    fastcgi_temp_path {dir}/nginx-tmp/fastcgi;
    uwsgi_temp_path {dir}/nginx-tmp/uwsgi;
    scgi_temp_path {dir}/nginx-tmp/scgi;
    upstream samenplan {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 6m;
        location / {{
            proxy_pass http://samenplan;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            # A server that is gone: GET and HEAD go to the other one; nginx never
            # repeats a POST that reached a server (no double writes).
            proxy_next_upstream error timeout http_502 http_503;
            add_header X-Upstream $upstream_addr always;
        }}
        # When no app server answers: a page of our own, not nginx's.
        error_page 502 503 504 /storing.html;
        location = /storing.html {{
            root {dir}/html;
            internal;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def nginx_conf(directory: Path = DIR, port: int = LB_PORT, apps=APP_PORTS) -> str:
    servers = "\n".join(
        f"        server 127.0.0.1:{app} max_fails=1 fail_timeout=5s;" for app in apps
    )
    return NGINX_CONF.format(dir=directory, port=port, servers=servers)


def start_nginx(nginx: str) -> subprocess.Popen:
    tmp = DIR / "nginx-tmp"
    tmp.mkdir(exist_ok=True)
    tmp.chmod(0o777)  # nginx's workers run as an unprivileged user
    html = DIR / "html"
    html.mkdir(exist_ok=True)
    shutil.copy(ROOT / "docs" / "deploy" / "storing.html", html / "storing.html")
    conf = DIR / "nginx.conf"
    conf.write_text(nginx_conf())
    run([nginx, "-t", "-c", str(conf), "-p", str(DIR)])
    return subprocess.Popen(
        [nginx, "-c", str(conf), "-p", str(DIR)], start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def wait_for(port: int, path: str = "/gezond/", seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        # Not listening yet (or starting): ask again shortly.
        with contextlib.suppress(OSError):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        time.sleep(0.3)
    sys.exit(f"nothing healthy on :{port} after {seconds:.0f} s (see {DIR}/*.log)")


def pids() -> dict:
    path = DIR / "pids.json"
    return json.loads(path.read_text()) if path.exists() else {}


def save_pids(found: dict) -> None:
    (DIR / "pids.json").write_text(json.dumps(found))


def up() -> dict:
    if DIR.exists():
        down(quiet=True)
    DIR.mkdir(parents=True)
    DIR.chmod(0o755)
    (DIR / "mail").mkdir()
    nginx = ensure_nginx()
    ensure_redis()
    make_postgres()
    env = app_env()
    migrate_and_seed(env)
    procs = {f"app-{port}": start_app(port, env).pid for port in APP_PORTS}
    procs["worker"] = start_worker(env).pid
    procs["nginx"] = start_nginx(nginx).pid
    save_pids(procs)
    for port in APP_PORTS:
        wait_for(port)
    wait_for(LB_PORT)
    log(f"up: http://127.0.0.1:{LB_PORT}/ (nginx) → :{APP_PORTS[0]} and :{APP_PORTS[1]}")
    return env


def down(quiet: bool = False) -> None:
    for name, pid in pids().items():
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        if not quiet:
            log(f"stopped {name}")
    for data in (DIR / "pg-replica", DIR / "pg-primary"):
        if (data / "postmaster.pid").exists():
            subprocess.run(
                as_postgres([pg_bin("pg_ctl"), "-D", str(data), "-w", "-m", "fast", "stop"]),
                capture_output=True,
            )
    time.sleep(0.5)
    for pid in pids().values():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    shutil.rmtree(DIR, ignore_errors=True)
    if not quiet:
        log("down: everything stopped and removed")


# --- the drill ------------------------------------------------------------------


class Browser:
    """One parent's browser: its own cookies, one request at a time."""

    def __init__(self, session_key: str):
        self.cookies = {"sessionid": session_key}

    def request(self, method: str, path: str, form: dict | None = None) -> dict:
        headers = {
            "Host": f"127.0.0.1:{LB_PORT}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.time()
        result = {"method": method, "path": path, "at": started, "status": 0, "upstream": ""}
        try:
            conn = http.client.HTTPConnection("127.0.0.1", LB_PORT, timeout=60)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            result["body"] = response.read().decode("utf-8", "replace")
            result["status"] = response.status
            result["upstream"] = response.getheader("X-Upstream", "")
            result["location"] = response.getheader("Location", "")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    for key, morsel in SimpleCookie(value).items():
                        self.cookies[key] = morsel.value
            conn.close()
        except OSError as error:
            result["error"] = type(error).__name__
        result["ms"] = (time.time() - started) * 1000
        return result


def field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"\s+value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"\s+name="{name}"', html
    )
    return match.group(1) if match else ""


def parent_loop(index: int, session: str, family: int, stop_at: float, marker: str, out: dict):
    browser = Browser(session)
    pages = [f"/gezin/{family}/plan/", f"/gezin/{family}/", "/mijn-gezinnen/"]
    n = 0
    while time.time() < stop_at:
        n += 1
        for path in pages if n % 3 else pages[:1]:
            out["requests"].append(browser.request("GET", path))
        form_page = browser.request("GET", f"/gezin/{family}/plan/successen/nieuw/")
        out["requests"].append(form_page)
        if form_page["status"] != 200:
            continue
        text = f"{marker} ouder {index} keer {n}"
        posted = browser.request(
            "POST",
            f"/gezin/{family}/plan/successen/nieuw/",
            {
                "csrfmiddlewaretoken": field(form_page["body"], "csrfmiddlewaretoken"),
                "once": field(form_page["body"], "once"),
                "what_happened": text,
                "what_different": "Het ging vanzelf.",
                "who_helped": "",
            },
        )
        out["requests"].append(posted)
        if posted["status"] == 302 and "/plan/" in posted["location"]:
            out["acknowledged"].append(text)
            # The next page must show it, whichever server and database answer.
            after = browser.request("GET", urllib.parse.urlparse(posted["location"]).path)
            out["requests"].append(after)
            if after["status"] == 200 and text not in after["body"]:
                out["unseen"].append(text)


def make_sessions(env: dict, count: int) -> tuple[list[str], int]:
    code = (
        "import django; django.setup();"
        # One mail through the queue: the worker must deliver it during the drill.
        "from samenplan.lib.mail import mail_later;"
        "mail_later('Proefbericht', 'De wachtrij werkt.', ['beheer@example.org']);"
        "from bench.run import make_sessions;"
        "from samenplan.families.models import Family;"
        f"print(','.join(make_sessions({count})));"
        "print(Family.objects.get(name='Gezin Bakker').pk)"
    )
    out = run([str(VENV_BIN / "python"), "-c", code], cwd=ROOT, env=env).stdout.split()
    return out[-2].split(","), int(out[-1])


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def served_by(result: dict) -> str:
    # "127.0.0.1:8101, 127.0.0.1:8102": nginx tried the first and the second answered.
    upstream = result["upstream"].split(",")[-1].strip()
    return upstream or "nginx (no app server named)"


def summarise(requests: list[dict], killed: str, kill_at: float, window: float) -> dict:
    rows = {}
    for result in requests:
        name = served_by(result)
        rows.setdefault(name, []).append(result)
    table = []
    for name in sorted(rows):
        results = rows[name]
        times = [r["ms"] for r in results if 200 <= r["status"] < 400]
        errors = [r for r in results if not 200 <= r["status"] < 400]
        table.append(
            {
                "server": name + (" (killed halfway)" if name == killed else ""),
                "requests": len(results),
                "errors": len(errors),
                "p50_ms": round(float(statistics.median(times)), 1) if times else 0.0,
                "p95_ms": round(float(percentile(times, 0.95)), 1),
            }
        )
    errors = [r for r in requests if not 200 <= r["status"] < 400]
    # In flight: sent before the kill, answered after it (plus the moment nginx
    # takes to notice the closed connection).
    in_flight = [r for r in errors if r["at"] <= kill_at <= r["at"] + r["ms"] / 1000 + window]
    retried = [r for r in requests if "," in r["upstream"]]
    return {
        "table": table,
        "errors_in_flight_at_kill": len(in_flight),
        "errors_otherwise": len(errors) - len(in_flight),
        "error_examples": [
            {k: r.get(k) for k in ("method", "path", "status", "upstream", "error")}
            for r in errors[:5]
        ],
        "passed_on_by_nginx": len(retried),
    }


def replica_caught_up(seconds: float = 30) -> bool:
    deadline = time.time() + seconds
    target = psql(PRIMARY_PORT, "SELECT pg_current_wal_lsn()")
    while time.time() < deadline:
        done = psql(REPLICA_PORT, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")
        if done == "t":
            return True
        time.sleep(0.2)
    return False


def count_rows(port: int, marker: str) -> set[str]:
    # The marker is the drill's own "drill-<hex>", never input from elsewhere.
    sql = f"SELECT what_happened FROM plan_success WHERE what_happened LIKE '{marker}%'"  # noqa: S608
    return set(filter(None, psql(port, sql, db="samenplan").splitlines()))


def drill(env: dict, users: int, seconds: float) -> dict:
    sessions, family = make_sessions(env, users)
    marker = f"drill-{secrets.token_hex(4)}"
    started = time.time()
    stop_at, kill_at = started + seconds, started + seconds / 2
    outs = [{"requests": [], "acknowledged": [], "unseen": []} for _ in range(users)]
    threads = [
        threading.Thread(
            target=parent_loop, args=(i, sessions[i], family, stop_at, marker, outs[i])
        )
        for i in range(users)
    ]
    for thread in threads:
        thread.start()
    log(f"{users} parents for {seconds:.0f} s; the kill after {seconds / 2:.0f} s")
    time.sleep(max(0, kill_at - time.time()))
    victim = APP_PORTS[0]
    pid = pids()[f"app-{victim}"]
    kill_moment = time.time()
    os.killpg(pid, signal.SIGKILL)
    log(f"killed the app server on :{victim} (SIGKILL, master and workers)")
    for thread in threads:
        thread.join()
    requests = [r for out in outs for r in out["requests"]]
    acknowledged = {t for out in outs for t in out["acknowledged"]}
    unseen = [t for out in outs for t in out["unseen"]]
    caught_up = replica_caught_up()
    on_primary, on_replica = count_rows(PRIMARY_PORT, marker), count_rows(REPLICA_PORT, marker)
    summary = summarise(requests, f"127.0.0.1:{victim}", kill_moment, 0.5)
    summary.update(
        {
            "users": users,
            "seconds": seconds,
            "requests": len(requests),
            "writes_acknowledged": len(acknowledged),
            "writes_on_primary": len(on_primary),
            "writes_on_replica": len(on_replica),
            "acknowledged_but_missing": len(acknowledged - on_primary),
            "missing_on_replica": len(on_primary - on_replica),
            "replica_caught_up": caught_up,
            "own_write_not_on_next_page": len(unseen),
            # Mail the RQ worker wrote (the file backend): at least the drill's own.
            "mails_sent_by_worker": sum(
                path.read_text(errors="replace").count("\nSubject: ")
                for path in (DIR / "mail").glob("*.log")
            ),
        }
    )
    summary["passed"] = (
        summary["errors_otherwise"] == 0
        and summary["acknowledged_but_missing"] == 0
        and summary["missing_on_replica"] == 0
        and caught_up
        and not unseen
        and summary["writes_acknowledged"] > 0
        and summary["mails_sent_by_worker"] > 0
    )
    return summary


def markdown(summary: dict) -> str:
    lines = [
        f"{summary['users']} parents, {summary['seconds']:.0f} s, one app server killed "
        f"halfway; {summary['requests']} requests through nginx.",
        "",
        "| app server | requests | errors | p50 ms | p95 ms |",
        "|---|---|---|---|---|",
    ]
    for row in summary["table"]:
        lines.append(
            f"| {row['server']} | {row['requests']} | {row['errors']} "
            f"| {row['p50_ms']} | {row['p95_ms']} |"
        )
    lines += [
        "",
        "| check | result |",
        "|---|---|",
        f"| errors of requests in flight at the kill | {summary['errors_in_flight_at_kill']} |",
        f"| errors at any other moment | {summary['errors_otherwise']} |",
        f"| requests nginx passed on to the other server | {summary['passed_on_by_nginx']} |",
        f'| writes answered "saved" | {summary["writes_acknowledged"]} |',
        f"| of those, found on the primary | "
        f"{summary['writes_acknowledged'] - summary['acknowledged_but_missing']} |",
        f"| rows written (primary / replica) | {summary['writes_on_primary']} / "
        f"{summary['writes_on_replica']} |",
        f"| own write missing on the next page | {summary['own_write_not_on_next_page']} |",
        f"| mails sent by the RQ worker meanwhile | {summary.get('mails_sent_by_worker', 0)} |",
        f"| **drill** | **{'passed' if summary['passed'] else 'FAILED'}** |",
    ]
    return "\n".join(lines)


def keep(summary: dict) -> None:
    stamp = time.strftime("%Y-%m-%d")
    RESULTS.write_text(json.dumps({"date": stamp, **summary}, indent=2) + "\n")
    text = README.read_text()
    block = f"{START}\nLast run ({stamp}, this machine):\n\n{markdown(summary)}\n{END}"
    if START in text:
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n## Scale-out drill (`make cluster`)\n\n" + block + "\n"
    README.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["drill", "up", "down"])
    parser.add_argument("--users", type=int, default=int(os.environ.get("CLUSTER_USERS", 8)))
    parser.add_argument(
        "--seconds", type=float, default=float(os.environ.get("CLUSTER_SECONDS", 40))
    )
    args = parser.parse_args()
    if args.command == "down":
        down()
        return
    env = up()
    if args.command == "up":
        log(f"stop with: make cluster-down (files in {DIR})")
        return
    try:
        summary = drill(env, args.users, args.seconds)
    finally:
        down()
    print()
    print(markdown(summary))
    keep(summary)
    if not summary["passed"]:
        print(json.dumps(summary["error_examples"], indent=2))
        sys.exit(1)


if __name__ == "__main__":
    main()
