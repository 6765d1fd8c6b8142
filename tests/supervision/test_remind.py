"""``remind`` with a fixed clock: reminders before the due date, 催办 after it, escalation to
the leader in charge after ``escalate_after`` days; one notice per department, target, period
and kind, however often it runs; emails through Django's framework (the test outbox)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from web.conftest import World

from luoshi.core.services.progress import review_report, submit_report
from luoshi.supervision.models import Cycle, Notice
from luoshi.supervision.remind import remind
from luoshi.supervision.reporting import lines, rates

from .conftest import submitted_on

pytestmark = pytest.mark.django_db
D = date.fromisoformat


def _sent(world: World) -> set[tuple[str, str, str, str]]:
    return {(n.kind, n.department.name, n.target.metric, n.period)
            for n in Notice.objects.filter(plan=world.plan).select_related("department", "target")}


def test_reminder_before_the_due_date(cycled: World) -> None:
    # 3 July: June's report is due on 5 July; 工信局 reported it (as of 30 June), 人社局 not yet;
    # May's was due on 5 June and nobody reported it: 催办 for May (the last period due), and 28
    # days late, escalated at once
    result = remind(D("2023-07-03"))
    assert _sent(cycled) == {
        ("reminder", "人力资源和社会保障局", "新增城镇就业", "2023-06"),
        ("chase", "工业和信息化局", "重点技改项目", "2023-05"),
        ("chase", "人力资源和社会保障局", "新增城镇就业", "2023-05"),
        ("escalation", "工业和信息化局", "重点技改项目", "2023-05"),
        ("escalation", "人力资源和社会保障局", "新增城镇就业", "2023-05"),
    }
    assert result.count == 5 and result.already == 0
    # the reminder went to 人社局's reporter, the 催办 to both, the escalations to the one leader
    assert sorted(tuple(m.to) for m in mail.outbox) == [
        ("ts-gongxin@example.com",), ("ts-leader@example.com",), ("ts-leader@example.com",),
        ("ts-renshe@example.com",), ("ts-renshe@example.com",)]


def test_chase_then_escalation_then_nothing_new(cycled: World) -> None:
    assert remind(D("2023-07-06")).count == 1  # June is due: 人社局 is chased, 工信局 reported
    assert _sent(cycled) == {("chase", "人力资源和社会保障局", "新增城镇就业", "2023-06")}
    chase = Notice.objects.get()
    assert chase.recipients == ["ts-renshe@example.com"] and chase.sent_on == D("2023-07-06")
    assert [m.to for m in mail.outbox] == [["ts-renshe@example.com"]]
    assert "【催办】" in mail.outbox[0].subject and "新增城镇就业" in mail.outbox[0].body

    assert remind(D("2023-07-14")).count == 0  # 9 days late: not yet escalated, chased already
    result = remind(D("2023-07-15"))  # 10 days: to the leader in charge
    assert [(b.kind, b.department.name, b.recipients) for b in result.batches] == [
        ("escalation", "人力资源和社会保障局", ["ts-leader@example.com"])]
    assert Notice.objects.get(kind="escalation").leader == cycled.leader
    assert mail.outbox[-1].to == ["ts-leader@example.com"] and "提级督办" in mail.outbox[-1].body

    before = Notice.objects.count()
    again = remind(D("2023-07-15"))
    assert again.count == 0 and again.already == 2 and Notice.objects.count() == before
    assert len(mail.outbox) == 2


def test_dry_run_records_and_sends_nothing(cycled: World) -> None:
    result = remind(D("2023-07-20"), dry_run=True)
    assert {(b.kind, b.department.name) for b in result.batches} == {
        ("chase", "人力资源和社会保障局"), ("escalation", "人力资源和社会保障局")}
    assert not Notice.objects.exists() and not mail.outbox


def test_a_returned_report_answers_nothing_and_a_new_one_does(cycled: World) -> None:
    review_report(cycled.report, user=cycled.office, accept=False, reason="数据有误")
    assert ("chase", "工业和信息化局", "重点技改项目", "2023-06") in {
        (b.kind, b.department.name, b.targets[0].metric, b.period.key) for b in remind(D("2023-07-06"), dry_run=True).batches}
    report = submit_report(cycled.target, user=cycled.reporter, as_of=D("2023-07-04"), value=90)
    submitted_on(report, D("2023-07-04"))
    assert {b.department.name for b in remind(D("2023-07-06"), dry_run=True).batches} == {"人力资源和社会保障局"}


def test_a_closed_target_is_not_chased(cycled: World) -> None:
    cycled.other_target.closed_on = D("2023-06-20")
    cycled.other_target.save()
    assert remind(D("2023-07-20")).count == 0


def test_a_target_override_replaces_the_plans_cycle(cycled: World) -> None:
    Cycle.objects.create(plan=cycled.plan, target=cycled.other_target, kind=Cycle.Kind.QUARTERLY, day=15)
    # the quarter's report is due on 15 July: on 6 July 人社局 owes nothing (Q1's was due in April… and
    # is the last due: chased)
    found = {(b.kind, b.period.key) for b in remind(D("2023-07-06"), dry_run=True).batches}
    assert found == {("chase", "2023-Q1"), ("escalation", "2023-Q1")}


def test_no_cycle_no_notices(world: World) -> None:
    assert remind(D("2023-07-20")).batches == []


def test_rates_count_reported_and_on_time_periods(cycled: World) -> None:
    # 工信局 reported June (on 2 July, on time) and July late (on 8 August, as of 31 July)
    late = submit_report(cycled.target, user=cycled.reporter, as_of=D("2023-07-31"), value=100)
    submitted_on(late, D("2023-08-08"))
    by_name = {r.department.name: r for r in rates(lines(cycled.plan, D("2023-08-10")))}
    industry, labour = by_name["工业和信息化局"], by_name["人力资源和社会保障局"]
    assert (industry.required, industry.reported, industry.on_time) == (7, 2, 1)
    assert industry.report_rate == pytest.approx(200 / 7) and industry.on_time_rate == pytest.approx(100 / 7)
    assert (labour.required, labour.reported, labour.on_time) == (7, 0, 0)
    assert [line.row.target.metric for line in labour.late_now] == ["新增城镇就业"]


def test_the_demo_lists_the_departments_without_a_september_report(demo) -> None:
    result = remind(D("2023-10-10"), dry_run=True)
    assert {b.kind for b in result.batches} == {"chase"} and {b.period.key for b in result.batches} == {"2023-09"}
    assert len({b.department.name for b in result.batches}) >= 3
    for b in result.batches:  # each target listed has no September report; every other one has
        for t in b.targets:
            assert not t.reports.filter(as_of__gte=D("2023-09-06")).exists()
    listed = {t.id for b in result.batches for t in b.targets}
    for line in lines(demo, D("2023-10-10")):
        if line.row.target.id not in listed and line.row.status != "closed":
            assert line.row.target.reports.filter(as_of=D("2023-09-30")).exists(), line.row.target.metric
    assert not Notice.objects.exists()
    first = remind(D("2023-10-10"))
    assert first.count == result.count and Notice.objects.count() == result.count
    second = remind(D("2023-10-10"))
    assert second.count == 0 and second.already == result.count and Notice.objects.count() == result.count


def test_the_command(cycled: World) -> None:
    from click.testing import CliRunner

    from luoshi.cli import main

    res = CliRunner().invoke(main, ["remind", "--as-of", "2023-07-06", "--dry-run"])
    assert res.exit_code == 0, res.output
    assert "催办 2023年6月 (due 2023-07-05): 人力资源和社会保障局, 1 target; ts-renshe@example.com" in res.output
    assert "2023-07-06: would send 1 notice to 1 department; 0 sent before (dry run" in res.output
    assert not Notice.objects.exists()
    res = CliRunner().invoke(main, ["remind", "--as-of", "2023-07-06", "--plan", "999999"])
    assert res.exit_code == 2 and "no such plan" in res.output


def test_the_operators_example_on_the_demo(demo) -> None:
    """docs/operator.md shows `luoshi remind --as-of 2023-10-10 --dry-run` on the demo."""
    import re
    from pathlib import Path

    from click.testing import CliRunner

    from luoshi.cli import main

    page = (Path(__file__).parents[2] / "docs" / "operator.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ luoshi (remind [^\n]+)\n(.*?)```", page, re.S)
    assert block is not None
    res = CliRunner().invoke(main, block.group(1).split())
    assert res.exit_code == 0, res.output
    real = res.output.splitlines()
    pos = 0
    for line in block.group(2).splitlines():
        if line != "...":
            assert line in real[pos:], line
            pos = real.index(line, pos) + 1
