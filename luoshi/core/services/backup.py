"""Backup and restore of the tracker: the database and the uploaded files in one archive.

The archive (``.tar.gz``) holds ``manifest.json`` (what was saved, when, the rows per table),
the database, and ``media/`` (uploaded reports and evidence; previews not yet confirmed are
left out). The database is copied first, then the files: every file a saved row names is in the
archive, whatever is uploaded meanwhile.

- SQLite: ``luoshi.sqlite3``, a consistent copy made with SQLite's online backup API
  while the server runs (writers wait a moment, readers not at all).
- PostgreSQL: ``database.pgdump``, made by ``pg_dump --format=custom`` (PostgreSQL's client
  programs must be installed; without them the backup says so and stops), restored by
  ``pg_restore --clean --if-exists --single-transaction``.

The secret key is not in the archive (it signs sessions, so without it people log in again;
API tokens and passwords do not depend on it): keep ``LUOSHI_SECRET_KEY`` or
``$LUOSHI_DATA_DIR/secret.key`` apart.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from . import ServiceError

FORMAT = 1
SQLITE_NAME, PG_NAME, MANIFEST = "luoshi.sqlite3", "database.pgdump", "manifest.json"
SKIPPED_MEDIA = ("staging",)  # previews of uploads, kept a day at most
# made by `migrate` itself: a database holding only these is empty
SCAFFOLDING = {"django_migrations", "django_content_type", "auth_permission"}


@dataclass(frozen=True)
class Summary:
    path: Path
    vendor: str
    rows: int
    tables: int
    files: int
    bytes: int


def table_rows() -> dict[str, int]:
    """Rows per table of the database (every table, Django's and the app's)."""
    with connection.cursor() as cur:
        names = sorted(connection.introspection.table_names(cur))
        counts = {}
        for name in names:
            cur.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
            counts[name] = int(cur.fetchone()[0])
    return counts


def is_empty() -> bool:
    return not any(n for t, n in table_rows().items() if t not in SCAFFOLDING)


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*")
                  if p.is_file() and p.relative_to(root).parts[0] not in SKIPPED_MEDIA)


def _dsn() -> list[str]:
    """pg_dump / pg_restore arguments naming the database (the password goes in PGPASSWORD)."""
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if s.get(key):
            args += [flag, str(s[key])]
    return args


def _pg_env() -> dict[str, str]:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(connection.settings_dict["PASSWORD"])
    return env


def _pg(program: str, *args: str) -> None:
    exe = shutil.which(program)
    if exe is None:
        raise ServiceError(f"{program} not found: install PostgreSQL's client programs (Debian: postgresql-client) "
                           f"or run {program} yourself (see docs/operator.md, Backups)")
    out = subprocess.run([exe, *args, *_dsn()], env=_pg_env(), capture_output=True, text=True)
    if out.returncode:
        raise ServiceError(f"{program} failed: {out.stderr.strip()[-500:]}")


def _dump_database(folder: Path) -> str:
    if connection.vendor == "sqlite":
        target = folder / SQLITE_NAME
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)  # the online backup API: a consistent copy
        finally:
            dest.close()
        return SQLITE_NAME
    if connection.vendor == "postgresql":
        _pg("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(folder / PG_NAME))
        return PG_NAME
    raise ServiceError(f"backup of a {connection.vendor} database is not supported: use its own tools")


def backup(path: Path) -> Summary:
    """Write the archive to ``path`` (through a temporary file: never half an archive)."""
    path = Path(path)
    rows = table_rows()
    with tempfile.TemporaryDirectory(prefix="luoshi-backup-", dir=path.parent if path.parent.is_dir() else None) as tmp:
        folder = Path(tmp)
        name = _dump_database(folder)
        files = _media_files()  # after the database: each file its rows name is there
        root = Path(settings.MEDIA_ROOT)
        manifest = {
            "format": FORMAT, "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "vendor": connection.vendor, "database": name, "rows": rows,
            "files": {p.relative_to(root).as_posix(): p.stat().st_size for p in files},
        }
        partial = folder / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(folder / name, arcname=name)
            for p in files:
                tar.add(p, arcname="media/" + p.relative_to(root).as_posix(), recursive=False)
        os.replace(partial, path)
    return Summary(path, connection.vendor, sum(rows.values()), len(rows), len(files), path.stat().st_size)


def _members(tar: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    """The archive's members, checked: regular files, no absolute paths or `..`."""
    members = {}
    for m in tar.getmembers():
        parts = Path(m.name).parts
        if not m.isfile() or m.name.startswith("/") or ".." in parts or not parts:
            raise ServiceError(f"not a luoshi backup: unexpected member {m.name!r}")
        members[m.name] = m
    return members


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:*") as tar:
            members = _members(tar)
            if MANIFEST not in members:
                raise ServiceError(f"{path}: not a luoshi backup (no {MANIFEST})")
            f = tar.extractfile(members[MANIFEST])
            assert f is not None
            manifest: dict[str, Any] = json.load(f)
    except (tarfile.TarError, OSError, ValueError) as exc:
        raise ServiceError(f"{path}: not a luoshi backup ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise ServiceError(f"{path}: backup format {manifest.get('format')} (this luoshi reads {FORMAT})")
    return manifest


def restore(path: Path) -> Summary:
    """Replace the database and the uploaded files by the archive's. The caller has made sure
    that overwriting is wanted (``is_empty`` or the user's word) and that no server runs."""
    path = Path(path)
    manifest = read_manifest(path)
    if manifest["vendor"] != connection.vendor:
        raise ServiceError(f"this backup is of a {manifest['vendor']} database; the configured one is "
                           f"{connection.vendor} (set DATABASE_URL)")
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="luoshi-restore-") as tmp, tarfile.open(path, "r:*") as tar:
        folder = Path(tmp)
        members = _members(tar)
        for name, m in members.items():
            if name != manifest["database"] and not name.startswith("media/"):
                continue
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            src = tar.extractfile(m)
            assert src is not None
            with src, target.open("wb") as out:
                shutil.copyfileobj(src, out)
        missing = [f for f in manifest["files"] if not (folder / "media" / f).is_file()]
        if not (folder / manifest["database"]).is_file() or missing:
            raise ServiceError(f"{path}: incomplete backup (missing {missing[:3] or manifest['database']})")
        _load_database(folder / manifest["database"])
        # the files, once the database is in: the old ones go, the archive's come
        media = folder / "media"
        root.mkdir(parents=True, exist_ok=True)
        for child in root.iterdir():
            if child.name not in SKIPPED_MEDIA:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        if media.is_dir():
            shutil.copytree(media, root, dirs_exist_ok=True)
    _clear_caches()
    rows = table_rows()
    differ = {t: (n, rows.get(t)) for t, n in manifest["rows"].items() if rows.get(t) != n}
    if differ:
        raise ServiceError(f"restored, but the rows differ from the backup's: {dict(list(differ.items())[:5])}")
    return Summary(path, connection.vendor, sum(rows.values()), len(rows), len(manifest["files"]),
                   path.stat().st_size)


def _load_database(file: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        src = sqlite3.connect(file)
        try:
            src.backup(connection.connection)  # page by page into the live file, WAL and all
        finally:
            src.close()
        connection.close()
    else:
        connection.close()
        _pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
            "--exit-on-error", str(file))


def _clear_caches() -> None:
    """Rendered pages are keyed by a plan's revision, which the restored database may have
    had before with other contents: they all go (and the cached sessions)."""
    from django.core.cache import caches

    for alias in ("pages", "sessions"):
        if alias in settings.CACHES:
            caches[alias].clear()
