"""Progress: a department reports a figure once, the office accepts or returns it; the
office edits a target with a conflict check (two people saving the same target at once)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from .. import status as S
from ..models import Evidence, LogEntry, ProgressReport, Target, User
from . import Conflict, Forbidden, ServiceError, save_as
from .assignment import departments_of, heavy
from .imports import clean_target, decimal, flag

EDITABLE = ("metric", "low", "high", "unit", "comparator", "aspirational", "deadline", "baseline", "weight",
            "qualitative")


def can_report(user: User, target: Target) -> bool:
    """Office admins of the government, and reporters of a department assigned to the target."""
    if user.is_superuser:
        return True
    if user.government_id != target.plan.government_id:
        return False
    if user.role == User.Role.OFFICE:
        return True
    if user.role == User.Role.REPORTER and user.department_id:
        d = departments_of(target)
        return any(dep.id == user.department_id for dep in d["lead"] + d["support"])
    return False


def can_review(user: User, target: Target) -> bool:
    return user.is_superuser or (user.role == User.Role.OFFICE and user.government_id == target.plan.government_id)


def can_view(user: User, target: Target) -> bool:
    """Leaders and the office see the whole government; reporters only their department's targets."""
    if user.is_superuser:
        return True
    if user.government_id != target.plan.government_id:
        return False
    if user.role == User.Role.REPORTER:
        return can_report(user, target)
    return True


def check_evidence(files: list[UploadedFile]) -> None:
    for f in files:
        name = f.name or ""
        if f.size is not None and f.size > settings.MAX_EVIDENCE_BYTES:
            raise ServiceError(f"evidence “{name}” is too large ({f.size / 1e6:.1f} MB; "
                               f"limit {settings.MAX_EVIDENCE_BYTES / 1e6:.0f} MB)")
        if not name.lower().endswith(settings.EVIDENCE_EXTENSIONS):
            raise ServiceError(f"evidence “{name}”: file type not allowed "
                               f"({', '.join(settings.EVIDENCE_EXTENSIONS)})")


@transaction.atomic
def submit_report(
    target: Target, *, user: User, as_of: date, value: Any = None, progress: str = "", problems: str = "",
    next_steps: str = "", evidence: list[UploadedFile] | None = None, demo: bool = False,
) -> ProgressReport:
    """A department's report on one target, as of a date inside the plan period."""
    if not can_report(user, target):
        raise Forbidden("you may not report on this target")
    year = target.plan.year
    if target.closed_on is not None:
        raise ServiceError(f"this target was closed (已销号) on {target.closed_on}: it takes no more reports")
    if not (date(year, 1, 1) <= as_of <= max(target.deadline, date(year, 12, 31))):
        raise ServiceError(f"as-of date {as_of} is outside the plan period ({year}-01-01 – {target.deadline})")
    if as_of > timezone.localdate() and not demo:
        raise ServiceError(f"as-of date {as_of} is in the future")
    v = decimal(value)
    if v is None and not target.qualitative:
        raise ServiceError("value: a figure is required for a quantified target")
    files = list(evidence or [])
    check_evidence(files)
    dept = user.department_id if user.role == User.Role.REPORTER else None
    report = ProgressReport(
        target=target, department_id=dept, as_of=as_of, value=v, progress=progress, problems=problems,
        next_steps=next_steps, reporter=user, demo=demo,
    )
    save_as(report, user, "submitted")
    for f in files:
        Evidence.objects.create(report=report, file=f, name=(f.name or "")[:255], size=f.size or 0)
    return report


@transaction.atomic
def review_report(report: ProgressReport, *, user: User, accept: bool, reason: str = "",
                  status: str = "") -> ProgressReport:
    """The office accepts a report (its value counts) or returns it with a reason. Accepting a
    report on a qualitative target sets the target's status (``status``: one of
    ``luoshi.core.status.REVIEWABLE``), which is all such a target has."""
    report = (ProgressReport.objects.select_for_update().select_related("target__plan")
              .defer(*heavy("target__plan")).get(pk=report.pk))
    if not can_review(user, report.target):
        raise Forbidden("only the office can review reports")
    if report.status != ProgressReport.Status.SUBMITTED:
        raise Conflict(f"this report was already {report.get_status_display()}")
    if not accept and not reason.strip():
        raise ServiceError("a returned report needs a reason")
    if accept and report.target.qualitative:
        if status not in S.REVIEWABLE:
            raise ServiceError(f"a qualitative target needs its status ({', '.join(S.REVIEWABLE)})")
        target = Target.objects.select_for_update().get(pk=report.target_id)
        target.reviewed_status = status
        save_as(target, user, "status set by the reviewer")
    report.status = ProgressReport.Status.ACCEPTED if accept else ProgressReport.Status.RETURNED
    report.reviewer, report.reviewed, report.reason = user, timezone.now(), reason.strip()
    save_as(report, user, "accepted" if accept else "returned")
    return report


class _Stale(Exception):
    def __init__(self, current: int) -> None:
        self.current = current


def update_target(target: Target, *, user: User, version: int, changes: dict[str, Any]) -> Target:
    """Edit a target's fields. ``version`` is the version the user loaded: if someone saved in
    between, nothing changes, the attempt is logged (``LogEntry`` "target.update.conflict",
    kept although the edit is refused), and ``Conflict`` tells the user."""
    try:
        version = int(version)
    except (TypeError, ValueError) as exc:
        raise ServiceError(f"version: “{version}”") from exc
    try:
        return _update_target(target, user=user, version=version, changes=changes)
    except _Stale as stale:
        LogEntry.objects.create(user=user, action="target.update.conflict", target_id=target.pk,
                                data={"loaded_version": version, "current_version": stale.current,
                                      "changes": {k: str(v) for k, v in changes.items()}})
        raise Conflict("this target was changed by someone else since you opened it; reload and try again") from None


@transaction.atomic
def _update_target(target: Target, *, user: User, version: int, changes: dict[str, Any]) -> Target:
    locked = Target.objects.select_for_update().select_related("plan").defer(*heavy()).get(
        pk=target.pk)
    if not can_review(user, locked):
        raise Forbidden("only the office can edit targets")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ServiceError(f"fields not editable: {', '.join(sorted(unknown))}")
    if locked.version != version:
        raise _Stale(locked.version)
    row = {f: getattr(locked, f) for f in EDITABLE} | changes
    if "low" in changes and "high" not in changes and locked.low == locked.high:
        row["high"] = changes["low"]  # a single figure stays a single figure
    cleaned = clean_target(row, locked.plan.year)
    for f in ("metric", "low", "high", "unit", "comparator", "aspirational", "deadline"):
        setattr(locked, f, cleaned[f])
    locked.baseline = decimal(row.get("baseline"), "baseline")
    weight = decimal(row.get("weight"), "weight")
    if weight is None or weight <= 0:
        raise ServiceError("weight must be a positive number")
    locked.weight = weight
    locked.qualitative = flag(row.get("qualitative"))
    locked.edited = True
    locked.version += 1
    save_as(locked, user, "edited")
    return locked
