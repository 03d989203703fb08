"""The scale-out drill's own logic, and the deployment files it stands for.

`make cluster` itself (nginx, two gunicorns, a replica; about 90 s) is a drill,
not part of the suite; what it decides — what counts as an error in flight, what
nginx may repeat, what the units run — is tested here.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

from bench import cluster

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "docs" / "deploy"
KILL = 1000.0


def request(at, ms, status, upstream, method="GET"):
    return {"method": method, "path": "/", "at": at, "ms": ms, "status": status,
            "upstream": upstream}  # fmt: skip


def test_only_requests_in_flight_at_the_kill_count_as_forgivable_errors():
    requests = [
        request(990, 20, 200, "127.0.0.1:8101"),
        request(999.9, 300, 502, "127.0.0.1:8101", "POST"),  # sent before, answered after
        request(1003, 20, 502, "127.0.0.1:8102", "POST"),  # long after: a real error
        request(1001, 25, 200, "127.0.0.1:8101, 127.0.0.1:8102"),  # passed on by nginx
        request(1002, 30, 200, "127.0.0.1:8102"),
    ]
    summary = cluster.summarise(requests, "127.0.0.1:8101", KILL, 0.5)
    assert summary["errors_in_flight_at_kill"] == 1
    assert summary["errors_otherwise"] == 1
    assert summary["passed_on_by_nginx"] == 1
    rows = {row["server"]: row for row in summary["table"]}
    assert rows["127.0.0.1:8101 (killed halfway)"]["requests"] == 2
    assert rows["127.0.0.1:8101 (killed halfway)"]["errors"] == 1
    # The request nginx passed on counts for the server that answered it.
    assert rows["127.0.0.1:8102"]["requests"] == 3
    assert rows["127.0.0.1:8102"]["p50_ms"] == 27.5


def test_a_connection_nginx_never_answered_is_an_error_of_nginx():
    summary = cluster.summarise([request(1005, 1, 0, "")], "127.0.0.1:8101", KILL, 0.5)
    assert summary["table"][0]["server"] == "nginx (no app server named)"
    assert summary["errors_otherwise"] == 1


def test_the_table_is_kept_in_the_bench_readme_between_its_markers(tmp_path, monkeypatch):
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\nText before.\n")
    monkeypatch.setattr(cluster, "README", readme)
    monkeypatch.setattr(cluster, "RESULTS", tmp_path / "cluster-results.json")
    summary = {
        **cluster.summarise([request(990, 20, 200, "127.0.0.1:8101")], "x", KILL, 0.5),
        "users": 2, "seconds": 10, "requests": 1, "writes_acknowledged": 1,
        "writes_on_primary": 1, "writes_on_replica": 1, "acknowledged_but_missing": 0,
        "own_write_not_on_next_page": 0, "passed": True,
    }  # fmt: skip
    cluster.keep(summary)
    cluster.keep(summary)  # a second run replaces the first
    text = readme.read_text()
    assert text.count(cluster.START) == 1
    assert "Text before." in text
    assert "| 127.0.0.1:8101 | 1 | 0 | 20.0 | 20.0 |" in text
    assert "| **drill** | **passed** |" in text


def test_the_drill_reads_the_forms_tokens_from_the_page():
    html = (
        '<input type="hidden" name="csrfmiddlewaretoken" value="abc123">'
        '<input type="hidden" name="once" value="tok-9" id="id_once">'
    )
    assert cluster.field(html, "csrfmiddlewaretoken") == "abc123"
    assert cluster.field(html, "once") == "tok-9"
    assert cluster.field(html, "missing") == ""


def test_nginx_passes_on_only_what_may_be_repeated():
    conf = cluster.nginx_conf(Path("/tmp/x"), 8100, (8101, 8102))
    assert "server 127.0.0.1:8101" in conf and "server 127.0.0.1:8102" in conf
    assert "proxy_next_upstream error timeout http_502 http_503;" in conf
    # "non_idempotent" would let nginx send a POST twice.
    assert "non_idempotent" not in conf
    assert "error_page 502 503 504 /storing.html;" in conf
    production = (DEPLOY / "nginx-samenplan.conf").read_text()
    assert "non_idempotent" not in production
    assert "proxy_next_upstream error timeout http_502 http_503;" in production


def nginx_or_skip() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else "")
    if not path:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx is missing under CI (.ci/run installs it)")
        pytest.skip("nginx is not installed here: the nginx configuration check is skipped")
    return path


def test_nginx_accepts_the_drills_configuration(tmp_path):
    nginx = nginx_or_skip()
    (tmp_path / "nginx-tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(cluster.nginx_conf(tmp_path, 8100, (8101, 8102)))
    result = subprocess.run(
        [nginx, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_every_unit_runs_a_command_that_exists():
    commands = set(get_commands())
    units = sorted(DEPLOY.glob("*.service"))
    assert len(units) >= 5
    for unit in units:
        starts = re.findall(r"^ExecStart=(.+?)(?<!\\)$", unit.read_text(), flags=re.M | re.S)
        assert starts, unit.name
        for line in starts:
            if "manage.py" in line:
                assert line.split("manage.py")[1].split()[0] in commands, (unit.name, line)
            else:
                assert "gunicorn samenplan.wsgi" in line, (unit.name, line)
    compose = (DEPLOY / "compose.yaml").read_text()
    for name in re.findall(r'"manage\.py", "(\w+)"', compose):
        assert name in commands, name


def test_every_setting_in_the_example_environment_is_one_the_app_reads():
    read = (ROOT / "samenplan" / "settings.py").read_text()
    example = (DEPLOY / "samenplan.env.example").read_text()
    names = re.findall(r"^([A-Z_]+)=", example, flags=re.M)
    assert "DATABASE_REPLICA_URL" in names and "SESSION_STORE" in names
    for name in names:
        assert f'"{name}"' in read, name
