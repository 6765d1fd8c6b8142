"""Deployment behind a TLS proxy: ``LUOSHI_HTTPS=1 luoshi manage check --deploy`` reports no
issues (with a real secret key from the environment), and ``luoshi serve`` in that mode
redirects plain HTTP, sends HSTS and secure cookies when the proxy says the request came over
HTTPS."""

from __future__ import annotations

import http.client
import secrets
import socket
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from writes import PYTHON, ROOT, environment, serve, stop  # noqa: E402  (bench/writes.py)


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "luoshi", "manage", "check", "--deploy"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_luoshi_https(tmp_path: Path) -> None:
    env = environment(tmp_path, "sqlite") | {"LUOSHI_SECRET_KEY": secrets.token_urlsafe(50)}
    plain = _check(env)
    assert "security.W004" in plain.stderr and "security.W012" in plain.stderr  # the check is awake
    out = _check(env | {"LUOSHI_HTTPS": "1"})
    assert out.returncode == 0, out.stderr
    assert "System check identified no issues" in out.stdout, out.stdout + out.stderr
    assert "WARNING" not in out.stderr, out.stderr


def test_serve_behind_a_tls_proxy(tmp_path: Path) -> None:
    env = environment(tmp_path, "sqlite") | {"LUOSHI_HTTPS": "1"}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = serve(env, port, "serve", tmp_path / "server.log")
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/accounts/login/", headers={"Host": "localhost"})
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 301 and resp.getheader("Location") == "https://localhost/accounts/login/"
        conn.request("GET", "/accounts/login/", headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 200
        assert resp.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
        cookies = resp.headers.get_all("Set-Cookie") or []
        assert cookies and all("Secure" in c for c in cookies), cookies
        conn.close()
    finally:
        stop(proc)
