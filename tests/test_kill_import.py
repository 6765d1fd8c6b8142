"""``kill -9`` of ``luoshi import`` at any moment leaves no half plan: the plan, its government,
tree and targets are written in one transaction, so a killed import left either the whole plan
or nothing (and the database still passes its integrity check). The imports run as a user runs
them: two killed while they read the report, the others while they write, a growing delay
after the report's copy appears in the media folder (the step just before the transaction).
(A killed import may leave that copy behind, an orphan file; never rows.)"""

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
EARLY = (0.3, 0.6)  # shares of a whole import's time
WRITING = (0.0, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.25)  # seconds after the copy appeared

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
    reports = tmp_path / "media" / "reports"
    killed = 0
    for i, when in enumerate([("early", s) for s in EARLY] + [("writing", d) for d in WRITING]):
        copies = len(list(reports.rglob("*")))
        proc = subprocess.Popen(_import(f"中断{i}"), cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if when[0] == "early":
            time.sleep(whole * when[1])
        else:
            deadline = time.monotonic() + 60
            while len(list(reports.rglob("*"))) == copies and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(when[1])
        proc.send_signal(signal.SIGKILL)
        killed += proc.wait(30) == -signal.SIGKILL
    assert killed >= 6, "the imports ended before they could be killed"

    state = json.loads(luoshi(env, "manage", "shell", "--no-imports", "-c", STATE))
    complete = state["plans"]["整份"]
    assert len(complete) == 1 and complete[0][0] > 20 and complete[0][1] > 20
    for name, plans in state["plans"].items():
        assert plans == complete, f"{name}: {plans} (a whole plan is {complete})"  # no government without one
    assert state.get("integrity", "ok") == "ok"
    # the database takes the next import as usual
    luoshi(env, "import", str(REPORT), "--government", "之后", "--year", "2023")
