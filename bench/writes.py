#!/usr/bin/env python3
"""Concurrent writes: department reporters posting progress at once (the week of a 每月5日
deadline). A benchmark, not a test; tests/test_load.py runs the same load, bounded, in the suite.

usage: python bench/writes.py [--database sqlite|postgres://USER:PASS@HOST:PORT/DB]
                              [--server serve|run] [--clients 20] [--writes 15] [--port 8140]

1. A new data directory (its SQLite database, or the PostgreSQL database of ``--database``,
   which is migrated and must be a scratch one: the demo is loaded into it) with the demo
   plan (``luoshi demo``) and an API token of its department reporter.
2. The server: ``luoshi serve`` (gunicorn, the production server) or ``luoshi run`` (Django's
   threaded development server, what ``make run`` starts), on 127.0.0.1:``--port``.
3. ``--clients`` threads, each with its own keep-alive connection, POST ``--writes`` progress
   reports each to ``/api/targets/<id>/reports`` on the department's targets, all at once.
4. Prints the answers by status, writes per second, p50/p95 of the answers, and the reports
   written to the database against the writes acknowledged (201).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REPORTER, DEPARTMENT = "gongxin", "工业和信息化局"  # the demo's reporter and department
SECRET = "bench-writes-secret-key-not-for-production-0123456789abcdef"


def environment(data_dir: Path, database: str) -> dict[str, str]:
    """The server's and the set-up commands' environment: its own data directory and database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUOSHI_", "DATABASE_URL"))}
    env.update(LUOSHI_DATA_DIR=str(data_dir), LUOSHI_SECRET_KEY=SECRET, LUOSHI_CACHE_DIR=str(data_dir / "cache"))
    if database != "sqlite":
        env["DATABASE_URL"] = database
    return env


def luoshi(env: dict[str, str], *args: str) -> str:
    out = subprocess.run([PYTHON, "-m", "luoshi", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    if out.returncode:
        raise RuntimeError(f"luoshi {' '.join(args)} failed ({out.returncode}): {out.stderr.strip()}")
    return out.stdout


def set_up(env: dict[str, str]) -> str:
    """Load the demo (migrating first) and return an API token of its department reporter
    (工业和信息化局's), who reports as the 20 departments' reporters would."""
    luoshi(env, "demo", "--password", "bench-writes-password")
    return luoshi(env, "manage", "api_token", REPORTER, "--name", "bench").strip()


def serve(env: dict[str, str], port: int, server: str, log: Path) -> subprocess.Popen[bytes]:
    """Start the server and wait until it answers."""
    if server == "serve":
        cmd = [PYTHON, "-m", "luoshi", "serve", "--host", "127.0.0.1", "--port", str(port)]

    else:
        cmd = [PYTHON, "-m", "luoshi", "run", "--no-demo", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}): {log.read_text(errors='replace')[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status < 500:  # 200, or 301 to HTTPS with LUOSHI_HTTPS=1
                conn.close()
                return proc
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError("the server did not answer within 60 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _get(port: int, token: str, path: str) -> object:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    if resp.status != 200:
        raise RuntimeError(f"GET {path}: {resp.status} {body[:200]!r}")
    return json.loads(body)


def target_ids(port: int, token: str) -> list[int]:
    """The targets the reporter's department reports on."""
    departments = _get(port, token, "/api/departments")
    assert isinstance(departments, list)
    dept = next(d["id"] for d in departments if d["name"] == DEPARTMENT)
    targets = _get(port, token, f"/api/departments/{dept}/targets")
    assert isinstance(targets, list) and targets, "no target"
    return [t["id"] for t in targets]


@dataclass
class Load:
    marker: str  # in every report's progress text, to count them in the database
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # the first answers of 5xx or failed requests
    times: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def acknowledged(self) -> int:
        return self.statuses[201]

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500 or s == 0)


def hammer(port: int, token: str, targets: list[int], clients: int, writes: int) -> Load:
    """``clients`` threads POST ``writes`` reports each, all released at once."""
    load = Load(marker=f"bench-writes {uuid.uuid4().hex[:12]}")
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client(c: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        barrier.wait(timeout=60)
        for w in range(writes):
            target = targets[(c * writes + w) % len(targets)]
            body = json.dumps({"as_of": "2023-06-30", "value": c + w,
                               "progress": f"{load.marker} client {c} write {w}"})
            t0 = time.perf_counter()
            try:
                conn.request("POST", f"/api/targets/{target}/reports", body=body.encode(), headers=headers)
                resp = conn.getresponse()
                answer = resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException) as exc:
                status, answer = 0, repr(exc).encode()
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            elapsed = time.perf_counter() - t0
            with lock:
                load.statuses[status] += 1
                load.times.append(elapsed)
                if (status >= 500 or status == 0) and len(load.errors) < 5:
                    text = " ".join(re.sub(r"<[^>]+>", " ", answer.decode(errors="replace")).split())
                    load.errors.append(f"{status} {text[:200]}")
        conn.close()

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    load.seconds = time.perf_counter() - t0
    return load


def rows_written(env: dict[str, str], marker: str) -> int:
    """The reports in the database that carry the load's marker (counted by a new process)."""
    code = ("from luoshi.core.models import ProgressReport as R; "
            f"print(R.objects.filter(progress__startswith={marker!r}).count())")
    return int(luoshi(env, "manage", "shell", "--no-imports", "-c", code).strip())


def run(database: str, server: str, clients: int, writes: int, port: int) -> tuple[Load, int]:
    with tempfile.TemporaryDirectory(prefix="luoshi-writes-") as tmp:
        env = environment(Path(tmp), database)
        token = set_up(env)
        proc = serve(env, port, server, Path(tmp) / "server.log")
        try:
            targets = target_ids(port, token)
            load = hammer(port, token, targets, clients, writes)
        finally:
            stop(proc)
        return load, rows_written(env, load.marker)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database", default="sqlite", help="sqlite (a new file) or a scratch postgres:// URL")
    p.add_argument("--server", choices=("serve", "run"), default="serve")
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--writes", type=int, default=15, help="writes per client")
    p.add_argument("--port", type=int, default=8140)
    args = p.parse_args()
    load, rows = run(args.database, args.server, args.clients, args.writes, args.port)
    times = sorted(load.times)
    p95 = times[int(0.95 * (len(times) - 1))] if times else 0.0
    kind = "SQLite" if args.database == "sqlite" else "PostgreSQL"
    print(f"{kind}, luoshi {args.server}: {args.clients} clients × {args.writes} writes in {load.seconds:.2f} s")
    print("answers: " + ", ".join(f"{n} × {s or 'no answer'}" for s, n in sorted(load.statuses.items())))
    print(f"acknowledged writes/s: {load.acknowledged / load.seconds:.0f}; "
          f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    print(f"reports written: {rows}; acknowledged (201): {load.acknowledged}; server errors: {load.server_errors}")
    for e in load.errors:
        print("  e.g.", e)
    return 0 if rows == load.acknowledged else 1


if __name__ == "__main__":
    sys.exit(main())
