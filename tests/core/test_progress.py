"""Progress: who may report, what a report must hold, the office's review, and what the
dashboard counts afterwards; editing a target."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from luoshi.core import status as S
from luoshi.core.models import Evidence, Plan, ProgressReport, Target
from luoshi.core.services import Conflict, Forbidden, ServiceError
from luoshi.core.services.assignment import assign
from luoshi.core.services.dashboard import plan_status
from luoshi.core.services.progress import (
    can_report,
    can_review,
    can_view,
    review_report,
    submit_report,
    update_target,
)

from .conftest import People, small_plan

pytestmark = pytest.mark.django_db

AS_OF = date(2023, 6, 30)


@pytest.fixture
def assigned(plan: Plan, people: People) -> People:
    """工业和信息化局 leads task T1 (targets t1-a, t1-b); 教育和体育局 leads t3-a; t2-a has nobody."""
    assign(plan, department=people.departments["工业和信息化局"], nodes=[plan.nodes.get(title="T1")])
    assign(plan, department=people.departments["教育和体育局"], targets=[target(plan, "t3-a")])
    return people


def target(plan: Plan, metric: str) -> Target:
    return plan.targets.get(metric=metric)


def submit(t: Target, user: Any, **kwargs: Any) -> ProgressReport:
    return submit_report(t, user=user, **({"as_of": AS_OF, "value": "60", "progress": "进展"} | kwargs))


WHO = [
    # (id, user, metric, may report, may review, may view)
    ("reporter-of-the-task", "reporter", "t1-a", True, False, True),
    ("reporter-of-the-task-2", "reporter", "t1-b", True, False, True),
    ("reporter-of-another-dept", "other_reporter", "t1-a", False, False, False),
    ("reporter-of-own-target", "other_reporter", "t3-a", True, False, True),
    ("reporter-unassigned-target", "reporter", "t2-a", False, False, False),
    ("office", "office", "t2-a", True, True, True),
    ("leader", "leader", "t1-a", False, False, True),
    ("office-of-another-government", "stranger", "t1-a", False, False, False),
]


@pytest.mark.parametrize(("who", "metric", "report", "review", "view"), [w[1:] for w in WHO],
                         ids=[w[0] for w in WHO])
def test_permissions(plan: Plan, assigned: People, who: str, metric: str, report: bool, review: bool,
                     view: bool) -> None:
    user, t = getattr(assigned, who), target(plan, metric)
    assert (can_report(user, t), can_review(user, t), can_view(user, t)) == (report, review, view)
    if report:
        r = submit(t, user)
        assert (r.status, r.value, r.reporter) == ("submitted", Decimal(60), user)
        assert r.department == (user.department if user.role == "reporter" else None)
        assert r.history.get().history_user == user
    else:
        with pytest.raises(Forbidden):
            submit(t, user)
        assert ProgressReport.objects.count() == 0


BAD_REPORTS = [
    ("value-not-a-number", {"value": "about sixty"}, "not a number"),
    ("value-nan", {"value": "NaN"}, "not a number"),
    ("value-infinite", {"value": "inf"}, "not a number"),
    ("value-too-large", {"value": "1e30"}, "out of range"),
    ("value-missing", {"value": ""}, "figure is required"),
    ("value-blank", {"value": "  "}, "figure is required"),
    ("value-none", {"value": None}, "figure is required"),
    ("before-plan-year", {"as_of": date(2022, 12, 31)}, "outside the plan period"),
    ("after-plan-year", {"as_of": date(2024, 1, 1)}, "outside the plan period"),
]


@pytest.mark.parametrize(("fields", "message"), [b[1:] for b in BAD_REPORTS], ids=[b[0] for b in BAD_REPORTS])
def test_bad_report_is_refused(plan: Plan, assigned: People, fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ServiceError, match=message):
        submit(target(plan, "t1-a"), assigned.reporter, **fields)
    assert ProgressReport.objects.count() == 0


def test_value_with_thousands_separator(plan: Plan, assigned: People) -> None:
    assert submit(target(plan, "t1-a"), assigned.reporter, value="1,234.5").value == Decimal("1234.5")


def test_future_date_is_refused() -> None:
    today = timezone.localdate()
    plan = small_plan("今年区", year=today.year)
    t = plan.targets.first()
    t.deadline = date(today.year + 1, 12, 31)  # so that tomorrow is inside the period
    t.save()
    office = people_office(plan)
    with pytest.raises(ServiceError, match="future"):
        submit_report(t, user=office, as_of=today + timedelta(days=1), value=1)
    assert submit_report(t, user=office, as_of=today, value=1).as_of == today


def people_office(plan: Plan) -> Any:
    from luoshi.core.models import User

    return User.objects.create_user("office2", role=User.Role.OFFICE, government=plan.government)


def test_multi_year_target_takes_reports_until_its_deadline(plan: Plan, assigned: People) -> None:
    t = target(plan, "t1-a")
    t.deadline = date(2025, 12, 31)
    t.save()
    assert submit(t, assigned.reporter, as_of=date(2024, 6, 30)).as_of == date(2024, 6, 30)


EVIDENCE = [
    ("too-large", "report.pdf", 101, "too large"),
    ("forbidden-extension", "tool.exe", 10, "not allowed"),
    ("no-extension", "README", 10, "not allowed"),
    ("double-extension", "scan.pdf.exe", 10, "not allowed"),
]


@pytest.mark.parametrize(("name", "size", "message"), [e[1:] for e in EVIDENCE], ids=[e[0] for e in EVIDENCE])
def test_bad_evidence_leaves_no_report(plan: Plan, assigned: People, settings: Any, name: str, size: int,
                                       message: str) -> None:
    settings.MAX_EVIDENCE_BYTES = 100
    files = [SimpleUploadedFile("ok.pdf", b"%PDF"), SimpleUploadedFile(name, b"x" * size)]
    with pytest.raises(ServiceError, match=message):
        submit(target(plan, "t1-a"), assigned.reporter, evidence=files)
    assert ProgressReport.objects.count() == 0
    assert Evidence.objects.count() == 0
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_evidence_is_kept(plan: Plan, assigned: People, settings: Any) -> None:
    files = [SimpleUploadedFile("照片.JPG", b"jpeg bytes"), SimpleUploadedFile("台账.xlsx", b"xlsx")]
    r = submit(target(plan, "t1-a"), assigned.reporter, evidence=files)
    saved = sorted(r.evidence.all(), key=lambda e: e.name)
    assert [(e.name, e.size) for e in saved] == [("台账.xlsx", 4), ("照片.JPG", 10)]
    assert saved[1].file.read() == b"jpeg bytes"
    assert Path(saved[1].file.path).is_relative_to(Path(settings.MEDIA_ROOT))


# -- review ---------------------------------------------------------------------------------

def test_accept(plan: Plan, assigned: People) -> None:
    r = review_report(submit(target(plan, "t1-a"), assigned.reporter), user=assigned.office, accept=True)
    r.refresh_from_db()
    assert (r.status, r.reviewer, r.reason) == ("accepted", assigned.office, "")
    assert r.reviewed is not None
    assert r.history.latest().history_user == assigned.office


def test_return_needs_a_reason(plan: Plan, assigned: People) -> None:
    r = submit(target(plan, "t1-a"), assigned.reporter)
    with pytest.raises(ServiceError, match="reason"):
        review_report(r, user=assigned.office, accept=False, reason="  ")
    r.refresh_from_db()
    assert r.status == "submitted"
    review_report(r, user=assigned.office, accept=False, reason="数据口径不符")
    r.refresh_from_db()
    assert (r.status, r.reason) == ("returned", "数据口径不符")


TWICE = [("accept-accept", True, True), ("accept-return", True, False), ("return-accept", False, True)]


@pytest.mark.parametrize(("first", "second"), [t[1:] for t in TWICE], ids=[t[0] for t in TWICE])
def test_review_twice_is_a_conflict(plan: Plan, assigned: People, first: bool, second: bool) -> None:
    r = submit(target(plan, "t1-a"), assigned.reporter)
    review_report(r, user=assigned.office, accept=first, reason="再核实")
    with pytest.raises(Conflict):
        review_report(r, user=assigned.office, accept=second, reason="再核实")
    r.refresh_from_db()
    assert r.status == ("accepted" if first else "returned")


@pytest.mark.parametrize("who", ["reporter", "leader", "stranger"])
def test_only_the_office_reviews(plan: Plan, assigned: People, who: str) -> None:
    r = submit(target(plan, "t1-a"), assigned.reporter)
    with pytest.raises(Forbidden):
        review_report(r, user=getattr(assigned, who), accept=True)
    r.refresh_from_db()
    assert r.status == "submitted"


def test_plan_status_counts_after_acceptance(plan: Plan, assigned: People) -> None:
    t1a, t1b = target(plan, "t1-a"), target(plan, "t1-b")
    before = plan_status(plan, AS_OF)
    assert before.counts == {S.NOT_REPORTED: 4}
    assert before.completion == 0.0
    done = submit(t1a, assigned.reporter, value="100")
    behind = submit(t1b, assigned.reporter, value="2")
    later = submit(t1b, assigned.reporter, value="10", as_of=date(2023, 9, 30))
    returned = submit(t1b, assigned.reporter, value="10", as_of=date(2023, 6, 1))
    assert plan_status(plan, AS_OF).counts == {S.NOT_REPORTED: 4}  # submitted is not accepted
    for r in (done, behind, later):
        review_report(r, user=assigned.office, accept=True)
    review_report(returned, user=assigned.office, accept=False, reason="不实")
    after = plan_status(plan, AS_OF)
    assert after.counts == {S.DONE: 1, S.BEHIND: 1, S.NOT_REPORTED: 2}  # the report of 09-30 is later
    assert after.completion == pytest.approx((100 + 20) / 4)
    rows = {r.target.metric: r for r in after.rows}
    assert (rows["t1-a"].label, rows["t1-a"].light, rows["t1-a"].value) == ("已完成", "green", Decimal(100))
    assert (rows["t1-b"].label, rows["t1-b"].light, rows["t1-b"].as_of) == ("欠进度", "yellow", AS_OF)
    assert [d.name for d in rows["t1-b"].lead] == ["工业和信息化局"]
    assert [r.target.metric for r in after.lagging] == ["t1-b"]
    by_area = {g.name: g for g in after.by_area}
    assert by_area["A1"].counts == {S.DONE: 1, S.BEHIND: 1, S.NOT_REPORTED: 1}
    assert by_area["A1"].completion == pytest.approx(40.0)
    by_dept = {g.name: g.total for g in after.by_department}
    assert by_dept == {"工业和信息化局": 2, "教育和体育局": 1, "—": 1}
    on_30_sept = plan_status(plan, date(2023, 9, 30))
    assert on_30_sept.counts == {S.DONE: 2, S.NOT_REPORTED: 2}
    at_year_end = plan_status(plan, date(2024, 1, 1))
    assert at_year_end.counts == {S.DONE: 2, S.OVERDUE: 2}
    assert [r.target.metric for r in at_year_end.overdue] == ["t2-a", "t3-a"]


def test_qualitative_target_takes_the_reviewers_status(plan: Plan, assigned: People) -> None:
    t = target(plan, "t3-a")
    t = update_target(t, user=assigned.office, version=1, changes={"qualitative": True})
    r = submit(t, assigned.other_reporter, value="", progress="已完成建设")
    with pytest.raises(ServiceError, match="qualitative"):
        review_report(r, user=assigned.office, accept=True)
    review_report(r, user=assigned.office, accept=True, status=S.DONE)
    t.refresh_from_db()
    assert t.reviewed_status == S.DONE
    row = next(r for r in plan_status(plan, AS_OF).rows if r.target.id == t.id)
    assert (row.status, row.completion) == (S.DONE, 100.0)


# -- editing a target -----------------------------------------------------------------------

def test_update_target(plan: Plan, assigned: People) -> None:
    t = target(plan, "t1-a")
    saved = update_target(t, user=assigned.office, version="1",
                          changes={"low": "120", "baseline": "20", "weight": "2", "deadline": "2023-10-31"})
    assert (saved.low, saved.high, saved.baseline, saved.weight, saved.deadline) == (
        Decimal(120), Decimal(120), Decimal(20), Decimal(2), date(2023, 10, 31))  # a single figure stays one
    assert (saved.version, saved.edited) == (2, True)
    latest = t.history.latest()
    assert (latest.history_user, latest.history_change_reason, latest.low) == (assigned.office, "edited",
                                                                                 Decimal(120))


def test_update_range_keeps_its_high_end(plan: Plan, assigned: People) -> None:
    t = target(plan, "t1-a")
    update_target(t, user=assigned.office, version=1, changes={"low": 100, "high": 150})
    saved = update_target(t, user=assigned.office, version=2, changes={"low": 120})
    assert (saved.low, saved.high) == (Decimal(120), Decimal(150))


BAD_EDITS = [
    ("not-editable", {"text": "x"}, ServiceError, "not editable"),
    ("bad-value", {"low": "many"}, ServiceError, "not a number"),
    ("bad-deadline", {"deadline": "2023-02-30"}, ServiceError, "not a date"),
    ("deadline-before-year", {"deadline": "2022-12-31"}, ServiceError, "before the plan year"),
    ("zero-weight", {"weight": "0"}, ServiceError, "weight"),
    ("low-above-high", {"low": 5, "high": 3}, ServiceError, "above high"),
]


@pytest.mark.parametrize(("changes", "error", "message"), [b[1:] for b in BAD_EDITS], ids=[b[0] for b in BAD_EDITS])
def test_bad_edit_changes_nothing(plan: Plan, assigned: People, changes: dict[str, Any], error: type[Exception],
                                  message: str) -> None:
    t = target(plan, "t1-a")
    with pytest.raises(error, match=message):
        update_target(t, user=assigned.office, version=1, changes=changes)
    t.refresh_from_db()
    assert (t.version, t.low, t.edited) == (1, Decimal(100), False)
    assert t.history.count() == 1


@pytest.mark.parametrize("who", ["reporter", "leader", "stranger"])
def test_only_the_office_edits(plan: Plan, assigned: People, who: str) -> None:
    with pytest.raises(Forbidden):
        update_target(target(plan, "t1-a"), user=getattr(assigned, who), version=1, changes={"low": 1})
