"""The 督办 pages: the office's 催办 page (cycle, rates, the log, sending), the inbox and its
unread count, the 销号 pages, the dashboard's 报送情况 and the bulletin's escalations; who may
see and do what."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web.conftest import World

from luoshi.core.services.dashboard import plan_status
from luoshi.supervision.models import ClosureRequest, Cycle, Notice, NoticeRead
from luoshi.supervision.remind import remind

pytestmark = pytest.mark.django_db
D = date.fromisoformat


def test_the_office_sets_the_cycle_and_sends(world: World, client) -> None:
    client.force_login(world.office)
    url = reverse("supervision:notices", args=[world.plan.pk])
    page = client.get(url + "?as_of=2023-07-20").content.decode()
    assert "尚未设置报送周期" in page
    r = client.post(url + "?as_of=2023-07-20", {"action": "cycle", "kind": "monthly", "day": "5",
                                               "remind_before": "3", "escalate_after": "10"})
    assert r.status_code == 302
    assert Cycle.objects.get(plan=world.plan).day == 5
    bad = client.post(url, {"action": "cycle", "kind": "dates", "day": "5", "remind_before": "3",
                            "escalate_after": "10", "dates_text": "6月30日"})
    assert bad.status_code == 200 and "YYYY-MM-DD" in bad.content.decode()
    client.post(url + "?as_of=2023-07-20", {"action": "remind"})
    assert Notice.objects.filter(kind="chase").count() == 2 and Notice.objects.get(
        kind="escalation", department=world.labour).sent_by == world.office
    page = client.get(url + "?as_of=2023-07-20").content.decode()
    assert "每月5日前报送上月进展" in page and "2023年6月" in page and "催办" in page and "提级督办" in page
    assert "2023-07-02" not in page  # 工信局's June report is 6-30 as of, submitted now: answered today
    assert "尚未" in page  # 人社局 has not answered


@pytest.mark.parametrize(("who", "code"), [("leader", 200), ("reporter", 403), ("stranger", 404)])
def test_who_sees_the_supervision_page(cycled: World, client, who: str, code: int) -> None:
    client.force_login(getattr(cycled, who))
    r = client.get(reverse("supervision:notices", args=[cycled.plan.pk]))
    assert r.status_code == code
    if who == "leader":
        assert 'value="remind"' not in r.content.decode()
        assert client.post(reverse("supervision:notices", args=[cycled.plan.pk]), {"action": "remind"}).status_code == 403


def test_the_inbox_counts_unread_and_marks_read(cycled: World, client) -> None:
    remind(D("2023-07-06"))  # 人社局 is chased for June
    client.force_login(cycled.other_reporter)
    home = client.get(reverse("web:home")).content.decode()
    assert "收件箱" in home and 'class="badge"' in home and ">1</span>" in home
    n = Notice.objects.get()
    inbox = client.get(reverse("supervision:inbox")).content.decode()
    assert "新增城镇就业" in inbox and "未读" in inbox
    page = client.get(reverse("supervision:notice", args=[n.pk])).content.decode()
    assert "2023年6月" in page and "2023-07-05" in page and "报送进展" in page
    assert NoticeRead.objects.filter(notice=n, user=cycled.other_reporter).exists()
    assert 'class="badge"' not in client.get(reverse("web:home")).content.decode()
    # another department's notice is not theirs; a leader sees escalations of the departments in their charge
    client.force_login(cycled.reporter)
    assert client.get(reverse("supervision:notice", args=[n.pk])).status_code == 404
    remind(D("2023-07-16"))
    client.force_login(cycled.leader)
    assert "提级督办" in client.get(reverse("supervision:inbox")).content.decode()
    client.post(reverse("supervision:read_all"))
    assert 'class="badge"' not in client.get(reverse("web:home")).content.decode()


def test_the_dashboard_shows_who_has_not_reported(cycled: World, client) -> None:
    client.force_login(cycled.office)
    page = client.get(reverse("web:dashboard", args=[cycled.plan.pk]) + "?as_of=2023-07-06").content.decode()
    assert "报送情况" in page and "本期：2023年7月" in page and "人力资源和社会保障局" in page


def test_the_bulletin_lists_the_departments_escalated(cycled: World, client) -> None:
    remind(D("2023-07-16"))
    client.force_login(cycled.office)
    page = client.get(reverse("web:bulletin", args=[cycled.plan.pk]) + "?as_of=2023-07-20").content.decode()
    assert "六、未按时报送、已提级督办单位" in page and "2023年6月" in page
    section = page.split("六、未按时报送")[1].split("七、下一步要求")[0]
    assert "人力资源和社会保障局" in section and "工业和信息化局" not in section and "ts-leader" in section


def _ask(client, world: World) -> None:
    r = client.post(reverse("supervision:closure", args=[world.target.pk]), {
        "final_value": "165", "summary": "全部竣工投产", "evidence": SimpleUploadedFile("验收单.pdf", b"%PDF-1.4")})
    assert r.status_code == 302, r.content.decode()[:2000]


def test_closure_from_request_to_已销号_everywhere(cycled: World, client) -> None:
    client.force_login(cycled.reporter)
    page = client.get(reverse("web:department", args=[cycled.industry.pk])).content.decode()
    assert reverse("supervision:closure", args=[cycled.target.pk]) in page
    _ask(client, cycled)
    req = ClosureRequest.objects.get()
    assert "等待督查室审核" in client.get(reverse("supervision:closure", args=[cycled.target.pk])).content.decode()
    assert client.post(reverse("supervision:closure_review", args=[req.pk]), {"action": "approve"}).status_code == 403
    ev = req.evidence.get()
    assert client.get(reverse("supervision:closure_evidence", args=[ev.pk])).status_code == 200
    client.force_login(cycled.other_reporter)
    assert client.get(reverse("supervision:closure_evidence", args=[ev.pk])).status_code == 403
    assert client.get(reverse("supervision:closure", args=[cycled.target.pk])).status_code == 403

    before = plan_status(cycled.plan, date(2023, 12, 31))
    assert {r.target.pk: r.status for r in before.rows}[cycled.target.pk] == "not_reported"
    client.force_login(cycled.office)
    queue = client.get(reverse("supervision:closures")).content.decode()
    assert "重点技改项目" in queue and "全部竣工投产" in queue
    client.post(reverse("supervision:closure_review", args=[req.pk]), {"action": "approve"})
    cycled.target.refresh_from_db()
    day = cycled.target.closed_on
    assert day is not None
    target = client.get(reverse("web:target", args=[cycled.target.pk])).content.decode()
    assert "已销号" in target and f"销号于 {day:%Y-%m-%d}" in target
    tree = client.get(reverse("web:tree", args=[cycled.plan.pk])).content.decode()
    assert "已销号" in tree and day.isoformat() in tree

    from openpyxl import load_workbook

    xlsx = client.get(reverse("web:task_table_xlsx", args=[cycled.plan.pk])).content
    ws = load_workbook(io.BytesIO(xlsx)).active
    rows = {r[2]: r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] and str(r[0]).isdigit()}
    mine = next(r for k, r in rows.items() if "技改" in (k or ""))
    assert mine[7] == f"已销号（{day.year}年{day.month}月{day.day}日）" and mine[3] == "ts-leader"
    csv = b"".join(client.get(reverse("web:progress_csv", args=[cycled.plan.pk])).streaming_content).decode()
    assert "closed_on" in csv.splitlines()[0] and day.isoformat() in csv
    from docx import Document

    docx = Document(io.BytesIO(client.get(reverse("web:task_table_docx", args=[cycled.plan.pk])).content))
    cells = [c.text for row in docx.tables[0].rows for c in row.cells]
    assert f"已销号（{day.year}年{day.month}月{day.day}日）" in cells

    from luoshi.api.models import ApiToken

    token = ApiToken.issue(cycled.office, "tests")[1]
    got = client.get(f"/api/targets/{cycled.target.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert (got["status"], got["status_label"], got["closed_on"]) == ("closed", "已销号", day.isoformat())
    # out of the lagging lists (it was 未报送 before: its one report waits for review)
    status = plan_status(cycled.plan, day)
    assert {r.target.pk: r.status for r in status.rows}[cycled.target.pk] == "closed"
    assert cycled.target.pk not in {r.target.pk for r in status.lagging + status.overdue}
    bulletin = client.get(reverse("web:bulletin", args=[cycled.plan.pk])).content.decode()
    assert "重点技改项目" not in bulletin.split("四、欠进度目标")[1]
    assert status.counts["closed"] == 1


def test_return_shows_the_reason(cycled: World, client) -> None:
    client.force_login(cycled.reporter)
    _ask(client, cycled)
    client.force_login(cycled.office)
    req = ClosureRequest.objects.get()
    client.post(reverse("supervision:closure_review", args=[req.pk]), {"action": "return", "reason": "请补充验收单",
                                                                        "next": "target"})
    client.force_login(cycled.reporter)
    page = client.get(reverse("supervision:closure", args=[cycled.target.pk])).content.decode()
    assert "请补充验收单" in page and "已退回" in page and "申请销号" in page  # may ask again


def test_a_closure_without_evidence_is_refused_on_the_page(cycled: World, client) -> None:
    client.force_login(cycled.reporter)
    r = client.post(reverse("supervision:closure", args=[cycled.target.pk]), {"final_value": "165", "summary": "完成"})
    assert r.status_code == 200 and not ClosureRequest.objects.exists()
