"""An uploaded report between its preview and its confirmation: the file's bytes and the
engine's output kept in a folder named by a random token, listed in the uploader's session.
Nothing is written to the database before the office confirms."""

from __future__ import annotations

import json
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest

SESSION_KEY = "luoshi_imports"
MAX_AGE = 24 * 3600  # seconds a preview is kept


@dataclass(frozen=True, slots=True)
class Staged:
    token: str
    government: str
    year: int
    source_name: str
    engine: dict[str, Any]

    def source_bytes(self) -> bytes:
        return (_root() / self.token / "source").read_bytes()


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "staging"


def _sweep() -> None:
    """Drop previews older than a day (abandoned uploads)."""
    root = _root()
    if not root.is_dir():
        return
    now = time.time()
    for d in root.iterdir():
        try:
            if now - d.stat().st_mtime > MAX_AGE:
                shutil.rmtree(d, ignore_errors=True)
        except OSError:
            continue


def stage(request: HttpRequest, *, data: bytes, engine: dict[str, Any], government: str, year: int,
          source_name: str) -> str:
    _sweep()
    token = secrets.token_urlsafe(18)
    folder = _root() / token
    folder.mkdir(parents=True)
    (folder / "source").write_bytes(data)
    (folder / "engine.json").write_text(json.dumps(engine, ensure_ascii=False), encoding="utf-8")
    staged = dict(request.session.get(SESSION_KEY, {}))
    staged[token] = {"government": government, "year": year, "source_name": source_name}
    request.session[SESSION_KEY] = staged
    return token


def load(request: HttpRequest, token: str) -> Staged | None:
    meta = request.session.get(SESSION_KEY, {}).get(token)
    folder = _root() / token
    if meta is None or not (folder / "engine.json").is_file():
        return None
    engine = json.loads((folder / "engine.json").read_text(encoding="utf-8"))
    return Staged(token, meta["government"], int(meta["year"]), meta["source_name"], engine)


def discard(request: HttpRequest, token: str) -> None:
    staged = dict(request.session.get(SESSION_KEY, {}))
    staged.pop(token, None)
    request.session[SESSION_KEY] = staged
    if token and "/" not in token and token not in (".", ".."):
        shutil.rmtree(_root() / token, ignore_errors=True)
