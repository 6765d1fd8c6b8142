"""Fixtures of the 督办 tests: the web tests' small government (``world``) and demo, with a
monthly cycle (每月5日前报送) and a leader in charge of each department."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from web.conftest import PASSWORD, World, _fast_passwords, demo, world  # noqa: F401

from luoshi.core.models import ProgressReport
from luoshi.supervision.models import Cycle


@pytest.fixture
def cycled(world: World) -> World:  # noqa: F811
    """``world`` with a monthly cycle due on the 5th, a reminder 3 days before and escalation
    10 days after; the leader is in charge of both departments; everyone has an email."""
    Cycle.objects.create(plan=world.plan, kind=Cycle.Kind.MONTHLY, day=5, remind_before=3, escalate_after=10)
    for dept in (world.industry, world.labour):
        dept.leader = world.leader
        dept.save()
    for u in (world.reporter, world.other_reporter, world.leader, world.office):
        u.email = f"{u.username}@example.com"
        u.save()
    submitted_on(world.report, date(2023, 7, 2))
    return world


def submitted_on(report: ProgressReport, day: date) -> None:
    """Date a report's submission (the clock of the tests is fixed, the database's is not)."""
    from django.utils import timezone

    ProgressReport.objects.filter(pk=report.pk).update(created=timezone.make_aware(datetime.combine(day, time(10))))
