"""`make pages`: every family page as Sanne sees it, checked by outside tools.

For each page of hers under /gezin/ (found from the URL map, as the bench does):
Lighthouse on a phone (accessibility, best practices, performance, and the bytes a
cold cache transfers) and the Nu Html Checker (errors only). The app runs as in
production (gunicorn, DEBUG off, WhiteNoise) on a fresh SQLite file with the
demo. The tools come from npm into .tools/ (`make pages` installs them); Java
runs the checker, Debian's Chromium runs Lighthouse.

Goals (issue "Van prototype naar product"): accessibility 1.0, best practices
>= 0.95, performance >= 0.9, 0 checker errors, <= 150 KB transferred. The table
goes to standard output and bench/pages-results.json; the exit code is 1 when a
page misses a goal.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import ENV, free_port, prepare  # noqa: E402

TOOLS = ROOT / ".tools" / "node_modules"
GOALS = {"accessibility": 1.0, "best-practices": 0.95, "performance": 0.9}
MAX_KB = 150


def fetch(url: str, cookie: str) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            kind = response.headers.get("Content-Type", "")
            body = response.read()
            return response.status, kind, body.decode() if kind.startswith("text/html") else ""
    except urllib.error.HTTPError as error:
        return error.code, "", ""


def nu_checker(files: list[Path]) -> dict[str, list[str]]:
    """Errors per file from the Nu Html Checker (vnu.jar)."""
    jar = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    errors: dict[str, list[str]] = {str(f): [] for f in files}
    for message in json.loads(result.stderr or '{"messages": []}')["messages"]:
        path = message.get("url", "").removeprefix("file:")
        errors.setdefault(path, []).append(message.get("message", ""))
    return errors


def lighthouse(url: str, cookie: str, report_path: Path) -> dict:
    """Lighthouse's scores for one page; tried twice (Chromium now and then fails)."""
    for _attempt in range(2):
        report = _lighthouse_once(url, cookie, report_path)
        if report is not None:
            break
    else:
        return {**dict.fromkeys(GOALS), "kb": 0.0, "failed": ["lighthouse did not finish"]}
    return {
        **{name: report["categories"][name]["score"] for name in GOALS},
        "kb": round(report["audits"]["total-byte-weight"]["numericValue"] / 1024, 1),
        "failed": [
            audit_id
            for category in ("accessibility", "best-practices")
            for ref in report["categories"][category]["auditRefs"]
            if ref["weight"] and (report["audits"][audit_id := ref["id"]]["score"] or 0) < 1
        ],
    }


def _lighthouse_once(url: str, cookie: str, report_path: Path) -> dict | None:
    report_path.unlink(missing_ok=True)
    command = [
        str(TOOLS / ".bin" / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report_path}",
        "--only-categories=accessibility,best-practices,performance",
        f"--chrome-path={shutil.which('chromium')}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--extra-headers={json.dumps({'Cookie': cookie})}",
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=300)
        return json.loads(report_path.read_text())
    except (subprocess.TimeoutExpired, OSError, ValueError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--only", default="", help="only these pages (names, comma separated)")
    args = parser.parse_args()
    for tool in (TOOLS / ".bin" / "lighthouse", TOOLS / "vnu-jar"):
        if not tool.exists():
            raise SystemExit(f"{tool} is missing: run `make pages`, which installs it.")
    workdir = Path(tempfile.mkdtemp(prefix="samenplan-pages-"))
    database_url = f"sqlite:///{workdir / 'pages.sqlite3'}"
    prepared = prepare(database_url, history=0)
    cookie = f"sessionid={prepared['session']}"
    port = free_port()
    env = {**os.environ, **ENV, "DATABASE_URL": database_url, "REQUEST_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "samenplan.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    rows, missed = [], 0
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/robots.txt", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        pages = {}
        for name, path in sorted(prepared["urls"].items()):
            if not path.startswith("/gezin/"):
                continue
            status, kind, html = fetch(base + path, cookie)
            if status == 200 and kind.startswith("text/html"):
                pages[name] = (path, workdir / f"{name.replace(':', '-')}.html")
                pages[name][1].write_text(html)
        if args.only:
            pages = {name: page for name, page in pages.items() if name in args.only.split(",")}
        if args.limit:
            pages = dict(list(pages.items())[: args.limit])
        errors = nu_checker([file for _path, file in pages.values()])
        print(f"{'page':34} {'a11y':>5} {'best':>5} {'perf':>5} {'KB':>6} {'vnu':>4}")
        for name, (path, file) in pages.items():
            scores = lighthouse(base + path, cookie, workdir / "lighthouse.json")
            found = errors.get(str(file), [])
            ok = all(scores[k] is not None and scores[k] >= v for k, v in GOALS.items())
            ok = ok and not found and scores["kb"] <= MAX_KB
            missed += not ok
            rows.append({"page": name, **scores, "vnu_errors": found, "ok": ok})
            print(
                f"{name:34} {scores['accessibility']!s:>5} {scores['best-practices']!s:>5} "
                f"{scores['performance']!s:>5} {scores['kb']:>6} {len(found):>4}"
                f"{'' if ok else '  <- ' + ', '.join(scores['failed'] + found[:2])}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    results = ROOT / "bench" / "pages-results.json"
    if args.only or args.limit:
        # A partial run (pages measured again) updates those rows and keeps the rest.
        kept = (
            {row["page"]: row for row in json.loads(results.read_text())}
            if results.exists()
            else {}
        )
        rows = list({**kept, **{row["page"]: row for row in rows}}.values())
        rows.sort(key=lambda row: row["page"])
    results.write_text(json.dumps(rows, indent=1) + "\n")
    print(f"{len(rows)} pages, {missed} missing a goal")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
