"""Two people saving the same target: the first save wins, the second is refused with Conflict,
and both attempts stay on record (the history row of the first, a LogEntry for the second)."""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from luoshi.core.models import LogEntry, Target, User
from luoshi.core.services import Conflict
from luoshi.core.services import progress as P
from luoshi.core.services.progress import update_target

from .conftest import small_plan


def office_users(plan: Any) -> tuple[User, User]:
    make = lambda name: User.objects.create_user(name, role=User.Role.OFFICE, government=plan.government)  # noqa: E731
    return make("wang"), make("li")


@pytest.mark.django_db
def test_second_save_of_the_same_version_is_a_conflict() -> None:
    plan = small_plan()
    wang, li = office_users(plan)
    loaded_by_wang = Target.objects.get(plan=plan, metric="t1-a")
    loaded_by_li = Target.objects.get(plan=plan, metric="t1-a")
    assert loaded_by_wang.version == loaded_by_li.version == 1

    saved = update_target(loaded_by_wang, user=wang, version=loaded_by_wang.version, changes={"low": "120"})
    assert saved.version == 2
    with pytest.raises(Conflict, match="changed by someone else"):
        update_target(loaded_by_li, user=li, version=loaded_by_li.version, changes={"low": "90"})

    current = Target.objects.get(pk=loaded_by_wang.pk)
    assert (current.low, current.version) == (Decimal(120), 2)  # Li's change was not applied
    edits = current.history.filter(history_type="~")
    assert [(h.history_user, h.low, h.version) for h in edits] == [(wang, Decimal(120), 2)]
    log = LogEntry.objects.get(action="target.update.conflict")
    assert (log.user, log.target_id) == (li, current.pk)
    assert log.data == {"loaded_version": 1, "current_version": 2, "changes": {"low": "90"}}

    again = update_target(loaded_by_li, user=li, version=current.version, changes={"low": "90"})  # after reload
    assert (again.low, again.version) == (Decimal(90), 3)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both threads load version 1 and save at the same moment: the row lock makes the second
    wait for the first and then see version 2, so exactly one save succeeds."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT … FOR UPDATE) need PostgreSQL; SQLite locks the whole file")
    plan = small_plan()
    users = office_users(plan)
    target_id = Target.objects.get(plan=plan, metric="t1-a").pk

    clean = P.clean_target

    def slow_clean(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)  # hold the row lock long enough for the other thread to arrive
        return clean(*args, **kwargs)

    monkeypatch.setattr(P, "clean_target", slow_clean)
    barrier = threading.Barrier(2)
    outcomes: dict[str, Any] = {}

    def save(user: User, low: str) -> None:
        try:
            loaded = Target.objects.get(pk=target_id)
            barrier.wait(timeout=10)
            outcomes[user.username] = update_target(loaded, user=user, version=loaded.version,
                                                    changes={"low": low})
        except Exception as exc:  # noqa: BLE001 (recorded and checked below)
            outcomes[user.username] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(u, low)) for u, low in zip(users, ("120", "90"), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads)

    won = [name for name, o in outcomes.items() if isinstance(o, Target)]
    lost = [name for name, o in outcomes.items() if isinstance(o, Conflict)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    current = Target.objects.get(pk=target_id)
    assert current.version == 2
    assert current.low == outcomes[won[0]].low
    assert current.history.filter(history_type="~").count() == 1
    log = LogEntry.objects.get(action="target.update.conflict")
    assert log.user.username == lost[0]
    assert log.data["loaded_version"] == 1 and log.data["current_version"] == 2
