"""The office's 催办 page of a plan (its cycle, each department's 报送率 and on-time rate, the
notices sent and whether they were answered, a button to send what is due), and everyone's
inbox with its read state."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ...core.models import Plan, ProgressReport, User
from ...web import access
from ...web.views.common import as_of_for
from .. import cycles as C
from ..forms import CycleForm
from ..models import Cycle, Notice, NoticeRead
from ..remind import inbox as inbox_of
from ..remind import remind
from ..reporting import lines, rates, rules_of

PER_PAGE = 50


def answers(plan: Plan, notices: list[Notice]) -> dict[int, date]:
    """When each notice was answered: the first submission of a report on its target and
    period (a returned one does not count)."""
    own, by_target = rules_of(plan)
    windows: dict[int, C.Period] = {}
    for n in notices:
        rule = by_target.get(n.target_id) or own
        if rule is None:
            continue
        found = next((p for p in C.periods(rule, plan.year) if p.key == n.period), None)
        if found is not None:
            windows[n.pk] = found
    first: dict[tuple[int, str], date] = {}
    by_target_reports: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for target_id, day, created in (ProgressReport.objects.filter(target__in={n.target_id for n in notices})
                                    .exclude(status=ProgressReport.Status.RETURNED)
                                    .values_list("target_id", "as_of", "created")):
        by_target_reports[target_id].append((day, timezone.localdate(created)))
    out = {}
    for n in notices:
        p = windows.get(n.pk)
        if p is None:
            continue
        key = (n.target_id, n.period)
        if key not in first:
            days = [created for day, created in by_target_reports.get(n.target_id, []) if p.holds(day)]
            if days:
                first[key] = min(days)
        if key in first:
            out[n.pk] = first[key]
    return out


@login_required
def plan_notices(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.plan_for(request.user, pk)  # type: ignore[arg-type]
    office = access.is_office(request.user, plan.government_id)  # type: ignore[arg-type]
    as_of = as_of_for(request, plan)
    cycle = Cycle.objects.filter(plan=plan, target__isnull=True).first()
    form = CycleForm(instance=cycle) if office else None
    if request.method == "POST":
        if not office:
            raise PermissionDenied
        if request.POST.get("action") == "remind":
            result = remind(as_of, plans=[plan], user=request.user)  # type: ignore[arg-type]
            messages.success(request, _("%(count)s new notices sent as of %(date)s (%(already)s sent before).")
                             % {"count": result.count, "date": as_of.isoformat(), "already": result.already})
            return redirect(f"{request.path}?as_of={as_of.isoformat()}")
        form = CycleForm(request.POST, instance=cycle or Cycle(plan=plan))
        if form.is_valid():
            try:
                form.save()
            except IntegrityError:  # another office user made the plan's cycle meanwhile
                messages.error(request, _("The cycle was changed by someone else; reload and try again."))
            else:
                messages.success(request, _("Reporting cycle saved."))
            return redirect(f"{request.path}?as_of={as_of.isoformat()}")
    found = lines(plan, as_of)
    notices = (Notice.objects.filter(plan=plan, sent_on__lte=as_of)
               .select_related("department", "target", "leader", "sent_by"))
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    answered = answers(plan, shown)
    own, overrides = rules_of(plan)
    return render(request, "supervision/notices.html", {
        "plan": plan, "as_of": as_of, "office": office, "form": form, "rule": own, "overrides": len(overrides),
        "rates": rates(found), "page": page, "tab": "notices",
        "notices": [(n, C.label_of(n.period), answered.get(n.pk)) for n in shown],
    })


def _inbox(user: User) -> Any:
    return Notice.objects.filter(inbox_of(user))


def unread_count(user: User) -> int:
    if not user.is_authenticated or not (user.department_id or user.role == User.Role.LEADER):
        return 0
    return _inbox(user).exclude(reads__user=user).count()


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    notices = _inbox(user).select_related("plan__government", "department", "target")
    page = Paginator(notices, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    read = set(NoticeRead.objects.filter(user=user, notice__in=shown).values_list("notice_id", flat=True))
    return render(request, "supervision/inbox.html", {
        "page": page, "unread": unread_count(user),
        "notices": [(n, C.label_of(n.period), n.pk in read) for n in shown],
    })


@login_required
def notice(request: HttpRequest, pk: int) -> HttpResponse:
    """One notice; opening it from one's inbox marks it read."""
    user: User = request.user  # type: ignore[assignment]
    n = (Notice.objects.filter(pk=pk).select_related("plan__government", "department", "target", "leader")
         .first())
    if n is None:
        raise Http404("no such notice")
    mine = _inbox(user).filter(pk=pk).exists()
    if not mine and not (access.is_office(user, n.plan.government_id) or (
            user.role == User.Role.LEADER and user.government_id == n.plan.government_id)):
        raise Http404("no such notice")
    if mine:
        NoticeRead.objects.get_or_create(notice=n, user=user)
    return render(request, "supervision/notice.html", {
        "n": n, "label": C.label_of(n.period), "mine": mine,
        "may_report": user.department_id == n.department_id,
    })


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    unread = _inbox(user).exclude(reads__user=user).values_list("pk", flat=True)
    NoticeRead.objects.bulk_create([NoticeRead(notice_id=pk, user=user) for pk in unread], ignore_conflicts=True)
    return redirect("supervision:inbox")
