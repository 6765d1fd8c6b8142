#!/usr/bin/env python3
"""Web benchmark of the tracker on PostgreSQL at national scale. A benchmark, not a test.

usage: python bench/web.py [--plans 3000] [--targets 100] [--reports 12] [--departments 30]
                           [--duration 20] [--clients 20] [--workers 3] [--threads 1]
                           [--keep] [--pg postgres://luoshi:luoshi@127.0.0.1:5432]

1. Fill: creates the database ``luoshi_bench`` (``--db``) on the PostgreSQL server of ``--pg``
   (a role with CREATEDB), migrates it, and fills it with PostgreSQL COPY: one government per
   plan (county level, ``--departments`` departments each), one plan of last year per
   government with a tree of ``--areas`` areas × ``--tasks`` tasks, ``--targets`` targets
   under the tasks, lead departments on the tasks, own lead and support departments on every
   fifth target, ``--reports`` monthly accepted reports per target, a plan text and engine
   output of ``--plan-kb`` KB each, an office user and a department reporter per government
   and one superuser (one pre-hashed password). Foreign keys and secondary indexes are
   dropped during COPY and made again after it; then VACUUM ANALYZE. Prints the fill time.
   ``--keep`` reuses a filled database of the same size (deleting the reports earlier runs
   submitted) and keeps it at the end; without it the database is made anew and dropped.
2. Serve: gunicorn (``luoshi.wsgi``) on 127.0.0.1:``--port`` with ``--workers`` processes
   (``--threads`` > 1: the gthread worker), DEBUG off, persistent database connections, and
   the page and session caches in a new, empty directory, on ``/dev/shm`` when the machine has
   it (every page is rendered the first time it is asked for; ``LUOSHI_CACHE_DIR`` in the
   environment chooses another place, and ``off`` measures without the caches).
3. Load: ``--clients`` threads, each with its own keep-alive HTTP connection and sessions
   logged in through the login form (CSRF token and all), run one phase after the other for
   ``--duration`` seconds each (at most ``--max-requests`` requests per phase), after a
   short warm-up:
   - dashboard ``/plans/<id>/`` and tree ``/plans/<id>/tree/`` of random plans among all
     (a superuser, the one role that sees every government's plans; each phase its own
     random plans, so most requests are a plan's first view);
   - a department's page ``/departments/<id>/`` (each client: ``--reporters`` reporters of
     random governments, each on its own department's page, with the report forms);
   - report submission: the same reporters POST the page's form (a figure, progress,
     problems, next steps) on a random target of their department; a 302 is a success (not
     followed: see ``ONE_TIME_COOKIES``).
   Prints p50/p95/p99 per page, submissions per second, and a table against the
   requirement (dashboard and tree p95 < 150 ms, department p95 < 100 ms, ≥ 200
   submissions/s).

Needs gunicorn in the virtualenv (``pip install gunicorn``). Run from the repository root:
``.venv/bin/python bench/web.py`` (full scale; ``--plans 100`` for a quick run).
"""

from __future__ import annotations

import argparse
import calendar
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from writes import stop  # noqa: E402  (bench/writes.py: SIGTERM to the server's group, then SIGKILL)

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-落实"
SECRET = "bench-secret-key-not-for-production-0123456789abcdef"

# the shape of every plan's assignments (see ``reported_targets``)
TASK_LEADS = 12  # task j is led by department j % 12
OWN_EVERY = 5  # every fifth target has its own lead (departments 12…) and a support department


# ---------------------------------------------------------------- the data set


@dataclass(frozen=True)
class Size:
    plans: int
    targets: int
    reports: int
    departments: int
    areas: int
    tasks: int
    plan_kb: int

    @property
    def year(self) -> int:
        return date.today().year - 1  # every monthly report lies in the past

    def label(self) -> str:
        return (f"{self.plans} plans × {self.targets} targets × {self.reports} reports, "
                f"{self.departments} departments/government, {self.areas}×{self.tasks} nodes/plan")


def own_lead(t: int, size: Size) -> int | None:
    """The department index (0-based) that leads target ``t`` itself, if any."""
    if t % OWN_EVERY:
        return None
    return TASK_LEADS + (t // OWN_EVERY) % max(1, size.departments - TASK_LEADS)


def own_support(t: int) -> int | None:
    return None if t % OWN_EVERY else (t // OWN_EVERY) % TASK_LEADS


def task_of(t: int, size: Size) -> int:
    return t % (size.areas * size.tasks)


def lead_of(t: int, size: Size) -> int:
    lead = own_lead(t, size)
    return lead if lead is not None else task_of(t, size) % TASK_LEADS


def reported_targets(dept: int, size: Size) -> list[int]:
    """Target indexes (0-based, within a plan) that department index ``dept`` reports on."""
    out = []
    for t in range(size.targets):
        if own_lead(t, size) is not None:
            if dept in (own_lead(t, size), own_support(t)):
                out.append(t)
        elif task_of(t, size) % TASK_LEADS == dept:
            out.append(t)
    return out


def reporter_dept(g: int) -> int:
    return g % TASK_LEADS


def dept_id(g: int, k: int, size: Size) -> int:
    return (g - 1) * size.departments + k + 1


def target_id(g: int, t: int, size: Size) -> int:
    return (g - 1) * size.targets + t + 1


def _cell(v: Any) -> str:
    if v is None:
        return "\\N"
    if isinstance(v, bool):
        return "t" if v else "f"
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class Copier:
    """COPY rows (dicts by column) into a table in text format, buffered."""

    def __init__(self, cur: Any, table: str, columns: list[str]) -> None:
        self.cur, self.table, self.columns = cur, table, columns
        self.buf: list[str] = []
        self.rows = 0
        self.ctx = cur.copy(f'COPY {table} ({", ".join(chr(34) + c + chr(34) for c in columns)}) FROM STDIN')
        self.copy = self.ctx.__enter__()

    def add(self, row: dict[str, Any]) -> None:
        self.line("\t".join(_cell(row[c]) for c in self.columns))

    def line(self, text: str) -> None:
        self.buf.append(text)
        self.rows += 1
        if len(self.buf) >= 20000:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            self.copy.write(("\n".join(self.buf) + "\n").encode())
            self.buf.clear()

    def close(self) -> int:
        self.flush()
        self.ctx.__exit__(None, None, None)
        return self.rows


def _columns(model: Any) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def _defaults(model: Any) -> dict[str, Any]:
    """Every column with its model default (or NULL/empty), to be overridden per row."""
    from django.db.models import NOT_PROVIDED

    out: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.default is not NOT_PROVIDED:
            d = f.default() if callable(f.default) else f.default
            out[f.column] = json.dumps(d) if f.get_internal_type() == "JSONField" else d
        elif f.null:
            out[f.column] = None
        else:
            out[f.column] = ""
    return out


def fill(conninfo: str, size: Size) -> dict[str, int]:
    """Fill a migrated, empty database; returns row counts per table."""
    import psycopg
    from django.contrib.auth.hashers import make_password

    from luoshi.core.models import (
        Assignment,
        Department,
        Government,
        Node,
        Plan,
        ProgressReport,
        Target,
        User,
    )
    from luoshi.core.rules.departments import COUNTY_DEPARTMENTS

    models = [Government, Department, User, Plan, Node, Target, Assignment, ProgressReport]
    tables = [m._meta.db_table for m in models]
    year = size.year
    now = datetime(year, 1, 10, 9, 0).isoformat() + "+08:00"
    hashed = make_password(PASSWORD)
    counts: dict[str, int] = {}
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '512MB'")
        # foreign keys and secondary indexes go during COPY and are made again after it
        cur.execute("""SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                       WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)""", (tables,))
        fks = cur.fetchall()
        cur.execute("""SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
                       WHERE i.indrelid::regclass::text = ANY(%s) AND NOT EXISTS
                       (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""", (tables,))
        indexes = cur.fetchall()
        for table, name, _ in fks:
            cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cur.execute(f"DROP INDEX {name}")

        names = list(COUNTY_DEPARTMENTS) + [f"部门{i}" for i in range(len(COUNTY_DEPARTMENTS), size.departments)]
        text = ("坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，推动高质量发展。" * (size.plan_kb * 1024 // 96 + 1))
        engine = json.dumps({"targets": [{"metric": f"指标{t}", "low": 100 + t, "unit": "个",
                                          "text": "实施重点技改项目160个以上。" * 4}
                                         for t in range(size.targets)]}, ensure_ascii=False)
        engine = json.dumps({"blob": "报" * max(0, size.plan_kb * 1024 // 3 - len(engine) // 3),
                             **json.loads(engine)}, ensure_ascii=False)

        c = Copier(cur, Government._meta.db_table, _columns(Government))
        base = _defaults(Government)
        for g in range(1, size.plans + 1):
            c.add(base | {"id": g, "name": f"第{g:05d}县人民政府", "level": "county", "parent_id": None})
        counts["governments"] = c.close()

        c = Copier(cur, Department._meta.db_table, _columns(Department))
        base = _defaults(Department)
        for g in range(1, size.plans + 1):
            for k in range(size.departments):
                c.add(base | {"id": dept_id(g, k, size), "government_id": g, "name": names[k], "order": k + 1})
        counts["departments"] = c.close()

        c = Copier(cur, User._meta.db_table, _columns(User))
        base = _defaults(User) | {"password": hashed, "is_active": True, "date_joined": now, "last_login": None}
        c.add(base | {"id": 1, "username": "bench", "is_superuser": True, "is_staff": True, "role": "office"})
        for g in range(1, size.plans + 1):
            c.add(base | {"id": 2 * g, "username": f"office{g}", "role": "office", "government_id": g})
            c.add(base | {"id": 2 * g + 1, "username": f"reporter{g}", "role": "reporter", "government_id": g,
                          "department_id": dept_id(g, reporter_dept(g), size)})
        counts["users"] = c.close()

        c = Copier(cur, Plan._meta.db_table, _columns(Plan))
        base = _defaults(Plan) | {"year": year, "encoding": "utf-8", "engine_output": engine, "text": text,
                                  "published": True, "created": now}
        for g in range(1, size.plans + 1):
            c.add(base | {"id": g, "government_id": g, "title": f"第{g:05d}县{year}年政府工作报告"})
        counts["plans"] = c.close()

        per_plan = size.areas * (1 + size.tasks)
        c = Copier(cur, Node._meta.db_table, _columns(Node))
        base = _defaults(Node)
        numerals = "一二三四五六七八九十"
        for g in range(1, size.plans + 1):
            first = (g - 1) * per_plan + 1
            order = 0
            for a in range(size.areas):
                area = first + a * (1 + size.tasks)
                order += 1
                c.add(base | {"id": area, "plan_id": g, "parent_id": None, "kind": "area", "depth": 0,
                              "number": numerals[a % 10] + "、", "title": f"第{a + 1}个领域：推动高质量发展",
                              "order": order})
                for j in range(size.tasks):
                    order += 1
                    c.add(base | {"id": area + 1 + j, "plan_id": g, "parent_id": area, "kind": "task",
                                  "depth": 1, "number": f"{j + 1}.", "title": f"第{a * size.tasks + j + 1}项任务",
                                  "order": order})
        counts["nodes"] = c.close()

        def task_node(g: int, task: int) -> int:
            a, j = divmod(task, size.tasks)
            return (g - 1) * per_plan + 1 + a * (1 + size.tasks) + 1 + j

        c = Copier(cur, Target._meta.db_table, _columns(Target))
        base = _defaults(Target) | {"unit": "个", "comparator": ">=", "deadline": date(year, 12, 31),
                                    "kind": "count", "weight": 1, "version": 1}
        for g in range(1, size.plans + 1):
            for t in range(size.targets):
                low = 100 + t
                c.add(base | {"id": target_id(g, t, size), "plan_id": g, "node_id": task_node(g, task_of(t, size)),
                              "order": t + 1, "metric": f"重点项目{t + 1}", "low": low, "high": low,
                              "aspirational": t % 8 == 0, "text": f"实施重点项目{t + 1}，数量{low}个以上。",
                              "quantity": f"{low}个以上", "span_start": t * 20, "span_end": t * 20 + 15})
        counts["targets"] = c.close()

        c = Copier(cur, Assignment._meta.db_table, _columns(Assignment))
        base = _defaults(Assignment)
        aid = 0
        for g in range(1, size.plans + 1):
            for task in range(size.areas * size.tasks):
                aid += 1
                c.add(base | {"id": aid, "node_id": task_node(g, task), "target_id": None,
                              "department_id": dept_id(g, task % TASK_LEADS, size), "role": "lead"})
            for t in range(size.targets):
                lead, support = own_lead(t, size), own_support(t)
                if lead is None:
                    continue
                aid += 1
                c.add(base | {"id": aid, "node_id": None, "target_id": target_id(g, t, size),
                              "department_id": dept_id(g, lead, size), "role": "lead"})
                if support is not None and support != lead:
                    aid += 1
                    c.add(base | {"id": aid, "node_id": None, "target_id": target_id(g, t, size),
                                  "department_id": dept_id(g, support, size), "role": "support"})
        counts["assignments"] = c.close()

        cols = _columns(ProgressReport)
        base = _defaults(ProgressReport) | {"status": "accepted", "demo": False, "progress": "按计划推进，进展顺利。",
                                            "problems": "", "next_steps": "继续推进。"}
        c = Copier(cur, ProgressReport._meta.db_table, cols)
        # one template line per month, the ids filled in by str.format (3.6 M rows in seconds)
        months = []
        for m in range(1, size.reports + 1):
            mm = (m - 1) % 12 + 1
            as_of = date(year, mm, calendar.monthrange(year, mm)[1])
            created = datetime.combine(min(as_of + timedelta(days=3), date(year, 12, 31)), datetime.min.time())
            row = base | {"id": "{rid}", "target_id": "{tid}", "department_id": "{did}", "value": "{value:.4f}",
                          "as_of": as_of, "created": created.isoformat() + "+08:00",
                          "reviewed": created.isoformat() + "+08:00", "reporter_id": None, "reviewer_id": None}
            months.append(("\t".join(_cell(row[col]) for col in cols), mm / 12))
        pace = (1.15, 1.0, 0.85, 0.5)  # ahead, on track, a bit behind, far behind
        rid = 0
        for g in range(1, size.plans + 1):
            for t in range(size.targets):
                tid, did, low = target_id(g, t, size), dept_id(g, lead_of(t, size), size), 100 + t
                p = pace[(t + g) % 4]
                for template, share in months:
                    rid += 1
                    c.line(template.format(rid=rid, tid=tid, did=did, value=low * share * p))
        counts["reports"] = c.close()

        for table in tables:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")
        conn.commit()
        for _, definition in indexes:
            cur.execute(definition)
        for table, name, definition in fks:
            cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        conn.commit()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for table in tables:
            conn.execute(f"VACUUM ANALYZE {table}")
    return counts


def database(pg: str, name: str) -> str:
    parts = urllib.parse.urlsplit(pg)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def prepare(args: argparse.Namespace, size: Size) -> tuple[float | None, dict[str, int]]:
    """Create, migrate and fill the database (or reuse a kept one). Returns the fill seconds."""
    import psycopg

    url = database(args.pg, args.db)
    with psycopg.connect(database(args.pg, "postgres"), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (args.db,)).fetchone()
    if exists and args.keep:
        with psycopg.connect(url) as conn:
            try:
                marker = conn.execute("SELECT value FROM bench_size").fetchone()
            except psycopg.Error:
                marker = None
            if marker and marker[0] == json.dumps(size.__dict__, sort_keys=True):
                seed = json.loads(conn.execute("SELECT counts FROM bench_size").fetchone()[0])
                conn.execute("DELETE FROM core_progressreport WHERE id > %s", (seed["reports"],))
                conn.execute("DELETE FROM core_historicalprogressreport")
                conn.execute("DELETE FROM django_session")
                print(f"reusing the filled database {args.db} ({size.label()})")
                from django.core.management import call_command

                call_command("migrate", verbosity=0)  # migrations added since it was filled
                return None, seed
        print(f"{args.db} holds another data set: making it anew")
    with psycopg.connect(database(args.pg, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{args.db}"')
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - t0
    from django.db import connections

    connections.close_all()
    print(f"migrated in {migrated:.1f} s; filling {size.label()} …", flush=True)
    t0 = time.perf_counter()
    counts = fill(url, size)
    seconds = time.perf_counter() - t0
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE bench_size (value text, counts text)")
        conn.execute("INSERT INTO bench_size VALUES (%s, %s)",
                     (json.dumps(size.__dict__, sort_keys=True), json.dumps(counts)))
    with psycopg.connect(url) as conn:
        mb = conn.execute("SELECT pg_database_size(current_database()) / 1048576").fetchone()[0]
    print(f"filled in {seconds:.1f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()) + f"; {mb:,} MB")
    return seconds, counts


def server_memory(url: str) -> str:
    """The server's ``shared_buffers`` against the database's size, with a warning when the
    data cannot stay in PostgreSQL's own cache (its default, 128 MB, is for small machines;
    its documentation suggests a quarter of the memory): figures then depend on the OS cache
    and vary more from run to run."""
    import psycopg

    with psycopg.connect(url) as conn:
        buffers, database_size, small = conn.execute(
            "SELECT current_setting('shared_buffers'), pg_size_pretty(pg_database_size(current_database())), "
            "(SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers') "
            "< pg_database_size(current_database())").fetchone()
    if small:
        print(f"warning: PostgreSQL's shared_buffers ({buffers}) is smaller than the database ({database_size})",
              file=sys.stderr)
    return f"shared_buffers {buffers}, database {database_size}"


# ---------------------------------------------------------------- the server


def serve(args: argparse.Namespace, env: dict[str, str], logdir: Path) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        sys.exit("gunicorn is not installed in this virtualenv: pip install gunicorn")
    cmd = [str(gunicorn), "luoshi.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
           "--backlog", "256", "--error-logfile", str(logdir / "gunicorn.log"), "--log-level", "warning"]
    if args.threads > 1:
        cmd += ["--worker-class", "gthread", "--threads", str(args.threads), "--keep-alive", "30"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited ({proc.returncode}); see {logdir / 'gunicorn.log'}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("gunicorn did not answer within 60 s")



# ---------------------------------------------------------------- the clients


# A browser follows a submission's redirect to the page that shows (and so consumes) its
# "report submitted" message; the bench does not follow it. Kept and sent back, the messages
# would pile up, first in their cookie, then in the session, which every request would then
# read and write again: a cost no user meets. So the clients do not keep them.
ONE_TIME_COOKIES = {"messages"}


class Session:
    """One logged-in user over one keep-alive connection (reconnecting when the server closes)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes, str]:
        h = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} | (headers or {})
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=h)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt:
                    raise
        for cookie in resp.msg.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            if name.strip() in ONE_TIME_COOKIES:
                continue
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if resp.will_close:
            self.conn.close()
        return resp.status, data, resp.getheader("Location") or ""

    def login(self, username: str) -> None:
        status, page, _ = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert status == 200 and token, f"login page: {status}"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "username": username,
                                       "password": PASSWORD}).encode()
        status, _, location = self.request("POST", "/accounts/login/", body,
                                           {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302 and "sessionid" in self.cookies, f"login of {username}: {status}"


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    example_error: str = ""

    def pct(self, p: float) -> float:
        xs = sorted(self.latencies)
        return 1000 * xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else float("nan")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        mean = 1000 * statistics.fmean(self.latencies) if self.latencies else float("nan")
        return (f"{self.name:<22} {len(self.latencies):>7} ok {self.errors:>5} err  {self.rate:7.1f}/s  "
                f"mean {mean:6.1f}  p50 {self.pct(50):6.1f}  p95 {self.pct(95):6.1f}  "
                f"p99 {self.pct(99):6.1f}  max {self.pct(100):6.1f} ms")


Step = Callable[[Session, random.Random], tuple[str, str, bytes | None, dict[str, str], int]]


def run_phase(name: str, clients: list[list[Any]], step: Step, duration: float, limit: int,
              seed: int = 0, think: float = 0.0) -> Result:
    """Each client thread repeats ``step`` (which names the request and the status expected)
    until ``duration`` seconds have passed or ``limit`` requests were made in all, pausing
    ``think`` seconds after each answer."""
    result = Result(name)
    lock = threading.Lock()
    count = [0]
    start = time.perf_counter()
    stop_at = start + duration

    def work(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        mine: list[float] = []
        errors = 0
        while time.perf_counter() < stop_at:
            with lock:
                if count[0] >= limit:
                    break
                count[0] += 1
            session = rng.choice(clients[i])
            method, path, body, headers, expected = step(session, rng)
            t0 = time.perf_counter()
            try:
                status, data, _ = session.request(method, path, body, headers)
            except (OSError, http.client.HTTPException) as exc:
                status, data = 0, repr(exc).encode()
            dt = time.perf_counter() - t0
            if status == expected:
                mine.append(dt)
            else:
                errors += 1
                if not result.example_error:
                    result.example_error = f"{method} {path} → {status}: {data[:300]!r}"
            if think:
                time.sleep(think)
        with lock:
            result.latencies.extend(mine)
            result.errors += errors

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - start
    return result


def login_all(port: int, users: list[list[str]]) -> list[list[Session]]:
    """A session per user name, logged in by one thread per client (in parallel)."""
    out: list[list[Session]] = [[] for _ in users]

    def work(i: int) -> None:
        for name in users[i]:
            s = Session(port)
            s.login(name)
            out[i].append(s)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(users))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if any(len(o) != len(u) for o, u in zip(out, users, strict=True)):
        sys.exit("some logins failed")
    return out


def multipart(fields: Iterable[tuple[str, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


def load(args: argparse.Namespace, size: Size) -> list[Result]:
    rng = random.Random(42)
    print(f"logging in {args.clients} clients …", flush=True)
    t0 = time.perf_counter()
    office = login_all(args.port, [["bench"] for _ in range(args.clients)])
    governments = rng.sample(range(1, size.plans + 1), min(size.plans, args.clients * args.reporters))
    reporters = login_all(args.port, [[f"reporter{g}" for g in governments[i::args.clients]]
                                      for i in range(args.clients)])
    for sessions, gs in zip(reporters, [governments[i::args.clients] for i in range(args.clients)], strict=True):
        for s, g in zip(sessions, gs, strict=True):
            s.government = g  # type: ignore[attr-defined]
    print(f"  {sum(map(len, office)) + sum(map(len, reporters))} sessions in {time.perf_counter() - t0:.1f} s")
    year = size.year
    mine = {g: reported_targets(reporter_dept(g), size) for g in governments}

    def dashboard(s: Session, r: random.Random) -> tuple[str, str, None, dict[str, str], int]:
        return "GET", f"/plans/{r.randint(1, size.plans)}/", None, {}, 200

    def tree(s: Session, r: random.Random) -> tuple[str, str, None, dict[str, str], int]:
        return "GET", f"/plans/{r.randint(1, size.plans)}/tree/", None, {}, 200

    def department(s: Session, r: random.Random) -> tuple[str, str, None, dict[str, str], int]:
        g = s.government  # type: ignore[attr-defined]
        return "GET", f"/departments/{dept_id(g, reporter_dept(g), size)}/", None, {}, 200

    def submit(s: Session, r: random.Random) -> tuple[str, str, bytes, dict[str, str], int]:
        g = s.government  # type: ignore[attr-defined]
        tid = target_id(g, r.choice(mine[g]), size)
        day = date(year, 1, 1) + timedelta(days=r.randrange(365))
        body, ctype = multipart([
            ("csrfmiddlewaretoken", s.cookies["csrftoken"]), ("target", str(tid)),
            (f"t{tid}-as_of", day.isoformat()), (f"t{tid}-value", f"{r.uniform(10, 200):.2f}"),
            (f"t{tid}-progress", "项目按计划推进，已完成年度投资的七成。"), (f"t{tid}-problems", "用地指标紧张。"),
            (f"t{tid}-next_steps", "加快办理用地手续。")])
        return "POST", f"/departments/{dept_id(g, reporter_dept(g), size)}/", body, {"Content-Type": ctype}, 302

    phases: list[tuple[str, list[list[Session]], Step]] = [
        ("dashboard", office, dashboard), ("tree", office, tree),
        ("department", reporters, department), ("submit", reporters, submit),
    ]
    results = []
    for k, (name, clients, step) in enumerate(phases):
        if args.only and name not in args.only:
            continue
        # seeds of their own: the tree phase does not ask for the plans the dashboard phase did
        run_phase(name, clients, step, args.warmup, args.max_requests, seed=10 * k + 1, think=args.think / 1000)
        res = run_phase(name, clients, step, args.duration, args.max_requests, seed=10 * k + 2,
                        think=args.think / 1000)
        print(res.line(), flush=True)
        if res.example_error:
            print("   first error:", res.example_error)
        results.append(res)
    return results


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=3000, help="plans, one government each (3000)")
    ap.add_argument("--targets", type=int, default=100, help="targets per plan (100)")
    ap.add_argument("--reports", type=int, default=12, help="monthly accepted reports per target (12)")
    ap.add_argument("--departments", type=int, default=30, help="departments per government (30)")
    ap.add_argument("--areas", type=int, default=6, help="areas per plan (6)")
    ap.add_argument("--tasks", type=int, default=4, help="tasks per area (4)")
    ap.add_argument("--plan-kb", type=int, default=32, help="size of each plan's text and engine output (32 KB)")
    ap.add_argument("--duration", type=float, default=20, help="seconds per phase (20)")
    ap.add_argument("--warmup", type=float, default=3, help="seconds of warm-up before each phase (3)")
    ap.add_argument("--max-requests", type=int, default=100_000, help="bound on requests per phase")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    ap.add_argument("--think", type=float, default=0, help="pause of each client after an answer, ms (0)")
    ap.add_argument("--reporters", type=int, default=3, help="reporter sessions per client (3)")
    ap.add_argument("--workers", type=int, default=3,
                    help="gunicorn worker processes (3: on 2 cores as good as 2 or better, 4 slower)")
    ap.add_argument("--threads", type=int, default=1, help="threads per worker; > 1 uses gthread (1: sync)")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--pg", default=os.environ.get("BENCH_PG", "postgres://luoshi:luoshi@127.0.0.1:5432"),
                    help="PostgreSQL server URL (a role with CREATEDB)")
    ap.add_argument("--db", default="luoshi_bench", help="database to create (luoshi_bench)")
    ap.add_argument("--keep", action="store_true", help="reuse a filled database and keep it")
    ap.add_argument("--only", nargs="*", choices=["dashboard", "tree", "department", "submit"],
                    help="run only these phases")
    ap.add_argument("--fill-only", action="store_true", help="fill the database and stop (with --keep)")
    args = ap.parse_args()
    size = Size(args.plans, args.targets, args.reports, args.departments, args.areas, args.tasks, args.plan_kb)

    datadir = Path(tempfile.mkdtemp(prefix="luoshi-bench-"))
    # the caches on a memory file system when there is one, as the README advises: creating
    # a file there costs a third of what it costs on this machine's disk
    shm = Path("/dev/shm")
    cachedir = Path(tempfile.mkdtemp(prefix="luoshi-bench-", dir=shm)) if shm.is_dir() else datadir / "cache"
    env = {"LUOSHI_CACHE_DIR": str(cachedir)} | os.environ | {
        "DATABASE_URL": database(args.pg, args.db), "LUOSHI_SECRET_KEY": SECRET, "LUOSHI_DATA_DIR": str(datadir),
        "LUOSHI_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "luoshi.settings"}
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    fill_s, counts = prepare(args, size)
    memory = server_memory(database(args.pg, args.db))
    results: list[Result] = []
    proc = None
    try:
        if not args.fill_only:
            proc = serve(args, env, datadir)
            kind = f"gthread × {args.threads}" if args.threads > 1 else "sync"
            print(f"gunicorn: {args.workers} workers ({kind}) on 127.0.0.1:{args.port}; "
                  f"{args.clients} clients (think {args.think:.0f} ms), {args.duration:.0f} s per phase", flush=True)
            results = load(args, size)
    finally:
        if proc is not None:
            stop(proc)
        if not args.keep:
            import psycopg
            from django.db import connections

            connections.close_all()
            with psycopg.connect(database(args.pg, "postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        shutil.rmtree(datadir, ignore_errors=True)
        shutil.rmtree(cachedir, ignore_errors=True)

    by = {r.name: r for r in results}
    rows = [("data set", size.label(), "", ""),
            ("rows", f"{counts.get('reports', 0):,} reports, {counts.get('targets', 0):,} targets, "
                     f"{counts.get('departments', 0):,} departments", "", ""),
            ("fill time", f"{fill_s:.0f} s" if fill_s is not None else "(reused)", "", ""),
            ("PostgreSQL", memory, "", "")]
    checks = [("dashboard p95", "dashboard", lambda r: r.pct(95), "< 150 ms", lambda v: v < 150, "ms"),
              ("tree p95", "tree", lambda r: r.pct(95), "< 150 ms", lambda v: v < 150, "ms"),
              ("department p95", "department", lambda r: r.pct(95), "< 100 ms", lambda v: v < 100, "ms"),
              ("submissions", "submit", lambda r: r.rate, "≥ 200/s", lambda v: v >= 200, "/s")]
    for label, name, get, req, ok, unit in checks:
        if name in by:
            r = by[name]
            v = get(r)
            verdict = "PASS" if ok(v) and not r.errors else "FAIL"
            rows.append((label, f"{v:.1f} {unit} (p50 {r.pct(50):.1f} ms, {r.rate:.0f}/s, {r.errors} errors)",
                         req, verdict))
    print()
    for a, b, c, d in rows:
        print(f"| {a:<15} | {b:<66} | {c:<9} | {d:<4} |")
    return 0 if all(r[3] != "FAIL" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
