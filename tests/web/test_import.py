"""Importing a report through the pages: upload → preview → edit → confirm, and the
failures that must change nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import CheckboxInput
from django.urls import reverse

from luoshi.core.models import Government, Node, Plan, Target, User

from .conftest import PASSWORD

BOSHAN = Path(__file__).resolve().parents[2] / "luoshi" / "examples" / "boshan_2023.txt"


@pytest.fixture
def office(db: None) -> User:
    gov = Government.objects.create(name="博山区")
    return User.objects.create_user("bangongshi", password=PASSWORD, government=gov, role=User.Role.OFFICE)


def _upload(client, data: bytes, name: str, **fields: Any):
    return client.post(reverse("web:import"), {"file": SimpleUploadedFile(name, data), "government": "博山区",
                                               "year": "2023", **fields})


def _staged() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT) / "staging"
    return list(root.iterdir()) if root.is_dir() else []


def _table(response) -> dict[str, Any]:
    """The preview's form data as a browser sends it back unchanged."""
    formset = response.context["formset"]
    data: dict[str, Any] = {f"form-{k}": v for k, v in formset.management_form.initial.items()}
    for form in formset.forms:
        for bf in form:
            value = bf.value()
            if isinstance(bf.field.widget, CheckboxInput):
                if value:
                    data[bf.html_name] = "on"
            elif value is not None:
                data[bf.html_name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


def _preview(client):
    response = _upload(client, BOSHAN.read_bytes(), BOSHAN.name)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return response["Location"], client.get(response["Location"])


@pytest.mark.django_db
def test_upload_preview_edit_confirm(client, office: User) -> None:
    client.force_login(office)
    assert client.get(reverse("web:import")).status_code == 200
    url, preview = _preview(client)
    assert preview.status_code == 200
    assert preview.context["target_count"] == 76
    assert len(preview.context["formset"].initial_forms) == 76
    assert Plan.objects.count() == 0  # nothing saved before the confirmation
    engine = preview.context["staged"].engine["targets"]

    data = _table(preview)
    data["form-2-DELETE"] = "on"  # drop the third target
    data["form-0-low"] = "170"  # fix the first target's value
    data["form-76-metric"] = "新增测试目标"  # add one under the first area
    data["form-76-low"] = "5"
    data["form-76-unit"] = "个"
    data["form-76-comparator"] = ">="
    data["form-76-place"] = "0"
    data["confirm"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["error"]
    plan = Plan.objects.get(government__name="博山区", year=2023)
    assert response["Location"] == reverse("web:dashboard", args=[plan.pk])

    expected = [(t["metric"], Decimal(str(t["low"]))) for i, t in enumerate(engine) if i != 2]
    expected[0] = (expected[0][0], Decimal("170"))
    expected.append(("新增测试目标", Decimal("5")))
    saved = [(t.metric, t.low) for t in Target.objects.filter(plan=plan).order_by("order")]
    assert saved == expected
    added = Target.objects.get(plan=plan, metric="新增测试目标")
    assert added.node is not None and added.node.kind == Node.Kind.AREA and added.comparator == ">="
    assert Target.objects.get(plan=plan, order=1).node.title == "全面提升传统产业"
    assert plan.source_file and plan.text and plan.created_by == office
    assert _staged() == []  # the preview's files are gone


@pytest.mark.django_db
def test_discard(client, office: User) -> None:
    client.force_login(office)
    url, _ = _preview(client)
    assert len(_staged()) == 1
    response = client.post(url, {"cancel": "1"})
    assert response.status_code == 302
    assert _staged() == [] and Plan.objects.count() == 0
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_binary_file_is_refused(client, office: User) -> None:
    client.force_login(office)
    response = _upload(client, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "scan.png")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Plan.objects.count() == 0 and _staged() == []


@pytest.mark.django_db
def test_file_too_large_is_refused(client, office: User, settings) -> None:
    settings.MAX_UPLOAD_BYTES = 1000
    client.force_login(office)
    response = _upload(client, BOSHAN.read_bytes(), BOSHAN.name)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert Plan.objects.count() == 0 and _staged() == []


@pytest.mark.django_db
def test_text_without_plan_is_refused(client, office: User) -> None:
    client.force_login(office)
    response = _upload(client, "今天天气很好。".encode(), "note.txt")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert _staged() == []


@pytest.mark.django_db
def test_other_government_is_refused(client, office: User) -> None:
    client.force_login(office)
    response = _upload(client, BOSHAN.read_bytes(), BOSHAN.name, government="淄川区")
    assert response.status_code == 200 and response.context["form"].errors["government"]
    assert not Government.objects.filter(name="淄川区").exists() and _staged() == []


@pytest.mark.parametrize("field,value", [
    ("low", "一百六十"),  # not a number
    ("low", "1e400"),  # out of range
    ("deadline", "2022-12-31"),  # before the plan year
    ("deadline", "2023-02-30"),  # not a date
    ("metric", ""),  # empty
], ids=["not-a-number", "out-of-range", "deadline-before-year", "bad-date", "empty-metric"])
@pytest.mark.django_db
def test_bad_row_saves_nothing(client, office: User, field: str, value: str) -> None:
    client.force_login(office)
    url, preview = _preview(client)
    data = _table(preview) | {f"form-5-{field}": value, "confirm": "1"}
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["formset"].forms[5]
    assert form.errors, form
    assert all(not f.errors for i, f in enumerate(response.context["formset"].forms) if i != 5)
    assert Plan.objects.count() == 0 and Target.objects.count() == 0
    assert len(_staged()) == 1  # the preview stays, to be corrected
    data[f"form-5-{field}"] = preview.context["formset"].forms[5].initial[field]
    if hasattr(data[f"form-5-{field}"], "isoformat"):
        data[f"form-5-{field}"] = data[f"form-5-{field}"].isoformat()
    assert client.post(url, data).status_code == 302  # corrected, it goes through
    assert Target.objects.count() == 76


@pytest.mark.django_db
def test_existing_plan_is_refused(client, office: User) -> None:
    client.force_login(office)
    url, preview = _preview(client)
    data = _table(preview) | {"confirm": "1"}
    url2, preview2 = _preview(client)
    assert client.post(url, data).status_code == 302
    response = client.post(url2, _table(preview2) | {"confirm": "1"})
    assert response.status_code == 200 and response.context["error"]
    assert Plan.objects.count() == 1 and Target.objects.count() == 76
    again = _upload(client, BOSHAN.read_bytes(), BOSHAN.name)
    assert again.status_code == 200 and again.context["form"].non_field_errors()


@pytest.mark.django_db
def test_a_text_over_the_budget_is_refused_with_the_way_out(client, office, settings) -> None:
    settings.MAX_REPORT_CHARS = 2000  # the 博山区 report has some 3,000
    client.login(username="bangongshi", password=PASSWORD)
    response = _upload(client, BOSHAN.read_bytes(), BOSHAN.name)
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["file"])
    assert "2,000" in error and "luoshi import" in error
    assert _staged() == [] and not Plan.objects.exists()


@pytest.mark.django_db
def test_an_upload_when_every_reading_slot_is_taken_is_a_503_to_retry(client, office, settings, tmp_path) -> None:
    """The slots are lock files that every process of the server shares: while another process
    holds the only one (reads a report), an upload is refused at once with Retry-After, and
    taken once the slot is free."""
    import subprocess
    import sys

    settings.MAX_EXTRACTIONS, settings.EXTRACTION_LOCK_DIR = 1, tmp_path / "locks"
    (tmp_path / "locks").mkdir()
    client.login(username="bangongshi", password=PASSWORD)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys; f = open(sys.argv[1], 'a+b'); fcntl.flock(f, fcntl.LOCK_EX); "
         "print('held', flush=True); sys.stdin.read()", str(tmp_path / "locks" / "extraction-0.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        response = _upload(client, BOSHAN.read_bytes(), BOSHAN.name)
        assert response.status_code == 503 and response["Retry-After"] == "10"
        errors = str(response.context["form"].non_field_errors())
        assert "few seconds" in errors or "几秒" in errors, errors
        assert _staged() == []
    finally:
        holder.communicate("", timeout=10)  # the holder ends: the system releases its lock
    assert _upload(client, BOSHAN.read_bytes(), BOSHAN.name).status_code == 302
