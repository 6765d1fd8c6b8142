"""What several pages share: the as-of date of a plan's status."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.models import Plan


def clamp(plan: Plan, day: date) -> date:
    """A day inside the plan year (1 January – 31 December)."""
    return min(max(day, date(plan.year, 1, 1)), date(plan.year, 12, 31))


def default_as_of(plan: Plan) -> date:
    return clamp(plan, timezone.localdate())


def as_of_for(request: HttpRequest, plan: Plan) -> date:
    """``?as_of=YYYY-MM-DD``, else today; always inside the plan year."""
    raw = request.GET.get("as_of", "").strip()
    if raw:
        try:
            return clamp(plan, date.fromisoformat(raw))
        except ValueError:
            messages.warning(request, _("“%(value)s” is not a date (YYYY-MM-DD); showing today instead.")
                             % {"value": raw[:20]})
    return default_as_of(plan)
