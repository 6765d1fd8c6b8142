"""销号: a department asks to close a target (final value, how, evidence); the office approves
(closed from that day: out of the lagging lists, chased no more, its final value counts) or
returns it with a reason; refusals as ServiceErrors with the rule in words."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from web.conftest import World

from luoshi.core import status as S
from luoshi.core.models import ProgressReport
from luoshi.core.services import Conflict, Forbidden, ServiceError
from luoshi.core.services.dashboard import plan_status
from luoshi.core.services.progress import submit_report
from luoshi.supervision.closure import request_closure, review_closure
from luoshi.supervision.models import ClosureRequest
from luoshi.supervision.remind import remind

pytestmark = pytest.mark.django_db
D = date.fromisoformat


def _file() -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile("验收报告.pdf", b"%PDF-1.4 final")]


def _ask(world: World, **kw: object) -> ClosureRequest:
    args = {"user": world.reporter, "final_value": 165, "summary": "165个项目全部竣工", "evidence": _file(),
            "on": D("2023-10-18")} | kw
    return request_closure(world.target, **args)  # type: ignore[arg-type]


def test_approve_closes_the_target_from_that_day(cycled: World) -> None:
    req = _ask(cycled)
    assert req.status == "pending" and req.department == cycled.industry and req.evidence.count() == 1
    review_closure(req, user=cycled.office, approve=True, on=D("2023-10-20"))
    req.refresh_from_db()
    cycled.target.refresh_from_db()
    assert req.status == "approved" and cycled.target.closed_on == D("2023-10-20")
    final = ProgressReport.objects.filter(target=cycled.target, status="accepted").get()
    assert (final.as_of, final.value, final.reviewer) == (D("2023-10-20"), 165, cycled.office)
    before = plan_status(cycled.plan, D("2023-10-19")).rows[0]
    after = plan_status(cycled.plan, D("2023-10-20"))
    assert before.status == S.NOT_REPORTED and after.rows[0].status == S.CLOSED  # the June report waits
    assert after.rows[0] not in after.lagging and after.counts[S.CLOSED] == 1
    assert plan_status(cycled.plan, D("2024-01-10")).rows[0].status == S.CLOSED  # never 逾期
    # chased no more: November's missing report is 人社局's only
    assert {b.department.name for b in remind(D("2023-12-06"), dry_run=True).batches} == {"人力资源和社会保障局"}
    with pytest.raises(ServiceError, match="已销号"):
        submit_report(cycled.target, user=cycled.reporter, as_of=D("2023-10-21"), value=170)
    with pytest.raises(Conflict, match="已销号"):
        _ask(cycled)
    assert req.history.count() == 2  # requested, approved


def test_return_needs_a_reason_and_the_department_may_ask_again(cycled: World) -> None:
    req = _ask(cycled)
    with pytest.raises(ServiceError, match="reason"):
        review_closure(req, user=cycled.office, approve=False, reason=" ")
    review_closure(req, user=cycled.office, approve=False, reason="佐证材料不全，请补充竣工验收单")
    req.refresh_from_db()
    cycled.target.refresh_from_db()
    assert (req.status, req.reason, cycled.target.closed_on) == ("returned", "佐证材料不全，请补充竣工验收单", None)
    with pytest.raises(Conflict, match="already"):
        review_closure(req, user=cycled.office, approve=True)
    again = _ask(cycled)
    assert again.pk != req.pk and again.status == "pending"


@pytest.mark.parametrize(("case", "kw", "error"), [
    ("no-value", {"final_value": None}, "final value"),
    ("bad-value", {"final_value": "很多"}, "not a number"),
    ("no-summary", {"summary": ""}, "完成情况"),
    ("no-evidence", {"evidence": []}, "evidence"),
    ("bad-evidence", {"evidence": [SimpleUploadedFile("x.exe", b"MZ")]}, "not allowed"),
], ids=lambda v: v if isinstance(v, str) and v.isascii() and "-" in v else "")
def test_a_request_needs_value_summary_and_evidence(cycled: World, case: str, kw: dict, error: str) -> None:
    with pytest.raises(ServiceError, match=error):
        _ask(cycled, **kw)
    assert not ClosureRequest.objects.exists()


def test_who_may_ask_and_approve(cycled: World) -> None:
    with pytest.raises(Forbidden):
        _ask(cycled, user=cycled.other_reporter)  # another department's target
    with pytest.raises(Forbidden):
        _ask(cycled, user=cycled.leader)
    req = _ask(cycled)
    with pytest.raises(Conflict, match="waiting"):
        _ask(cycled)  # one waiting request at a time
    for who in (cycled.reporter, cycled.leader, cycled.stranger):
        with pytest.raises(Forbidden):
            review_closure(req, user=who, approve=True)
