"""The 督查通报 (progress bulletin): a printable page and a .docx, as of a date."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document

from luoshi.core import status as S
from luoshi.core.exporters import bulletin
from luoshi.core.models import Plan
from luoshi.core.services.demo import AS_OF, load_demo

pytestmark = pytest.mark.django_db
PW = "demo-password-1"


@pytest.fixture
def plan() -> Plan:
    load_demo(password=PW)
    return Plan.objects.get()


def office() -> Client:
    c = Client()
    assert c.login(username="admin", password=PW)
    return c


def test_summary_counts_every_status(plan: Plan) -> None:
    b = bulletin.build(plan, AS_OF)
    text = b.summary()
    assert text.startswith("截至2023年9月30日，2023年政府工作报告确定的76项量化目标中")
    for s in S.STATUSES:
        assert f"{S.LABELS[s]}{b.status.counts[s]}项" in text
    assert "序时进度为74.7%" in text


def test_page(plan: Plan) -> None:
    res = office().get(f"/plans/{plan.pk}/bulletin/?as_of={AS_OF.isoformat()}")
    assert res.status_code == 200
    html = res.content.decode()
    assert "关于博山区2023年政府工作报告重点任务推进情况的通报" in html
    for heading in ("一、总体情况", "二、分领域推进情况", "三、分牵头单位推进情况", "四、欠进度目标", "五、逾期未完成目标"):
        assert heading in html
    assert "<svg" in html and "演示数据：项目前期手续办理较慢。" in html  # a chart; a stated problem


def test_docx(plan: Plan) -> None:
    res = office().get(f"/plans/{plan.pk}/bulletin.docx?as_of={AS_OF.isoformat()}")
    assert res.status_code == 200
    doc = Document(io.BytesIO(res.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于博山区2023年政府工作报告重点任务推进情况的通报" in text and "一、总体情况" in text
    behind = bulletin.build(plan, AS_OF).items(S.BEHIND)
    lagging_table = doc.tables[2]
    assert len(lagging_table.rows) == len(behind) + 1
    assert lagging_table.rows[1].cells[1].text == behind[0].target


def test_reporters_get_403(plan: Plan) -> None:
    c = Client()
    assert c.login(username="gongxin", password=PW)
    assert c.get(f"/plans/{plan.pk}/bulletin/").status_code == 403
    assert c.get(f"/plans/{plan.pk}/bulletin.docx").status_code == 403
