"""Twenty department reporters posting progress at once, on a real server (``luoshi serve``,
gunicorn, in its own processes), over real HTTP, from real threads: no answer is a server
error, and every acknowledged report is in the database (and no other). The load is
bench/writes.py's, bounded: 20 clients × 15 writes.

On SQLite the server gets a database file of its own (the suite's in-memory database cannot be
shared with another process, and WAL needs a file); on PostgreSQL it uses the suite's test
database (committed data: a transactional test, flushed afterwards)."""

from __future__ import annotations

import http.client
import json
import socket
import sqlite3
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import writes  # noqa: E402  (bench/writes.py)

from luoshi.web.middleware import DatabaseBusy, server_error  # noqa: E402

CLIENTS, WRITES = 20, 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url() -> str:
    """The server's database: the suite's own on PostgreSQL, a new SQLite file otherwise."""
    if connection.vendor != "postgresql":
        return "sqlite"
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_twenty_reporters_at_once() -> None:
    load, rows = writes.run(database_url(), "serve", CLIENTS, WRITES, free_port())
    assert load.server_errors == 0, load.errors
    assert dict(load.statuses) == {201: CLIENTS * WRITES}, load.errors
    assert rows == load.acknowledged


def _post(port: int, token: str, target: int) -> tuple[int, dict[str, str], dict[str, str]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", f"/api/targets/{target}/reports", body=json.dumps({"as_of": "2023-06-30", "value": 1}),
                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    resp = conn.getresponse()
    body = json.loads(resp.read())
    conn.close()
    return resp.status, dict(resp.getheaders()), body


def test_a_lock_not_granted_in_time_is_a_503_with_retry_after(tmp_path: Path) -> None:
    """Another process holds SQLite's write lock longer than the busy timeout: the write is
    refused with 503, a message and Retry-After; once the lock is released it goes through."""
    env = writes.environment(tmp_path, "sqlite") | {"LUOSHI_SQLITE_TIMEOUT": "0.5"}
    token = writes.set_up(env)
    port = free_port()
    proc = writes.serve(env, port, "serve", tmp_path / "server.log")
    try:
        target = writes.target_ids(port, token)[0]
        holder = sqlite3.connect(tmp_path / "luoshi.sqlite3", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            status, headers, body = _post(port, token, target)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert status == 503, body
        assert headers["Retry-After"] == "2"
        assert "try again" in body["detail"] or "再试" in body["detail"], body
        assert _post(port, token, target)[0] == 201
    finally:
        writes.stop(proc)


def test_the_pages_answer_503_too() -> None:
    """The pages' views (middleware) and what fails outside a view (handler500)."""
    request = RequestFactory().post("/targets/1/report/")
    busy = OperationalError("database is locked")
    response = DatabaseBusy(lambda r: None).process_exception(request, busy)  # type: ignore[arg-type,return-value]
    assert response is not None and (response.status_code, response["Retry-After"]) == (503, "2")
    assert DatabaseBusy(lambda r: None).process_exception(  # type: ignore[arg-type,return-value]
        request, OperationalError("no such table: x")) is None  # a real failure stays a 500
    try:
        raise busy
    except OperationalError:
        assert server_error(request).status_code == 503
    try:
        raise OperationalError("disk I/O error")
    except OperationalError:
        assert server_error(request).status_code == 500
