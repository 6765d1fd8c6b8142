"""Schemathesis against the API's own OpenAPI document, in process (WSGI) on the test database
with the demo loaded, authenticated as the demo's office admin: for every operation, generated
requests (bounded, derandomised) and one known-good request never get a 500 and every response
matches its declared status and schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from luoshi.api.models import ApiToken
from luoshi.core.models import Department, Plan, ProgressReport, User
from luoshi.wsgi import application

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.fixture
def _same_connection() -> Iterator[None]:
    """Keep the test's database connection (and its transaction) through the WSGI requests, as
    Django's test client does: a real request would close it at its end."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(_same_connection: None) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def office_headers(demo: Plan) -> dict[str, str]:
    admin = User.objects.get(username="admin")
    return {"Authorization": f"Bearer {ApiToken.issue(admin, 'schemathesis')[1]}"}


def _demo_ids(demo: Plan) -> dict[str, int]:
    target = demo.targets.filter(reports__isnull=False).order_by("order").first()
    assert target is not None
    dept = Department.objects.get(government=demo.government, name="工业和信息化局")
    waiting = ProgressReport.objects.filter(target__plan=demo, status="submitted").order_by("pk").first()
    assert waiting is not None
    return {"plan_id": demo.pk, "target_id": target.pk, "department_id": dept.pk, "report_id": waiting.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("ids", ["generated", "demo"])
def test_api_conforms(api_schema: schemathesis.BaseSchema, demo: Plan, office_headers: dict[str, str],
                      mode: GenerationMode, ids: str) -> None:
    """Every operation, with generated path ids (mostly 404) or the demo's own (mostly 200), and
    generated query strings and bodies: valid ones (positive) or invalid ones (negative)."""
    known = _demo_ids(demo)
    operations = [op.ok() for op in api_schema.get_all_operations()]
    assert len(operations) == 10
    for op in operations:
        params = {k: v for k, v in known.items() if "{" + k + "}" in op.path} if ids == "demo" else None
        if mode == GenerationMode.NEGATIVE and params:
            params = None  # negative cases also break the path parameters

        @given(case=op.as_strategy(mode, path_parameters=params))
        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=office_headers, checks=CHECKS)

        run()


@pytest.mark.django_db
def test_known_good_requests_conform(api_schema: schemathesis.BaseSchema, demo: Plan,
                                     office_headers: dict[str, str]) -> None:
    """Random ids rarely exist: one request per operation on the demo's own objects."""
    ids = _demo_ids(demo)
    seen = set()
    for operation in api_schema.get_all_operations():
        op = operation.ok()
        params = {name: ids[name] for name in ids if "{" + name + "}" in op.path}
        body = None
        if op.method.upper() == "POST":
            body = ({"action": "accept"} if "review" in op.path
                    else {"as_of": "2023-06-30", "value": 12, "progress": "schemathesis"})
        kwargs = {"body": body} if body is not None else {}
        case = op.Case(path_parameters=params, **kwargs)
        response = case.call_and_validate(headers=office_headers, checks=CHECKS)
        assert response.status_code in (200, 201), (op.method, op.path, response.text[:300])
        seen.add((op.method.upper(), op.path))
    assert len(seen) == 10
