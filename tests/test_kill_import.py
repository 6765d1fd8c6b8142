"""``kill -9`` of ``luoshi import`` at any moment leaves no half plan: the plan, its government,
tree and targets are written in one transaction, so a killed import left either the whole plan
or nothing (and the database still passes its integrity check). The imports run as a user runs
them, each killed after a growing share of the time a whole import takes (most of the later
kills land while it writes)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from test_load import database_url  # noqa: E402
from writes import PYTHON, ROOT, environment, luoshi  # noqa: E402  (bench/writes.py)

REPORT = ROOT / "luoshi" / "examples" / "boshan_2023.txt"
SHARES = (0.5, 0.7, 0.8, 0.85, 0.88, 0.91, 0.93, 0.95, 0.97, 0.99, 1.02)

# each government's plans with their nodes and targets, and the database's own check
STATE = """
import json
from django.db import connection
from luoshi.core.models import Government
out = {"plans": {g.name: [[p.nodes.count(), p.targets.count()] for p in g.plans.all()]
                 for g in Government.objects.all()}}
if connection.vendor == "sqlite":
    with connection.cursor() as cur:
        cur.execute("PRAGMA integrity_check")
        out["integrity"] = cur.fetchone()[0]
print(json.dumps(out, ensure_ascii=False))
"""


def _import(government: str) -> list[str]:
    return [PYTHON, "-m", "luoshi", "import", str(REPORT), "--government", government, "--year", "2023"]


@pytest.mark.django_db(transaction=True)
def test_kill_9_of_an_import_leaves_no_half_plan(tmp_path: Path) -> None:
    env = environment(tmp_path, database_url())
    luoshi(env, "import", str(REPORT), "--government", "整份", "--year", "2023")  # migrates; the whole plan
    t0 = time.monotonic()
    luoshi(env, "import", str(REPORT), "--government", "计时", "--year", "2023")
    whole = time.monotonic() - t0
    killed = 0
    for i, share in enumerate(SHARES):
        proc = subprocess.Popen(_import(f"中断{i}"), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(whole * share)
        proc.send_signal(signal.SIGKILL)
        killed += proc.wait(30) == -signal.SIGKILL
    assert killed >= len(SHARES) // 2, "the imports ended before they could be killed"

    state = json.loads(luoshi(env, "manage", "shell", "--no-imports", "-c", STATE))
    complete = state["plans"]["整份"]
    assert len(complete) == 1 and complete[0][0] > 20 and complete[0][1] > 20
    for name, plans in state["plans"].items():
        assert plans == complete, f"{name}: {plans} (a whole plan is {complete})"  # no government without one
    assert state.get("integrity", "ok") == "ok"
    # the database takes the next import as usual
    luoshi(env, "import", str(REPORT), "--government", "之后", "--year", "2023")
