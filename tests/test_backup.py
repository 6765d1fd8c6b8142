"""``luoshi backup`` → wipe → ``luoshi restore`` gives back every row of every table and every
uploaded file, byte for byte; a restore onto data refuses without --force. The commands run as a
user runs them, in processes of their own: on SQLite with a database file of their own, on
PostgreSQL in the suite's test database (pg_dump / pg_restore)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from test_load import database_url  # noqa: E402
from writes import PYTHON, ROOT, environment, luoshi  # noqa: E402  (bench/writes.py)

# every row of every table, in a stable order, as JSON (run by the tracker's own settings)
DUMP = """
import json
from django.db import connection
out = {}
with connection.cursor() as cur:
    for name in sorted(connection.introspection.table_names(cur)):
        cur.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")
        out[name] = sorted(json.dumps(row, default=str, ensure_ascii=False) for row in cur.fetchall())
print(json.dumps(out, ensure_ascii=False))
"""

# a report with an evidence file, so that the media hold more than the imported report
EVIDENCE = """
from datetime import date
from django.core.files.uploadedfile import SimpleUploadedFile
from luoshi.core.models import Target, User
from luoshi.core.services.progress import submit_report
t = Target.objects.filter(low__isnull=False).order_by("pk").first()
submit_report(t, user=User.objects.get(username="admin"), as_of=date(2023, 7, 31), value=1, progress="有附件",
              evidence=[SimpleUploadedFile("现场照片.jpg", bytes(range(256)) * 40)])
"""


def rows(env: dict[str, str]) -> dict[str, list[str]]:
    return json.loads(luoshi(env, "manage", "shell", "--no-imports", "-c", DUMP))


def files(media: Path) -> dict[str, str]:
    return {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(media.rglob("*")) if p.is_file()}


def wipe(env: dict[str, str], data: Path) -> None:
    shutil.rmtree(data / "media")
    if "DATABASE_URL" in env:
        luoshi(env, "manage", "flush", "--no-input")
    else:
        for p in data.glob("luoshi.sqlite3*"):
            p.unlink()


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_the_same_rows_and_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = environment(data, database_url())
    luoshi(env, "demo", "--password", "backup-tests-password")
    luoshi(env, "manage", "shell", "--no-imports", "-c", EVIDENCE)
    before, media = rows(env), files(data / "media")
    assert len(media) == 2 and sum(len(r) for r in before.values()) > 500
    assert before["core_evidence"] and before["core_progressreport"]

    archive = tmp_path / "luoshi-backup.tar.gz"
    assert "backed up" in luoshi(env, "backup", str(archive))
    wipe(env, data)
    assert rows(env).get("core_plan", []) == [] and not (data / "media").exists()

    assert "restored the backup" in luoshi(env, "restore", str(archive))  # an empty database: no --force needed
    assert rows(env) == before
    assert files(data / "media") == media


def test_restore_onto_data_refuses_without_force(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = environment(data, "sqlite")
    luoshi(env, "demo", "--password", "backup-tests-password")
    archive = tmp_path / "b.tar.gz"
    luoshi(env, "backup", str(archive))
    again = subprocess.run([PYTHON, "-m", "luoshi", "backup", str(archive)], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert again.returncode == 2 and "--force" in again.stderr  # an archive is not overwritten either
    luoshi(env, "manage", "shell", "--no-imports", "-c", EVIDENCE)
    before = rows(env)
    res = subprocess.run([PYTHON, "-m", "luoshi", "restore", str(archive)], cwd=ROOT, env=env,
                         capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert res.returncode == 2
    assert "holds data" in res.stderr and "--force" in res.stderr and "Traceback" not in res.stderr
    assert rows(env) == before  # untouched
    luoshi(env, "restore", "--force", str(archive))
    assert rows(env)["core_evidence"] == []  # the backup's state, from before the evidence


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    env = environment(tmp_path / "data", "sqlite")
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_bytes(b"not an archive")
    res = subprocess.run([PYTHON, "-m", "luoshi", "restore", "--force", str(bogus)], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 2 and "not a luoshi backup" in res.stderr, res.stderr
