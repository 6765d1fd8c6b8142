"""销号: a department asks to close a target that is done — its final value, how it was done,
and evidence — and the office approves it (the target is 已销号 from that day: it leaves the
lagging lists and is chased no more) or returns it with a reason (the department may ask
again). One request waits at a time per target (a unique constraint); every step is kept in
the history tables, as reports are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..core.models import ProgressReport, Target, User
from ..core.services import Conflict, Forbidden, ServiceError, save_as
from ..core.services.assignment import heavy
from ..core.services.imports import decimal
from ..core.services.progress import can_report, can_review, check_evidence
from .models import ClosureEvidence, ClosureRequest


@transaction.atomic
def request_closure(target: Target, *, user: User, final_value: Any = None, summary: str = "",
                    evidence: list[UploadedFile] | None = None, on: date | None = None) -> ClosureRequest:
    """A department's (or the office's) request to close ``target``, as of ``on`` (today)."""
    target = Target.objects.select_for_update().select_related("plan").defer(*heavy()).get(pk=target.pk)
    if not can_report(user, target):
        raise Forbidden("you may not ask to close this target")
    if target.closed_on is not None:
        raise Conflict(f"this target was closed (已销号) on {target.closed_on}")
    value = decimal(final_value, "final value")
    if value is None and not target.qualitative:
        raise ServiceError("final value: a figure is required to close a quantified target")
    if not summary.strip():
        raise ServiceError("how it was done (完成情况): required")
    files = list(evidence or [])
    if not files:
        raise ServiceError("evidence: attach at least one file (佐证材料)")
    check_evidence(files)
    req = ClosureRequest(
        target=target, department_id=user.department_id if user.role == User.Role.REPORTER else None,
        requested_by=user, requested_on=on or timezone.localdate(), final_value=value, summary=summary.strip())
    try:
        with transaction.atomic():
            save_as(req, user, "closure requested")
    except IntegrityError:
        raise Conflict("a request to close this target is already waiting for the office") from None
    for f in files:
        ClosureEvidence.objects.create(request=req, file=f, name=(f.name or "")[:255], size=f.size or 0)
    return req


@transaction.atomic
def review_closure(req: ClosureRequest, *, user: User, approve: bool, reason: str = "",
                   on: date | None = None) -> ClosureRequest:
    """The office approves (the target is closed on ``on``, today by default, moved into the
    plan's year, and the final value counts as an accepted report of that day) or returns the
    request with a reason."""
    req = ClosureRequest.objects.select_for_update().select_related("target__plan").defer(
        *heavy("target__plan")).get(pk=req.pk)
    target = req.target
    if not can_review(user, target):
        raise Forbidden("only the office can close targets")
    if req.status != ClosureRequest.Status.PENDING:
        raise Conflict(f"this request was already {req.get_status_display()}")
    if not approve and not reason.strip():
        raise ServiceError("a returned request needs a reason")
    # the day it counts from, inside the plan's year (or up to the target's later deadline): a
    # closure approved in January for last year's target is closed as of that year's end
    year = target.plan.year
    day = min(max(on or timezone.localdate(), date(year, 1, 1)), max(target.deadline, date(year, 12, 31)))
    req.reviewer, req.reviewed, req.reason = user, timezone.now(), reason.strip()
    if approve:
        locked = Target.objects.select_for_update().get(pk=target.pk)
        locked.closed_on = day
        save_as(locked, user, "closed (销号)")
        if req.final_value is not None:
            as_of = day
            save_as(ProgressReport(
                target=target, department=req.department, as_of=as_of, value=req.final_value,
                progress=f"销号：{req.summary}", reporter=req.requested_by, status=ProgressReport.Status.ACCEPTED,
                reviewer=user, reviewed=req.reviewed), user, "final value of the closure (销号)")
        req.status = ClosureRequest.Status.APPROVED
    else:
        req.status = ClosureRequest.Status.RETURNED
    save_as(req, user, "approved" if approve else "returned")
    return req


def pending_for(target: Target) -> ClosureRequest | None:
    return ClosureRequest.objects.filter(target=target, status=ClosureRequest.Status.PENDING).first()
