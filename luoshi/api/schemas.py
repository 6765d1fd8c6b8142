"""The API's request and response bodies. Figures are JSON numbers; dates are ISO 8601."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import field_validator


class Error(Schema):
    """Every refusal: 400 (a body that is not JSON), 401 (no or bad token), 403 (not allowed), 404 (no such object, or one of
    another government), 409 (a report reviewed already), 422 (invalid input, or refused by the business rules)."""

    detail: str
    errors: list[dict[str, Any]] | None = None


class DepartmentRef(Schema):
    id: int
    name: str


class DepartmentOut(Schema):
    id: int
    government_id: int
    name: str
    order: int


class PlanOut(Schema):
    id: int
    government_id: int
    government: str
    year: int
    title: str
    published: bool
    demo: bool


class StatusCounts(Schema):
    done: int
    ahead: int
    on_track: int
    behind: int
    overdue: int
    not_reported: int
    closed: int


class PlanDetail(PlanOut):
    as_of: date
    targets: int
    counts: StatusCounts
    completion: float | None = Field(description="weighted completion of the plan in percent")


class NodeOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    target_ids: list[int]
    children: list[NodeOut]


NodeOut.model_rebuild()


class TreeOut(Schema):
    plan_id: int
    nodes: list[NodeOut]
    unplaced_target_ids: list[int] = Field(description="targets attached to no node")


class TargetOut(Schema):
    id: int
    plan_id: int
    node_id: int | None
    order: int
    metric: str
    low: float | None
    high: float | None
    unit: str
    comparator: str
    aspirational: bool
    deadline: date
    quantity: str
    text: str
    baseline: float | None
    weight: float
    qualitative: bool
    version: int
    as_of: date = Field(description="the day the status is computed for")
    status: str = Field(description="done, ahead, on_track, behind, overdue, not_reported or closed (已销号)")
    status_label: str
    completion: float | None = Field(description="percent; none without an accepted report")
    elapsed: float = Field(description="序时进度: share of the period elapsed, 0–1")
    value: float | None = Field(description="the value of the latest accepted report")
    value_as_of: date | None
    closed_on: date | None = Field(description="销号: the day the office approved the target's closure")
    lead: list[DepartmentRef]
    support: list[DepartmentRef]


class ReportOut(Schema):
    id: int
    target_id: int
    department: DepartmentRef | None
    as_of: date
    value: float | None
    progress: str
    problems: str
    next_steps: str
    reporter: str | None
    status: str = Field(description="submitted, accepted or returned")
    reason: str
    created: datetime
    reviewed: datetime | None


class ReportIn(Schema):
    as_of: date = Field(description="the day the figure was reached, inside the plan period and not in the future")
    value: float | None = Field(None, description="required for a quantified target")
    progress: str = Field("", max_length=10000)
    problems: str = Field("", max_length=10000)
    next_steps: str = Field("", max_length=10000)

    @field_validator("progress", "problems", "next_steps")
    @classmethod
    def _no_nul(cls, text: str) -> str:
        if "\x00" in text:  # PostgreSQL refuses NUL characters in text
            raise ValueError("NUL characters are not allowed")
        return text


class ReviewIn(Schema):
    action: Literal["accept", "return"] = Field(description="accept: the figure counts; return: back to the department")
    reason: str = Field("", max_length=2000, description="why the report is returned (required to return)")
    status: str = Field("", max_length=20, description="accepting a report on a qualitative target: the target's "
                        "status (done, ahead, on_track, behind, overdue)")

    @field_validator("reason", "status")
    @classmethod
    def _no_nul(cls, text: str) -> str:
        return ReportIn._no_nul(text)
