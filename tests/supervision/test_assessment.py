"""考核 with a fixed clock: the score of each department from the targets' weights and
completion (已销号 counts 100 %), on-time reporting, escalations and the office's deductions,
with the rules printed from the same figures; the page (office edits, others read) and the xlsx."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web.conftest import World

from luoshi.core.models import Assignment, Target
from luoshi.core.services.assignment import assign
from luoshi.core.services.progress import review_report
from luoshi.supervision.assessment import assess
from luoshi.supervision.closure import request_closure, review_closure
from luoshi.supervision.models import Deduction, Scheme
from luoshi.supervision.remind import remind

pytestmark = pytest.mark.django_db
D = date.fromisoformat


@pytest.fixture
def scored(cycled: World) -> World:
    """industry leads 重点技改项目 (weight 1, 80 of 160: 50 %) and 新建5G基站 (weight 3, no
    report), labour 新增城镇就业 (weight 1, no report); 考核办法 60/40 points, 2 off per
    escalation; labour has 1.5 points deducted; ``remind`` ran on 2023-07-20 (June due by 5 July)."""
    review_report(cycled.report, user=cycled.office, accept=True)
    third = Target.objects.get(pk=cycled.other_target.pk)
    third.pk, third.metric, third.order, third.weight, third.low = None, "新建5G基站", 99, Decimal(3), Decimal(300)
    third.save()
    assign(cycled.plan, department=cycled.industry, role=Assignment.Role.LEAD, targets=[third])
    cycled.third = third  # type: ignore[attr-defined]
    Scheme.objects.create(plan=cycled.plan, completion_points=60, reporting_points=40, escalation_points=2)
    Deduction.objects.create(plan=cycled.plan, department=cycled.labour, points=Decimal("1.5"), reason="材料不实",
                             created_by=cycled.office)
    remind(D("2023-07-20"))
    return cycled


def _by_name(a) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {s.department.name: s for s in a.scores}


def test_weights_reporting_escalations_and_deductions(scored: World) -> None:
    a = assess(scored.plan, D("2023-07-20"))
    industry, labour = _by_name(a)["工业和信息化局"], _by_name(a)["人力资源和社会保障局"]
    # completion (1×50 + 3×0) / 4 = 12.5 % → 7.50 of 60; on time: June of 重点技改项目 only, of the
    # 6 months due on each of 2 targets → 1/12 → 3.33 of 40; one escalation (新建5G基站, June) → −2
    assert (industry.targets, industry.completion, industry.completion_points) == (2, Decimal("12.50"), Decimal("7.50"))
    assert round(industry.on_time_rate, 2) == 8.33 and industry.reporting_points == Decimal("3.33")
    assert (industry.escalations, industry.escalation_points, industry.total) == (1, Decimal(2), Decimal("8.83"))
    # labour: nothing done, nothing reported, escalated once, 1.5 deducted: never below 0
    assert (labour.completion_points, labour.reporting_points, labour.deduction_points) == (0, 0, Decimal("1.5"))
    assert labour.total == 0 and [s.rank for s in a.scores] == [1, 2] and a.scores[0] is industry


def test_a_department_leading_nothing_scores_0(scored: World) -> None:
    from luoshi.core.models import Department

    stats = Department.objects.create(government=scored.plan.government, name="统计局", order=3)
    Deduction.objects.create(plan=scored.plan, department=stats, points=1, reason="数据迟报")
    s = _by_name(assess(scored.plan, D("2023-07-20")))["统计局"]
    assert (s.targets, s.reporting_points, s.deduction_points, s.total, s.rank) == (0, 0, 1, 0, 2)


def test_a_closed_target_counts_full(scored: World) -> None:
    req = request_closure(scored.third, user=scored.reporter, final_value=300, summary="完成",  # type: ignore[attr-defined]
                          evidence=[SimpleUploadedFile("台账.pdf", b"%PDF-1.4")], on=D("2023-07-08"))
    review_closure(req, user=scored.office, approve=True, on=D("2023-07-10"))
    industry = _by_name(assess(scored.plan, D("2023-07-20")))["工业和信息化局"]
    # (1×50 + 3×100) / 4 = 87.5 % → 52.50; reporting and the escalation as before
    assert (industry.completion, industry.completion_points, industry.total) == (
        Decimal("87.50"), Decimal("52.50"), Decimal("52.50") + Decimal("3.33") - 2)


def test_without_a_cycle_reporting_gets_full_points(world: World) -> None:
    review_report(world.report, user=world.office, accept=True)
    a = assess(world.plan, D("2023-12-31"))
    assert a.scheme.pk is None  # the defaults: 70 completion, 30 reporting, 1 per escalation
    got = {s.department.name: (s.on_time_rate, s.completion_points, s.reporting_points, s.total) for s in a.scores}
    assert got == {"工业和信息化局": (None, Decimal("35.00"), Decimal("30.00"), Decimal("65.00")),
                   "人力资源和社会保障局": (None, Decimal("0.00"), Decimal("30.00"), Decimal("30.00"))}


def test_the_rules_print_the_schemes_figures(scored: World) -> None:
    rules = assess(scored.plan, D("2023-07-20")).rules()
    assert len(rules) == 5 and "60" in rules[0] and "40" in rules[1] and "2" in rules[2]


def test_the_page_the_office_edits_and_the_xlsx(scored: World, client) -> None:
    url = reverse("supervision:assessment", args=[scored.plan.pk])
    client.force_login(scored.leader)  # leaders read it; only the office changes it
    page = client.get(url + "?as_of=2023-07-20").content.decode()
    assert "考核办法" in page and "8.83" in page and "60分" in page and "扣分原因" not in page
    assert client.post(url, {"action": "scheme", "completion_points": "50"}).status_code == 403
    client.force_login(scored.office)
    r = client.post(url + "?as_of=2023-07-20", {"action": "deduction", "department": scored.industry.pk,
                                                 "points": "0.83", "reason": "迟报"})
    assert r.status_code == 302
    r = client.post(url, {"action": "scheme", "completion_points": "60", "reporting_points": "40",
                          "escalation_points": "-1"})
    assert r.status_code == 200 and Scheme.objects.get().escalation_points == 2  # refused, shown again
    page = client.get(url + "?as_of=2023-07-20").content.decode()
    assert "迟报" in page and "<strong>8.00</strong>" in page

    from openpyxl import load_workbook

    xlsx = client.get(reverse("supervision:assessment_xlsx", args=[scored.plan.pk]) + "?as_of=2023-07-20")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.cell(2, 1).value == "名次" and ws.cell(2, 14).value == "考核办法"
    first = [c.value for c in ws[3]][:12]
    assert first[:2] == [1, "工业和信息化局"] and first[10] == "迟报（0.83分）" and first[11] == 8.0
    assert "60分" in ws.cell(4, 14).value and "截至2023年7月20日" == ws.cell(3, 14).value
