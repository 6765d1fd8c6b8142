"""A department reports, the office reviews; evidence is checked and served through a view."""

from __future__ import annotations

from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi.core import status as S
from luoshi.core.models import Evidence, ProgressReport

from .conftest import World

AS_OF = "2023-09-30"


def _report(client, w: World, *, value: str = "120", files: list | None = None, **extra: str):
    p = f"t{w.target.pk}-"
    data = {"target": w.target.pk, p + "as_of": AS_OF, p + "value": value, p + "progress": "已开工120个",
            p + "problems": "资金到位慢", p + "next_steps": "加快推进", **{p + k: v for k, v in extra.items()}}
    if files is not None:
        data[p + "evidence"] = files
    return client.post(reverse("web:department", args=[w.industry.pk]), data)


def _counts(client, w: World) -> dict[str, int]:
    page = client.get(reverse("web:dashboard", args=[w.plan.pk]), {"as_of": AS_OF})
    return dict(page.context["status"].counts)


@pytest.mark.django_db
def test_report_then_accept_changes_the_dashboard(client, world: World) -> None:
    client.force_login(world.office)
    before = _counts(client, world)
    assert before == {S.NOT_REPORTED: 2}

    client.force_login(world.reporter)
    page = client.get(reverse("web:department", args=[world.industry.pk]))
    assert page.status_code == 200 and "重点技改项目" in page.content.decode()
    response = _report(client, world, files=[SimpleUploadedFile("进度表.xlsx", b"PK\x03\x04 sheet"),
                                             SimpleUploadedFile("现场.jpg", b"\xff\xd8\xff photo")])
    assert response.status_code == 302
    report = ProgressReport.objects.latest("created")
    assert (report.status, report.value, report.department, report.reporter) == (
        "submitted", 120, world.industry, world.reporter)
    assert sorted(e.name for e in report.evidence.all()) == ["现场.jpg", "进度表.xlsx"]

    client.force_login(world.office)
    assert _counts(client, world) == before  # not counted before the office accepts it
    queue = client.get(reverse("web:reviews"))
    assert report in list(queue.context["reports"])
    response = client.post(reverse("web:review", args=[report.pk]), {"action": "accept"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "accepted" and report.reviewer == world.office
    # 120 of 160 = 75 % on 30 September (elapsed 74.6 %): on schedule
    assert _counts(client, world) == {S.ON_TRACK: 1, S.NOT_REPORTED: 1}
    # the problems of the latest report appear on the target page; the evidence downloads
    page = client.get(reverse("web:target", args=[world.target.pk]))
    assert "资金到位慢" in page.content.decode()
    ev = report.evidence.get(name="现场.jpg")
    download = client.get(reverse("web:evidence", args=[ev.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"\xff\xd8\xff photo"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.django_db
def test_lagging_list_shows_problems(client, world: World) -> None:
    client.force_login(world.reporter)
    _report(client, world, value="40")
    client.force_login(world.office)
    client.post(reverse("web:review", args=[ProgressReport.objects.latest("created").pk]), {"action": "accept"})
    page = client.get(reverse("web:dashboard", args=[world.plan.pk]), {"as_of": AS_OF})
    assert [r.target for r in page.context["lagging"]] == [world.target]
    html = page.content.decode()
    assert "资金到位慢" in html and "工业和信息化局" in html


@pytest.mark.django_db
def test_returning_needs_a_reason(client, world: World) -> None:
    client.force_login(world.office)
    url = reverse("web:review", args=[world.report.pk])
    response = client.post(url, {"action": "return", "reason": "  "}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    world.report.refresh_from_db()
    assert world.report.status == "submitted"
    client.post(url, {"action": "return", "reason": "数据与台账不符"})
    world.report.refresh_from_db()
    assert (world.report.status, world.report.reason) == ("returned", "数据与台账不符")
    # the reporter sees the reason on the department page
    client.force_login(world.reporter)
    assert "数据与台账不符" in client.get(reverse("web:department", args=[world.industry.pk])).content.decode()
    # a reviewed report cannot be reviewed again
    client.force_login(world.office)
    response = client.post(url, {"action": "accept"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    world.report.refresh_from_db()
    assert world.report.status == "returned"


@pytest.mark.parametrize("name,size,limit", [
    ("big.pdf", 2048, 1024),  # too large
    ("virus.exe", 10, 1024),  # type not accepted
    ("page.html", 10, 1024),
], ids=["too-large", "exe", "html"])
@pytest.mark.django_db
def test_bad_evidence_saves_no_report(client, world: World, settings, name: str, size: int, limit: int) -> None:
    settings.MAX_EVIDENCE_BYTES = limit
    client.force_login(world.reporter)
    reports, files = ProgressReport.objects.count(), Evidence.objects.count()
    response = _report(client, world, files=[SimpleUploadedFile("ok.pdf", b"%PDF-1.4"),
                                             SimpleUploadedFile(name, b"x" * size)])
    assert response.status_code == 200
    form = response.context["posted"]
    assert form.target == world.target and form.errors["evidence"]
    assert escape(str(form.errors["evidence"][0])) in response.content.decode()  # shown on the page
    assert ProgressReport.objects.count() == reports and Evidence.objects.count() == files


@pytest.mark.parametrize("field,value", [
    ("value", "很多"), ("as_of", "2022-12-31"), ("as_of", "2999-01-01"), ("value", ""),
], ids=["not-a-number", "before-the-year", "future", "no-value"])
@pytest.mark.django_db
def test_bad_report_saves_nothing(client, world: World, field: str, value: str) -> None:
    client.force_login(world.reporter)
    before = ProgressReport.objects.count()
    response = _report(client, world, **{field: value})
    assert response.status_code == 200
    form = response.context["posted"]
    assert form.target == world.target and form.errors[field]
    assert escape(str(form.errors[field][0])) in response.content.decode()  # shown on the page
    assert ProgressReport.objects.count() == before
    assert "已开工120个" in response.content.decode()  # the input is kept


@pytest.mark.django_db
def test_office_reports_for_a_department_and_leader_has_no_forms(client, world: World) -> None:
    client.force_login(world.office)
    assert _report(client, world).status_code == 302
    assert ProgressReport.objects.latest("created").department is None
    client.force_login(world.leader)
    page = client.get(reverse("web:department", args=[world.industry.pk]))
    assert page.status_code == 200
    assert page.context["may_report"] is False
    assert "<form method=\"post\" enctype" not in page.content.decode()


@pytest.mark.django_db
def test_me_redirects_a_reporter(client, world: World) -> None:
    client.force_login(world.reporter)
    assert client.get(reverse("web:me"))["Location"] == reverse("web:department", args=[world.industry.pk])
    client.force_login(world.leader)
    assert client.get(reverse("web:me"))["Location"] == reverse("web:home")



@pytest.mark.django_db
def test_qualitative_target_needs_a_status_to_accept(client, world: World) -> None:
    from luoshi.core.models import Target

    Target.objects.filter(pk=world.target.pk).update(qualitative=True)
    client.force_login(world.office)
    url = reverse("web:review", args=[world.report.pk])
    response = client.post(url, {"action": "accept"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    world.report.refresh_from_db()
    assert world.report.status == "submitted"
    assert 'name="status"' in client.get(reverse("web:reviews")).content.decode()
    client.post(url, {"action": "accept", "status": S.DONE})
    assert Target.objects.get(pk=world.target.pk).reviewed_status == S.DONE
    page = client.get(reverse("web:dashboard", args=[world.plan.pk]), {"as_of": AS_OF})
    assert page.context["status"].counts[S.DONE] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("waiting", "page", "shown", "pages"), [
    (3, None, 3, 1),
    (50, None, 50, 1),
    (51, None, 50, 2),
    (51, "2", 1, 2),
    (51, "9", 1, 2),  # past the end: the last page
    (51, "x", 50, 2),  # not a number: the first page
], ids=["few", "one-full-page", "first-of-two", "second-of-two", "past-the-end", "not-a-number"])
def test_review_queue_pages_oldest_first(client, world: World, waiting: int, page: str | None, shown: int,
                                          pages: int) -> None:
    ProgressReport.objects.filter(status="submitted").delete()  # the fixture's own
    made = ProgressReport.objects.bulk_create(
        ProgressReport(target=world.target, department=world.industry, as_of=AS_OF, value=i, reporter=world.reporter)
        for i in range(waiting))
    client.force_login(world.office)
    response = client.get(reverse("web:reviews"), {"page": page} if page else {})
    assert response.status_code == 200
    listed = list(response.context["reports"])
    assert len(listed) == shown and response.context["page"].paginator.num_pages == pages
    ordered = sorted(made, key=lambda r: (r.created, r.pk))
    first = 0 if response.context["page"].number == 1 else 50
    assert [r.pk for r in listed] == [r.pk for r in ordered[first:first + shown]]
    assert f"({waiting})" in response.content.decode()
